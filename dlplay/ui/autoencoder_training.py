"""The autoencoder page's training section: the settings, and the live map of a run as its clusters form."""
from __future__ import annotations

import streamlit as st

from dlplay.data import digits
from dlplay.params import autoencoder as ae_params  # TABLE looked up at each run: a swapped table is the one used
from dlplay.ui import latent_map as lm
from dlplay.ui import params


def settings() -> dict:
    """The training widgets in three columns; returns the chosen config."""
    table = ae_params.TABLE
    r1, r2, r3 = st.columns(3)
    kind = params.widget(table, "kind", r1)
    params.widget(table, "latent", r1)
    params.widget(table, "beta", r2, disabled=kind != "vae")
    params.widget(table, "width", r2)
    params.widget(table, "noise", r2)
    params.widget(table, "samples", r3, high=len(digits.load().train.images))
    params.widget(table, "epochs", r3)
    params.widget(table, "lr", r3)
    return params.values(table)


def live_view(progress, job) -> None:
    """The training panel's view of a run: its validation digits on its latent map after the latest epoch."""
    history = job.result.outcome.history if job.result is not None else (progress.history if progress else [])
    last = next((r for r in reversed(history) if "_map" in r), None)
    if last is not None:
        epochs = progress.epochs if progress is not None else last["epoch"]
        st.markdown(f"**{lm.live_title(last['_map_labels'], last['epoch'], epochs)}**")
        st.plotly_chart(lm.live_figure(last["_map"], last["_map_labels"]), width="stretch", key="ae_live_map")
