"""The trained head: one logistic regression per label over the sentence embeddings.

Training is deterministic: Newton's method on an L2-regularised, class-balanced
log loss (strictly convex, so one optimum whatever the starting point), a fixed
number of iterations, no random numbers, and weights rounded before they are saved.
The same corpus gives a byte-identical head file.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from moderation.classifier.features import EMBEDDING_ONLY, Recipe
from moderation.classifier.labels import LABELS, SAFE

FORMAT = 1
HEAD_PATH = Path(__file__).with_name("head.json")
# Six decimals: far below what changes a decision, and stable under the tiny float
# differences between machines.
DECIMALS = 6
NEWTON_STEPS = 30
CONVERGED = 1e-10


class HeadUnavailable(Exception):
    """The head file is missing or unreadable."""


@dataclass(frozen=True)
class Head:
    """Weights, biases and default thresholds for each label, their version, and the
    recipe of the features the weights read."""

    version: str
    labels: tuple[str, ...]
    weights: np.ndarray  # (labels, dimensions)
    bias: np.ndarray  # (labels,)
    thresholds: dict[str, float]
    training: dict = field(default_factory=dict)
    recipe: Recipe = EMBEDDING_ONLY

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Probability of each label for each feature row: shape (rows, labels)."""
        return _sigmoid(vectors.astype(np.float64) @ self.weights.T + self.bias)

    def scores_by_text(
        self, vectors: np.ndarray, owners: np.ndarray, count: int, lexical=None
    ) -> np.ndarray:
        """Scores per text from scores per window: the highest window wins, so risk
        in one paragraph of a long post is not averaged away. lexical: the recipe's
        lexical rows, one per text, read beside each of its windows."""
        if lexical is not None and lexical.shape[1]:
            vectors = np.hstack([vectors, lexical[owners]])
        per_window = self.scores(vectors)
        result = np.zeros((count, len(self.labels)))
        np.maximum.at(result, owners, per_window)
        return result


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _balanced_weights(y: np.ndarray) -> np.ndarray:
    """Each class weighs half the total, so a rare risk label is not drowned out."""
    positives = max(int(y.sum()), 1)
    negatives = max(len(y) - positives, 1)
    return np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * negatives))


def _loss(x, y, s, w, l2) -> float:
    p = np.clip(_sigmoid(x @ w), 1e-12, 1 - 1e-12)
    data = -np.mean(s * (y * np.log(p) + (1 - y) * np.log(1 - p)))
    return float(data + 0.5 * l2 * np.dot(w[:-1], w[:-1]))


def _fit_one(x: np.ndarray, y: np.ndarray, l2: float, extra: np.ndarray, kernel=None):
    """Newton's method with step halving; x has a trailing column of ones (the bias,
    which is not regularised). extra: per-row factors on the class-balanced weights.
    kernel: x's Gram matrix without the bias column, given when a step costs less
    solved in the examples' space than in the features'."""
    n, d = x.shape
    s = _balanced_weights(y) * extra
    ridge = np.full(d, l2)
    ridge[-1] = 0.0
    w = np.zeros(d)
    for _ in range(NEWTON_STEPS):
        p = _sigmoid(x @ w)
        gradient = x.T @ (s * (p - y)) / n + ridge * w
        curvature = s * p * (1 - p) / n
        if kernel is None:
            hessian = (x.T * curvature) @ x + np.diag(ridge + 1e-9)
            step = np.linalg.solve(hessian, gradient)
        else:
            step = _newton_step_dual(x[:, :-1], kernel, curvature, gradient, l2)
        w = _step_halving(x, y, s, w, step, l2)
        # Converged far below the saved precision: more steps would change nothing.
        if np.abs(step).max() < CONVERGED:
            break
    return w


def _newton_step_dual(x, kernel, curvature, gradient, l2):
    """The Newton step for [weights, bias] by the Woodbury identity: the weights'
    Hessian l2*I + x'Cx is inverted through an (examples x examples) system, and the
    unregularised bias by its Schur complement."""
    root = np.sqrt(curvature)
    inner = l2 * np.eye(len(x)) + root[:, None] * kernel * root[None, :]
    coupling = x.T @ curvature

    # Both right-hand sides through one factorisation.
    sides = np.column_stack([gradient[:-1], coupling])
    solved = np.linalg.solve(inner, root[:, None] * (x @ sides))
    u, v = ((sides - x.T @ (root[:, None] * solved)) / l2).T
    bias_step = (gradient[-1] - coupling @ u) / (curvature.sum() + 1e-9 - coupling @ v)
    return np.append(u - v * bias_step, bias_step)


def _step_halving(x, y, s, w, step, l2) -> np.ndarray:
    current = _loss(x, y, s, w, l2)
    scale = 1.0
    for _ in range(20):
        candidate = w - scale * step
        if _loss(x, y, s, candidate, l2) <= current:
            return candidate
        scale /= 2
    return w


def _examples_space_is_cheaper(examples: int, features: int) -> bool:
    """Whether a Newton step costs less solved through the examples (one n x n
    factorisation) than through the features (forming a d x d Hessian from n rows,
    then factorising it). The two give the same step; this keeps training fast
    until the corpus is nearly twice as long as the feature row."""
    return examples**3 / 3 < examples * features**2 + features**3 / 3


def head_fit(
    vectors: np.ndarray, targets: np.ndarray, *, l2: float, safe_weight: float = 1.0
) -> tuple:
    """Fit one regression per label column of targets (0/1, LABELS order, safe last).
    Returns (weights, bias), rounded to the precision they are saved with.

    safe_weight: how much more a safe example weighs as a negative of each risk label.
    """
    vectors = vectors.astype(np.float64)
    x = np.hstack([vectors, np.ones((len(vectors), 1))])
    columns = targets.astype(np.float64).T
    safe_rows = columns[LABELS.index(SAFE)] == 1
    extras = [
        np.where(safe_rows, safe_weight, 1.0) if label != SAFE else np.ones(len(x))
        for label in LABELS
    ]
    kernel = vectors @ vectors.T if _examples_space_is_cheaper(*vectors.shape) else None
    solved = np.array([_fit_one(x, c, l2, e, kernel) for c, e in zip(columns, extras, strict=True)])
    solved = np.round(solved, DECIMALS)
    return solved[:, :-1], solved[:, -1]


def head_version(
    weights: np.ndarray,
    bias: np.ndarray,
    thresholds: dict,
    corpus_digest: str,
    recipe: Recipe = EMBEDDING_ONLY,
) -> str:
    """ "head-v<format>-<sha256 of weights, thresholds, features and corpus, 12 hex>":
    a new corpus, new weights, thresholds or features give a new version, and nothing
    else does."""
    digest = hashlib.sha256()
    if recipe != EMBEDDING_ONLY:
        digest.update(json.dumps(recipe.as_dict(), sort_keys=True).encode())
    digest.update(np.ascontiguousarray(weights, dtype="<f8").tobytes())
    digest.update(np.ascontiguousarray(bias, dtype="<f8").tobytes())
    digest.update(json.dumps(thresholds, sort_keys=True).encode())
    digest.update(corpus_digest.encode())
    return f"head-v{FORMAT}-{digest.hexdigest()[:12]}"


def head_dumps(head: Head) -> str:
    """The head as JSON text: metadata indented, one line of weights per label."""
    rows = {
        label: [round(float(v), DECIMALS) for v in head.weights[i]]
        for i, label in enumerate(head.labels)
    }
    document = {
        "format": FORMAT,
        "version": head.version,
        "labels": list(head.labels),
        "thresholds": {k: round(v, 4) for k, v in sorted(head.thresholds.items())},
        "bias": {
            label: round(float(head.bias[i]), DECIMALS) for i, label in enumerate(head.labels)
        },
        "training": head.training,
        "features": head.recipe.as_dict(),
        "weights": {label: "@@" + label for label in head.labels},
    }
    text = json.dumps(document, indent=2, sort_keys=False)
    for label, row in rows.items():
        text = text.replace(f'"@@{label}"', json.dumps(row, separators=(",", ":")))
    return text + "\n"


def head_save(head: Head, path: Path = HEAD_PATH) -> None:
    """Write the head file (overwrites)."""
    Path(path).write_text(head_dumps(head), encoding="utf-8")


def head_load(path: Path | str | None = None) -> Head:
    """Read a head file; raises HeadUnavailable if it is missing or malformed."""
    path = Path(path or HEAD_PATH)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        labels = tuple(document["labels"])
        weights = np.array([document["weights"][label] for label in labels], dtype=np.float64)
        bias = np.array([document["bias"][label] for label in labels], dtype=np.float64)
        recipe = Recipe.from_dict(document.get("features", {}))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise HeadUnavailable(f"cannot read the head file {path}: {error}") from error
    if set(labels) != set(LABELS):
        raise HeadUnavailable(f"the head file {path} does not score the current taxonomy")
    if weights.shape[1] != recipe.width:
        raise HeadUnavailable(
            f"the head file {path} has {weights.shape[1]} weights a label,"
            f" but its features are {recipe.width} wide"
        )
    return Head(
        version=document["version"],
        labels=labels,
        weights=weights,
        bias=bias,
        thresholds={k: float(v) for k, v in document["thresholds"].items()},
        training=document.get("training", {}),
        recipe=recipe,
    )
