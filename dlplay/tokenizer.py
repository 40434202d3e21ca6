"""A plain-Python word tokenizer and vocabulary for the sentiment model (no torch, no downloads).

Why these rules: the training tweets and the sentences a learner types differ in surface form,
so the tokenizer removes differences that carry no sentiment (case, URLs, user names, numbers,
stretched letters) and keeps those that do: negations are split off ("don't" -> "do not") so
that every negation is the same token, and emoji, emoticons, "!" and "?" stay as tokens.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

PAD, UNK = "<pad>", "<unk>"
SPECIALS = (PAD, UNK)  # ids 0 and 1 in every vocabulary

_URL = re.compile(r"(https?://|www\.)\S+")
_USER = re.compile(r"@\w+")
_EMOTICON = re.compile(r"(?:[:;=8][\-o\*']?[\)\]\(\[dDpP/\\|@3]|<3|[\)\]\(\[dDpP/\\][\-o\*']?[:;=8])(?=\s|$)")
_NEGATIONS = {"can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
              "ain't": "is not", "cant": "can not", "wont": "will not", "dont": "do not",
              "doesnt": "does not", "didnt": "did not", "isnt": "is not", "wasnt": "was not",
              "arent": "are not", "werent": "were not", "havent": "have not", "hasnt": "has not",
              "hadnt": "had not", "couldnt": "could not", "wouldnt": "would not", "shouldnt": "should not"}
_NT = re.compile(r"(\w+)n't\b")
_STRETCH = re.compile(r"(\w)\1{2,}")
_NUMBER = re.compile(r"\b\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s|am|pm|k|m)?\b")
_EMOTICON_NAMES = {"pos": ":)", "neg": ":("}


def _is_symbol(ch: str) -> bool:
    """Emoji and other pictographs: each one becomes a token of its own."""
    return unicodedata.category(ch) in ("So", "Sk") or 0x1F000 <= ord(ch) <= 0x1FAFF


def _clean(text: str) -> str:
    # Control and format characters (NUL, bidi marks, zero-width joiners) carry no meaning here.
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return text.replace("\u2019", "'").replace("`", "'")


def _emoticon_token(e: str) -> str:
    happy = any(c in e for c in ")]dDpP3") and not e.startswith(("(", "[", "D"))
    return _EMOTICON_NAMES["pos" if happy or e == "<3" else "neg"]


def tokenize(text: str) -> list[str]:
    """Lower-cased tokens of `text`; never raises for any str."""
    text = _clean(text)
    text = _URL.sub(" <url> ", text)
    text = _USER.sub(" <user> ", text)
    text = _EMOTICON.sub(lambda m: f" {_emoticon_token(m.group(0))} ", text)
    text = text.lower()
    text = _NT.sub(lambda m: ("ca" if m.group(1) == "ca" else "wo" if m.group(1) == "wo" else m.group(1))
                   + " not", text)
    text = re.sub(r"\bca not\b", "can not", text)
    text = re.sub(r"\bwo not\b", "will not", text)
    text = _STRETCH.sub(r"\1\1", text)
    text = _NUMBER.sub(" <num> ", text)
    tokens: list[str] = []
    for chunk in text.split():
        if chunk in ("<url>", "<user>", "<num>", ":)", ":("):
            tokens.append(chunk)
            continue
        word = ""
        for ch in chunk:
            if ch.isalnum() or ch in "'_":
                word += ch
                continue
            if word:
                tokens.append(word)
                word = ""
            if ch in "!?" or _is_symbol(ch):
                tokens.append(ch)
        if word:
            tokens.append(word)
    out: list[str] = []
    for tok in tokens:
        tok = tok.strip("'_")
        if not tok:
            continue
        out.extend(_NEGATIONS.get(tok, tok).split())
    return out


@dataclass
class Vocabulary:
    words: list[str]  # index = token id; words[0] is <pad>, words[1] is <unk>

    def __post_init__(self):
        self.index = {w: i for i, w in enumerate(self.words)}

    def __len__(self) -> int:
        return len(self.words)

    @classmethod
    def build(cls, texts, min_count: int = 2, max_size: int = 20_000,
              tokenize: Callable[[str], list[str]] = tokenize) -> "Vocabulary":
        """The tokens (by `tokenize`: English words unless told) seen at least `min_count` times, most
        frequent first, after <pad> and <unk>."""
        counts = Counter(tok for t in texts for tok in tokenize(t))
        common = [w for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                  if c >= min_count and w not in SPECIALS]
        return cls(list(SPECIALS) + common[:max_size - len(SPECIALS)])

    def ids(self, tokens: list[str]) -> list[int]:
        return [self.index.get(t, 1) for t in tokens]

    def encode(self, texts, length: int, tokenize: Callable[[str], list[str]] = tokenize):
        """Token ids (len(texts), length) int64 of each text's first `length` tokens, left-padded so that
        the last step is the last token read."""
        out = np.zeros((len(texts), length), dtype=np.int64)
        for row, text in enumerate(texts):
            ids = self.ids(tokenize(text)[:length])
            if ids:
                out[row, length - len(ids):] = ids
        return out

    def to_json(self, labels: list[str], tokenizer: str | None = None) -> bytes:
        """The vocabulary file; `tokenizer` names the tokens when they are not English words
        ("zh-chars-1": dlplay.tokenizer_zh's characters)."""
        obj = {"format": "dlplay-vocab-1", "labels": labels, "words": self.words}
        if tokenizer:
            obj["tokenizer"] = tokenizer
        return json.dumps(obj, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes | str) -> tuple["Vocabulary", list[str]]:
        obj = json.loads(data)
        if obj.get("format") != "dlplay-vocab-1" or list(obj["words"][:2]) != list(SPECIALS):
            raise ValueError("not a DL Playground vocabulary file")
        return cls(list(obj["words"])), list(obj["labels"])
