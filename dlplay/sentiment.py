"""Torch-free sentiment inference: tokenizer + onnxruntime, with a word-by-word running score.

`predict(texts)` is the contract the page and the tests rely on (see DESIGN.md). The running
score after each word comes from feeding the network every prefix of the sentence in one batch:
it answers "what would the model say if the sentence stopped here?", for any cell type.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dlplay import rnn_cells, runtime, settings
from dlplay.tokenizer import Vocabulary, tokenize

MODEL_FILE = "rnn_sentiment.onnx"
VOCAB_FILE = "rnn_sentiment.vocab.json"
# What a learner's run trains on: the recipe's defaults, kept here so the torch-free page can say so.
LEARNER_DATA = {"train_samples": 8000, "phrases": 4000}


@dataclass(frozen=True)
class SentimentModel:
    session: object  # onnxruntime.InferenceSession
    vocab: Vocabulary
    labels: list[str]
    length: int  # the fixed number of time steps the graph reads
    # A learner's model as bytes; the shipped one by its path, so the server does not hold its weights
    # (mostly the embedding table, 16 MB) a second time beside the onnxruntime session.
    onnx_source: bytes | Path
    name: str

    @functools.cached_property
    def first_layer(self) -> rnn_cells.Layer:
        """The embedding and the first recurrent layer, read once, for the gate view."""
        return rnn_cells.first_layer(self.onnx_source)

    @property
    def cell(self) -> str:
        return runtime.metadata(self.session).get("config", {}).get("cell", "?")


def _length(session) -> int:
    dim = session.get_inputs()[0].shape[1]
    return dim if isinstance(dim, int) and dim > 0 else settings.MAX_TOKENS


@functools.lru_cache(maxsize=4)
def _shipped(mtime: float, vocab_mtime: float) -> SentimentModel:
    session = runtime.shipped(MODEL_FILE)
    path = settings.MODELS_DIR / VOCAB_FILE
    try:
        vocab, labels = Vocabulary.from_json(path.read_bytes())
    except (OSError, ValueError, KeyError) as e:
        raise runtime.ModelFileError(f"Vocabulary file {path} is missing or unreadable. "
                                     "Rebuild it with `python -m dlplay train sentiment`.") from e
    return SentimentModel(session, vocab, labels, _length(session), settings.MODELS_DIR / MODEL_FILE, "shipped model")


def shipped() -> SentimentModel:
    """The model in models/ (raises runtime.ModelFileError with a rebuild hint when missing)."""
    paths = [settings.MODELS_DIR / MODEL_FILE, settings.MODELS_DIR / VOCAB_FILE]
    mtimes = [p.stat().st_mtime if p.exists() else 0.0 for p in paths]
    if not mtimes[0]:
        runtime.shipped(MODEL_FILE)  # raises the standard "missing, rebuild with ..." error
    return _shipped(*mtimes)


@functools.lru_cache(maxsize=8)
def from_bytes(data: bytes, vocab_json: bytes | None = None, name: str = "your model") -> SentimentModel:
    """A learner's model. Its vocabulary travels inside the ONNX metadata unless given."""
    session = runtime.session_from_bytes(data, name)
    if vocab_json is None:
        meta = session.get_modelmeta().custom_metadata_map
        if "vocab" not in meta:
            raise runtime.ModelFileError(f"{name} carries no vocabulary.")
        vocab_json = meta["vocab"].encode("utf-8")
    vocab, labels = Vocabulary.from_json(vocab_json)
    return SentimentModel(session, vocab, labels, _length(session), data, name)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def prepare(text, length: int) -> tuple[str, list[str], list[str]]:
    """(text as read, tokens as read, notices): any input becomes a bounded string and token list."""
    notices = []
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > settings.MAX_TEXT_CHARS:
        notices.append(f"The text was cut to its first {settings.MAX_TEXT_CHARS:,} characters "
                       f"(it had {len(text):,}).")
        text = text[:settings.MAX_TEXT_CHARS]
    tokens = tokenize(text)
    limit = min(length, settings.MAX_TOKENS)
    if len(tokens) > limit:
        notices.append(f"The model reads at most {limit} tokens; it read the first {limit} of {len(tokens)}.")
        tokens = tokens[:limit]
    if not tokens:
        notices.append("There are no words to read, so there is no verdict.")
    return text, tokens, notices


def _score(probs: dict[str, float]) -> float:
    """One number per prefix for the heat-map: P(positive) - P(negative), in [-1, 1]."""
    return float(probs.get("positive", 0.0) - probs.get("negative", 0.0))


def predict_one(text, model: SentimentModel) -> dict:
    text, tokens, notices = prepare(text, model.length)
    ids = model.vocab.ids(tokens)
    base = {"text": text, "notices": notices, "truncated": len(notices) > 0 and bool(tokens),
            "unknown": [t for t, i in zip(tokens, ids) if i == 1]}
    if not tokens:
        probs = {lbl: 1.0 / len(model.labels) for lbl in model.labels}
        return {**base, "label": "neutral", "probs": probs, "tokens": []}
    batch = np.zeros((len(ids), model.length), dtype=np.int64)
    for k in range(1, len(ids) + 1):  # row k-1 holds the first k words, left-padded
        batch[k - 1, model.length - k:] = ids[:k]
    probs = _softmax(runtime.run(model.session, batch)[0].astype(np.float64))
    per_token = []
    for tok, i, p in zip(tokens, ids, probs):
        pd = {lbl: float(v) for lbl, v in zip(model.labels, p)}
        per_token.append({"token": tok, "unk": i == 1, "probs": pd, "score": _score(pd)})
    final = per_token[-1]["probs"]
    return {**base, "label": max(final, key=final.get), "probs": final, "tokens": per_token}


def predict(texts: list[str], model: SentimentModel | None = None) -> list[dict]:
    """One dict per text: label, probs (label -> probability), tokens (per-token running score).

    Extra keys: text (as read), notices (why a text was cut or has no verdict), truncated,
    unknown (tokens outside the vocabulary, read as <unk>).
    """
    model = model or shipped()
    if isinstance(texts, str):
        texts = [texts]
    return [predict_one(t, model) for t in texts]


def gates(text, model: SentimentModel | None = None) -> dict:
    """Gate activations of the first recurrent layer (forward direction) for each word of `text`.

    Returns {"cell", "tokens", "gates": {name: (L, H)}, "hidden": (L, H)}; gates is empty for a
    plain RNN, which has none.
    """
    model = model or shipped()
    _, tokens, _ = prepare(text, model.length)
    layer = model.first_layer
    ids = np.zeros(model.length, dtype=np.int64)
    if tokens:
        ids[model.length - len(tokens):] = model.vocab.ids(tokens)
    out = rnn_cells.replay(layer, ids)
    n = len(tokens)
    return {"cell": layer.cell, "tokens": tokens,
            "gates": {k: v[len(ids) - n:] for k, v in out.items() if k != "hidden"},
            "hidden": out["hidden"][len(ids) - n:]}


# Example sentences for the page (not taken from the hand-written evaluation set).
EXAMPLES = [
    "I expected it to be boring, but the film was wonderful.",
    "The room was not bad at all.",
    "I would never order from this shop again.",
    "The food was great but the waiter was incredibly rude.",
    "Absolutely love my new headphones 😍",
    "@airline my flight got cancelled AGAIN. thanks for nothing",
    "The hotel was fine, nothing special.",
]

EQUATIONS = {  # one aligned block per cell, short lines so they fit beside the heat-map
    "lstm": r"""\begin{aligned}
i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i) \\
f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f) \\
o_t &= \sigma(W_o x_t + U_o h_{t-1} + b_o) \\
\tilde c_t &= \tanh(W_c x_t + U_c h_{t-1} + b_c) \\
c_t &= f_t \odot c_{t-1} + i_t \odot \tilde c_t \\
h_t &= o_t \odot \tanh(c_t)
\end{aligned}""",
    "gru": r"""\begin{aligned}
z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z) \\
r_t &= \sigma(W_r x_t + U_r h_{t-1} + b_r) \\
n_t &= \tanh\big(W_n x_t + r_t \odot (U_n h_{t-1} + b_n)\big) \\
h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}
\end{aligned}""",
    "rnn": r"h_t = \tanh(W x_t + U h_{t-1} + b)",
}
