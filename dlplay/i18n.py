"""English and Simplified Chinese through gettext catalogs (torch-free, Streamlit-free).

Strings a learner reads are written in English in the code and wrapped in `_()`. Translations live
in gettext catalogs, one per part of the app (`DOMAINS`), at dlplay/locale/zh/LC_MESSAGES/<domain>.po,
compiled to .mo files that are committed beside them. Babel extracts and compiles them:

    python -m dlplay i18n extract     # new strings from the code into every catalog
    python -m dlplay i18n missing     # every string that has no Chinese translation yet
    python -m dlplay i18n compile     # .po -> .mo (the app reads the .mo files)

Technical terms come from one glossary (dlplay/locale/glossary.csv), so a term reads the same on every
page; `term("activation function")` writes 激活函数（activation function） the first time a page uses
it and 激活函数 after that. Names Chinese courses keep in English (ReLU, Adam, LSTM, MNIST) stay.

Which language a call means is asked of a "language source": Streamlit's UI layer registers one that
reads the learner's session (dlplay.ui.language), so this module never imports Streamlit.
"""
from __future__ import annotations

import csv
import functools
import gettext
from pathlib import Path
from typing import Callable

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
GLOSSARY = LOCALE_DIR / "glossary.csv"
LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT = "en"

# Each catalog and the files its strings are extracted from (paths relative to the project). A topic's
# page, its parameter table and its UI modules (dlplay/ui/<topic>_*.py) share the topic's catalog, so
# code moved from a page into a UI module keeps its translations; "app" takes every other file.
DOMAINS: dict[str, list[str]] = {
    "app": ["app.py", "dlplay/ui/*.py", "dlplay/*.py", "dlplay/data/*.py", "dlplay/params/__init__.py"],
    "home": ["pages/home.py", "pages/about.py"],
    "backprop": ["pages/backprop.py", "dlplay/params/backprop.py", "dlplay/ui/backprop_*.py"],
    "activations": ["pages/activations.py", "dlplay/params/activations.py", "dlplay/ui/activation_*.py"],
    "optimizers": ["pages/optimizers.py", "dlplay/params/optimizers.py", "dlplay/ui/optimizer_*.py"],
    "digits": ["pages/digits.py", "dlplay/params/digits.py", "dlplay/ui/digit_*.py"],
    "sentiment": ["pages/sentiment.py", "dlplay/params/sentiment.py", "dlplay/params/sentiment_zh.py",
                  "dlplay/ui/sentiment_*.py"],
    "autoencoder": ["pages/autoencoder.py", "dlplay/params/autoencoder.py", "dlplay/ui/autoencoder_*.py",
                    "dlplay/ui/latent_map.py"],
    "gan": ["pages/gan.py", "dlplay/params/gan.py", "dlplay/ui/gan_*.py"],
}

_source: Callable[[], str] = lambda: DEFAULT
_first_use: Callable[[], set] = lambda: set()


def set_source(language: Callable[[], str], first_use: Callable[[], set] | None = None) -> None:
    """Register where the current language (and the set of glossary terms already written on the page
    being drawn) come from."""
    global _source, _first_use
    _source = language
    if first_use is not None:
        _first_use = first_use


def language() -> str:
    try:
        code = _source()
    except Exception:  # outside a learner's session (a training thread, a test): the source language
        return DEFAULT
    return code if code in LANGUAGES else DEFAULT


@functools.lru_cache(maxsize=None)
def catalog(code: str) -> gettext.NullTranslations:
    """Every domain's compiled catalog for `code`, chained into one."""
    merged: gettext.NullTranslations = gettext.NullTranslations()
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    for mo in sorted(folder.glob("*.mo")) if code != DEFAULT else []:
        with open(mo, "rb") as f:
            part = gettext.GNUTranslations(f)
        part.add_fallback(merged)
        merged = part
    return merged


def _(message: str) -> str:
    """`message` in the learner's language (itself when untranslated or in English)."""
    return catalog(language()).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(language()).ngettext(singular, plural, n)


class Msg(str):
    """An English message that keeps its template and values, so that it can be shown later in the
    language of whoever reads it (training messages are made in another thread or process)."""

    def __new__(cls, template: str, **args):
        text = str.__new__(cls, template.format(**args))
        text.template, text.args = template, args
        return text

    def __reduce__(self):
        return (_msg, (self.template, self.args))


def _msg(template: str, args: dict) -> Msg:
    return Msg(template, **args)


def tr(text: str) -> str:
    """A message in the learner's language: a Msg is rebuilt from its translated template."""
    if isinstance(text, Msg):
        return _(text.template).format(**{k: tr(v) if isinstance(v, str) else v for k, v in text.args.items()})
    return _(text)


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; translate it with `_()` where it is shown."""
    return message


TRANSLATE, KEEP_ENGLISH, NAME_ONCE = "0", "1", "2"  # the glossary's `keep_english` column


@functools.lru_cache(maxsize=1)
def glossary() -> dict[str, tuple[str, str]]:
    """english term -> (Chinese, how it is written: TRANSLATE, KEEP_ENGLISH, or NAME_ONCE: the Chinese
    name with the English at first use, the English after that, as courses write LSTM)."""
    with open(GLOSSARY, encoding="utf-8", newline="") as f:
        return {row["english"]: (row["chinese"], row["keep_english"]) for row in csv.DictReader(f)}


def term(english: str, *, first: bool | None = None) -> str:
    """A glossary term in the learner's language; in Chinese its first use on a page carries the English
    in brackets (pass `first` where the order of drawing is not the order of reading, as in fragments).
    Terms missing from the glossary raise KeyError (tests keep the glossary complete)."""
    chinese, mode = glossary()[english]
    if language() == DEFAULT or mode == KEEP_ENGLISH:
        return english
    used = _first_use()
    if first is None:
        first = english not in used
    used.add(english)
    if first:
        return f"{chinese}（{english}）"
    return english if mode == NAME_ONCE else chinese
