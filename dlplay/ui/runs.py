"""Training curves, and the comparison of a learner's runs on one page."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from dlplay import metric_names
from dlplay.i18n import N_, _
from dlplay.ui import language, tables
from dlplay.ui.learner import shelf

_SKIP = ("epoch", "elapsed")
# Charts in this order, each with its own y axis: a validation MSE of 0.02 must not sit flat under a
# loss of 170, and accuracy always spans 0 to 1 so that 0.50 -> 0.51 does not look like a leap.
_PANELS = (("loss", N_("loss")), ("accuracy", N_("accuracy")), ("error", N_("error (MSE)")),
           ("other", N_("other measures")))


def scalars(record: dict) -> dict:
    return {k: v for k, v in record.items()
            if k not in _SKIP and not k.startswith("_") and isinstance(v, (int, float))}


def epoch_axis(fig: go.Figure, epochs: int) -> None:
    """Whole epochs only on the x axis (a short run otherwise gets ticks at 1.5 and 2.5), at most ~8."""
    fig.update_xaxes(title_text=_("epoch"), tick0=1, dtick=max(1, -(-epochs // 8)))


def curves_figure(history: list[dict], trace: list | None = None, title: str = "") -> go.Figure:
    """One chart per kind of metric (loss, accuracy, MSE, other); x is the epoch."""
    names = sorted({k for r in history for k in scalars(r)} | {k for _, v in (trace or []) for k in v})
    panels = [(kind, title_) for kind, title_ in _PANELS if any(metric_names.kind(n) == kind for n in names)]
    panels = panels or [("loss", N_("loss"))]
    col_of = {kind: i + 1 for i, (kind, _) in enumerate(panels)}
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[_(t) for kind, t in panels])
    for name in names:
        col = col_of[metric_names.kind(name)]
        label = metric_names.label(name)
        if trace:
            pts = [(x, v[name]) for x, v in trace if name in v]
            if pts:
                fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], mode="lines",
                                         name=_("{metric} (each step)").format(metric=label), opacity=0.35, line={"width": 1}),
                              row=1, col=col)
        pts = [(r["epoch"], r[name]) for r in history if name in r]
        if pts:
            fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], mode="lines+markers",
                                     name=label), row=1, col=col)
    epoch_axis(fig, max((r["epoch"] for r in history), default=1))
    if "accuracy" in col_of:
        fig.update_yaxes(range=[0, 1.02], row=1, col=col_of["accuracy"])
    fig.update_layout(height=320, margin={"l": 10, "r": 10, "t": 40, "b": 10}, title=title or None,
                      legend={"orientation": "h", "y": -0.3})
    return fig


def runs(topic: str) -> None:
    """The learner's runs on this page: curves overlaid, and the settings that differ between them."""
    mine = shelf().for_topic(topic)
    if len(mine) < 1:
        st.caption(_("Your finished runs will be compared here."))
        return
    names = sorted({k for m in mine for r in m.history for k in scalars(r)})
    if not names:
        return
    default = next((n for n in ("val_acc", "val_loss", "loss") if n in names), names[0])
    language.keep_choice(f"_dlplay_runs_{topic}")
    metric = st.selectbox(_("Compare runs by"), names, index=names.index(default), key=f"_dlplay_runs_{topic}",
                          format_func=metric_names.label)
    fig = go.Figure()
    for m in mine:
        pts = [(r["epoch"], r[metric]) for r in m.history if metric in r]
        fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], mode="lines+markers", name=m.name))
    epoch_axis(fig, max((r["epoch"] for m in mine for r in m.history), default=1))
    fig.update_layout(height=280, margin={"l": 10, "r": 10, "t": 30, "b": 10}, yaxis_title=metric_names.label(metric))
    if metric_names.kind(metric) == "accuracy":
        fig.update_yaxes(range=[0, 1.02])
    st.plotly_chart(fig, width="stretch", key=f"_dlplay_runs_fig_{topic}")
    keys = sorted({k for m in mine for k in m.config})
    differ = [k for k in keys if len({repr(m.config.get(k)) for m in mine}) > 1]
    if len(mine) > 1:
        if differ:
            tables.table({_("setting"): differ, **{m.name: [str(m.config.get(k)) for k in differ] for m in mine}})
        else:
            st.caption(_("These runs used identical settings (differences come from randomness only)."))
