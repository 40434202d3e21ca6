"""Character tokens for Chinese text, and the Chinese model's vocabulary (no torch, no segmenter).

Why characters: written Chinese has no spaces, and a character model needs no word segmenter on
the serving path, reads words it never saw from characters it did (about 3,400 tokens occur twice or
more in the training reviews, against tens of thousands of words), and lets the page show the network
reading a sentence one character at a time. Latin words inside Chinese text ("iPhone", "cpu")
stay whole and lower-cased, digit runs become one <num> token and links one <url>, emoji and punctuation are tokens
of their own (a run of the same mark counts once: "！！！" reads as one "!").

Full-width letters, digits and punctuation are folded to their half-width forms (NFKC), so "ＯＫ，"
and "OK," are the same tokens. Traditional characters are tokens like any other; the shipped
vocabulary gives each one the embedding of its simplified form (see `with_traditional`), so the
model reads 這部電影 as it reads 这部电影.

The vocabulary is the English model's (dlplay.tokenizer.Vocabulary, built and used with this module's
`tokenize`); its file says "tokenizer": "zh-chars-1" (TOKENIZER) so a reader knows the ids are characters.
"""
from __future__ import annotations

import re
import unicodedata

from dlplay import settings
from dlplay.tokenizer import Vocabulary

NUM = "<num>"
TOKENIZER = "zh-chars-1"
# How many characters one token may take at most when a text is cut before reading: longer Latin words
# are split at 32 letters, so 64 characters per token leaves room for spaces between them. The cut
# keeps the time spent on a megabyte of input as small as on a sentence.
_CHARS_PER_TOKEN = 64
URL = "<url>"
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[!-~]+)"  # up to the first space or non-ASCII character
    r"|(?P<num>\d+(?:[.,:]\d+)*)"
    r"|(?P<word>[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u052F]{1,32})"  # Latin, Greek, Cyrillic
    r"|(?P<char>\S)")  # a Chinese character, a kana, an emoji, a punctuation mark: one token each


# Chinese characters: the CJK Unified Ideographs, extension A, the compatibility block, extensions B and on.
_HAN = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


def is_han(ch: str) -> bool:
    """Whether the character `ch` is a Chinese character (simplified or traditional)."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _HAN)


def normalise(text: str) -> str:
    """Full-width forms folded (NFKC), control and format characters dropped, whitespace runs as one space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return " ".join(text.split())


def tokenize(text: str, limit: int | None = None) -> list[str]:
    """At most `limit` tokens (default settings.MAX_TOKENS) of `text`, from its start; never raises for a str."""
    limit = settings.MAX_TOKENS if limit is None else max(0, int(limit))
    text = unicodedata.normalize("NFKC", text[:limit * _CHARS_PER_TOKEN])
    tokens: list[str] = []
    for m in _TOKEN.finditer(text):
        if len(tokens) >= limit:
            break
        if m.lastgroup == "url":
            tokens.append(URL)
        elif m.lastgroup == "num":
            tokens.append(NUM)
        elif m.lastgroup == "word":
            tokens.append(m.group().lower())
        else:
            ch = m.group()
            kind = unicodedata.category(ch)
            # Controls, zero-width joiners, variation selectors, lone combining marks and skin-tone
            # modifiers carry nothing here.
            if kind[0] in "CM" or 0x1F3FB <= ord(ch) <= 0x1F3FF:
                continue
            if kind[0] == "P" and tokens and tokens[-1] == ch:
                continue
            tokens.append(ch)
    return tokens


def with_traditional(vocab: Vocabulary, to_simplified: dict[str, str]) -> tuple[Vocabulary, list[tuple[int, int]]]:
    """`vocab` plus the traditional form of each of its characters that it lacks.

    Returns the longer vocabulary and (traditional id, simplified id) pairs: the recipe copies each
    simplified character's embedding to its traditional form once training is done. Characters the
    training text itself used keep what they learned.
    """
    added, pairs = [], []
    for trad, simp in sorted(to_simplified.items()):
        if trad not in vocab.index and simp in vocab.index:
            pairs.append((len(vocab) + len(added), vocab.index[simp]))
            added.append(trad)
    return Vocabulary(vocab.words + added), pairs
