"""The learner's language in a Streamlit session: the sidebar switch, the URL (`?lang=zh`) and the
browser's own language as the default (st.context.locale); dlplay.i18n reads it from here."""
from __future__ import annotations

import streamlit as st

from dlplay import i18n

KEY = "lang"
_TERMS = "_dlplay_terms_used"
_SHOWN = "_dlplay_language_shown"  # the language the previous run was drawn in
_SWITCHED = "_dlplay_language_switched"


def browser_default() -> str:
    """zh when the browser asks for Chinese, else English."""
    try:
        locale = (st.context.locale or "").lower()
    except Exception:
        locale = ""
    return "zh" if locale.startswith("zh") else i18n.DEFAULT


def _session_language() -> str:
    return st.session_state.get(KEY, i18n.DEFAULT)


def _terms_used() -> set:
    return st.session_state.setdefault(_TERMS, set())


def install() -> None:
    """Make dlplay.i18n read this session's language; start the page's glossary afresh (call once per run)."""
    i18n.set_source(_session_language, _terms_used)
    st.session_state[_TERMS] = set()
    shown = st.session_state.get(_SHOWN)
    st.session_state[_SWITCHED] = shown is not None and shown != _session_language()
    st.session_state[_SHOWN] = _session_language()


def switched() -> bool:
    """Whether this run is the one a change of language started."""
    return bool(st.session_state.get(_SWITCHED))


def keep_choice(key: str) -> None:
    """Call just before drawing a selectbox, radio, segmented control, pills, select slider or
    multiselect whose options are shown translated (a format_func that calls _()).

    Streamlit (1.67) sends such a widget's value back from the browser as the text of the chosen
    option, and the browser keeps the text it was first given. After two changes of language that
    text belongs to the other language: Streamlit no longer recognises it, hands the page the text
    itself as the value and calls the widget's on_change as if the learner had picked something.
    Setting the value again on the run a switch starts makes Streamlit send the browser the option's
    text in the new language, so the choice survives any number of switches."""
    if switched() and key in st.session_state:
        st.session_state[key] = st.session_state[key]


def switch(where=None) -> None:
    """The language switch (English / 中文); switching reruns the page, nothing is reloaded or lost."""
    where = where if where is not None else st
    where.segmented_control("Language / 语言", list(i18n.LANGUAGES), key=KEY, format_func=i18n.LANGUAGES.get,
                            selection_mode="single")
    if st.session_state.get(KEY) not in i18n.LANGUAGES:  # a deselected segmented control returns None
        st.session_state[KEY] = i18n.DEFAULT
