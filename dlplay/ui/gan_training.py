"""The GAN page's training section: the settings, why the defaults are what they are, and the live view of a run
(its generator on fixed noise after each epoch, the digit classifier's verdict, advice when training goes wrong)."""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay import gan, gan_quality, runtime
from dlplay.i18n import _
from dlplay.params import gan as gan_params  # TABLE looked up at each run: a swapped table is the one used
from dlplay.ui import params
from dlplay.ui.gan_explore import picture


def settings() -> dict:
    """The training widgets in three columns, and a caption on the learning rates; returns the chosen config."""
    t1, t2, t3 = st.columns(3)
    for column, keys in ((t1, ("arch", "conditional", "objective")), (t2, ("lr_g", "lr_d", "beta1", "batch_size")),
                         (t3, ("z_dim", "d_steps", "label_smoothing", "epochs"))):
        for key in keys:
            params.widget(gan_params.TABLE, key, column)
    st.caption(_rates_caption())
    return params.values(gan_params.TABLE)


def _rates_caption() -> str:
    lr_g, lr_d = gan_params.TABLE["lr_g"].default, gan_params.TABLE["lr_d"].default
    try:
        shipped = gan.load().config
    except runtime.ModelFileError:  # a learner's run is on show while the shipped files are being rebuilt
        shipped = {}
    if {"epochs", "lr_g", "lr_d"} <= set(shipped):
        return _("The defaults let G learn {ratio:.0f}× faster than D (learning rates {lr_g:g} and {lr_d:g}): with "
                 "equal rates D wins the first epochs and a short run draws grey blobs. The shipped model trained "
                 "{epochs} epochs with rates {shipped_g:g} and {shipped_d:g}.").format(
            ratio=lr_g / lr_d, lr_g=lr_g, lr_d=lr_d, epochs=shipped["epochs"], shipped_g=shipped["lr_g"],
            shipped_d=shipped["lr_d"])
    return _("The defaults let G learn {ratio:.0f}× faster than D (learning rates {lr_g:g} and {lr_d:g}): with "
             "equal rates D wins the first epochs and a short run draws grey blobs.").format(
        ratio=lr_g / lr_d, lr_g=lr_g, lr_d=lr_d)


def live_view(config: dict):
    """The training panel's view of a run started with `config` (a finished run reports its own)."""

    def view(progress, job):
        history = job.result.outcome.history if job.result is not None else (progress.history if progress else [])
        last = next((r for r in reversed(history) if "_samples" in r), None)
        if last is None:
            st.caption(_("The fixed-noise grid appears after the first epoch (one column per digit)."))
            return
        run = job.result.config if job.result is not None else config
        st.image(picture(np.asarray(last["_samples"]) / 255.0, 10), width="stretch",
                 caption=(_("this run's generator on the same noise after epoch {epoch} (one column per digit)")
                          if run["conditional"] else _("this run's generator on the same noise after epoch {epoch}")
                          ).format(epoch=last["epoch"]))
        if gan_quality.COVERAGE in last:
            st.caption(_("Judged by the digit classifier on 500 samples after epoch {epoch}: confidence "
                         "{confidence:.2f} (real digits: about 0.99), digit coverage {coverage:.2f} (1 = all ten "
                         "digits equally often).").format(epoch=last["epoch"], confidence=last[gan_quality.CONFIDENCE],
                                                          coverage=last[gan_quality.COVERAGE]))
        for warning in gan_quality.trouble(history, run):
            st.warning(warning, icon="🩺")

    return view
