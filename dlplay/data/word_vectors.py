"""Pretrained word vectors for the sentiment model: WordLlama's token embeddings (training only).

A model trained on a few thousand tweets has met a few thousand words; the reviews a learner
types use many more ("flawless", "landlord", "overheats"). WordLlama (Lee Miller 2024, MIT, on
PyPI as `wordllama`) distils Llama 2's 32,000 sub-word token embeddings into 256 numbers each,
trained so that similar sentences get similar averages, and ships them inside the package (16 MB).
A word's vector is the mean of its tokens' vectors, so every word has one, seen in training or
not. The first dimensions carry the most (Matryoshka training), so `dim` may cut them short.

Only training reads these: the recipe folds the vectors into the model's embedding table before
export, so serving needs neither this package nor this module.
"""
from __future__ import annotations

import functools
import json
import re

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from dlplay.data import DataMissing, packaged_file
from dlplay.i18n import Msg, N_

PACKAGE = "wordllama"
WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
SOURCE = "WordLlama l2_supercat token embeddings (Lee Miller 2024, MIT, inside the `wordllama` package)"
FULL_DIM = 256


class VectorsMissing(DataMissing):
    """The `wordllama` package (or its files) is not installed."""


def available() -> bool:
    return packaged_file(PACKAGE, *WEIGHTS) is not None and packaged_file(PACKAGE, *TOKENIZER) is not None


@functools.lru_cache(maxsize=1)
def _table():
    weights, tokenizer_file = packaged_file(PACKAGE, *WEIGHTS), packaged_file(PACKAGE, *TOKENIZER)
    if weights is None or tokenizer_file is None:
        raise VectorsMissing(Msg(N_("Pretrained word vectors need the `wordllama` package: `pip install wordllama`.")))
    # Kept as stored (float16, 16 MB): a server that trains for learners holds it for good.
    table = load_file(str(weights))["embedding.weight"]
    return Tokenizer.from_file(str(tokenizer_file)), table


def vectors(words: list[str], dim: int = FULL_DIM) -> np.ndarray:
    """(len(words), dim) float32: each word's mean token vector (zeros for a word with no tokens)."""
    tokenizer, table = _table()
    dim = int(min(max(1, dim), table.shape[1]))
    out = np.zeros((len(words), dim), dtype=np.float32)
    for row, encoding in enumerate(tokenizer.encode_batch(list(words), add_special_tokens=False)):
        if encoding.ids:
            out[row] = table[encoding.ids, :dim].astype(np.float32).mean(axis=0)
    return out


@functools.lru_cache(maxsize=1)
def known_words() -> tuple[str, ...]:
    """Whole English-looking words that are single tokens in the tokenizer (~9,000), sorted: added to
    the vocabulary so a word the training data never showed still gets its pretrained vector."""
    path = packaged_file(PACKAGE, *TOKENIZER)
    if path is None:
        return ()
    pieces = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    return tuple(sorted({p[1:] for p in pieces if re.fullmatch(r"\u2581[a-z]{3,}", p)}))
