"""Plotly figures for the autoencoder page: the latent map (clickable anywhere) and the live map."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from dlplay.i18n import _

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
CLICK_GRID = 36  # invisible points per side that make empty parts of the map clickable


def digits_figure(xy: np.ndarray, labels: np.ndarray, *, height: int = 460) -> go.Figure:
    """Digits on the map, one trace (and one legend entry) per class.

    The page names the model above the chart, not in a plotly title: on a phone a title runs under
    the chart's toolbar. The legend sits below the plot, so a narrow screen keeps the map's width."""
    fig = go.Figure()
    digit = _("digit")
    for c in range(10):
        idx = np.flatnonzero(labels == c)
        if len(idx) == 0:
            continue
        fig.add_trace(go.Scatter(
            x=xy[idx, 0], y=xy[idx, 1], mode="markers", name=str(c), customdata=idx,
            marker={"size": 7, "color": COLOURS[c], "line": {"width": 0.5, "color": "white"}},
            hovertemplate=_("digit {digit}").format(digit=c) + "<extra></extra>"))
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10}, xaxis_title="z₁", yaxis_title="z₂",
                      legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0, "title_text": digit})
    return fig


def map_figure(xy, labels, bounds, point, *, outside: bool = False, drawing=None, path=None,
               height: int = 520) -> go.Figure:
    """The explorer's map: digits, a clickable invisible grid, the current point, a drawing, a path."""
    fig = digits_figure(xy, labels, height=height)
    (x0, x1), (y0, y1) = bounds
    gx, gy = np.meshgrid(np.linspace(x0, x1, CLICK_GRID), np.linspace(y0, y1, CLICK_GRID))
    # Transparent markers still receive clicks: this is what lets a learner decode empty space.
    fig.add_trace(go.Scatter(
        x=gx.ravel(), y=gy.ravel(), mode="markers", name="anywhere", showlegend=False,
        marker={"size": 12, "color": "rgba(0,0,0,0)"},
        hovertemplate=_("decode ({x}, {y})").format(x="%{x:.2f}", y="%{y:.2f}") + "<extra></extra>"))
    if path is not None:
        fig.add_trace(go.Scatter(x=path[:, 0], y=path[:, 1], mode="lines+markers", name=_("interpolation"),
                                 line={"color": "black", "dash": "dot"}, marker={"size": 5, "color": "black"},
                                 hoverinfo="skip"))
    if drawing is not None:
        fig.add_trace(go.Scatter(x=[drawing[0]], y=[drawing[1]], mode="markers", name=_("your drawing"),
                                 marker={"size": 18, "symbol": "diamond", "color": "white",
                                         "line": {"width": 3, "color": "black"}}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[point[0]], y=[point[1]], mode="markers", name=_("decoded point"),
                             marker={"size": 20, "symbol": "x", "color": "red" if outside else "black",
                                     "line": {"width": 1, "color": "white"}}, hoverinfo="skip"))
    pad_x, pad_y = 0.05 * (x1 - x0), 0.05 * (y1 - y0)
    fig.update_xaxes(range=[min(x0, point[0]) - pad_x, max(x1, point[0]) + pad_x])
    fig.update_yaxes(range=[min(y0, point[1]) - pad_y, max(y1, point[1]) + pad_y])
    return fig


def live_title(labels: np.ndarray, epoch: int, epochs: int) -> str:
    """What the live map shows: which run, when, and how many digits of each class."""
    n = np.bincount(np.asarray(labels, np.int64), minlength=10)
    if n.min() == n.max():
        return _("This run's latent map after epoch {epoch} of {epochs} ({count} validation digits of each class)"
                 ).format(epoch=epoch, epochs=epochs, count=n.min())
    return _("This run's latent map after epoch {epoch} of {epochs} ({count} validation digits)").format(
        epoch=epoch, epochs=epochs, count=n.sum())


def live_figure(xy: np.ndarray, labels: np.ndarray) -> go.Figure:
    """The run in training: validation digits of every class where its encoder puts them now."""
    fig = digits_figure(np.asarray(xy), np.asarray(labels), height=420)
    fig.update_layout(dragmode="zoom")
    return fig


def read_selection(selection) -> dict | None:
    """What a learner picked on the map: {"x", "y", "digit" (held-out index or None), "box" or None}.

    A click selects one point (a digit, or an invisible grid point in empty space); a dragged box
    selects a region, whose centre is decoded and whose extent the manifold grid then covers.
    """
    if not selection:
        return None
    points = list(selection.get("points") or [])
    boxes = list(selection.get("box") or [])
    if boxes:
        b = boxes[-1]
        xs, ys = sorted(float(v) for v in b["x"]), sorted(float(v) for v in b["y"])
        return {"x": (xs[0] + xs[-1]) / 2, "y": (ys[0] + ys[-1]) / 2, "digit": None,
                "box": ((xs[0], xs[-1]), (ys[0], ys[-1]))}
    if not points:
        return None
    p = points[-1]
    data = p.get("customdata")
    if isinstance(data, (list, tuple)):
        data = data[0] if data else None
    digit = int(data) if isinstance(data, (int, float)) else None
    return {"x": float(p["x"]), "y": float(p["y"]), "digit": digit, "box": None}
