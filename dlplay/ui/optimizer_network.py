"""The optimizer page's last section: the optimizers raced on the surface train the same small network, each
with its own learning rate, and their loss and accuracy curves are drawn side by side."""
from __future__ import annotations

import streamlit as st

from dlplay import optimizers as opt
from dlplay.i18n import _
from dlplay.params import optimizers as tables
from dlplay.ui import optimizer_figs as figs
from dlplay.ui import params, training


def raced(history: list[dict]) -> list[str]:
    """The optimizers this run raced (the choice above may have changed since it started)."""
    return [n for n in opt.NAMES if any(f"loss_{n}" in r for r in history)]


def race_curves(history, trace):
    return figs.race(history, raced(history))


def dropouts(progress, job) -> None:
    """Name the optimizers whose loss became NaN or infinite during the run."""
    if progress is None:
        return
    now = {key[5:] for key in progress.values if key.startswith("loss_")}
    out = [_(opt.LABELS[n]) for n in raced(progress.history) if now and n not in now]
    if out:
        st.error(_("Dropped out (loss became NaN/inf): {optimizers}").format(optimizers=_(", ").join(out)),
                 icon="💥")


def section(names: list[str], hp: dict) -> None:
    """The race on a network: its data, epochs and one learning rate per optimizer, then the training panel."""
    st.header(_("Now on a real network"))
    st.markdown(_("The same optimizers, with the betas, ε and weight decay set above, train the same small network "
                  "(identical initial weights, identical mini-batches) on a 2-D toy set. Each has its own learning "
                  "rate here: the surface's rates suit the surface, not a network."))
    table = tables.TABLE  # looked up per run, as the pages' own imports are
    r1, r2 = st.columns(2)
    params.widget(table, "dataset", r1)
    params.widget(table, "epochs", r2)
    for row in range(0, len(names), 4):
        for n, column in zip(names[row:row + 4], st.columns(4)):
            params.widget(table, f"lr_{n}", column)
    training.panel("optimizers", "optrace", {**params.values(table), "optimizers": names, **hp},
                   live_view=dropouts, button_label=_("Race on a network"), curves=race_curves)
