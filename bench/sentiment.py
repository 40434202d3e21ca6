"""Sentiment: the shipped RNN against a bag-of-words and a lexicon baseline.

    python -m dlplay bench sentiment        (or: python bench/sentiment.py)

Prints accuracy on the tweets' validation and test splits and on the five hand-written review sets
(dlplay/data/eval/sentiment_eval*.csv, each also broken down into plain / negation / contrast sentences).
The first four ("reviews", "fresh", "third", "fourth") guided the generated sentences and the settings,
and their mistakes are printed; the fifth did not, so its mistakes are counted but not printed:
reading them is how a set stops being held out.
Baselines: TF-IDF + logistic regression trained on the same training texts as the shipped model
(tweets + generated sentences, same seed) and on the tweets alone; VADER (a rule-based lexicon,
compound score >= 0 means positive). VADER has no training split, so it gets no tweet numbers
beyond what it scores out of the box.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dlplay import runtime, sentiment  # noqa: E402
from dlplay.data import review_sets, tweets  # noqa: E402
from dlplay.recipes import sentiment as recipe  # noqa: E402  (imports torch: fine for a bench)
from dlplay.tokenizer import tokenize  # noqa: E402


def rnn_predict(model, texts):
    labels = []
    for i in range(0, len(texts), 256):
        ids = model.vocab.encode(texts[i:i + 256], model.length)
        labels += [model.labels[k] for k in runtime.run(model.session, ids)[0].argmax(1)]
    return labels


def tfidf(train_texts, train_labels):
    pipe = make_pipeline(TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None, ngram_range=(1, 2),
                                         min_df=2, sublinear_tf=True), LogisticRegression(max_iter=2000, C=4.0))
    pipe.fit(train_texts, train_labels)
    return pipe.predict


def vader():
    sia = SentimentIntensityAnalyzer()
    return lambda texts: ["positive" if sia.polarity_scores(t)["compound"] >= 0 else "negative" for t in texts]


def acc(pred, gold):
    return float(np.mean([p == g for p, g in zip(pred, gold)])) if gold else float("nan")


def main():
    model = sentiment.load()
    config = model.config
    data = tweets.load(len(model.labels))
    sets = {"tweets val": (data.val.texts, [data.labels[i] for i in data.val.labels]),
            "tweets test": (data.test.texts, [data.labels[i] for i in data.test.labels])}
    for metric in recipe.EVAL_SETS:
        prefix = metric.removesuffix("_acc")
        rows = review_sets.rows(metric)
        sets[f"{prefix} (all)"] = ([r["text"] for r in rows], [r["label"] for r in rows])
        for kind in ("plain", "negation", "contrast"):
            kept = [r for r in rows if r["kind"] == kind]
            sets[f"{prefix} {kind}"] = ([r["text"] for r in kept], [r["label"] for r in kept])

    full_texts, full_y = recipe.training_texts(recipe.clamp(config), data)
    tw_texts, tw_y = recipe.training_texts(recipe.clamp({**config, "augment": False}), data)
    systems = {}
    t0 = time.perf_counter()
    systems[f"RNN ({config.get('cell', '?')}, shipped)"] = lambda t: rnn_predict(model, t)
    systems["TF-IDF+LR (same data)"] = tfidf(full_texts, [data.labels[i] for i in full_y])
    systems["TF-IDF+LR (tweets only)"] = tfidf(tw_texts, [data.labels[i] for i in tw_y])
    if len(model.labels) == 2:
        systems["VADER (lexicon)"] = vader()
    print(f"baselines fitted in {time.perf_counter() - t0:.1f} s; shipped config: {config}\n")
    # One row per evaluation set, one column per system: the table stays readable however many sets.
    print(f"{'set':20s}{'n':>5s}" + "".join(f"{name:>26s}" for name in systems))
    for name, (texts, gold) in sets.items():
        print(f"{name:20s}{len(gold):5d}" + "".join(f"{acc(list(fn(texts)), gold):>26.3f}" for fn in systems.values()))
    for prefix in ("reviews", "fresh", "third", "fourth"):  # not "fifth": see the docstring
        texts, labels = sets[f"{prefix} (all)"]
        wrong = [(t, g) for t, g, p in zip(texts, labels, rnn_predict(model, texts)) if p != g]
        print(f"\nRNN mistakes on the {prefix} hand-written set ({len(wrong)}):")
        for t, g in wrong:
            print(f"  [{g}] {t}")


if __name__ == "__main__":
    main()
