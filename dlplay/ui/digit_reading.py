"""The digits page's canvas and its reading: `Prediction` right under the canvas, the bars beside it.

`draw_and_read` is the page's one fragment: a stroke (or a lesson widget) reruns it alone, and it
writes the reading and the lesson's pictures into the slots the full run kept for them
(dlplay.ui.digit_lesson). Until the learner draws, the lesson reads an example digit from the test
set, under a label of its own: `Prediction` is only ever the learner's own drawing.
"""
from __future__ import annotations

import streamlit as st

from dlplay import digits as dg
from dlplay.i18n import _, tr
from dlplay.ui import canvas, digit_lesson as lesson, digit_own_set as own_set
from dlplay.ui import digit_views as dv, model_loading


def load(learner) -> tuple[dg.DigitModel, dg.DigitModel | None, str]:
    """The model read with, the shipped one beside a learner's (else None), and the name said under every
    reading and picture. A missing model file stops the page with a notice."""
    with model_loading.stop_if_unreadable():
        model = dg.load(learner)
        shipped = dg.load() if learner is not None else None
        model.kernels()  # read from the model's file: one that is unreadable shows here, not mid-lesson
    return model, shipped, _("shipped model") if learner is None else learner.name


@st.cache_resource(show_spinner=False)
def _example_steps():
    image, label = dg.example()
    return dg.steps(image), label


def _softmax(p: float) -> str:
    return f"softmax {p:.0%}"  # the same words in both languages (Chinese courses keep "softmax")


def _reading(shipped: dg.DigitModel | None, prepared: dg.Steps, read: dg.Reading, name: str,
             under_canvas, beside) -> None:
    """The learner's drawing read: `Prediction` right under the canvas, the bars beside it."""
    plain = {"delta_color": "off", "delta_arrow": "off", "border": True}
    m1, m2 = under_canvas.columns(2)
    if read.doubt:
        m1.metric(_("Prediction"), "?", _("no digit shape"), **plain)
        beside.warning(tr(read.doubt), icon="🤔")
    else:
        m1.metric(_("Prediction"), str(read.digit), _softmax(read.probs[read.digit]), **plain)
    if shipped is not None:
        ship = shipped.predict(prepared.image)[0]
        m2.metric(_("Shipped model says"), str(int(ship.argmax())), _softmax(ship.max()), **plain)
    beside.image(dv.prob_bars(read.probs), width="stretch",
                 caption=_("Read with: {name}. Softmax of the 10 outputs. The bars are a softmax: they always add up "
                           "to 100 %, so a tall bar says which digit the network prefers, not that it is right.")
                 .format(name=name))
    if shipped is not None:
        beside.image(dv.prob_bars(ship), width="stretch", caption=_("The shipped model, for comparison"))


def _example_reading(prepared: dg.Steps, read: dg.Reading, label: int, name: str, beside) -> None:
    """Before the first stroke: what the network makes of the example (never labelled `Prediction`)."""
    beside.info(_("Draw a digit on the black canvas: the prediction appears when you lift the pen. Until then the "
                  "lesson below reads an **example digit from the test set** (a {digit}).").format(digit=label),
                icon="✏️")
    e1, e2 = beside.columns([1, 2])
    dv.pixels(e1, "example").image(dv.grey(prepared.image), caption=_("example (test set)"), width=84)
    e2.metric(_("Example digit read as"), str(read.digit),
              _("softmax {p:.0%} · true label {digit}").format(p=read.probs[read.digit], digit=label),
              delta_color="off", delta_arrow="off", border=True)
    e2.caption(_("Read with: {name}.").format(name=name))


@st.fragment
def draw_and_read(model: dg.DigitModel, shipped: dg.DigitModel | None, name: str, slots: lesson.Slots) -> None:
    """Canvas, reading and the lesson's pictures: what a stroke (or a lesson widget) reruns."""
    own_set.say_what_was_added()
    # The page's main picture (presenter mode keeps it on a projector's first screen): only the
    # canvas and its reading, not the lesson below.
    with st.container(key="main_picture"):
        draw_col, read_col = st.columns([1, 1.3])
        with draw_col:
            rgba = canvas.draw_digit("digits_canvas")
        prepared = dg.steps(rgba) if rgba is not None else None
        drawing = prepared.image if prepared is not None else None  # the learner's own, for the set
        example = prepared is None
        if not example:
            read = model.read(prepared)
            _reading(shipped, prepared, read, name, draw_col, read_col)
        else:
            prepared, label = _example_steps()
            read = model.read(prepared, doubt=False)  # a clear test digit; no need to wait for the doubt's limits
            _example_reading(prepared, read, label, name, read_col)
    with slots.sees.container():
        lesson.what_it_sees(prepared, example)
    with slots.maps.container():
        lesson.inside(read.maps, name)
    with slots.hand.container():
        lesson.by_hand(prepared.image, model.kernels()[0][:, 0])
    with slots.teach.container():
        own_set.teach(drawing)
