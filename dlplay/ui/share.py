"""Shareable lessons: a page's main widgets mirrored in the URL, as TensorFlow Playground does.

A teacher sets the sliders, copies the address bar and the class opens the page with the same
settings. Values from the URL are validated against the widget's type, choices and range; a bad
or hostile value falls back to the default and the page says so.
"""
from __future__ import annotations

import math

import streamlit as st

_BOUND = "_dlplay_bound_keys"
_MAX_VALUE_CHARS = 200


def _parse(raw: str, default, choices, bounds):
    """The URL text as a value of the default's type, or raise ValueError."""
    if len(raw) > _MAX_VALUE_CHARS:
        raise ValueError("too long")
    if isinstance(default, (list, tuple)):
        items = [s for s in raw.split(",") if s] if raw else []
        if choices is not None and any(i not in choices for i in items):
            raise ValueError("unknown choice")
        return items
    if isinstance(default, bool):
        if raw.lower() in ("true", "1", "yes"):
            return True
        if raw.lower() in ("false", "0", "no"):
            return False
        raise ValueError("not a yes/no value")
    if isinstance(default, int):
        value = int(raw)
    elif isinstance(default, float):
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError("not finite")
    else:
        value = raw
    if choices is not None and value not in choices:
        raise ValueError("unknown choice")
    if bounds is not None and not (bounds[0] <= value <= bounds[1]):
        raise ValueError("out of range")
    return value


def _encode(value) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def bind(defaults: dict, choices: dict | None = None, ranges: dict | None = None) -> None:
    """Give each widget key its value from the URL (validated) or its default, before the widgets are drawn."""
    choices, ranges = choices or {}, ranges or {}
    bad = []
    for key, default in defaults.items():
        if key in st.session_state:
            continue
        raw = st.query_params.get(key)
        value = default
        if raw is not None:
            try:
                value = _parse(raw, default, choices.get(key), ranges.get(key))
            except ValueError:
                bad.append(key)
        st.session_state[key] = value
    st.session_state[_BOUND] = list(defaults)
    if bad:
        st.warning("This link had settings that could not be used, so their defaults are shown instead: "
                   + ", ".join(f"`{k}`" for k in bad) + ".", icon="🔗")


def sync() -> None:
    """Write the bound widgets' current values into the URL, so the address bar is a shareable lesson."""
    keys = st.session_state.get(_BOUND, [])
    wanted = {k: _encode(st.session_state[k]) for k in keys if k in st.session_state}
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)
