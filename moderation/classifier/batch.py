"""The batch interface behind `manage.py moderation_classify`: JSON Lines in, one
JSON object per input line out, through the same `assess` as the live pipeline."""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

BATCH_SIZE = 32


@dataclass(frozen=True)
class Record:
    """One usable input line."""

    number: int
    id: object
    text: str


@dataclass(frozen=True)
class LineError:
    """One unusable input line, with a message a person can act on."""

    number: int
    message: str

    def __str__(self) -> str:
        return f"line {self.number}: {self.message}"


def line_parse(number: int, line: str) -> Record | LineError:
    """Read one input line: an object with at least an "id" and a string "text"."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return LineError(number, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(data, dict):
        return LineError(number, "expected a JSON object")
    if "id" not in data:
        return LineError(number, 'missing "id"')
    if not isinstance(data.get("text"), str):
        return LineError(number, '"text" must be a string')
    return Record(number, data["id"], data["text"])


def handles_read(lines: Iterable[str]) -> list[str]:
    """Forum handles, one a line; blank lines skipped, a leading "@" allowed."""
    return [line.strip().lstrip("@") for line in lines if line.strip()]


def classify_lines(
    lines: Iterable[str],
    assess_batch: Callable[[list[str]], list],
    *,
    on_error: Callable[[LineError], None],
    batch_size: int = BATCH_SIZE,
) -> Iterator[dict]:
    """Yield one output object per good line, in input order; report bad lines to
    on_error and carry on. Blank lines are skipped silently."""
    pending: list[Record] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parsed = line_parse(number, line)
        if isinstance(parsed, LineError):
            on_error(parsed)
            continue
        pending.append(parsed)
        if len(pending) == batch_size:
            yield from _batch_output(pending, assess_batch)
            pending = []
    yield from _batch_output(pending, assess_batch)


def _batch_output(records: list[Record], assess_batch) -> Iterator[dict]:
    if not records:
        return
    assessments = assess_batch([record.text for record in records])
    for record, assessment in zip(records, assessments, strict=True):
        yield {"id": record.id, **assessment.as_dict()}
