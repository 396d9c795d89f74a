"""What the head reads: the sentence embedding of a text, optionally the mean of an
earlier layer of the encoder beside it, and optionally hashed lexical features (word
1-2-grams and character 3-5-grams).

Hashing needs no vocabulary file: a gram's column is a crc32 of the gram, so the
same text always gives the same row on every machine, and the head file only has to
say how many columns each block has and how much it weighs.
"""

import re
import zlib
from dataclasses import asdict, dataclass

import numpy as np

from moderation.classifier.embeddings import DIMENSIONS

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


@dataclass(frozen=True)
class Recipe:
    """The head's inputs: the embedding first (the last layer's mean, then the mean of
    each earlier layer in `layers`, each block L2-normalised), then each hashed block.
    A block with 0 columns is left out."""

    word_columns: int = 0
    char_columns: int = 0
    word_weight: float = 1.0
    char_weight: float = 1.0
    # Hidden states read beside the last layer's (0 is the token embeddings). They
    # come out of the same forward pass, so they cost nothing to run.
    layers: tuple[int, ...] = ()

    @property
    def width(self) -> int:
        """How many columns a feature row has."""
        return DIMENSIONS * (1 + len(self.layers)) + self.word_columns + self.char_columns

    @property
    def lexical(self) -> bool:
        """Whether the head reads any lexical block."""
        return bool(self.word_columns or self.char_columns)

    def as_dict(self) -> dict:
        """For the head file. A head reading the last layer only does not name layers,
        so its file and version are as they were before layers could be read."""
        document = asdict(self)
        layers = document.pop("layers")
        return {**document, "layers": list(layers)} if layers else document

    @classmethod
    def from_dict(cls, document: dict) -> "Recipe":
        """The recipe a head file names."""
        return cls(**{**document, "layers": tuple(document.get("layers", ()))})


EMBEDDING_ONLY = Recipe()


def words_of(text: str) -> list[str]:
    """Lower-case word tokens, curly apostrophes straightened."""
    return _WORD.findall(text.lower().translate(_QUOTES))


def word_grams(words: list[str]) -> set[str]:
    """Distinct word unigrams and bigrams."""
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def char_grams(words: list[str]) -> set[str]:
    """Distinct character 3-5-grams inside words padded with a space each side, so
    misspellings and slang share most grams with the word they play on."""
    grams = set()
    for word in words:
        padded = f" {word} "
        for size in (3, 4, 5):
            grams.update(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


def _hashed(grams: set[str], columns: int, prefix: bytes) -> np.ndarray:
    row = np.zeros(columns)
    for gram in grams:
        code = zlib.crc32(prefix + gram.encode())
        # The sign halves the bias of collisions: colliding grams cancel on average.
        row[code % columns] += 1.0 if code & 0x80000000 else -1.0
    norm = np.linalg.norm(row)
    return row / norm if norm else row


def lexical_row(text: str, recipe: Recipe) -> np.ndarray:
    """The hashed lexical blocks of one text, each L2-normalised and scaled by its
    weight. text: as the model sees it, forum mentions already masked."""
    words = words_of(text)
    blocks = []
    if recipe.word_columns:
        blocks.append(recipe.word_weight * _hashed(word_grams(words), recipe.word_columns, b"w"))
    if recipe.char_columns:
        blocks.append(recipe.char_weight * _hashed(char_grams(words), recipe.char_columns, b"c"))
    return np.concatenate(blocks) if blocks else np.zeros(0)


def lexical_matrix(texts: list[str], recipe: Recipe) -> np.ndarray:
    """lexical_row for each text, stacked."""
    width = recipe.word_columns + recipe.char_columns
    return np.array([lexical_row(text, recipe) for text in texts]).reshape(len(texts), width)


def features_of(texts: list[str], vectors: np.ndarray, recipe: Recipe) -> np.ndarray:
    """The head's input rows: embeddings, then the lexical blocks of the recipe."""
    if not recipe.lexical:
        return vectors
    return np.hstack([vectors, lexical_matrix(texts, recipe)])
