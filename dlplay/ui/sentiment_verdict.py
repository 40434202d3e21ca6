"""The sentiment page's main picture: the verdict on the learner's sentence beside its per-token score strip.

Beside, not above: the pair stays a short block, so on a projector (presenter mode, 1280x720) it is on the
first screen under the sentence box, and on a phone the columns simply stack.
"""
from __future__ import annotations

import streamlit as st

from dlplay.i18n import _
from dlplay.ui import sentiment_plots as plots

FACES = {"positive": "🙂", "negative": "🙁"}


def main_picture(result: dict) -> None:
    """The verdict, how sure the model is, and the score after each token (`result`: one of predict's dicts,
    with a label)."""
    label, p = result["label"], result["probs"]
    with st.container(key="main_picture"):
        left, right = st.columns([1, 3], vertical_alignment="center")
        left.metric(_("Verdict"), f"{plots.verdict(label)} {FACES.get(label, '😐')}",
                    _("{p:.0%} sure").format(p=p[label]), delta_color="off", delta_arrow="off")
        left.progress(p.get("positive", 0.0), text=" · ".join(f"{plots.verdict(k)} {v:.1%}" for k, v in p.items()))
        # Without plotly's toolbar, which a phone shows all the time, over the strip's top edge.
        right.plotly_chart(plots.score_strip(result), width="stretch", config={"displayModeBar": False})


def confidence_note() -> None:
    """What the percentage means (the caption just above it names the model)."""
    st.caption(_("The percentage is the softmax output: how strongly the model leans, not how often it is right. "
                 "A model can be 99 % sure and wrong; how often it is right is its accuracy on sentences it never "
                 "trained on (section 4). The strip scores the sentence after each token: blue leans positive, "
                 "red negative."))
