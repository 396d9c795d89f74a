"""`python -m benchmarks [name ...]`: run every benchmark (or the named ones), print tables."""

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

import benchmarks
from benchmarks import BenchmarkError
from benchmarks.report import format_table

PREFIX = "bench_"


def benchmark_names() -> list[str]:
    """Every benchmark in the package: the modules named bench_<name>.py."""
    modules = pkgutil.iter_modules(benchmarks.__path__)
    return sorted(m.name.removeprefix(PREFIX) for m in modules if m.name.startswith(PREFIX))


def benchmark_run(name: str) -> bool:
    """Run one benchmark and print its table, or why it has none; True when it succeeded."""
    print(f"Running {name} ...", file=sys.stderr, flush=True)
    module = importlib.import_module(f"benchmarks.{PREFIX}{name}")
    busy_before = _cpu_busy_share()
    try:
        report = module.run()
    except BenchmarkError as error:
        print(f"\n{name}: FAILED\n{error}\n", flush=True)
        return False
    report.notes.append(_machine_note(busy_before))
    print(f"\n{format_table(report)}\n", flush=True)
    return True


def _cpu_busy_share(seconds: float = 1.0) -> float:
    # Sampled just before the run: the load average would still count the previous run.
    first = _cpu_times()
    time.sleep(seconds)
    second = _cpu_times()
    total = second[0] - first[0]
    return 1 - (second[1] - first[1]) / total if total else 0.0


def _cpu_times() -> tuple[int, int]:
    # The first line of /proc/stat: jiffies per state summed over CPUs; idle and iowait are idle.
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values), values[3] + values[4]


def _machine_note(busy_before: float) -> str:
    # Other work on a 2-core machine moves absolute figures far more than ratios.
    return (
        f"Machine: {os.cpu_count()} CPUs, {busy_before:.0%} busy just before the run "
        "(more than a few % means something else was running: trust ratios over req/s)."
    )


def main(requested: list[str]) -> int:
    """Run the requested benchmarks (all when none is named); the exit status says if all passed."""
    available = benchmark_names()
    unknown = sorted(set(requested) - set(available))
    if unknown:
        print(f"No benchmark called {', '.join(unknown)}; there are: {', '.join(available)}")
        return 2
    try:
        results = [benchmark_run(name) for name in requested or available]
    except KeyboardInterrupt:
        print("\nInterrupted; any server the benchmark started has been stopped.", file=sys.stderr)
        return 130
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
