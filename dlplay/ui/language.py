"""The learner's language in a Streamlit session: the sidebar switch, the URL (`?lang=zh`) and the
browser's own language as the default (st.context.locale); dlplay.i18n reads it from here."""
from __future__ import annotations

import streamlit as st

from dlplay import i18n

KEY = "lang"
_TERMS = "_dlplay_terms_used"


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


def switch(where=None) -> None:
    """The language switch (English / 中文); switching reruns the page, nothing is reloaded or lost."""
    where = where if where is not None else st
    where.segmented_control("Language / 语言", list(i18n.LANGUAGES), key=KEY, format_func=i18n.LANGUAGES.get,
                            selection_mode="single")
    if st.session_state.get(KEY) not in i18n.LANGUAGES:  # a deselected segmented control returns None
        st.session_state[KEY] = i18n.DEFAULT
