"""Neurons and backpropagation: one neuron, the chain rule on a graph, a small network stepped forward
and backward by hand, what each loss sends back, and gradient descent on tiny data sets.

Each section's body lives in dlplay/ui/backprop_<section>.py."""
import streamlit as st

from dlplay.i18n import _
from dlplay.params.backprop import TABLE
from dlplay.topics import BY_SLUG
from dlplay.ui import backprop_layout as layout
from dlplay.ui.backprop_expression import expression
from dlplay.ui.backprop_losses import losses
from dlplay.ui.backprop_network import FIRST_PICK, PICK, network
from dlplay.ui.backprop_neuron import neuron
from dlplay.ui.backprop_training import training
from dlplay.ui.params import bind

bind(TABLE, extra={PICK: FIRST_PICK})

st.title("🔗 " + _(BY_SLUG["backprop"].title))
layout.intro(_(
    "A network is many small units, **neurons**, that each compute a weighted sum and bend it. Training asks one "
    "question for every weight: *if I nudge this weight, how does the loss change?* **Backpropagation** answers it "
    "for all weights at once with the chain rule, from the loss back to the inputs; **gradient descent** then "
    "moves every weight a little downhill, by a step the **learning rate** sets. This page builds that up in five "
    "steps, with every number shown."))

neuron()
expression()
network()
losses()
training()
