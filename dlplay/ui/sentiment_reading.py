"""Section 1 of the sentiment page around its main picture: the sentence box, which model reads the
sentence and why, and the tokens it read."""
from __future__ import annotations

import streamlit as st

from dlplay import runtime, sentiment, settings
from dlplay.i18n import _, tr
from dlplay.sentiment_lesson import EXAMPLES, READING
from dlplay.ui import language as ui_language
from dlplay.ui import sentiment_captions as captions
from dlplay.ui import model_loading, share, training

CUT_FROM = "_sa_cut_from"  # length of the last text that was cut to MAX_TEXT_CHARS (0: none)
NO_READING = {"label": None, "words": [], "notices": []}  # what the page reads without a model


def intro() -> None:
    st.markdown(_(
        "A **recurrent network** reads a sentence one token at a time. After each token it updates a hidden "
        "state $h_t$, a running summary of everything read so far, and at the end a linear layer turns that "
        "summary into a verdict. Type anything below, in English or in Chinese, and watch the verdict form "
        "token by token: an English model reads words, a Chinese model reads characters."))


def model_choices() -> dict:
    """Language code -> the learner's run chosen to read it (None: the shipped model). Each choice is shown
    once the learner has trained a model of its language; a finished run becomes the one that reads."""
    return {code: training.model_choice(lang.recipe, label=_("Read {language} with").format(language=_(lang.name)))
            for code, lang in sentiment.LANGUAGES.items()}


def _use_example():
    if st.session_state.get("sa_example"):
        st.session_state["sa_text"] = st.session_state["sa_example"]
        st.session_state[CUT_FROM] = 0


def _cut_long_text():
    # The text box has no max_chars: in the browser it would silently refuse a longer paste and keep
    # the previous text. Instead the text is cut here and the page says so.
    text = st.session_state.get("sa_text") or ""
    st.session_state[CUT_FROM] = len(text) if len(text) > settings.MAX_TEXT_CHARS else 0
    st.session_state["sa_text"] = text[:settings.MAX_TEXT_CHARS]


def sentence_box() -> str:
    """The example picker and the text box; returns the learner's sentence."""
    # The examples and the learner's text are data, not interface: they stay in their own language (a
    # "verbatim" container tells the language checks so).
    with st.container(key="verbatim_sentence"):
        ui_language.keep_choice("sa_example")  # its first option's name is translated
        st.selectbox(_("Pick an example"), [""] + EXAMPLES, key="sa_example", on_change=_use_example,
                     format_func=lambda s: s or _("… or type your own below (English or Chinese)"))
        text = st.text_area(_("Sentence"), key="sa_text", height=80, on_change=_cut_long_text,
                            help=_("Anything goes, in English or Chinese; the page keeps the first {chars:,} "
                                   "characters, and the model reads the first {tokens} tokens of them.").format(
                                chars=settings.MAX_TEXT_CHARS, tokens=settings.MAX_TOKENS))
    if st.session_state.get(CUT_FROM):
        st.info(_("Your text had {had:,} characters; the page kept the first {kept:,}.").format(
            had=st.session_state[CUT_FROM], kept=settings.MAX_TEXT_CHARS), icon="✂️")
    if len(text) > share.MAX_VALUE_CHARS:
        st.caption(_("Longer than {n} characters, so this sentence is not written into the page's link: a shared "
                     "link opens with the first example.").format(n=share.MAX_VALUE_CHARS))
    return text


def read(text: str, learners: dict):
    """Read `text` with the model of its language (the learner's choice): (language code, model or None,
    predict's dict). A text that mixes scripts says which model reads it, and why; a model file that cannot
    be read is a calm warning, not a traceback."""
    code = sentiment.language_of(text)
    counts = sentiment.scripts(text)
    if counts["en"] and counts["zh"]:
        st.info(captions.mixed_scripts(counts, code), icon="🔀")
    try:
        model = sentiment.load(learners[code], language=code)
    except runtime.ModelFileError as e:  # the other language's model may still read: warn, do not stop
        model_loading.warn(e)
        return code, None, NO_READING
    result = model.predict([text])[0]
    for note in result["notices"]:
        st.info(tr(note), icon="🔤" if result["label"] is None and result["words"] else "✂️")
    return code, model, result


def tokens_read(result: dict, code: str) -> None:
    """The tokens the model read, and those it did not know."""
    st.markdown(_(READING[code]))
    st.code(" ".join(result["words"]), language=None, wrap_lines=True)
    if result["unknown"]:
        # The words listed are the learner's.
        st.container(key="verbatim_unknown").caption("⚠️ " + captions.unknown_tokens(result["unknown"]))
    else:
        st.caption(_("Every token is in the vocabulary (no `<unk>`)."))
