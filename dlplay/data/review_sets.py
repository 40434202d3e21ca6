"""Hand-written English review sentences that score every sentiment model (package data, torch-free).

A learner's training job scores its model on them at the end of every epoch and the page shows
those scores, so the files live inside the package (dlplay/data/eval/), not with the tests. Each
file has the columns text, label (positive / negative) and kind (plain / negation / contrast).

The mistakes on sets 1 to 3 guided the generated sentences (dlplay/data/phrases.py), and sets 1 to 4
the shipped settings, so they flatter the shipped model; sets 3 and 4 were written blind, by someone
who saw neither the model nor the other sets, and were used only after they had been scored. Set 5
was written the same way and decided nothing: it is the fair number.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from dlplay.i18n import N_

FOLDER = Path(__file__).resolve().parent / "eval"


@dataclass(frozen=True)
class ReviewSet:
    metric: str  # the name training records the set's accuracy under
    file: str
    label: str  # how a learner reads it (in English; shown through dlplay.i18n._())
    held_out: bool = False  # played no part in building the shipped model


SETS = (
    ReviewSet("reviews_acc", "sentiment_eval.csv", N_("hand-written reviews 1")),
    ReviewSet("fresh_acc", "sentiment_eval_fresh.csv", N_("hand-written reviews 2")),
    ReviewSet("third_acc", "sentiment_eval_third.csv", N_("hand-written reviews 3")),
    ReviewSet("fourth_acc", "sentiment_eval_fourth.csv", N_("hand-written reviews 4")),
    ReviewSet("fifth_acc", "sentiment_eval_fifth.csv", N_("hand-written reviews 5 (held out)"), held_out=True),
)
BY_METRIC = {s.metric: s for s in SETS}


@functools.lru_cache(maxsize=len(SETS))
def _rows(file: str) -> tuple[dict, ...]:
    with open(FOLDER / file, encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


def rows(metric: str) -> list[dict]:
    """The set's sentences as rows (text, label, kind)."""
    return [dict(r) for r in _rows(BY_METRIC[metric].file)]


def texts_and_labels(metric: str) -> tuple[list[str], list[str]]:
    r = _rows(BY_METRIC[metric].file)
    return [x["text"] for x in r], [x["label"] for x in r]


def size(metric: str) -> int:
    return len(_rows(BY_METRIC[metric].file))
