"""Section 2 of the activation page: a batch goes through a deep stack of the chosen function and one backward
pass comes down; the gradient per layer, the activations' spread and the dead units show what the slope does."""
from __future__ import annotations

import streamlit as st

from dlplay import deepstack
from dlplay.i18n import _, tr
from dlplay.params.activations import STACK
from dlplay.ui import activation_figs as figs
from dlplay.ui import params
from dlplay.ui.activation_shape import Focus


@st.cache_data(max_entries=64, show_spinner=False)
def stack_report(name, depth, width, init, bias, fn_params):
    return deepstack.run(name, depth, width, init, bias=bias, **dict(fn_params))


def section(focus: Focus) -> None:
    st.header(_("2 · Stack it deep: vanishing and dying gradients"))
    st.markdown(_(
        "Backpropagation multiplies one factor $f'(z)\\,W$ per layer. Here a batch of random inputs goes "
        "through a stack of **{activation}** layers and one backward pass comes down. If the factors are below 1 "
        "the gradient shrinks geometrically (**vanishes**); if a ReLU's input is never positive its unit passes "
        "back nothing (**dead**).").format(activation=_(focus.info.label)))
    d1, d2, d3, d4 = st.columns(4)
    depth, width, init, bias = (params.widget(STACK, key, column)
                                for key, column in zip(("depth", "width", "init", "bias"), (d1, d2, d3, d4)))
    report = stack_report(focus.name, depth, width, init, bias, tuple(sorted(focus.values.items())))
    st.plotly_chart(figs.stack(report), width="stretch", key="act_stack")
    verdict = deepstack.diagnosis(report)
    (st.success if verdict.startswith("Healthy") else st.warning)(tr(verdict))
    with st.expander(_("Why these inits?")):
        st.markdown(_(
            "Each init picks the weights' spread so a signal keeps its size from layer to layer: "
            "**Xavier** $\\sigma^2 = 2/(n_{in}+n_{out})$ for tanh/sigmoid, **He** $\\sigma^2 = 2/n_{in}$ for ReLU "
            "(which zeroes half its inputs), **LeCun** $\\sigma^2 = 1/n_{in}$ for SELU. Try sigmoid with Xavier "
            "at depth 20 (vanishes: $\\sigma' \\le 0.25$), ReLU with He and bias -1 (dies), then ReLU with He "
            "and bias 0 (healthy)."))
