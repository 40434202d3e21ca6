"""Section 2 of the backprop page: the chain rule on one small expression, its graph drawn with every value
and local derivative, and each input's gradient written out as a product."""
from __future__ import annotations

import streamlit as st

from dlplay import chain_rule as cr
from dlplay import expression_graph as eg
from dlplay.i18n import N_, _
from dlplay.ui import backprop_figs as figs
from dlplay.ui.backprop_layout import graph_box, section, setting


@section(N_("2 · The chain rule on a graph"), N_(
    "Before networks, one expression: $f = (a\\cdot b + c)\\cdot\\tanh(d)$, computed in small steps "
    "$m = a\\cdot b$, $s = m + c$, $t = \\tanh(d)$, $f = s\\cdot t$. The **forward pass** computes every node's "
    "value from the inputs up. The **backward pass** starts with $\\partial f/\\partial f = 1$ and walks back: "
    "each node's gradient is the gradient above it times the **local derivative** on the edge between them "
    "(summed when a node feeds several others). That is the whole of backpropagation."))
def expression():
    inputs = [setting(f"expr_{k}", c) for k, c in zip(eg.INPUTS, st.columns(4))]
    graph = eg.example(*inputs)
    backward = st.toggle(_("Show the backward pass (gradients)"), value=True, key="bp_expr_backward")
    graph_box("expression").graphviz_chart(figs.expression_dot(graph, eg.OUTPUT, backward), width="stretch")
    if backward:
        cols = st.columns(2)
        for k, name in enumerate(eg.INPUTS):
            cols[k // 2].latex(cr.expression_lines(graph, eg.OUTPUT, name))
        st.caption(_("Read one line from left to right: the gradient at $f$ (1) times each local derivative on the "
                     "way down to the input. The same products label the edges above."))
