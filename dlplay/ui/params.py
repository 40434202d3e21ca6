"""Widgets and URL binding derived from a topic's parameter table (dlplay.params).

`bind(table)` gives every parameter its value from the URL (checked against the table), from what
the learner set before leaving the page, or from its default; `widget(table, key)` draws the
parameter's widget with the table's label, help, range and choices; `values(table)` reads the
settings back as a recipe config.
"""
from __future__ import annotations

import streamlit as st

from dlplay.i18n import _
from dlplay.params import Param, Table
from dlplay.ui import language, share


def bind(*tables: Table, extra: dict | None = None, choices: dict | None = None,
         ranges: dict | None = None) -> None:
    """Bind every parameter of `tables` (plus `extra` page-only keys) to the URL, before any widget."""
    defaults, allowed, bounds = dict(extra or {}), dict(choices or {}), dict(ranges or {})
    for table in tables:
        for p in table:
            k = table.url_key(p.key)
            defaults[k] = p.value()
            if p.options:
                allowed[k] = list(p.options)
            if p.bounds is not None:
                bounds[k] = p.bounds
    share.bind(defaults, allowed, bounds)


def _format(p: Param):
    return (lambda v: _(str(p.names[v])) if v in p.names else str(v)) if p.names else None


def widget(table: Table, key: str, where=None, *, label: str | None = None, high=None, options=None, **kwargs):
    """Draw the parameter's widget in `where` (a column, the sidebar; the page by default).

    `high` lowers the range for this page view (for example to the size of the data set chosen),
    `options` narrows the choices; the value in session state is clamped to them first, so a
    shared link or a later, lower limit never makes the widget raise.
    """
    p = table[key]
    where = where if where is not None else st
    k = table.url_key(key)
    label = label or _(p.label)
    help_text = kwargs.pop("help", _(p.help) if p.help else None)
    fmt = _format(p)
    if fmt is not None:
        kwargs.setdefault("format_func", fmt)
    kind = p.kind
    opts = list(options if options is not None else p.options)
    if kind in ("select_slider", "selectbox", "radio", "multiselect"):
        language.keep_choice(k)
    current = st.session_state.get(k, p.value())
    if kind in ("select_slider", "selectbox", "radio"):
        if current not in opts:
            st.session_state[k] = p.clamp(current) if p.clamp(current) in opts else opts[0]
        call = {"select_slider": where.select_slider, "selectbox": where.selectbox, "radio": where.radio}[kind]
        if kind == "radio":
            kwargs.setdefault("horizontal", True)
        return call(label, opts, key=k, help=help_text, **kwargs)
    if kind == "multiselect":
        st.session_state[k] = [v for v in (current or []) if v in opts]
        return where.multiselect(label, opts, key=k, help=help_text, **kwargs)
    if kind == "toggle":
        return where.toggle(label, key=k, help=help_text, **kwargs)
    low, top = p.low, p.limit if high is None else min(p.limit, high)
    top = max(low, top)
    value = min(max(current, low), top)
    if value != current:
        st.session_state[k] = type(p.default)(value)
    if low == top:  # a slider needs a range; a single allowed value is shown, not offered
        where.caption(f"{label}: {value}{' ' + _(p.unit) if p.unit else ''}")
        return value
    step = p.step if p.step is not None else (1 if isinstance(p.default, int) else None)
    return where.slider(label, low, top, key=k, step=step, help=help_text, **kwargs)


def values(table: Table) -> dict:
    """The learner's settings as a recipe config (config keys, clamped by the table)."""
    out = {}
    for p in table:
        k = table.url_key(p.key)
        out[p.key] = st.session_state.get(k, p.value())
    return table.clamp(out)
