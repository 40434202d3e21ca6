"""Catalog maintenance with Babel (a development tool; the app itself reads the compiled .mo files)."""
from __future__ import annotations

import glob
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from dlplay import i18n, settings

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGE = "zh"  # the catalogs translators edit (English is the source language)


def _po(domain: str) -> Path:
    return i18n.LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


def _matches(domain: str) -> list[Path]:
    out = []
    for pattern in i18n.DOMAINS[domain]:
        out += [Path(p) for p in sorted(glob.glob(str(settings.ROOT / pattern)))]
    return [p for p in out if p.name != "i18n_tools.py"]


def files(domain: str) -> list[Path]:
    """The files whose strings go into `domain`; a file a topic claims is not also in "app"."""
    mine = _matches(domain)
    if domain != "app":
        return mine
    claimed = {p for other in i18n.DOMAINS if other != "app" for p in _matches(other)}
    return [p for p in mine if p not in claimed]


def template(domain: str) -> Catalog:
    """Every string in the domain's files wrapped in _(), N_() or ngettext()."""
    cat = Catalog(project="DL Playground", domain=domain)
    for path in files(domain):
        for lineno, message, comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            cat.add(message, locations=[(str(path.relative_to(settings.ROOT)), lineno)], auto_comments=comments)
    return cat


def read(domain: str) -> Catalog:
    path = _po(domain)
    if not path.is_file():
        return Catalog(locale=LANGUAGE, domain=domain)
    with open(path, "rb") as f:
        return read_po(f, locale=LANGUAGE, domain=domain)


def _known_translations() -> dict:
    """Every translation in any catalog, so that a string moved to another file (and so perhaps to
    another catalog) keeps its Chinese."""
    known = {}
    for domain in i18n.DOMAINS:
        cat = read(domain)
        for message in list(cat) + list(cat.obsolete.values()):
            if message.id and message.string and not message.fuzzy:
                known.setdefault(message.id, message.string)
    return known


def _chosen(domains) -> list[str]:
    unknown = [d for d in domains or () if d not in i18n.DOMAINS]
    if unknown:
        raise ValueError(f"unknown catalog(s) {unknown}; the catalogs are {list(i18n.DOMAINS)}")
    return list(domains or i18n.DOMAINS)


def extract(domains=None) -> dict[str, int]:
    """Bring catalogs (all, or the ones named) up to date with the code: new strings are added (with
    the translation another catalog already has for them, else untranslated), gone ones dropped."""
    counts = {}
    known = _known_translations()
    for domain in _chosen(domains):
        cat = read(domain)
        cat.update(template(domain), no_fuzzy_matching=True)
        for message in cat:
            if message.id and not message.string and message.id in known:
                message.string = known[message.id]
        cat.obsolete.clear()
        _po(domain).parent.mkdir(parents=True, exist_ok=True)
        with open(_po(domain), "wb") as f:
            write_po(f, cat, width=100, sort_output=False, omit_header=False)
        counts[domain] = len(cat)
    return counts


def missing() -> dict[str, list[str]]:
    """Per catalog, the strings in the code that have no (or only a fuzzy) Chinese translation."""
    out = {}
    for domain in i18n.DOMAINS:
        cat = read(domain)
        have = {m.id for m in cat if m.id and m.string and not m.fuzzy}
        need = [m.id for m in template(domain) if m.id]
        out[domain] = [(m if isinstance(m, str) else m[0]) for m in need if m not in have]
    return out


def translate(domain: str, translations: dict[str, str]) -> int:
    """Write translations into a domain's catalog (for scripted batches; translators edit the .po)."""
    cat = read(domain)
    done = 0
    for message in cat:
        if message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
            done += 1
    with open(_po(domain), "wb") as f:
        write_po(f, cat, width=100, sort_output=False, omit_header=False)
    return done


def compile_all(domains=None) -> list[Path]:
    written = []
    for domain in _chosen(domains):
        cat = read(domain)
        mo = _po(domain).with_suffix(".mo")
        with open(mo, "wb") as f:
            write_mo(f, cat, use_fuzzy=False)
        written.append(mo)
    i18n.catalog.cache_clear()
    return written
