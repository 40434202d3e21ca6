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

from dlplay.backprop import Layers, Trace
from dlplay.expression_graph import Graph


def num(v: float, digits: int = 4) -> str:
    """A number for LaTeX: 4 significant digits, powers of ten written out, overflow in words."""
    v = float(v) + 0.0  # no "-0"
    if not math.isfinite(v):
        return r"\text{overflow}"
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


def _a(l: int, j: int | None = None) -> str:
    """The name of what layer l+1 reads (page numbering): x for the inputs, a^(l) for a hidden layer."""
    if l == 0:
        return "x" if j is None else f"x_{{{j + 1}}}"
    return f"a^{{({l})}}" if j is None else f"a^{{({l})}}_{{{j + 1}}}"


def _head_line(t: Trace, y, loss: str, last: int, unit: int | None) -> str:
    """δ of the last layer: what the loss sends back into the last pre-activation."""
    z = f"z^{{({last})}}"
    out, delta = t.output[0], t.deltas[last - 1][0]
    k = out.size
    if loss == "ce":
        target = np.zeros(k)
        target[int(np.ravel(y)[0])] = 1.0
        if unit is not None:
            return (rf"\delta^{{({last})}}_{{{unit + 1}}} = \frac{{\partial L}}{{\partial {z}_{{{unit + 1}}}}}"
                    rf" = \hat y_{{{unit + 1}}} - [\text{{class}} = {unit + 1}] = {num(out[unit])} - {num(target[unit])}"
                    rf" = {num(delta[unit])}")
        return (rf"\delta^{{({last})}} = \frac{{\partial L}}{{\partial {z}}} = \hat y - \text{{onehot}}(y) = "
                rf"{vec(out)} - {vec(target)} = {vec(delta)}")
    scale = "2" if loss == "mse" else "1"
    pre = rf"\frac{{{scale}}}{{{k}}}" if k > 1 else ("2" if loss == "mse" else "")
    why = r"\quad(\hat y = \sigma(z)\text{; its slope cancels against the cross-entropy's})" if loss == "bce" else ""
    y = np.ravel(y)
    if unit is not None:
        i = unit + 1
        return (rf"\delta^{{({last})}}_{{{i}}} = \frac{{\partial L}}{{\partial {z}_{{{i}}}}} = {pre}(\hat y_{{{i}}} - y_{{{i}}})"
                rf" = {pre}({num(out[unit])} - {num(y[unit])}) = {num(delta[unit])}{why}")
    return (rf"\delta^{{({last})}} = \frac{{\partial L}}{{\partial {z}}} = {pre}(\hat y - y) = "
            rf"{pre}\left({vec(out)} - {vec(y)}\right) = {vec(delta)}{why}")


def weight_lines(t: Trace, layers: Layers, y, loss: str, layer: int, row: int, col: int | None) -> list[str]:
    """dL/dW[row, col] of `layer` (0-based; dL/db[row] when col is None) for the trace of one example
    whose target is `y` (its class index for "ce")."""
    if t.inputs[0].shape[0] != 1:
        raise ValueError("The chain rule is written out for one example at a time.")
    last = len(layers)
    l = layer + 1
    i = row + 1
    delta = t.deltas[layer][0]
    grad = t.grads[layer][1][row] if col is None else t.grads[layer][0][row, col]
    lines = []
    if col is None:
        lines.append(rf"\frac{{\partial L}}{{\partial b^{{({l})}}_{{{i}}}}} = \delta^{{({l})}}_{{{i}}}"
                     rf"\cdot \frac{{\partial z^{{({l})}}_{{{i}}}}}{{\partial b^{{({l})}}_{{{i}}}}}"
                     rf" = {factor(delta[row])} \cdot 1 = {num(grad)}")
    else:
        a = t.inputs[layer][0][col]
        lines.append(rf"\frac{{\partial L}}{{\partial w^{{({l})}}_{{{i}{col + 1}}}}} = \delta^{{({l})}}_{{{i}}}"
                     rf"\cdot \frac{{\partial z^{{({l})}}_{{{i}}}}}{{\partial w^{{({l})}}_{{{i}{col + 1}}}}}"
                     rf" = \delta^{{({l})}}_{{{i}}} \cdot {_a(layer, col)} = {factor(delta[row])} \cdot {factor(a)}"
                     rf" = {num(grad)}")
    if l == last:
        lines.append(_head_line(t, y, loss, last, row))
        return lines
    # One hidden layer below a single output: one path to the loss, so the gradient is one product.
    if l == last - 1 and layers[-1][0].shape[0] == 1 and loss != "ce":
        w_up = layers[-1][0][0, row]
        slope = t.slopes[layer][0][row]
        top = t.deltas[-1][0][0]
        tail = "" if col is None else rf" \cdot {_a(layer, col)}"
        tail_n = "" if col is None else rf" \cdot {factor(t.inputs[layer][0][col])}"
        lines.insert(0, rf"\frac{{\partial L}}{{\partial {'b' if col is None else 'w'}^{{({l})}}_{{{i}{'' if col is None else col + 1}}}}}"
                        rf" = \underbrace{{\delta^{{({last})}}_1}}_{{\partial L/\partial z^{{({last})}}}}"
                        rf"\cdot \underbrace{{w^{{({last})}}_{{1{i}}}}}_{{\partial z^{{({last})}}/\partial a^{{({l})}}_{{{i}}}}}"
                        rf"\cdot \underbrace{{f'(z^{{({l})}}_{{{i}}})}}_{{\partial a/\partial z}}{tail}"
                        rf" = {factor(top)} \cdot {factor(w_up)} \cdot {factor(slope)}{tail_n} = {num(grad)}")
        lines[1:] = [_head_line(t, y, loss, last, 0)]
        return lines
    w_up = layers[layer + 1][0][:, row]
    d_up = t.deltas[layer + 1][0]
    terms = " + ".join(rf"{factor(w)} \cdot {factor(d)}" for w, d in zip(w_up, d_up))
    lines.append(rf"\delta^{{({l})}}_{{{i}}} = f'(z^{{({l})}}_{{{i}}}) \sum_k w^{{({l + 1})}}_{{k{i}}}\,\delta^{{({l + 1})}}_k"
                 rf" = {factor(t.slopes[layer][0][row])} \cdot \left[{terms}\right] = {num(delta[row])}")
    for m in range(l + 1, last):
        lines.append(rf"\delta^{{({m})}} = f'(z^{{({m})}}) \odot W^{{({m + 1})\top}} \delta^{{({m + 1})}} = "
                     rf"{vec(t.slopes[m - 1][0])} \odot {vec(t.deltas[m][0] @ layers[m][0])} = {vec(t.deltas[m - 1][0])}")
    lines.append(_head_line(t, y, loss, last, None))
    return lines


def expression_lines(g: Graph, output: str, start: str) -> list[str]:
    """d(output)/d(start) as the chain rule's sum over paths, symbols first, then the numbers."""
    symbols, numbers = [], []
    for chain in g.paths(output, start):
        chain = chain[::-1]  # from the output down
        symbols.append(r" \cdot ".join(rf"\frac{{\partial {up}}}{{\partial {low}}}" for low, up, _ in chain))
        numbers.append(r" \cdot ".join(factor(d) for _, _, d in chain))
    value = g.nodes[start].grad
    return [rf"\frac{{\partial {output}}}{{\partial {start}}} = " + " + ".join(symbols)
            + " = " + " + ".join(numbers) + f" = {num(value)}"]
