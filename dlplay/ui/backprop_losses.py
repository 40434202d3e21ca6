"""Section 4 of the backprop page: what each loss sends back into the last layer, why squared error
stalls on a confidently wrong sigmoid output, and cross-entropy's gradient over several classes."""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay import backprop as bp
from dlplay import backprop_steps as steps
from dlplay import chain_rule as cr
from dlplay.i18n import N_, _
from dlplay.ui import backprop_figs as figs
from dlplay.ui.backprop_layout import chart, section, setting

SLOWDOWN_STEPS, SLOWDOWN_LR = 60, 1.0
FORMULAS = ((N_("Mean squared error, output $\\hat y = z$"), r"L = \tfrac1K\textstyle\sum_k(\hat y_k - y_k)^2"),
            (N_("Binary cross-entropy, output $p = \\sigma(z)$"), r"L = -\,[\,y\log p + (1-y)\log(1-p)\,]"),
            (N_("Cross-entropy, output $p = \\mathrm{softmax}(z)$"), r"L = -\log p_y"))


def output_gradients() -> None:
    """The gradient squared error and cross-entropy send into one sigmoid output, and their curves."""
    c1, c2 = st.columns([1, 3])
    target = setting("loss_target", c1)
    z_out = setting("loss_z", c1)
    p_out = 1 / (1 + np.exp(-z_out))
    grad_mse, grad_bce = (steps.output_gradient(z_out, target, k) for k in ("sigmoid_mse", "bce"))
    chart(figs.loss_curves(target, z_out), "bp_loss_curves", c2)
    ratio = abs(grad_bce) / abs(grad_mse) if grad_mse else float("inf")
    c1.markdown(_("At $z = {z}$ the prediction is $p = {p}$. Gradient reaching the last layer:").format(
        z=f"{z_out:g}", p=cr.num(p_out)))
    c1.markdown(_("- squared error: **{mse}**\n- cross-entropy: **{ce}**").format(mse=figs.label(grad_mse, 3),
                                                                                   ce=figs.label(grad_bce, 3)))
    if np.isfinite(ratio) and ratio > 1.5:
        c1.markdown(_("Cross-entropy pushes **{ratio}×** harder here.").format(ratio=f"{ratio:.3g}"))
    slowdown(z_out, target)


def slowdown(z_out: float, target: int) -> None:
    """The same output neuron trained with each loss from z_out: squared error crawls off the flat tail."""
    outs = steps.confidently_wrong(z_out, target, SLOWDOWN_STEPS, SLOWDOWN_LR)
    s1, s2 = st.columns([3, 2])
    chart(figs.slowdown(outs, target), "bp_slowdown", s1)
    lines = [_("**Training that one output neuron** (input 1, weight and bias starting so that $z = {z}$, learning "
               "rate {lr}):").format(z=f"{z_out:g}", lr=f"{SLOWDOWN_LR:g}")]
    for k, o in outs.items():
        near = np.flatnonzero(np.abs(o - target) < 0.2)
        if near.size:
            line = _("With {loss}, the prediction is within 0.2 of the target after {steps} steps.")
        else:
            line = _("With {loss}, the prediction is still {gap} away after {steps} steps.")
        lines.append("- " + line.format(loss=_(figs.LOSS_WORDS[k]), steps=near[0] if near.size else SLOWDOWN_STEPS,
                                        gap=f"{abs(o[-1] - target):.2f}"))
    s2.markdown("\n".join(lines) + "\n\n" + _("Move $z$ far to the wrong side and watch squared error stall on the "
                                               "flat tail of the sigmoid."))


def several_classes() -> None:
    """Softmax over three logits, the cross-entropy and the gradient p − onehot each logit receives."""
    st.subheader(_("Cross-entropy over several classes"))
    c = st.columns(4)
    logits = np.array([setting(f"ce_z{k}", col) for k, col in zip((1, 2, 3), c)])
    cls = setting("ce_class", c[3]) - 1
    # one layer with W = I and b = 0 passes the logits through, so dL/db is exactly dL/dz
    ce_loss, ((_dw, ce_delta),) = bp.forward_backward([(np.eye(3), np.zeros(3))], logits[None, :], np.array([cls]),
                                                    loss="ce")
    probs = bp.head(logits[None, :], "ce")[0]
    l1, l2, l3 = st.columns(3)
    l1.latex(rf"p = \mathrm{{softmax}}(z) = {cr.vec(probs)}")
    l2.latex(rf"L = -\log p_{{{cls + 1}}} = {cr.num(ce_loss)}")
    l3.latex(rf"\frac{{\partial L}}{{\partial z}} = p - \text{{onehot}}({cls + 1}) = {cr.vec(ce_delta)}")
    chart(figs.softmax_bars(probs, ce_delta, cls), "bp_softmax")
    st.caption(_("Every wrong class's logit is pushed down by its probability; the true class's is pushed up by how "
                 "much probability is still missing. The gradients always sum to 0."))


@section(N_("4 · What the loss sends back"), N_(
    "The loss turns the output into one number to push down, and its derivative is the first error signal "
    "$\\delta^{(L)}$ every other gradient is built from."))
def losses():
    for col, (name, formula) in zip(st.columns(3), FORMULAS):
        col.markdown(f"**{_(name)}**")
        col.latex(formula)
    st.markdown(_(
        "For a yes/no output $p = \\sigma(z)$, squared error and cross-entropy send back very different signals. "
        "Squared error's gradient passes through the sigmoid's slope: "
        "$\\partial L/\\partial z = 2(p-y)\\,\\sigma'(z)$, and $\\sigma'(z)$ is almost 0 when the neuron is "
        "**confidently wrong**. Cross-entropy's log cancels that slope: $\\partial L/\\partial z = p - y$, largest "
        "exactly when the prediction is most wrong."))
    output_gradients()
    several_classes()
