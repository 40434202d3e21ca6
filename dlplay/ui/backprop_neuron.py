"""Section 1 of the backprop page: one neuron, its sum and activation written out with the current numbers,
and its output over the input plane (the page's main picture)."""
from __future__ import annotations

import streamlit as st

from dlplay import activations as act
from dlplay import chain_rule as cr
from dlplay.i18n import N_, _
from dlplay.ui import backprop_figs as figs
from dlplay.ui import presenter
from dlplay.ui.backprop_layout import chart, section, setting

PLANE_HEIGHT_PRESENTING = 360  # a projector's 720 px must hold the title and the plane


def fn_name(name: str) -> str:
    return {"sigmoid": r"\sigma", "tanh": r"\tanh"}.get(name, rf"\mathrm{{{act.ACTIVATIONS[name].label}}}")


@section(N_("1 · One neuron"), N_(
    "A neuron multiplies each input by a **weight**, adds a **bias** and passes the sum $z$ through an "
    "**activation function** $f$:  $z = w_1x_1 + w_2x_2 + b$,  $a = f(z)$. With two inputs, $z = 0$ is a "
    "straight line across the input plane: on one side the neuron is on, on the other it is off."))
def neuron():
    left, right = st.columns([1, 2])
    with left:
        n = {k: setting(f"neuron_{k}") for k in ("x1", "x2", "w1", "w2", "b", "act")}
    z = n["w1"] * n["x1"] + n["w2"] * n["x2"] + n["b"]
    a = float(act.evaluate(n["act"], z)[0])
    with right:
        # The picture comes first, beside the sliders that move it; the sums under it follow the sliders.
        size = {"height": PLANE_HEIGHT_PRESENTING} if presenter.is_on() else {}
        with st.container(key="main_picture"):
            plane = figs.neuron_plane(n["w1"], n["w2"], n["b"], n["act"], n["x1"], n["x2"], **size)
            chart(presenter.fit(plane), "bp_neuron_plane")
        l1, l2 = st.columns(2)
        l1.latex(cr.equation("z", "w_1x_1 + w_2x_2 + b", rf"{cr.factor(n['w1'])} \cdot {cr.factor(n['x1'])} + "
                             rf"{cr.factor(n['w2'])} \cdot {cr.factor(n['x2'])} + {cr.factor(n['b'])}", cr.num(z)))
        l2.latex(cr.equation("a", "f(z)", rf"{fn_name(n['act'])}({cr.num(z)}) = {cr.num(a)}"))
        st.latex(act.latex(n["act"], variable="z")[0])
        st.caption(_("The four circles are the input pairs of a logic gate (−1 = false, +1 = true), filled where "
                     "AND is true. Try $w_1 = w_2 = 1$, $b = -1$: only (+1, +1) lies on the on side, so the neuron "
                     "computes AND; $b = +1$ makes it OR. No straight line puts XOR's two true corners on one side: "
                     "section 5 shows what that costs."))
