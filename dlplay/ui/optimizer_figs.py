"""Plotly figures for the optimizer page: the surface with every racer's path, loss per step, and the
race on a network. Each optimizer has its colour from dlplay.optimizers.COLOURS in all of them."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dlplay import metric_names
from dlplay import optimizers as opt
from dlplay.i18n import _
from dlplay.ui.runs import epoch_axis

COLOURS = opt.COLOURS
GRID = 80  # the figure is resent on every slider move: 80x80 float32 keeps it ~50 KB, not 300 KB
CLICK_GRID = 24  # invisible points per side: clicking one sets the start there


def contour_data(name: str):
    s = opt.SURFACES[name]
    xs, ys = np.linspace(*s.xlim, GRID), np.linspace(*s.ylim, GRID)
    gx, gy = np.meshgrid(xs, ys)
    # log scale: the interesting valleys are orders of magnitude below the walls
    return xs, ys, np.log10(s.f(gx, gy) - s.f_min + 1e-3).astype(np.float32)


def surface(name: str, runs: list[opt.Run], k: int, start, contour, height: int | None = None) -> go.Figure:
    """The surface's contours with every racer's path up to step `k`; `height` in px (480 by default)."""
    s = opt.SURFACES[name]
    xs, ys, z = contour
    fig = go.Figure(go.Contour(x=xs, y=ys, z=z, colorscale="Greys", reversescale=True, ncontours=30, opacity=0.6,
                               showscale=False, hovertemplate="(%{x:.2f}, %{y:.2f})<extra></extra>",
                               line={"width": 0.5}))
    gx, gy = np.meshgrid(np.linspace(*s.xlim, CLICK_GRID), np.linspace(*s.ylim, CLICK_GRID))
    fig.add_trace(go.Scatter(x=gx.ravel(), y=gy.ravel(), mode="markers", showlegend=False, name=_("start here"),
                             marker={"size": 10, "color": "rgba(0,0,0,0)"},
                             hovertemplate=_("click: start at (%{x:.2f}, %{y:.2f})") + "<extra></extra>"))
    for r in runs:
        pts = r.points[:k + 1]
        colour = COLOURS[r.name]
        fig.add_trace(go.Scatter(x=pts[:, 0], y=pts[:, 1], mode="lines+markers", name=_(opt.LABELS[r.name]),
                                 line={"color": colour, "width": 2}, marker={"size": 3},
                                 hovertemplate=_("step %{pointNumber}: (%{x:.3f}, %{y:.3f})") + "<extra></extra>"))
        end = pts[-1]
        symbol = "x" if r.diverged_at is not None and k >= len(r.points) - 1 else "circle"
        fig.add_trace(go.Scatter(x=[end[0]], y=[end[1]], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker={"size": 12, "color": colour, "symbol": symbol,
                                         "line": {"width": 1.5, "color": "white"}}))
    fig.add_trace(go.Scatter(x=[start[0]], y=[start[1]], mode="markers", name=_("start"), hoverinfo="skip",
                             marker={"size": 14, "symbol": "diamond", "color": "white",
                                     "line": {"width": 2, "color": "black"}}))
    # Drawn last, so that a racer resting on a minimum does not hide it (the saddle has two).
    fig.add_trace(go.Scatter(x=[m[0] for m in s.minima], y=[m[1] for m in s.minima], mode="markers",
                             name=_("minimum") if len(s.minima) == 1 else _("minima"),
                             hovertemplate=_("minimum (%{x:.3g}, %{y:.3g})") + "<extra></extra>",
                             marker={"symbol": "star", "size": 16, "color": "gold",
                                     "line": {"width": 1.5, "color": "black"}}))
    fig.update_xaxes(range=list(s.xlim), title_text="x")
    fig.update_yaxes(range=list(s.ylim), title_text="y")
    fig.update_layout(height=height or 480, margin={"l": 10, "r": 10, "t": 10, "b": 10}, clickmode="event+select",
                      dragmode="pan", legend={"orientation": "h", "y": -0.15})
    return fig


def losses(runs: list[opt.Run], k: int, f_min: float) -> go.Figure:
    fig = go.Figure()
    for r in runs:
        gap = np.maximum(r.losses - f_min, 1e-16)  # log scale needs > 0; 1e-16 is "converged"
        fig.add_trace(go.Scatter(x=np.arange(len(gap)), y=gap, mode="lines", name=_(opt.LABELS[r.name]),
                                 line={"color": COLOURS[r.name]}))
        if r.diverged_at is not None:
            fig.add_trace(go.Scatter(x=[len(gap) - 1], y=[gap[-1]], mode="markers+text", showlegend=False,
                                     text=[_("diverged at {step}").format(step=r.diverged_at)],
                                     textposition="top center",
                                     marker={"symbol": "x", "size": 12, "color": COLOURS[r.name]}))
    fig.update_layout(shapes=[{"type": "line", "x0": k, "x1": k, "y0": 0, "y1": 1, "xref": "x", "yref": "y domain",
                               "line": {"dash": "dot", "color": "grey"}}])  # add_vline is 10x slower
    fig.update_yaxes(type="log", title_text="f(θ) − f*", exponentformat="power")
    fig.update_xaxes(title_text=_("step"))
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 10, "b": 10}, legend={"orientation": "h", "y": -0.3})
    return fig


def race(history: list[dict], names: list[str]) -> go.Figure:
    """The network race per epoch: training loss (left) and validation accuracy on 0..1 (right)."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[metric_names.label("loss"), metric_names.label("val_acc")])
    epochs = [r["epoch"] for r in history]
    for n in names:
        for col, key in ((1, f"loss_{n}"), (2, f"val_acc_{n}")):
            fig.add_trace(go.Scatter(x=epochs, y=[r.get(key) for r in history], mode="lines+markers",
                                     name=_(opt.LABELS[n]), legendgroup=n, showlegend=col == 1,
                                     line={"color": COLOURS[n]}, marker={"size": 4}), row=1, col=col)
    epoch_axis(fig, len(epochs))
    fig.update_yaxes(range=[0, 1.02], row=1, col=2)
    fig.update_layout(height=320, margin={"l": 10, "r": 10, "t": 40, "b": 10}, legend={"orientation": "h", "y": -0.3})
    return fig
