"""Sentiment serving, torch-free: tokenizer + onnxruntime, with a word-by-word running score.

`load(learner=None, language="en")` gives the `SentimentModel` the page reads with: the shipped
model of a language, or a learner's run (a dlplay.store.LearnerModel, which carries its own
language). `predict(texts)` is the contract the page and the tests rely on: one dict per text
with `label` ("positive", "negative", "neutral" if the model has it, or None when the model knows
none of the words), `probs` (label -> probability), `tokens` (per-token running score), and
`language` (which model read it). Any string is accepted; long texts are cut, never refused.

The running score after each word comes from feeding the network every prefix of the sentence in
one batch: it answers "what would the model say if the sentence stopped here?", for any cell type.

A language is one entry in `LANGUAGES`: its shipped files, its tokenizer and the characters of its
script: English reads words (dlplay.tokenizer), Chinese reads characters (dlplay.tokenizer_zh).
Without a model, `predict` reads each text with the model of the language whose script covers most
of its letters (`language_of`; `scripts` gives the counts, so a page can say a text was mixed).
"""
from __future__ import annotations

import functools
import threading
import unicodedata
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dlplay import numerics, rnn_cells, runtime, settings, shipped, tokenizer_zh
from dlplay.i18n import N_, Msg
from dlplay.tokenizer import Vocabulary, tokenize

MODEL_FILE, VOCAB_FILE = shipped.FILES["sentiment"]
UNK_ID = 1  # Vocabulary: id 0 is <pad>, id 1 is <unk>
# Tokens that carry no word: a text made only of these gets no verdict, and one made of these and
# unknown words neither. Punctuation of any script is in the same case (see `is_word`).
NOT_WORDS = frozenset({"<num>", "<url>", "<user>"})


def is_word(token: str) -> bool:
    """False for a number, link or user name placeholder and for punctuation alone ("!", "。", "…")."""
    return token not in NOT_WORDS and not all(unicodedata.category(ch)[0] == "P" for ch in token)


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # as a learner reads it, in English (translated where shown): "English", "Chinese"
    native: str  # as its own readers write it: "English", "中文"
    recipe: str  # the recipe that trains its models; dlplay.shipped names the files it ships
    tokenize: Callable[[str], list[str]]
    is_letter: Callable[[str], bool]  # one character of this language's script

    @property
    def model_file(self) -> str:
        return shipped.FILES[self.recipe][0]

    @property
    def vocab_file(self) -> str:
        return shipped.FILES[self.recipe][1]


def _latin(ch: str) -> bool:
    return ch.isalpha() and ch < "\u0250"  # Basic Latin to Latin Extended-B


def _chinese_tokens(text: str) -> list[str]:
    # Every token of the (already cut) text, so that a notice can say how many there were; a text has
    # no more tokens than characters.
    return tokenizer_zh.tokenize(text, limit=len(text))


LANGUAGES: dict[str, Language] = {
    "en": Language("en", N_("English"), "English", "sentiment", tokenize, _latin),
    "zh": Language("zh", N_("Chinese"), "中文", "sentiment_zh", _chinese_tokens, tokenizer_zh.is_han),
}


def scripts(text: str) -> dict[str, int]:
    """How many characters of `text` belong to each language's script (Latin letters, Chinese
    characters), over the part a model reads (the first settings.MAX_TEXT_CHARS)."""
    text = text[:settings.MAX_TEXT_CHARS] if isinstance(text, str) else ""
    return {code: sum(map(lang.is_letter, text)) for code, lang in LANGUAGES.items()}


def language_of(text: str) -> str:
    """The code of the language whose script has the most characters in `text` (the first listed on a
    tie); English when none has any."""
    counts = scripts(text)
    best = max(counts, key=counts.get)
    return best if counts[best] else "en"


@dataclass(eq=False)
class SentimentModel:
    session: object  # onnxruntime.InferenceSession
    vocab: Vocabulary
    labels: list[str]
    length: int  # the fixed number of time steps the graph reads
    # A learner's model as bytes; the shipped one by its path, so the server does not hold its weights
    # (mostly the embedding table, 16 MB) a second time beside the onnxruntime session.
    onnx_source: bytes | Path
    name: str  # "shipped model" or the learner's run name
    language: Language

    @functools.cached_property
    def first_layer(self) -> rnn_cells.Layer:
        """The embedding and the first recurrent layer, read once, for the gate view."""
        return rnn_cells.first_layer(self.onnx_source)

    @functools.cached_property
    def config(self) -> dict:
        """The settings it was trained with (cell, layers, bidirectional, pretrained, ...)."""
        return runtime.metadata(self.session).get("config", {})

    @property
    def cell(self) -> str:
        return self.config.get("cell", "?")

    def predict(self, texts) -> list[dict]:
        if isinstance(texts, str):
            texts = [texts]
        return [_predict_one(t, self) for t in texts]

    def gates(self, text) -> dict:
        """Gate activations of the first recurrent layer (forward direction) for each word of `text`.

        Returns {"cell", "tokens", "gates": {name: (L, H)}, "hidden": (L, H)}; gates is empty for a
        plain RNN, which has none.
        """
        _, tokens, _ = prepare(text, self.length, self.language.tokenize)
        layer = self.first_layer
        ids = np.zeros(self.length, dtype=np.int64)
        if tokens:
            ids[self.length - len(tokens):] = self.vocab.ids(tokens)
        out = rnn_cells.replay(layer, ids)
        n = len(tokens)
        return {"cell": layer.cell, "tokens": tokens,
                "gates": {k: v[len(ids) - n:] for k, v in out.items() if k != "hidden"},
                "hidden": out["hidden"][len(ids) - n:]}


def _length(session) -> int:
    dim = session.get_inputs()[0].shape[1]
    return dim if isinstance(dim, int) and dim > 0 else settings.MAX_TOKENS


def _vocabulary(data: bytes | str, name: str) -> tuple[Vocabulary, list[str]]:
    try:
        return Vocabulary.from_json(data)
    except (ValueError, KeyError, TypeError) as e:
        raise runtime.ModelFileError(Msg(N_("The vocabulary of {name} is unreadable."), name=name)) from e


def from_bytes(data: bytes, name: str, vocab_json: bytes | None = None, language: str = "en") -> SentimentModel:
    """A model from ONNX bytes (a learner's run, a recipe's teacher); its vocabulary travels inside the
    ONNX metadata unless given. Not cached: `load` caches learner models."""
    session = runtime.session_from_bytes(data, name)
    return _from_session(session, data, name, vocab_json, language)


def _from_session(session, data: bytes, name: str, vocab_json=None, language: str = "en") -> SentimentModel:
    if vocab_json is None:
        meta = session.get_modelmeta().custom_metadata_map
        if "vocab" not in meta:
            raise runtime.ModelFileError(Msg(N_("{name} carries no vocabulary."), name=name))
        vocab_json = meta["vocab"]
    vocab, labels = _vocabulary(vocab_json, name)
    return SentimentModel(session, vocab, labels, _length(session), data, name, LANGUAGES[language])


@functools.lru_cache(maxsize=4)
def _shipped(language: str, mtime: float, vocab_mtime: float) -> SentimentModel:
    lang = LANGUAGES[language]
    session = runtime.shipped(lang.model_file)
    path = settings.MODELS_DIR / lang.vocab_file
    try:
        vocab, labels = Vocabulary.from_json(path.read_bytes())
    except (OSError, ValueError, KeyError) as e:
        raise runtime.ModelFileError(Msg(N_("Vocabulary file {file} is missing or unreadable. Rebuild it with "
                                            "`python -m dlplay train {recipe}`."), file=runtime.shown_path(path),
                                         recipe=shipped.recipe_for_file(lang.vocab_file))) from e
    return SentimentModel(session, vocab, labels, _length(session), settings.MODELS_DIR / lang.model_file,
                          "shipped model", lang)


# A learner's model, built once per LearnerModel and forgotten with it (weak keys: the shelf owns it).
_learner_models: "weakref.WeakKeyDictionary[object, SentimentModel]" = weakref.WeakKeyDictionary()
_learner_lock = threading.Lock()


def load(learner=None, language: str = "en") -> SentimentModel:
    """The shipped model of `language` (learner None) or a learner's run (a dlplay.store.LearnerModel,
    read in the language of the recipe that trained it). Raises runtime.ModelFileError, with a rebuild hint for
    a shipped file, when the model cannot be read."""
    if learner is None:
        if language not in LANGUAGES:
            raise runtime.ModelFileError(Msg(N_("There is no sentiment model for the language '{language}'."),
                                             language=language))
        lang = LANGUAGES[language]
        paths = [settings.MODELS_DIR / lang.model_file, settings.MODELS_DIR / lang.vocab_file]
        mtimes = [p.stat().st_mtime if p.exists() else 0.0 for p in paths]
        return _shipped(language, *mtimes)
    if learner.dropped:
        raise runtime.ModelFileError(learner.dropped)
    lang = next((x for x in LANGUAGES.values() if x.recipe == learner.recipe), LANGUAGES["en"])
    with _learner_lock:
        model = _learner_models.get(learner)
        if model is None:
            data = learner.artifacts.get(lang.model_file)
            if data is None:
                raise runtime.ModelFileError(Msg(N_("{name} has no {file}."), name=learner.name,
                                                 file=lang.model_file))
            model = _from_session(learner.session(lang.model_file), data, learner.name, language=lang.code)
            _learner_models[learner] = model
    return model


def prepare(text, length: int, tokenizer: Callable[[str], list[str]] = tokenize) -> tuple[str, list[str], list[str]]:
    """(text as read, tokens as read, notices that say what was cut): any input becomes a bounded string
    and token list."""
    notices = []
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > settings.MAX_TEXT_CHARS:
        notices.append(Msg(N_("The text was cut to its first {kept:,} characters (it had {had:,})."),
                           kept=settings.MAX_TEXT_CHARS, had=len(text)))
        text = text[:settings.MAX_TEXT_CHARS]
    tokens = tokenizer(text)
    limit = min(length, settings.MAX_TOKENS)
    if len(tokens) > limit:
        notices.append(Msg(N_("The model reads at most {limit} tokens; it read the first {limit} of {total}."),
                           limit=limit, total=len(tokens)))
        tokens = tokens[:limit]
    return text, tokens, notices


def _score(probs: dict[str, float]) -> float:
    """One number per prefix for the heat-map: P(positive) - P(negative), in [-1, 1]."""
    return float(probs.get("positive", 0.0) - probs.get("negative", 0.0))


def _predict_one(text, model: SentimentModel) -> dict:
    text, tokens, notices = prepare(text, model.length, model.language.tokenize)
    ids = model.vocab.ids(tokens)
    unknown = [t for t, i in zip(tokens, ids) if i == UNK_ID]
    base = {"text": text, "notices": notices, "truncated": bool(notices) and bool(tokens),
            "words": tokens, "unknown": unknown, "language": model.language.code}
    words = [i for t, i in zip(tokens, ids) if is_word(t)]
    knows_none = bool(words) and all(i == UNK_ID for i in words)
    if not words:
        notices.append(Msg(N_("There are no words to read, so there is no verdict.") if not tokens else
                           N_("There are no words to read (only punctuation, numbers, links or user names), so "
                              "there is no verdict.")))
    elif knows_none:
        notices.append(Msg(N_("The model knows none of these words (it reads {language}), so there is no verdict."),
                           language=model.language.name))
    if not words or knows_none:
        return {**base, "label": None, "probs": {}, "tokens": []}
    batch = np.zeros((len(ids), model.length), dtype=np.int64)
    for k in range(1, len(ids) + 1):  # row k-1 holds the first k words, left-padded
        batch[k - 1, model.length - k:] = ids[:k]
    probs = numerics.softmax(runtime.run(model.session, batch)[0])
    per_token = []
    for tok, i, p in zip(tokens, ids, probs):
        pd = {lbl: float(v) for lbl, v in zip(model.labels, p)}
        per_token.append({"token": tok, "unk": i == UNK_ID, "probs": pd, "score": _score(pd)})
    final = per_token[-1]["probs"]
    return {**base, "label": max(final, key=final.get), "probs": final, "tokens": per_token}


def predict(texts, model: SentimentModel | None = None) -> list[dict]:
    """One dict per text: label (None when there is no verdict), probs (label -> probability; empty
    without a verdict), tokens (per-token running score), language (the code of the model that read it).

    Extra keys: text (as read), words (the tokens as read), notices (why a text was cut or has no
    verdict), truncated, unknown (tokens outside the vocabulary, read as <unk>). Without `model`, each
    text is read by the shipped model of its language.
    """
    if isinstance(texts, str):
        texts = [texts]
    if model is not None:
        return model.predict(texts)
    return [load(language=language_of(t if isinstance(t, str) else "")).predict([t])[0] for t in texts]


def gates(text, model: SentimentModel | None = None) -> dict:
    """The first recurrent layer's gates for `text` (see SentimentModel.gates); the shipped English
    model by default."""
    return (model or load()).gates(text)
