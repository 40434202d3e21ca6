"""What one learner (one browser session) owns: their shelf of trained models and their identity.

Both live in Streamlit's session state, so they go when the session ends. The liveness token is
what the job pool holds a weak reference to: once Streamlit frees an ended session, the token is
collected and the learner's queued and running jobs stop (dlplay.jobs).
"""
from __future__ import annotations

import uuid

import streamlit as st

from dlplay import store

_SHELF = "_dlplay_shelf"
_OWNER = "_dlplay_owner"
_TOKEN = "_dlplay_liveness"


class _Liveness:
    """An object only this session refers to (a plain object() cannot be weakly referenced)."""


def shelf() -> store.Shelf:
    if _SHELF not in st.session_state:
        st.session_state[_SHELF] = store.Shelf()
    return st.session_state[_SHELF]


def owner() -> str:
    if _OWNER not in st.session_state:
        st.session_state[_OWNER] = uuid.uuid4().hex[:12]
    return st.session_state[_OWNER]


def liveness() -> _Liveness:
    if _TOKEN not in st.session_state:
        st.session_state[_TOKEN] = _Liveness()
    return st.session_state[_TOKEN]
