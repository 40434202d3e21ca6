"""The activation page's opening: why a network needs a non-linearity, and section 1, the chosen function and
its slope drawn side by side (the page's main picture) with their formulas and where the gradient vanishes."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dlplay import activations as act
from dlplay.i18n import _
from dlplay.params.activations import SHAPE
from dlplay.ui import activation_figs as figs
from dlplay.ui import params, presenter


@dataclass(frozen=True)
class Focus:
    """The function the page is about: the deep stack below uses it too."""
    name: str
    values: dict  # its parameters (alpha of leaky ReLU and ELU)

    @property
    def info(self) -> act.Activation:
        return act.ACTIVATIONS[self.name]


def intro() -> None:
    st.markdown(_(
        "Without a non-linearity, a stack of layers collapses into one linear map: $W_2(W_1x) = (W_2W_1)x$. "
        "The **activation function** $f$ applied after every layer is what lets a network bend. During training "
        "the gradient flows back through $f'$ at every layer, so the *slope* matters as much as the shape."))


def section() -> Focus:
    """Pick a function (and others to compare), see f and f' with their formulas and output range."""
    st.header(_("1 · Shape and slope"))
    c1, c2, c3 = st.columns([1, 2, 1])
    name = params.widget(SHAPE, "name", c1)
    compare = params.widget(SHAPE, "compare", c2)
    span = params.widget(SHAPE, "span", c3)
    focus = Focus(name, {p: params.widget(SHAPE, f"{name}_{p}") for p in act.ACTIVATIONS[name].params})
    fig = presenter.fit(figs.curves(name, focus.values, compare, -span, span))
    with st.container(key="main_picture"):
        st.plotly_chart(fig, width="stretch", key="act_curves")
    f_tex, d_tex = act.latex(name, **focus.values)
    l1, l2 = st.columns(2)
    l1.latex(f_tex)
    l2.latex(d_tex)
    st.markdown(_("**Output range** {range} · {note} Grey bands: the gradient is exactly 0 (the unit learns nothing "
                  "there); orange bands: it is under 0.01 (the unit learns 100x slower).").format(
        range=f"${act.output_range(name, **focus.values).latex()}$", note=_(focus.info.note)))
    return focus
