"""CNN digit classifier: draw a digit, see it prepared like MNIST, look inside the network, retrain it.

On a server a whole class shares, a stroke must be cheap. The full run lays the lesson out once
(headings, explanations, formulas, the kernels of the model read with); a stroke reruns only the
fragment `digit_reading.draw_and_read`, which writes the reading and the lesson's pictures into the
slots kept for them (see dlplay.ui.digit_lesson for what that saves).
"""
import streamlit as st

from dlplay import topics
from dlplay.i18n import _
from dlplay.params.digits import TABLE
from dlplay.ui import digit_lesson as lesson, digit_own_set as own_set, digit_reading as reading
from dlplay.ui import digit_retrain as retrain, digit_views as dv, params, presenter, share, training

params.bind(TABLE)
TOPIC = topics.BY_SLUG["digits"]

st.title(f"{TOPIC.icon} {_(TOPIC.title)}")
intro_above = st.container()  # the intro, except on a projector (see intro_below)
st.html(dv.PIXELATED)  # once per page load; it styles every picture of pixels the fragment sends
# "Read with" sits above the canvas in a box that is always there: an element appearing above the
# canvas later (after the first run) would remount it and wipe the learner's drawing.
choice_box = st.container()
st.write("")  # room for the canvas toolbar, which floats above the canvas
top = st.container()
intro_below = st.container()  # on a projector the canvas and its reading come first, the intro follows
with choice_box:
    learner = training.model_choice("digits", label=_("Read with"))
model, shipped, name = reading.load(learner)

# The lesson's fixed text, written once; the canvas above fills the slots between it.
slots = lesson.Slots(sees=lesson.what_the_network_sees(), maps=lesson.inside_the_network(model, name),
                     hand=lesson.convolution_by_hand(), teach=own_set.teach_it())
with top:
    reading.draw_and_read(model, shipped, name, slots)
with intro_below if presenter.is_on() else intro_above:
    lesson.intro()

config = retrain.sliders(TABLE)
training.panel("digits", "cnn", config)
retrain.results(learner)
share.sync()
