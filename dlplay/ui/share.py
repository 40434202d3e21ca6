"""Shareable lessons: a page's main widgets mirrored in the URL, as TensorFlow Playground does.

A teacher sets the sliders, copies the address bar and the class opens the page with the same
settings. Values from the URL are validated against the widget's type, choices and range; a bad
or hostile value falls back to the default and the page says so, and a number between the choices
takes the nearest choice, also with a notice. What a page writes into the URL it can read back.

Streamlit forgets a widget's value once its page is left, so the bound values are also kept in the
session (`_KEPT`): coming back to a page restores the learner's settings, unless the URL says otherwise.
"""
from __future__ import annotations

import math

import streamlit as st

from dlplay.i18n import _

_BOUND = "_dlplay_bound_keys"
_APP_BOUND = "_dlplay_app_keys"  # app-wide settings (presenter mode, language) kept in every page's URL
_KEPT = "_dlplay_kept_settings"
MAX_VALUE_CHARS = 200  # longer values are neither read from nor written into a link


class NearestChoice(ValueError):
    """A number between the allowed choices; `value` is the nearest choice."""

    def __init__(self, value):
        super().__init__("not one of the choices")
        self.value = value


def _parse(raw: str, default, choices, bounds):
    """The URL text as a value of the default's type, or raise ValueError."""
    if len(raw) > MAX_VALUE_CHARS:
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
        numeric = [c for c in choices if isinstance(c, (int, float)) and not isinstance(c, bool)]
        if numeric and isinstance(value, (int, float)) and min(numeric) <= value <= max(numeric):
            raise NearestChoice(nearest(numeric, value))
        raise ValueError("unknown choice")
    if bounds is not None and not (bounds[0] <= value <= bounds[1]):
        raise ValueError("out of range")
    return value


def nearest(options: list, value: float):
    """The option closest to `value`; on a ratio scale when all are positive (learning rates)."""
    if value > 0 and all(o > 0 for o in options):
        return min(options, key=lambda o: abs(math.log(o / value)))
    return min(options, key=lambda o: abs(o - value))


def _encode(value) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _allowed(value, choices, bounds) -> bool:
    """Is a remembered value still legal (the limits may have changed since)?"""
    try:
        _parse(_encode(value), value, choices, bounds)
        return True
    except ValueError:
        return False


def bind(defaults: dict, choices: dict | None = None, ranges: dict | None = None) -> None:
    """Give each widget key its value before the widgets are drawn: from the URL (validated), else what
    the learner set before leaving the page, else its default."""
    choices, ranges = choices or {}, ranges or {}
    kept = st.session_state.setdefault(_KEPT, {})
    bad, nearest = [], []
    for key, default in defaults.items():
        if key in st.session_state:
            continue
        raw = st.query_params.get(key)
        value = default
        if raw is not None:
            try:
                value = _parse(raw, default, choices.get(key), ranges.get(key))
            except NearestChoice as e:
                value = e.value
                nearest.append(f"`{key}` {raw} → {e.value}")
            except ValueError:
                bad.append(key)
        elif key in kept and _allowed(kept[key], choices.get(key), ranges.get(key)):
            value = kept[key]
        st.session_state[key] = value
    st.session_state[_BOUND] = list(defaults)
    if bad:
        st.warning(_("This link had settings that could not be used, so their defaults are shown instead: "
                     "{settings}.").format(settings=", ".join(f"`{k}`" for k in bad)), icon="🔗")
    if nearest:
        st.info(_("This link asked for values between the choices a slider offers; the nearest choice is used: "
                  "{settings}.").format(settings=", ".join(nearest)), icon="🔗")


def bind_app(defaults: dict, choices: dict | None = None) -> None:
    """Bind app-wide settings: read from the URL on any page, kept in the session, written on every page.

    Called by app.py at the start of every run, before the page: it also forgets the previous page's
    bound keys, so that a page without settings does not carry another page's into its URL."""
    st.session_state[_BOUND] = []
    st.session_state[_APP_BOUND] = list(defaults)
    kept = st.session_state.setdefault(_KEPT, {})
    for key, default in defaults.items():
        if key in st.session_state:
            continue
        value = kept.get(key, default)
        raw = st.query_params.get(key)
        if raw is not None:
            try:
                value = _parse(raw, default, (choices or {}).get(key), None)
            except ValueError:
                pass
        st.session_state[key] = value


def sync() -> None:
    """Write the bound widgets' current values into the URL, so the address bar is a shareable lesson,
    and remember them for when the learner comes back to the page."""
    keys = st.session_state.get(_BOUND, []) + st.session_state.get(_APP_BOUND, [])
    current = {k: st.session_state[k] for k in keys if k in st.session_state}
    st.session_state.setdefault(_KEPT, {}).update(current)
    wanted = {k: v for k, v in ((k, _encode(v)) for k, v in current.items()) if len(v) <= MAX_VALUE_CHARS}
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)
