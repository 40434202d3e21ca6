"""Common English words, most frequent first (wordfreq's English list), to widen the sentiment vocabulary.

Reviews use everyday words that neither the tweets, the generated sentences, VADER's lexicon nor the
whole-word tokens of WordLlama's tokenizer contain ("pricey", "comfy", "tasteless", "muddy"), and a word
outside the vocabulary is read as <unk>, whatever it means. wordfreq (Robyn Speer et al.; code
Apache-2.0, word lists CC-BY-SA 4.0, on PyPI) ranks words by how often they are written across many
sources; the recipe adds the top ones to the vocabulary with their pretrained vectors. Read from the
package's data file (gzip + msgpack); its code is not imported. Training only: the chosen words end up
in the model's vocabulary file.
"""
from __future__ import annotations

import functools
import gzip
import re

import msgpack

from dlplay.data import DataMissing, packaged_file
from dlplay.i18n import Msg, N_

PACKAGE = "wordfreq"
DATA = ("data", "large_en.msgpack.gz")
SOURCE = "wordfreq's English word frequencies (Robyn Speer et al., CC-BY-SA 4.0, inside the `wordfreq` package)"


class WordListMissing(DataMissing):
    """The `wordfreq` package (or its English list) is not installed."""


def available() -> bool:
    return packaged_file(PACKAGE, *DATA) is not None


@functools.lru_cache(maxsize=1)
def _ranked() -> tuple[str, ...]:
    path = packaged_file(PACKAGE, *DATA)
    if path is None:
        raise WordListMissing(Msg(N_("The common-words list needs the `wordfreq` package: `pip install wordfreq`.")))
    # The file is a header, then one list of words per frequency step (a centibel), most frequent first.
    header, *buckets = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    if header.get("format") != "cB":
        raise WordListMissing(Msg(N_("Unexpected wordfreq data format: {header}"), header=str(header)))
    return tuple(w for bucket in buckets for w in bucket if re.fullmatch(r"[a-z]{3,}", w))


def top(n: int) -> tuple[str, ...]:
    """The n most frequent plain lower-case words (three letters or more)."""
    return _ranked()[:max(0, n)] if n > 0 else ()
