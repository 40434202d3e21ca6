"""Sentiment words from VADER's lexicon, for the generated training sentences.

The tweets and the hand-picked word lists in phrases.py know a few hundred sentiment words; a
learner's review uses many more ("heavenly", "flawless", "shoddy"). VADER's lexicon (Hutto and
Gilbert 2014, MIT, shipped inside the `vaderSentiment` package) holds about 7,500 entries, each
rated from -4 to +4 by ten people. We keep plain words the raters agreed on and split them into
adjective-like words (by suffix, so they fit "the room was ___") and the rest, which only go into
frames where any part of speech reads naturally enough. Read from the file; the package's own
code is not needed.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from dlplay.data import packaged_file

LEXICON_FILE = "vader_lexicon.txt"
MIN_STRENGTH = 1.0  # |mean rating| on VADER's -4..4 scale
MAX_DISAGREEMENT = 1.0  # standard deviation of the ten ratings
ADJECTIVE_ENDINGS = ("ful", "ous", "ive", "able", "ible", "ic", "al", "less", "y", "ing", "ed", "ent", "ant",
                     "ish", "ile", "ure", "ect", "ete", "ate")
# Slurs and obscenities rate strongly in VADER; they have no place in sentences a teacher may read.
OFFENSIVE = ("bitch", "slut", "fuck", "shit", "whore", "nigg", "cunt", "dick", "piss", "bastard", "dumbass",
             "rape", "murder", "suicid", "kill", "fag", "retard", "douche", "twat", "porn", "sex")


@dataclass(frozen=True)
class Words:
    positive_adjectives: tuple[str, ...]
    negative_adjectives: tuple[str, ...]
    positive_other: tuple[str, ...]
    negative_other: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _ratings() -> tuple[tuple[str, float, float], ...]:
    """(word, mean rating, spread) for every plain, polite word VADER rates; empty without the package."""
    path = packaged_file("vaderSentiment", LEXICON_FILE)
    if path is None:
        return ()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and re.fullmatch(r"[a-z]{3,}", parts[0]) and not any(o in parts[0] for o in OFFENSIVE):
            rows.append((parts[0], float(parts[1]), float(parts[2])))
    return tuple(rows)


@functools.lru_cache(maxsize=1)
def words() -> Words:
    """The agreed-on plain words, sorted (so generated data is reproducible); empty without the package."""
    buckets: dict[tuple[bool, bool], list[str]] = {(p, a): [] for p in (True, False) for a in (True, False)}
    for word, mean, spread in _ratings():
        if abs(mean) >= MIN_STRENGTH and spread <= MAX_DISAGREEMENT:
            buckets[(mean > 0, word.endswith(ADJECTIVE_ENDINGS))].append(word)
    return Words(*(tuple(sorted(buckets[k])) for k in [(True, True), (False, True), (True, False), (False, False)]))


def all_words() -> tuple[str, ...]:
    """Every plain word VADER rates (offensive ones left out, agreed on or not), sorted: each gets a
    pretrained vector in the vocabulary even if no generated sentence uses it."""
    return tuple(sorted({word for word, _, _ in _ratings()}))
