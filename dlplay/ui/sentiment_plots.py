"""Plotly figures for the sentiment page: score strip and running score per token, gate heat-maps,
confusion matrix.

Tokens come from whatever a visitor typed; plotly renders a subset of HTML in text labels, so every
label is escaped here and shown as text, never as markup.
"""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from dlplay.i18n import N_, _
from dlplay.ui import training

DIVERGING = "RdBu"  # red = negative, blue = positive
# Each gate's name and what it does, in English (translated where shown).
GATE_NAMES = {"input": N_("input gate"), "forget": N_("forget gate"), "output": N_("output gate"),
              "update": N_("update gate"), "reset": N_("reset gate")}
GATE_HELP = {
    "input": N_("how much of the new candidate is written into the cell memory"),
    "forget": N_("how much of the old memory is kept (1 = keep everything)"),
    "output": N_("how much of the memory is shown as the hidden state"),
    "update": N_("how much of the old state is kept (1 = ignore this token)"),
    "reset": N_("how much of the old state is used to read this token"),
}
# The verdicts as the page shows them (a model's labels are these English words).
VERDICTS = {"positive": N_("positive"), "negative": N_("negative"), "neutral": N_("neutral")}
COLOURS = {"positive": "#2166ac", "negative": "#b2182b"}


def verdict(label: str) -> str:
    """A model's label in the learner's language."""
    return _(VERDICTS[label]) if label in VERDICTS else label


def _labels(tokens: list[str]) -> list[str]:
    # Position numbers keep repeated words apart on a categorical axis.
    return [f"{i + 1}·{html.escape(t)}" for i, t in enumerate(tokens)]


def _score_cells(result: dict, **style) -> go.Heatmap:
    """One cell per token read, coloured by P(positive) − P(negative) had the sentence stopped there."""
    toks = result["tokens"]
    hover = _("after {token}: {score}").format(token="%{x}", score="%{z:+.2f}")
    # The tokens are named on the axis below, not inside the cells, where they overlap on a phone.
    return go.Heatmap(z=[[t["score"] for t in toks]], x=_labels([t["token"] for t in toks]), zmin=-1, zmax=1,
                      colorscale=DIVERGING, xgap=1, hovertemplate=hover + "<extra></extra>", **style)


def score_strip(result: dict, height: int = 170) -> go.Figure:
    """The page's main picture beside the verdict: the running score as one strip of cells, with a colour
    bar that names its ends."""
    bar = {"thickness": 12, "len": 1.0, "tickvals": [-1, 0, 1],
           "ticktext": [verdict("negative"), "0", verdict("positive")]}
    fig = go.Figure(_score_cells(result, y=[""], colorbar=bar))
    fig.update_yaxes(visible=False)
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def running_score(result: dict) -> go.Figure:
    toks = result["tokens"]
    x = _labels([t["token"] for t in toks])
    fig = make_subplots(rows=2, cols=1, row_heights=[0.35, 0.65], shared_xaxes=True, vertical_spacing=0.06)
    fig.add_trace(_score_cells(result, y=[_("score")], showscale=False), 1, 1)
    for label in result["probs"]:
        fig.add_trace(go.Scatter(x=x, y=[t["probs"][label] for t in toks], mode="lines+markers", name=verdict(label),
                                 line={"color": COLOURS.get(label, "#888")}),
                      2, 1)
    fig.update_yaxes(range=[0, 1], title_text=_("probability"), row=2, col=1)
    # Legend above the plot: below it, it covered the token names once a narrow screen turned them upright.
    # Fixed-width entries: presenter mode enlarges the legend's text after plotly has placed the entries.
    fig.update_layout(height=360, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "entrywidth": 120})
    return fig


def gates(g: dict, units: int = 16) -> go.Figure:
    """One heat-map per gate (rows: hidden units, columns: tokens), then the hidden state, each with
    its colour scale: gates run from 0 (closed) to 1 (open), the hidden state from -1 to 1."""
    # (title, values, colour scale, lowest, highest, is a gate)
    panels = [(_(GATE_NAMES.get(name, name)), v, "Viridis", 0.0, 1.0, True) for name, v in g["gates"].items()]
    panels.append((_("hidden state h"), g["hidden"], DIVERGING, -1.0, 1.0, False))
    x = _labels(g["tokens"])
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.06,
                        subplot_titles=[panel[0] for panel in panels])
    gate_rows = [row for row, panel in enumerate(panels, start=1) if panel[-1]]
    for row, (title, values, scale, lo, hi, is_gate) in enumerate(panels, start=1):
        v = np.asarray(values)[:, :units].T
        # One colour bar for all gates (they share 0..1) beside the gate rows, one for the hidden state.
        rows = gate_rows if is_gate else [row]
        bar = None
        if row == rows[0]:
            top = fig.layout[_axis("yaxis", rows[0])].domain[1]
            bottom = fig.layout[_axis("yaxis", rows[-1])].domain[0]
            bar = {"y": (top + bottom) / 2, "len": top - bottom, "thickness": 12, "x": 1.0,
                   **({"title": {"text": _("gate opening"), "side": "right"}, "tickvals": [0, 0.5, 1],
                       "ticktext": [_("0 closed"), "0.5", _("1 open")]} if is_gate else
                      {"title": {"text": _("value of h"), "side": "right"}, "tickvals": [-1, 0, 1]})}
        hover = _("{title}, unit {unit}, after {token}: {value}").format(title=title, unit="%{y}", token="%{x}",
                                                                         value="%{z:.2f}")
        fig.add_trace(go.Heatmap(z=v, x=x, y=list(range(1, v.shape[0] + 1)), zmin=lo, zmax=hi,
                                 colorscale=scale, showscale=bar is not None, colorbar=bar,
                                 hovertemplate=hover + "<extra></extra>"),
                      row, 1)
        fig.update_yaxes(title_text=_("unit"), tickmode="array", tickvals=[1, v.shape[0]] if v.shape[0] else [],
                         autorange="reversed", row=row, col=1)
    fig.update_xaxes(title_text=_("token read"), row=len(panels), col=1)
    # The top margin keeps the first title clear of plotly's toolbar, which a phone shows all the time.
    fig.update_layout(height=150 * len(panels) + 90, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig


def _axis(name: str, row: int) -> str:
    return name if row == 1 else f"{name}{row}"


def confusion(matrix: list[list[int]], labels: list[str], truth: str = N_("the tweet is")) -> go.Figure:
    """Rows: what each example really is (`truth` titles them), columns: what the model said."""
    m = np.asarray(matrix)
    names = [verdict(label) for label in labels]
    hover = _("true {truth}, read as {said}: {count}").format(truth="%{y}", said="%{x}", count="%{z}")
    fig = go.Figure(go.Heatmap(z=m, x=names, y=names, colorscale="Blues", text=m, texttemplate="%{text}",
                               showscale=False, hovertemplate=hover + "<extra></extra>"))
    fig.update_xaxes(title_text=_("the model said"), type="category")
    fig.update_yaxes(title_text=_(truth), type="category", autorange="reversed")
    fig.update_layout(height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def run_details(learner, topic: str, explanation: str, truth: str = N_("the tweet is")) -> None:
    """A learner's run: its confusion matrix beside `explanation`, then all their runs on this topic compared."""
    if learner is not None and learner.extras.get("confusion"):
        c1, c2 = st.columns([2, 3])
        c1.plotly_chart(confusion(learner.extras["confusion"], learner.extras["labels"], truth=truth),
                        width="stretch")
        c2.markdown(explanation)
    st.subheader(_("Compare your runs"))
    training.runs(topic)
