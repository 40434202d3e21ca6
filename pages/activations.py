"""Activation explorer: what a non-linearity does, what its slope does to deep networks, and a mini lab."""
import streamlit as st

from dlplay.i18n import _
from dlplay.params.activations import SHAPE, STACK, TABLE
from dlplay.topics import BY_SLUG
from dlplay.ui import activation_lab as lab
from dlplay.ui import activation_shape as shape
from dlplay.ui import activation_stack as stack
from dlplay.ui import params, presenter, share, training

params.bind(SHAPE, STACK, TABLE)

st.title("📈 " + _(BY_SLUG["activations"].title))
if not presenter.is_on():
    shape.intro()
focus = shape.section()
if presenter.is_on():
    shape.intro()  # on a projector the picture comes first; the intro follows it
stack.section(focus)
lab.section()
training.runs("activations")
share.sync()
