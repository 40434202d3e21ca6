"""Plotly figures for the activation page: curves with their slopes, the deep stack, the mini lab."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from dlplay import activations
from dlplay.deepstack import StackReport
from dlplay.i18n import N_, _

FOCUS = "#d62728"
SHADE = {"dead": ("rgba(120,120,120,0.25)", N_("dead: f'(x) = 0")),
         "vanishing": ("rgba(255,165,0,0.22)", N_("vanishing: |f'(x)| < 0.01"))}


def panels(widths: list[float], titles: list[str], gap: float = 0.07) -> go.Figure:
    """Side-by-side axes built directly: make_subplots and add_vrect(row=, col=) cost 0.1-0.2 s per
    figure here, most of a slider move's budget."""
    fig, left, layout, notes = go.Figure(), 0.0, {}, []
    total = sum(widths) + gap * (len(widths) - 1)
    for i, (w, title) in enumerate(zip(widths, titles), start=1):
        lo, hi = left / total, min(1.0, (left + w) / total)
        left += w + gap
        suffix = "" if i == 1 else str(i)
        layout[f"xaxis{suffix}"] = {"domain": [lo, hi], "anchor": f"y{suffix}"}
        layout[f"yaxis{suffix}"] = {"anchor": f"x{suffix}"}
        notes.append({"text": title, "x": (lo + hi) / 2, "y": 1.0, "xref": "paper", "yref": "paper",
                      "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": 14}})
    fig.update_layout(**layout, annotations=notes)
    return fig


def _axes(col: int) -> dict:
    return {"xaxis": f"x{col if col > 1 else ''}", "yaxis": f"y{col if col > 1 else ''}"}


def curves(focus: str, params: dict, compare: list[str], lo: float, hi: float) -> go.Figure:
    """f(x) left, f'(x) right; the focus function bold with its flat-gradient regions shaded."""
    x = np.linspace(lo, hi, 801)
    fig = panels([1, 1], ["f(x)", "f'(x)"])
    for name in [n for n in compare if n != focus] + [focus]:
        y, dy = activations.evaluate(name, x, **(params if name == focus else {}))
        main = name == focus
        style = {"width": 4 if main else 1.5, "color": FOCUS if main else None, "dash": None if main else "dot"}
        label = _(activations.ACTIVATIONS[name].label)
        fig.add_trace(go.Scatter(x=x, y=y, name=label, legendgroup=name, line=style, **_axes(1)))
        fig.add_trace(go.Scatter(x=x, y=dy, name=label, legendgroup=name, showlegend=False, line=style, **_axes(2)))
    __, dy = activations.evaluate(focus, x, **params)
    shown, shapes = set(), []
    for a, b, kind in activations.flat_regions(x, dy):
        colour, text = SHADE[kind]
        shapes += [{"type": "rect", "x0": a, "x1": b, "y0": 0, "y1": 1, "xref": ax["xaxis"],
                    "yref": ax["yaxis"] + " domain", "fillcolor": colour, "line": {"width": 0}, "layer": "below"}
                   for ax in (_axes(1), _axes(2))]
        if kind not in shown:  # one legend entry per kind of region
            shown.add(kind)
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=_(text),
                                     marker={"size": 12, "symbol": "square", "color": colour}))
    bounds = activations.output_range(focus, **params)
    for bound in (bounds.low, bounds.high):
        if np.isfinite(bound):  # the output range, dashed
            shapes.append({"type": "line", "x0": 0, "x1": 1, "y0": bound, "y1": bound, "xref": "x domain",
                           "yref": "y", "line": {"dash": "dash", "color": "grey", "width": 1}})
    fig.update_layout(shapes=shapes)
    fig.update_xaxes(range=[lo, hi], title_text="x", zeroline=True)
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10}, legend={"orientation": "h", "y": -0.2})
    return fig


def stack(report: StackReport) -> go.Figure:
    """Gradient norm per layer (log scale), a histogram of the activations per layer, and dead units."""
    depth = len(report.grad_norms)
    layers = np.arange(1, depth + 1)
    fig = panels([0.36, 0.4, 0.24], [_("gradient per layer"), _("histogram of activations"), _("dead units")],
                 gap=0.12)  # room for each y axis's title
    reached = report.grad_norms > 0
    fig.add_trace(go.Bar(x=layers, y=np.where(reached, report.grad_norms, np.nan), marker_color=FOCUS,
                         name=_("gradient norm"), hovertemplate=_("layer %{x}: %{y:.2e}") + "<extra></extra>",
                         **_axes(1)))
    notes = list(fig.layout.annotations)
    if not reached.all():  # a log axis cannot show 0: say it instead of leaving the bars out
        cut = np.flatnonzero(~reached)
        if not reached.any():
            text = _("no gradient reaches any layer")
        elif len(cut) == 1:
            text = _("no gradient reaches layer {layer}").format(layer=cut[0] + 1)
        else:
            text = _("no gradient reaches layers {first}–{last}").format(first=cut[0] + 1, last=cut[-1] + 1)
        notes.append({"text": text, "xref": "x domain", "yref": "y domain",
                      "x": 0.5, "y": 0.5, "showarrow": False, "font": {"size": 13, "color": "#444"},
                      "bgcolor": "rgba(255,255,255,0.8)"})
    centres = (report.edges[:-1] + report.edges[1:]) / 2
    fig.add_trace(go.Heatmap(x=layers, y=centres, z=report.hist.T, colorscale="Viridis",
                             colorbar={"title": {"text": _("share of values"), "side": "right"},
                                       "tickformat": ".0%", "orientation": "h", "thickness": 10,
                                       "x": float(np.mean(fig.layout.xaxis2.domain)), "xanchor": "center",
                                       "len": float(np.diff(fig.layout.xaxis2.domain)[0]), "y": -0.38,
                                       "yanchor": "top", "title_side": "top"},
                             hovertemplate=_("layer %{x}, h ≈ %{y:.2f}: %{z:.1%} of values") + "<extra></extra>",
                             **_axes(2)))
    fig.add_trace(go.Bar(x=layers, y=report.dead, marker_color="grey", name=_("dead units"),
                         hovertemplate=_("layer %{x}: %{y} dead") + "<extra></extra>", **_axes(3)))
    # One x title under all three panels (they all count layers): three copies overlapped on a phone.
    notes.append({"text": _("layer (1 = input side)"), "xref": "paper", "yref": "paper", "x": 0.5, "y": 0,
                  "yanchor": "top", "yshift": -34, "showarrow": False, "font": {"size": 13}})
    if not reached.any():  # nothing to scale: no empty log ticks under the message
        fig.update_layout(yaxis={"showticklabels": False, "showgrid": False})
    fig.update_layout(height=400, showlegend=False, margin={"l": 10, "r": 10, "t": 30, "b": 10}, annotations=notes,
                      yaxis={"type": "log", "exponentformat": "power", "title_text": _("‖∂L/∂W‖ (log scale)")},
                      yaxis2={"title_text": _("activation value h")},
                      yaxis3={"range": [0, report.width],
                              "title_text": _("units (of {width})").format(width=report.width)})
    return fig


def lab(points: np.ndarray, labels: np.ndarray, probs: np.ndarray | None, grid_xs: np.ndarray,
        title: str) -> go.Figure:
    """The toy data over the network's class-1 probability (the decision boundary at 0.5)."""
    fig = go.Figure()
    if probs is not None:
        z = probs.reshape(len(grid_xs), len(grid_xs))
        fig.add_trace(go.Heatmap(x=grid_xs, y=grid_xs, z=z, zmin=0, zmax=1, colorscale="RdBu", opacity=0.55,
                                 colorbar={"title": _("P(class 1)"), "len": 0.8},
                                 hovertemplate=_("P(class 1)") + " = %{z:.2f}<extra></extra>"))
        fig.add_trace(go.Contour(x=grid_xs, y=grid_xs, z=z, contours={"start": 0.5, "end": 0.5, "coloring": "none"},
                                 line={"width": 2, "color": "black"}, showscale=False, hoverinfo="skip",
                                 name=_("boundary (P = 0.5)"), showlegend=True))
    for cls, colour in ((0, "#b2182b"), (1, "#2166ac")):
        m = labels == cls
        fig.add_trace(go.Scatter(x=points[m, 0], y=points[m, 1], mode="markers",
                                 name=_("class {label}").format(label=cls),
                                 marker={"size": 6, "color": colour, "line": {"width": 1, "color": "white"}}))
    ext = float(grid_xs[-1])
    fig.update_xaxes(range=[-ext, ext], constrain="domain")
    fig.update_yaxes(range=[-ext, ext], scaleanchor="x")
    fig.update_layout(height=420, title=title, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.1})
    return fig
