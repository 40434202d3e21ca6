"""The digits page's section 4: the learner's own set of drawings, which fine-tuning trains on.

The heading is written once per full run of the page; `teach` fills the slot after each stroke
(the add button needs the drawing just read). The set lives in the session, at most
settings.MAX_OWN_DRAWINGS drawings of 28x28 with their labels.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay import settings
from dlplay.i18n import _
from dlplay.ui.digit_views import grey, pixels

KEY = "digits_own"  # a list of (28x28 float32 image, label)
TOAST = "_dg_toast"  # said once, after the rerun that the add button starts


def drawings() -> list:
    return st.session_state.setdefault(KEY, [])


def teach_it():
    st.header(_("4 · Was it wrong? Teach it"))
    return st.empty()


def teach(image: np.ndarray | None) -> None:
    """Label the drawing just read and add it to the set; the last dozen shown, and a way to forget them."""
    own = drawings()
    t1, t2 = st.columns([1, 2])
    label = t1.selectbox(_("That was wrong, it is a …"), list(range(10)), key="dg_label")
    if t1.button(_("Add this drawing to my set"), icon="➕", disabled=image is None,
                 help=None if image is not None else _("Draw a digit first: the example is not yours to add.")):
        if len(own) < settings.MAX_OWN_DRAWINGS:
            own.append((image.copy(), int(label)))
            st.session_state[TOAST] = _("Added as a {digit}. You have {count} drawing(s).").format(
                digit=label, count=len(own))
            st.rerun(scope="app")  # the retrain section (outside the page's fragment) uses the set
        else:
            st.warning(_("Your set is full ({limit} drawings).").format(limit=settings.MAX_OWN_DRAWINGS))
    if own:
        pixels(t2, "own").image([grey(img) for img, __ in own[-12:]],
                                caption=[str(lbl) for __, lbl in own[-12:]], width=56)
        if t2.button(_("Forget my drawings"), key="dg_forget"):
            st.session_state[KEY] = []
            st.rerun(scope="app")
    t2.caption(_("{count} drawing(s) in your set. Fine-tuning starts from the shipped model and trains a few "
                 "epochs on your drawings mixed with 1,000 MNIST digits; the shipped model itself is never "
                 "changed.").format(count=len(own)))


def say_what_was_added() -> None:
    """The toast of the add button, on the run after it."""
    if TOAST in st.session_state:
        st.toast(st.session_state.pop(TOAST))
