"""The sentiment page's sentences built from data: which model reads, what it is, what a run trains on.

Plain functions that return text in the learner's language (no Streamlit), so the page and its tests
read the same words.
"""
from __future__ import annotations

from dlplay import sentiment
from dlplay.data import chinese_reviews
from dlplay.i18n import _, glossary, ngettext, term
from dlplay.ui import sentiment_plots as plots


def reader_name(model, code: str) -> str:
    """How the page names a model: "the shipped Chinese model", or the learner's run name."""
    if model is None or model.name == "shipped model":
        return _("the shipped {language} model").format(language=_(sentiment.LANGUAGES[code].name))
    return model.name


def cell_name(cell: str) -> str:
    """A cell's name (LSTM, GRU, RNN) as the glossary writes it: in Chinese its first use names it in full."""
    name = cell.upper()
    return term(name) if name in glossary() else name


def reading_with(model, code: str, chosen) -> str:
    """"Reading with **the shipped English model**: LSTM, bidirectional, 2 layers, …" (the language is
    named when the learner chose the model: `chosen` is their run, None for the shipped one)."""
    config = model.config
    depth = int(config.get("layers", 1))  # of the model reading; the "Layers" slider below is for a new run
    size = (_("{n:,} characters in its vocabulary") if code == "zh" else _("{n:,} words in its vocabulary")).format(
        n=len(model.vocab))
    details = (_("{cell}{direction}, {layers}, {size}{pretrained}, labels {labels}, reads up to {length} characters")
               if code == "zh" else
               _("{cell}{direction}, {layers}, {size}{pretrained}, labels {labels}, reads up to {length} tokens")).format(
        cell=cell_name(model.cell), direction=_(", bidirectional") if config.get("bidirectional") else "",
        layers=_("{n} layers").format(n=depth) if depth > 1 else _("1 layer"), size=size,
        pretrained=_(" (each started from a pretrained vector)") if config.get("pretrained") else "",
        labels=" / ".join(plots.verdict(label) for label in model.labels), length=model.length)
    return (_("Reading with **{reader}**: {details}.") if chosen is None else
            _("Reading with **{reader}** ({language}): {details}.")).format(
        reader=reader_name(model, code), language=_(sentiment.LANGUAGES[code].name), details=details)


def mixed_scripts(counts: dict[str, int], code: str) -> str:
    """Why a text that mixes Chinese characters and Latin letters is read by the model of `code`."""
    return (_("This text mixes {zh} Chinese characters with {en} Latin letters. The Chinese model reads it, "
              "since most of its letters are Chinese characters; it reads each Latin word as one token, and "
              "knows only the few that Chinese reviews use.") if code == "zh" else
            _("This text mixes {en} Latin letters with {zh} Chinese characters. The English model reads it, "
              "since most of its letters are Latin; to it, each run of Chinese characters is one word it does "
              "not know.")).format(zh=counts["zh"], en=counts["en"])


def unknown_tokens(unknown: list[str]) -> str:
    """The tokens read as `<unk>`, at most 30 of them."""
    n = len(unknown)
    return ngettext("{n} token is not in the vocabulary and was read as `<unk>` (the model knows nothing "
                    "about it): {tokens}",
                    "{n} tokens are not in the vocabulary and were read as `<unk>` (the model knows nothing "
                    "about them): {tokens}", n).format(n=n, tokens=", ".join(sorted(set(unknown))[:30]))


def english_run(run_config: dict, shipped_config: dict) -> str:
    """What an English run trains on, then (when the manifest says) what the shipped model saw."""
    sizes = {"tweets": run_config["train_samples"], "sentences": run_config["phrases"], "imdb": run_config["imdb"]}
    text = (_("This run trains on {tweets:,} tweets, {sentences:,} generated sentences and {imdb:,} IMDB reviews, "
              "with classes weighed equally.") if run_config["imdb"] else
            _("This run trains on {tweets:,} tweets and {sentences:,} generated sentences, with classes weighed "
              "equally.")).format(**sizes)
    if "phrases" not in shipped_config:
        return text
    saw = _("The shipped model saw {tweets:,} tweets and {sentences:,} sentences, {epochs} epochs.").format(
        tweets=shipped_config["train_samples"], sentences=shipped_config["phrases"], epochs=shipped_config["epochs"])
    # A second sentence, joined as the language joins sentences (Chinese: no space after 。).
    return _("{sentence} {more}").format(sentence=text, more=saw)


def chinese_run(run_config: dict, shipped: dict) -> str:
    """What a Chinese run trains on, and what the shipped model saw (`shipped`: its manifest entry)."""
    saw = shipped.get("metrics", {})
    return (_("This run trains on {n:,} reviews and {m:,} generated sentences (the shipped model saw {saw_n:,} "
              "reviews and {saw_m:,} sentences, {epochs} epochs).") if "train_reviews" in saw else
            _("This run trains on {n:,} reviews and {m:,} generated sentences.")).format(
        n=min(run_config["train_samples"], chinese_reviews.TRAIN_REVIEWS), m=run_config["phrases"],
        saw_n=saw.get("train_reviews", 0), saw_m=saw.get("generated_sentences", 0),
        epochs=shipped.get("config", {}).get("epochs", 0))
