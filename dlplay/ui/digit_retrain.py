"""The digits page's section 5: retrain the CNN from sliders, then see how the run did.

`sliders` lays out the sliders of the page's parameter table (dlplay.params.digits) and returns the
run's configuration; `results` shows the run the page reads with (else the newest) and the runs
compared.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay.data import digits as data
from dlplay.i18n import _, tr
from dlplay.params import Table
from dlplay.params.digits import FINETUNE_EPOCHS, channel_choices
from dlplay.ui import digit_own_set as own_set, digit_views as dv, language, params, training


def sliders(table: Table) -> dict:
    """Heading, the sliders in three columns (the network, how it learns, the data) and what to train."""
    st.header(_("5 · Retrain it from sliders"))
    st.markdown(_("Change how the network is built (channels, blocks, kernel size) and how it learns (dropout, data "
                  "augmentation, optimizer, learning rate, epochs), then train it and compare it with the shipped "
                  "model."))
    s1, s2, s3 = st.columns(3)
    channels = channel_choices(st.session_state["dg_blocks"])  # the widest block obeys the server's width limit
    if st.session_state["dg_channels"] not in channels:
        st.session_state["dg_channels"] = max(channels)  # the widest that still fits
    params.widget(table, "channels", s1, options=channels)
    params.widget(table, "blocks", s1)
    params.widget(table, "kernel", s1)
    for key in ("dropout", "augment", "optimizer", "lr"):
        params.widget(table, key, s2)
    why_not_mnist = data.full_mnist_unavailable()
    chosen = params.widget(table, "data", s3, options=["offline"] if why_not_mnist else None)
    if why_not_mnist:
        s3.caption(tr(why_not_mnist))
    held = data.TRAIN_DIGITS[chosen]
    params.widget(table, "train_size", s3, high=held,
                  help=_("{help} This set has {count:,} training digits.").format(help=_(table["train_size"].help),
                                                                                 count=held))
    params.widget(table, "epochs", s3)
    own = own_set.drawings()
    modes = {"new": _("a new network with these settings"),
             "finetune": _("fine-tune the shipped model on my drawings")}
    language.keep_choice("dg_mode")
    mode = st.radio(_("What to train"), list(modes), format_func=modes.get, horizontal=True, key="dg_mode",
                    disabled=not own)
    config = params.values(table)
    if own:
        config |= {"extra_images": np.stack([i for i, __ in own]), "extra_labels": [lbl for __, lbl in own]}
        if mode == "finetune":
            config = ({k: v for k, v in config.items() if k not in ("lr", "epochs")}
                      | {"finetune": True, "epochs": FINETUNE_EPOCHS})
    return config


def results(learner) -> None:
    """The run read with (else the newest): its accuracy, confusion matrix and surest mistakes; then the
    runs compared. Nothing before the learner's first run."""
    runs = training.shelf().for_topic("digits")
    if not runs:
        return
    shown = learner if learner is not None else runs[-1]
    st.subheader(_("{name}: {val:.1%} validation accuracy, {test:.1%} on held-out test digits").format(
        name=shown.name, val=shown.metrics.get("val_acc", 0), test=shown.metrics.get("test_acc", 0)))
    cm_col, bad_col = st.columns([1, 1])
    cm_col.plotly_chart(dv.confusion_figure(shown.extras["confusion"],
                                            _("Confusion matrix of {name} (validation digits)").format(
                                                name=shown.name)), width="stretch")
    with bad_col:
        st.markdown(_("**Most confused validation digits of {name}** (wrong and sure of it)").format(name=shown.name))
        imgs = shown.extras["confused_images"]
        if len(imgs):
            st.image([dv.grey(i, 3) for i in imgs], width=84, caption=[
                _("{true} read as {pred} ({prob:.0%})").format(true=t, pred=p, prob=q)
                for t, p, q in zip(shown.extras["confused_true"], shown.extras["confused_pred"],
                                   shown.extras["confused_prob"])])
        else:
            st.success(_("{name} misread no validation digit.").format(name=shown.name))
    training.runs("digits")
