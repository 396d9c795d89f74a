"""The labelled corpus in moderation/data/: reading it, checking it, and the check
that the held-out test split does not repeat the training split."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moderation.classifier.labels import LABELS, SAFE

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TRAIN, VALIDATION, TEST = "train.jsonl", "validation.jsonl", "test.jsonl"
# A held-out example this close to a training one measures memory, not skill.
NEAR_DUPLICATE = 0.9


class CorpusError(ValueError):
    """A corpus file is missing or has a malformed line (the message says which)."""


@dataclass(frozen=True)
class Example:
    """One labelled text."""

    id: str
    text: str
    labels: tuple[str, ...]
    note: str = ""


def _example_from(line: str, number: int, path: Path) -> Example:
    where = f"{path.name} line {number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{where}: not valid JSON ({error.msg})") from error
    if not isinstance(data, dict) or not isinstance(data.get("text"), str) or "id" not in data:
        raise CorpusError(f"{where}: needs an object with an id and a text")
    labels = data.get("labels")
    if not isinstance(labels, list) or not labels:
        raise CorpusError(f"{where}: labels must be a non-empty list")
    unknown = set(labels) - set(LABELS)
    if unknown:
        raise CorpusError(f"{where}: unknown labels {sorted(unknown)}")
    if SAFE in labels and len(labels) > 1:
        raise CorpusError(f"{where}: 'safe' cannot be combined with risk labels")
    return Example(str(data["id"]), data["text"], tuple(labels), str(data.get("note") or ""))


def corpus_read(path: Path | str) -> list[Example]:
    """Read a JSON Lines corpus file; raises CorpusError naming the first bad line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CorpusError(f"cannot read {path}: {error}") from error
    examples = [_example_from(line, n, path) for n, line in enumerate(lines, 1) if line.strip()]
    seen: set[str] = set()
    for example in examples:
        if example.id in seen:
            raise CorpusError(f"{path.name}: id {example.id!r} appears twice")
        seen.add(example.id)
    return examples


def corpus_digest(*paths: Path | str) -> str:
    """sha256 over the files' bytes: which corpus a head was trained on."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def label_counts(examples: list[Example]) -> dict[str, int]:
    """How many examples carry each label."""
    return {label: sum(label in e.labels for e in examples) for label in LABELS}


def targets_matrix(examples: list[Example], labels=LABELS) -> np.ndarray:
    """0/1 matrix, one row per example and one column per label."""
    return np.array([[label in e.labels for label in labels] for e in examples], dtype=np.int8)


def near_duplicates(
    held_out: np.ndarray, training: np.ndarray, *, limit: float = NEAR_DUPLICATE
) -> list[tuple[int, int, float]]:
    """Pairs (held-out index, training index, cosine) with similarity above limit.

    Both arrays hold unit vectors, so the dot product is the cosine. Each held-out
    example is reported once, with its closest training example.
    """
    similarity = held_out @ training.T
    closest = similarity.argmax(axis=1)
    best = similarity[np.arange(len(held_out)), closest]
    return [(i, int(closest[i]), float(best[i])) for i in np.flatnonzero(best > limit)]


def corpus_overlap(test: list[Example], train: list[Example], embed) -> list[tuple]:
    """The corpus check: (test id, train id, cosine) for every test example closer
    than NEAR_DUPLICATE to a training example. embed: texts -> unit vectors."""
    pairs = near_duplicates(embed([e.text for e in test]), embed([e.text for e in train]))
    return [(test[i].id, train[j].id, round(sim, 4)) for i, j, sim in pairs]
