""""How well it reads": one small table per language of accuracy on sentences a model never trained on,
the shipped model's beside the learner's chosen run.

The rows are the sets the page knows (with their sizes), then any other accuracy the shipped model's
manifest entry or the run records (a new hand-written set, say), named by dlplay.metric_names: a new
set's score shows up without a change here.
"""
from __future__ import annotations

import streamlit as st

from dlplay import metric_names, runtime, sentiment
from dlplay.data import chinese_reviews, review_sets, tweets
from dlplay.i18n import _
from dlplay.ui import sentiment_captions as captions
from dlplay.ui import tables

NOT_A_SET = frozenset({"acc", "train_acc"})  # accuracies on sentences the model trained on
UNKNOWN = "–"


def shipped(code: str) -> dict:
    """The manifest entry of the shipped model of a language (config, metrics)."""
    return runtime.manifest().get(sentiment.LANGUAGES[code].model_file, {})


def _more_sets(listed: tuple[str, ...], *scores: dict) -> list[str]:
    """Accuracies in `scores` on sets not yet `listed`, in the order they were recorded."""
    seen = dict.fromkeys(k for s in scores for k in s if k.endswith("_acc") and k not in NOT_A_SET)
    return [k for k in seen if k not in listed]


def _percent(scores: dict, key: str) -> str:
    return f"{scores[key]:.1%}" if key in scores else UNKNOWN


def _table(rows: list[tuple[str, str, str]], learner, shipped_scores: dict, learner_note: str = "") -> None:
    """`rows`: (metric, what the set is, how many sentences). `learner_note` follows the run's first number."""
    learner_scores = learner.metrics if learner is not None else {}
    more = _more_sets(tuple(key for key, _what, _n in rows), shipped_scores, learner_scores)
    rows = rows + [(key, metric_names.label(key), UNKNOWN) for key in more]
    columns = {_("Sentences it never trained on"): [what for _key, what, _n in rows],
               _("How many"): [n for _key, _what, n in rows],
               _("Accuracy of the shipped model"): [_percent(shipped_scores, key) for key, _what, _n in rows]}
    if learner is not None:
        cells = [_percent(learner_scores, key) for key, _what, _n in rows]
        cells[0] += learner_note
        columns[_("Accuracy of {name}").format(name=learner.name)] = cells
    tables.table(columns)


def _heading(learner, code: str) -> None:
    st.subheader(_("How well it reads: {name}").format(
        name=captions.reader_name(None, code) if learner is None else learner.name))


def english(learner) -> None:
    _heading(learner, "en")
    rows = [("val_acc", _("validation tweets"), f"{tweets.VAL_TWEETS[2]:,}")]
    rows += [(s.metric, _(s.label), str(review_sets.size(s.metric))) for s in review_sets.SETS]
    three = learner is not None and learner.config.get("classes") == 3  # its validation tweets include neutral ones
    _table(rows, learner, shipped("en").get("metrics", {}),
           _(" (of {n:,}, with neutral)").format(n=tweets.VAL_TWEETS[3]) if three else "")
    st.caption(_("Sets 1 to 4 guided how the shipped model was built (its training sentences and settings), so they "
                 "flatter it; set 5 was written blind by someone who never saw the model and decided nothing: the "
                 "fair number (the goal was 90 %). Baselines on the same sentences: "
                 "`python -m dlplay bench sentiment`."))


def chinese(learner) -> None:
    _heading(learner, "zh")
    scores = shipped("zh").get("metrics", {})
    rows = [("val_acc", _("validation reviews"), f"{chinese_reviews.VAL_REVIEWS:,}"),
            ("test_acc", _("test reviews (held out)"), f"{chinese_reviews.TEST_REVIEWS:,}")]
    # A held-out set appears once the shipped model has been scored on it.
    rows += [(s.metric, _(s.label), str(chinese_reviews.size(s.metric))) for s in chinese_reviews.SENTENCE_SETS
             if not s.held_out or s.metric in scores]
    _table(rows, learner, scores)
    st.caption(_("The test reviews decided nothing. Hand-written sets 1 and 2 guided the generated training "
                 "sentences, so they flatter the model; set 3 was written blind by someone who saw neither the model "
                 "nor the other sets, and decided nothing: the fair number (the goal was 85 %). Baselines (character n-grams with logistic "
                 "regression, snownlp's own classifier): `python -m dlplay bench sentiment_zh`."))
