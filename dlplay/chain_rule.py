"""The chain rule written out with the current numbers, as LaTeX lines for the backprop page.

For a weight of the small network (one example), `weight_lines` writes its gradient as the product
the chain rule makes, then each error signal δ = dL/dz it uses, layer by layer down from the loss,
in the notation of the page (layers numbered from 1, a⁽⁰⁾ = x). For the scalar expression graph,
`expression_lines` writes d(output)/d(input) as a sum over paths of products of local derivatives.
Every number shown is the one the computation used; one that overflowed is written as such.
"""
from __future__ import annotations

import math

import numpy as np

from dlplay.backprop import BCE_EPS, Layers, Trace, bce_clamped
from dlplay.expression_graph import Graph
from dlplay.i18n import _


def num(v: float, digits: int = 4) -> str:
    """A number for LaTeX: 4 significant digits, powers of ten written out, overflow in words."""
    v = float(v) + 0.0  # no "-0"
    if not math.isfinite(v):
        return r"\text{" + _("overflow") + "}"
    text = f"{v:.{digits}g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        text = rf"{mantissa}\times 10^{{{int(exp)}}}"
    return text


def factor(v: float) -> str:
    """A number as a factor in a product: negative ones in parentheses."""
    text = num(v)
    return f"({text})" if text.startswith("-") else text


def vec(values) -> str:
    return r"\begin{bmatrix}" + r" \\ ".join(num(v) for v in np.ravel(values)) + r"\end{bmatrix}"


def equation(lhs: str, *steps: str, note: str = "") -> str:
    """`lhs = steps[0]`, each further step on a line of its own under the first "=" (phones are narrow),
    and a note in words on a last line."""
    rows = [rf"{lhs} &= {steps[0]}"] + [rf"&= {step}" for step in steps[1:]]
    rows += [rf"&\quad\text{{{note}}}"] if note else []
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def _a(l: int, j: int | None = None) -> str:
    """The name of what layer l+1 reads (page numbering): x for the inputs, a^(l) for a hidden layer."""
    if l == 0:
        return "x" if j is None else f"x_{{{j + 1}}}"
    return f"a^{{({l})}}" if j is None else f"a^{{({l})}}_{{{j + 1}}}"


def _head_line(t: Trace, y, loss: str, last: int, unit: int | None) -> str:
    """δ of the last layer: what the loss sends back into the last pre-activation."""
    out, delta = t.output[0], t.deltas[last - 1][0]
    k = out.size
    i = "" if unit is None else f"_{{{unit + 1}}}"
    lhs = rf"\delta^{{({last})}}{i}"
    dz = rf"\frac{{\partial L}}{{\partial z^{{({last})}}{i}}}"
    if loss == "ce":
        target = np.zeros(k)
        target[int(np.ravel(y)[0])] = 1.0
        if unit is not None:
            return equation(lhs, rf"{dz} = \hat y{i} - [\text{{class}} = {unit + 1}]",
                            rf"{num(out[unit])} - {num(target[unit])} = {num(delta[unit])}")
        return equation(lhs, rf"{dz} = \hat y - \text{{onehot}}(y)", rf"{vec(out)} - {vec(target)} = {vec(delta)}")
    two = "2" if loss == "mse" else ""  # squared error's derivative brings down a 2; the mean divides by K
    pre = rf"\frac{{{two or 1}}}{{{k}}}" if k > 1 else two
    why = _("(ŷ = σ(z): the sigmoid's slope cancels against the log)") if loss == "bce" else ""
    target = np.ravel(y)
    if loss == "bce" and np.any(bce_clamped(out if unit is None else out[unit])):
        why = _("(a saturated output: like torch, the division by ŷ(1 − ŷ) stops at 10⁻¹², so less than "
                "ŷ − y comes back)")
        slope = out * (1.0 - out)
        kept = slope / np.maximum(slope, BCE_EPS)  # 1 where the sigmoid's slope cancels, less where clamped
        symbols = (rf"{dz} = {pre}(\hat y{i} - y{i}) \cdot \frac{{\hat y{i}(1 - \hat y{i})}}"
                   rf"{{\max(\hat y{i}(1 - \hat y{i}),\ 10^{{-12}})}}")
        if unit is not None:
            return equation(lhs, symbols, rf"{pre}({num(out[unit])} - {num(target[unit])}) \cdot "
                                          rf"{factor(kept[unit])} = {num(delta[unit])}", note=why)
        return equation(lhs, symbols.replace(r"\cdot", r"\odot"),
                        rf"{pre}\left({vec(out)} - {vec(target)}\right) \odot {vec(kept)} = {vec(delta)}", note=why)
    if unit is not None:
        return equation(lhs, rf"{dz} = {pre}(\hat y{i} - y{i})",
                        rf"{pre}({num(out[unit])} - {num(target[unit])}) = {num(delta[unit])}", note=why)
    return equation(lhs, rf"{dz} = {pre}(\hat y - y)",
                    rf"{pre}\left({vec(out)} - {vec(target)}\right) = {vec(delta)}", note=why)


def weight_lines(t: Trace, layers: Layers, y, loss: str, layer: int, row: int, col: int | None) -> list[str]:
    """dL/dW[row, col] of `layer` (0-based; dL/db[row] when col is None) for the trace of one example
    whose target is `y` (its class index for "ce"). The first line ends in the gradient."""
    if t.inputs[0].shape[0] != 1:
        raise ValueError("The chain rule is written out for one example at a time.")
    last, l, i = len(layers), layer + 1, row + 1
    delta = t.deltas[layer][0]
    grad = t.grads[layer][1][row] if col is None else t.grads[layer][0][row, col]
    name = rf"b^{{({l})}}_{{{i}}}" if col is None else rf"w^{{({l})}}_{{{i}{col + 1}}}"
    lhs = rf"\frac{{\partial L}}{{\partial {name}}}"
    reads = "1" if col is None else _a(layer, col)  # dz/d(bias) = 1, dz/dw = what flowed in
    reads_n = "1" if col is None else factor(t.inputs[layer][0][col])
    if l == last - 1 and layers[-1][0].shape[0] == 1 and loss != "ce":
        # One hidden layer below a single output: one path to the loss, so the gradient is one product.
        symbols = (rf"\underbrace{{\delta^{{({last})}}_1}}_{{\partial L/\partial z^{{({last})}}}}"
                   rf"\cdot \underbrace{{w^{{({last})}}_{{1{i}}}}}"
                   rf"_{{\partial z^{{({last})}}/\partial a^{{({l})}}_{{{i}}}}}"
                   rf"\cdot \underbrace{{f'(z^{{({l})}}_{{{i}}})}}_{{\partial a/\partial z}}"
                   rf"\cdot \underbrace{{{reads}}}_{{\partial z/\partial {name}}}")
        numbers = (rf"{factor(t.deltas[-1][0][0])} \cdot {factor(layers[-1][0][0, row])} \cdot "
                   rf"{factor(t.slopes[layer][0][row])} \cdot {reads_n}")
        return [equation(lhs, symbols, numbers, num(grad)), _head_line(t, y, loss, last, 0)]
    lines = [equation(lhs, rf"\delta^{{({l})}}_{{{i}}} \cdot {reads}",
                      rf"{factor(delta[row])} \cdot {reads_n} = {num(grad)}")]
    if l == last:
        return lines + [_head_line(t, y, loss, last, row)]
    above = zip(layers[layer + 1][0][:, row], t.deltas[layer + 1][0])
    terms = " + ".join(rf"{factor(w)} \cdot {factor(d)}" for w, d in above)
    lines.append(equation(rf"\delta^{{({l})}}_{{{i}}}",
                          rf"f'(z^{{({l})}}_{{{i}}}) \sum_k w^{{({l + 1})}}_{{k{i}}}\,\delta^{{({l + 1})}}_k",
                          rf"{factor(t.slopes[layer][0][row])} \cdot \left[{terms}\right] = {num(delta[row])}"))
    for m in range(l + 1, last):
        lines.append(equation(rf"\delta^{{({m})}}", rf"f'(z^{{({m})}}) \odot W^{{({m + 1})\top}} \delta^{{({m + 1})}}",
                              rf"{vec(t.slopes[m - 1][0])} \odot {vec(t.deltas[m][0] @ layers[m][0])} = "
                              rf"{vec(t.deltas[m - 1][0])}"))
    return lines + [_head_line(t, y, loss, last, None)]


def expression_lines(g: Graph, output: str, start: str) -> str:
    """d(output)/d(start) as the chain rule's sum over paths: the symbols, then the numbers."""
    symbols, numbers = [], []
    for chain in g.paths(output, start):
        chain = chain[::-1]  # from the output down
        symbols.append(r" \cdot ".join(rf"\frac{{\partial {up}}}{{\partial {low}}}" for low, up, _ in chain))
        numbers.append(r" \cdot ".join(factor(d) for _low, _up, d in chain))
    return equation(rf"\frac{{\partial {output}}}{{\partial {start}}}", " + ".join(symbols),
                    " + ".join(numbers) + f" = {num(g.nodes[start].grad)}")
