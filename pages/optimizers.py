"""Optimizer explorer: race update rules over a loss surface, step by step with the numbers, then on a network."""
import streamlit as st

from dlplay.i18n import _
from dlplay.params.optimizers import EXPLORER, TABLE
from dlplay.topics import BY_SLUG
from dlplay.ui import optimizer_controls as controls
from dlplay.ui import optimizer_lesson as lesson
from dlplay.ui import optimizer_network as network
from dlplay.ui import optimizer_view as view
from dlplay.ui import params, presenter, share

controls.surface_defaults()
params.bind(EXPLORER, TABLE)

st.title("🏔️ " + _(BY_SLUG["optimizers"].title))
if not presenter.is_on():
    lesson.intro()

# The knobs in a column beside the map, so the map is on the first screen (of a projector too).
knobs, picture = st.columns([1, 2.2], gap="medium")
with picture:
    names = controls.racers()
with knobs:
    chosen = controls.controls(names)
    lesson.momentum_forms(chosen.hp["beta"], chosen.lr)
with picture:
    if not names:
        st.info(_("Pick at least one optimizer to race."))
        share.sync()
        st.stop()
    view.view(chosen)
if presenter.is_on():
    lesson.intro()  # on a projector the picture comes first; the intro follows it

network.section(chosen.names, chosen.hp)
share.sync()
