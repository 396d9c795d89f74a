"""Prometheus's text exposition format (version 0.0.4), written out by hand."""

from dataclasses import dataclass, field

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@dataclass
class Metric:
    name: str
    help: str
    kind: str = "gauge"
    samples: list[tuple[dict, float]] = field(default_factory=list)

    def add(self, value: float, **labels) -> "Metric":
        self.samples.append((labels, value))
        return self


def _escape(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    return (
        repr(float(value))
        if isinstance(value, float) and not value.is_integer()
        else str(int(value))
    )


def render(metrics: list[Metric]) -> str:
    lines = []
    for metric in metrics:
        lines += [f"# HELP {metric.name} {metric.help}", f"# TYPE {metric.name} {metric.kind}"]
        for labels, value in metric.samples:
            inner = ",".join(f'{key}="{_escape(val)}"' for key, val in labels.items())
            lines.append(f"{metric.name}{{{inner}}} {_number(value)}" if inner else
                         f"{metric.name} {_number(value)}")  # fmt: skip
    return "\n".join(lines) + "\n"
