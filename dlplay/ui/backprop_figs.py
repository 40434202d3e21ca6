"""Figures for the backprop page: graphviz DOT for the expression graph and the small network (drawn by
st.graphviz_chart in the browser, no graphviz install), plotly for the neuron's plane and the losses.

Every number written into a figure goes through `label`, so an overflow reads "overflow", never NaN.
"""
from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from dlplay import activations
from dlplay.backprop import Layers, Trace
from dlplay.expression_graph import Graph
from dlplay.i18n import N_, _
from dlplay.ui.activation_figs import _axes as axes  # side-by-side axes without make_subplots (slow)
from dlplay.ui.activation_figs import panels

POSITIVE, NEGATIVE, QUIET = "#1f77b4", "#d62728", "#9e9e9e"
FONT = "Helvetica,Arial,sans-serif"
LOSS_WORDS = {"sigmoid_mse": N_("squared error"), "bce": N_("cross-entropy")}  # the slow-down lesson's two runs
LABEL_EDGES_UP_TO = 9  # a layer with more edges than this shows its weights on hover only


def label(v: float, digits: int = 3) -> str:
    v = float(v) + 0.0
    if not math.isfinite(v):
        return _("overflow")
    return f"{v:.{digits}g}"


def _sign_colour(v: float) -> str:
    return POSITIVE if v >= 0 else NEGATIVE


def _width(v: float, biggest: float) -> float:
    """Pen width from 0.6 to 6 by magnitude, relative to the biggest in the picture."""
    if not math.isfinite(v) or not math.isfinite(biggest) or biggest <= 0:
        return 1.0
    return 0.6 + 5.4 * min(abs(v) / biggest, 1.0)


def _header(ranksep: float, fontsize: int) -> list[str]:
    return ["digraph {", f'rankdir=LR; ranksep={ranksep}; nodesep=0.25; bgcolor="transparent";',
            f'node [fontname="{FONT}", fontsize={fontsize}, style=filled, fillcolor="#ffffff", color="#555555"];',
            f'edge [fontname="{FONT}", fontsize={fontsize - 1}, arrowsize=0.6];']


# --- 2. The expression graph -----------------------------------------------------------------------

def expression_dot(g: Graph, output: str, backward: bool) -> str:
    """Nodes with their value (and gradient); edges with their local derivative (in the backward colour)."""
    lines = _header(ranksep=0.6, fontsize=11)
    for node in g.nodes.values():
        text = f"{node.formula}" if node.op == "input" else f"{node.name} = {node.formula}"
        text += "\\n" + _("value {value}").format(value=label(node.value))
        if backward and node.grad is not None:
            text += f"\\n∂{output}/∂{node.name} = {label(node.grad)}"
        fill = "#e8f1fb" if node.op == "input" else ("#fff4e0" if node.name == output else "#ffffff")
        lines.append(f'"{node.name}" [shape=box, style="rounded,filled", fillcolor="{fill}", label="{text}"];')
    for src, dst, d, formula in g.edges():
        text = f"∂{dst}/∂{src} = {formula}" + ("" if formula == label(d) else f" = {label(d)}")
        colour = "#e6550d" if backward else QUIET
        lines.append(f'"{src}" -> "{dst}" [label="{text}", color="{colour}", fontcolor="{colour}"];')
    lines.append("}")
    return "\n".join(lines)


# --- 3. The small network --------------------------------------------------------------------------

def unit_name(layer: int, unit: int, n_layers: int, n_outputs: int) -> str:
    """How the page names a unit: layer 0 is the inputs, n_layers the outputs (page numbering)."""
    if layer == 0:
        return f"x{_sub(unit + 1)}"
    if layer == n_layers:
        return f"ŷ{_sub(unit + 1)}" if n_outputs > 1 else "ŷ"
    return f"a{_sup(layer)}{_sub(unit + 1)}"


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = {1: "⁽¹⁾", 2: "⁽²⁾", 3: "⁽³⁾"}


def _sub(n: int) -> str:
    return str(n).translate(_SUB)


def _sup(layer: int) -> str:
    return _SUP.get(layer, f"({layer})")


def network_dot(layers: Layers, t: Trace, forward_done: int, backward_done: int, pick: tuple | None,
                loss_label: str) -> str:
    """The network with values of the first `forward_done` layers and gradients of the top `backward_done`.

    Edges carry their weight; once a layer's gradients are shown, an edge's width is |dL/dw| (relative
    to the largest gradient in the network) and its colour the gradient's sign. `pick` = (layer, row,
    col) highlights one weight (col None: a bias)."""
    n = len(layers)
    sizes = [layers[0][0].shape[1]] + [w.shape[0] for w, _ in layers]
    lines = _header(ranksep=1.1, fontsize=13)
    grads_shown = [l >= n - backward_done for l in range(n)]
    biggest = max((float(np.max(np.abs(dw))) for (dw, _db), shown in zip(t.grads, grads_shown) if shown and dw.size),
                  default=0.0)
    for l, size in enumerate(sizes):
        lines.append("{ rank=same;")
        for u in range(size):
            name = unit_name(l, u, n, sizes[-1])
            if l == 0:
                text, fill = f"{name}\\n{label(t.inputs[0][0, u])}", "#e8f1fb"
            elif l <= forward_done:
                z = t.zs[l - 1][0, u]
                out = t.output[0, u] if l == n else t.inputs[l][0, u]
                text, fill = f"{name} = {label(out)}\\nz = {label(z)}", "#ffffff"
            else:
                text, fill = f"{name}\\n?", "#f3f3f3"
            if l and grads_shown[l - 1]:
                text += f"\\nδ = {label(t.deltas[l - 1][0, u])}"
                fill = "#fff4e0"
            if l:
                text += f"\\nb = {label(layers[l - 1][1][u])}"
            bold = pick is not None and pick[2] is None and (pick[0] + 1, pick[1]) == (l, u)
            border = ', penwidth=3, color="#e6550d"' if bold else ""
            lines.append(f'"n{l}_{u}" [shape=box, style="rounded,filled", fillcolor="{fill}", '
                         f'label="{text}"{border}];')
        lines.append("}")
    loss_text = f"L = {label(t.loss)}" if forward_done >= n else "L = ?"
    lines.append(f'"loss" [shape=box, style="rounded,filled", fillcolor="#fff4e0", '
                 f'label="{loss_label}\\n{loss_text}"];')
    for u in range(sizes[-1]):
        lines.append(f'"n{n}_{u}" -> "loss" [color="{QUIET}"];')
    lines.insert(1, "ordering=out;")  # units stay in their order, top to bottom, as the edges list them
    for l, (w, _b) in enumerate(layers):
        labelled = w.size <= LABEL_EDGES_UP_TO
        for j in range(w.shape[1]):
            for i in range(w.shape[0]):
                picked = pick is not None and tuple(pick) == (l, i, j)
                text = f"w = {label(w[i, j])}"
                if grads_shown[l]:
                    g = t.grads[l][0][i, j]
                    text += f"\\n∂L/∂w = {label(g)}"
                    style = f'color="{_sign_colour(g)}", penwidth={_width(g, biggest):.2f}'
                else:
                    style = f'color="{_sign_colour(w[i, j])}60", penwidth=1'
                if picked:
                    style = 'color="#e6550d", penwidth=3.5'
                attrs = f'label="{text}", fontcolor="#333333"' if labelled or picked else f'tooltip="{text}"'
                lines.append(f'"n{l}_{j}" -> "n{l + 1}_{i}" [{attrs}, {style}];')
    lines.append("}")
    return "\n".join(lines)


# --- 1. One neuron --------------------------------------------------------------------------------

LOGIC_POINTS = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])  # false = -1, true = +1


def neuron_plane(w1: float, w2: float, b: float, act: str, x1: float, x2: float, extent: float = 2.0,
                 height: int = 400) -> go.Figure:
    """The neuron's output a = f(w·x + b) over the input plane, the line z = 0 where it switches, the
    four input pairs of a logic gate labelled with AND's truth, and the current input."""
    xs = np.linspace(-extent, extent, 61)
    gx, gy = np.meshgrid(xs, xs)
    a, _slope = activations.evaluate(act, w1 * gx + w2 * gy + b)
    fig = go.Figure(go.Heatmap(x=xs, y=xs, z=a, colorscale="RdBu", zmid=float(activations.evaluate(act, 0.0)[0]),
                               opacity=0.7, colorbar={"title": "a", "len": 0.8, "thickness": 12},
                               hovertemplate="x₁ %{x:.2f}, x₂ %{y:.2f}: a = %{z:.3f}<extra></extra>"))
    if abs(w2) > 1e-9 or abs(w1) > 1e-9:
        if abs(w2) >= abs(w1):
            lx, ly = xs, -(w1 * xs + b) / w2
        else:
            lx, ly = -(w2 * xs + b) / w1, xs
        fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", name=_("z = 0: where it switches"),
                                 line={"color": "black", "width": 2, "dash": "dash"}, hoverinfo="skip"))
    truth = LOGIC_POINTS.min(axis=1) > 0  # AND
    for on, symbol, name in ((False, "circle-open", "AND = 0"), (True, "circle", "AND = 1")):
        pts = LOGIC_POINTS[truth == on]
        fig.add_trace(go.Scatter(x=pts[:, 0], y=pts[:, 1], mode="markers+text", name=name,
                                 text=[f"({p[0]:+.0f}, {p[1]:+.0f})" for p in pts], textposition="bottom center",
                                 textfont={"color": "black", "size": 12},
                                 marker={"size": 13, "symbol": symbol, "color": "black", "line": {"width": 2}},
                                 hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[x1], y=[x2], mode="markers", name=_("your input x"),
                             marker={"size": 16, "symbol": "star", "color": "gold",
                                     "line": {"width": 1, "color": "black"}},
                             hovertemplate="x = (%{x}, %{y})<extra></extra>"))
    fig.update_xaxes(range=[-extent, extent], title_text="x₁", constrain="domain")
    fig.update_yaxes(range=[-extent, extent], title_text="x₂", scaleanchor="x")
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      legend={"orientation": "h", "y": -0.22, "font": {"size": 12}})
    return fig


# --- 4. Loss functions ----------------------------------------------------------------------------

def loss_curves(target: int, z: float) -> go.Figure:
    """Left: MSE and BCE against the prediction p. Right: the gradient each sends into the output
    neuron's input z (p = σ(z)): squared error's is multiplied by σ'(z) and vanishes at both ends."""
    fig = panels([1, 1], [_("loss, true label {label}").format(label=target), _("∂L/∂z into the last layer")],
                 gap=0.12)
    p = np.linspace(0.001, 0.999, 300)
    zs = np.linspace(-10, 10, 300)
    s = 1 / (1 + np.exp(-zs))
    curves = {_("squared error (p − y)²"): ((p - target) ** 2, 2 * (s - target) * s * (1 - s), "#9467bd"),
              _("cross-entropy −log p(y)"): (-np.log(p if target == 1 else 1 - p), s - target, "#2ca02c")}
    here = 1 / (1 + math.exp(-z))
    for name, (loss, grad, colour) in curves.items():
        fig.add_trace(go.Scatter(x=p, y=loss, name=name, line={"color": colour}, legendgroup=name, **axes(1)))
        fig.add_trace(go.Scatter(x=zs, y=grad, name=name, line={"color": colour}, legendgroup=name, showlegend=False,
                                 **axes(2)))
    for y, colour in ((2 * (here - target) * here * (1 - here), "#9467bd"), (here - target, "#2ca02c")):
        fig.add_trace(go.Scatter(x=[z], y=[y], mode="markers", showlegend=False,
                                 marker={"size": 11, "color": colour, "line": {"width": 1, "color": "black"}},
                                 hovertemplate="z %{x}: ∂L/∂z = %{y:.4f}<extra></extra>", **axes(2)))
    fig.update_layout(shapes=[{"type": "line", "x0": here, "x1": here, "y0": 0, "y1": 1, "xref": "x",
                               "yref": "y domain", "line": {"dash": "dot", "color": "grey"}}],
                      xaxis={"title": {"text": _("prediction p")}}, yaxis={"range": [0, 5]},
                      xaxis2={"title": {"text": "z (p = σ(z))"}}, yaxis2={"range": [-1.05, 1.05]},
                      height=360, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.25})
    return fig


def slowdown(outputs: dict[str, np.ndarray], target: int) -> go.Figure:
    """The output neuron's prediction step by step, trained with each loss from the same start."""
    fig = go.Figure()
    colours = {"sigmoid_mse": "#9467bd", "bce": "#2ca02c"}
    for key, p in outputs.items():
        fig.add_trace(go.Scatter(y=p, name=_(LOSS_WORDS[key]), line={"color": colours[key]},
                                 hovertemplate=_("step %{x}: p = %{y:.3f}") + "<extra></extra>"))
    fig.add_hline(y=target, line={"dash": "dash", "color": "grey"}, annotation_text=_("target"))
    fig.update_xaxes(title_text=_("gradient-descent step"))
    fig.update_yaxes(title_text=_("prediction p"), range=[-0.02, 1.02])
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 10, "b": 10}, legend={"orientation": "h", "y": -0.3})
    return fig


def softmax_bars(p: np.ndarray, grad: np.ndarray, target: int) -> go.Figure:
    """Softmax probabilities and the gradient p − onehot each logit receives."""
    classes = [_("class {label}").format(label=k + 1) for k in range(len(p))]
    fig = panels([1, 1], [_("probability p"), _("gradient p − onehot")], gap=0.14)
    fig.add_trace(go.Bar(x=classes, y=p, marker_color=["#2ca02c" if k == target else QUIET for k in range(len(p))],
                         text=[label(v) for v in p], textposition="outside", hoverinfo="skip", **axes(1)))
    fig.add_trace(go.Bar(x=classes, y=grad, marker_color=[_sign_colour(g) for g in grad],
                         text=[label(v) for v in grad], textposition="outside", hoverinfo="skip", **axes(2)))
    fig.update_layout(yaxis={"range": [0, 1.2]}, yaxis2={"range": [-1.25, 1.25]}, height=280, showlegend=False,
                      margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


# --- 5. Training ----------------------------------------------------------------------------------

def history(losses: list[float], accuracy: list[float]) -> go.Figure:
    """Loss (top) and training accuracy (below, on its own 0..1 axis) per step, sharing the step axis."""
    mode = "lines+markers" if len(losses) < 30 else "lines"  # a lone starting point must still show
    fig = go.Figure([go.Scatter(y=losses, mode=mode, line={"color": "#d62728"}, name=_("loss"),
                                hovertemplate=_("step %{x}: %{y:.4f}") + "<extra></extra>"),
                     go.Scatter(y=accuracy, mode=mode, line={"color": "#1f77b4"}, name=_("accuracy"), xaxis="x2",
                                yaxis="y2", hovertemplate=_("step %{x}: %{y:.0%}") + "<extra></extra>")])
    steps = {"range": [0, max(10, len(losses) - 1)]}
    fig.update_layout(xaxis={**steps, "anchor": "y", "showticklabels": False},
                      xaxis2={**steps, "anchor": "y2", "title": {"text": _("step")}, "matches": "x"},
                      yaxis={"domain": [0.56, 1.0], "rangemode": "tozero", "title": {"text": _("loss")}},
                      yaxis2={"domain": [0.0, 0.44], "range": [0, 1.02], "tickformat": ".0%",
                              "title": {"text": _("accuracy")}},
                      height=420, showlegend=False, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig
