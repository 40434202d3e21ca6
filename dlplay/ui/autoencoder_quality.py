"""How well the autoencoder rebuilds digits: reconstructions beside PCA's with the same number of numbers, and
noisy digits in, clean digits out."""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay import autoencoder as ae
from dlplay.data import digits
from dlplay.i18n import _
from dlplay.params.autoencoder import EXPLORE
from dlplay.ui import params
from dlplay.ui.autoencoder_models import Explored

HELD_OUT = 500  # test digits the errors are averaged over


def reconstructions(shown: Explored) -> np.ndarray:
    """Mean errors of the autoencoder and of PCA, then one held-out digit of each class rebuilt by both;
    returns those ten originals (the denoising section adds noise to them)."""
    qp = shown.model.quality
    test = digits.load().test
    originals = test.images[:HELD_OUT]
    rec = qp.reconstruct(originals)
    pca_rec = ae.pca(qp.latent).reconstruct(originals)
    err_ae, err_pca = ae.mse(rec, originals), ae.mse(pca_rec, originals)
    st.caption(_("Reconstructions by {model} on 500 held-out digits; MSE is the mean squared error per pixel."
                 ).format(model=shown.on_quality))
    m1, m2, m3 = st.columns(3)
    m1.metric(_("Autoencoder MSE ({latent}-D)").format(latent=qp.latent), f"{err_ae.mean():.4f}")
    m2.metric(_("PCA MSE ({latent} components)").format(latent=qp.latent), f"{err_pca.mean():.4f}")
    m3.metric("AE / PCA", f"{err_ae.mean() / err_pca.mean():.2f}", help=_("Below 1: the network beats PCA."))
    show = [int(np.flatnonzero(test.labels[:HELD_OUT] == c)[0]) for c in range(10)]  # one of each digit
    st.image([originals[i] for i in show], width=70, clamp=True,
             caption=[_("digit {digit}").format(digit=test.labels[i]) for i in show])
    st.image([rec[i] for i in show], width=70, caption=[f"AE {err_ae[i]:.3f}" for i in show], clamp=True)
    st.image([pca_rec[i] for i in show], width=70, caption=[f"PCA {err_pca[i]:.3f}" for i in show], clamp=True)
    st.caption(_("Rows: held-out originals, autoencoder, PCA with the same number of numbers per digit, each with "
                 "its mean squared pixel error. PCA is the best *linear* code; the network wins by bending it."))
    return originals[show]


def denoising(shown: Explored, clean: np.ndarray) -> None:
    """`clean` digits with the learner's amount of noise, and what the autoencoder rebuilds from them."""
    noise = params.widget(EXPLORE, "denoise", st.columns([2, 3])[0])
    noisy = ae.add_noise(clean, noise, seed=0)
    denoised = shown.model.quality.reconstruct(noisy)
    st.image(list(noisy), width=70, caption=[_("noisy {error:.3f}").format(error=e) for e in ae.mse(noisy, clean)],
             clamp=True)
    st.image(list(denoised), width=70, clamp=True,
             caption=[_("decoded {error:.3f}").format(error=e) for e in ae.mse(denoised, clean)])
    trained_noise = (shown.learner.config if shown.learner is not None else {}).get("noise")
    if shown.learner is None:
        text = _("Decoded by {model}. The code is too small to store noise, so the decoder redraws the digit it "
                 "believes it saw (errors are against the clean originals). The shipped model was trained as a "
                 "*denoising* autoencoder: noisy inputs, clean targets. Train your own without noise and compare.")
    elif trained_noise:
        text = _("Decoded by {model}. The code is too small to store noise, so the decoder redraws the digit it "
                 "believes it saw (errors are against the clean originals). This run was trained with input noise "
                 "up to {noise}.")
    else:
        text = _("Decoded by {model}. The code is too small to store noise, so the decoder redraws the digit it "
                 "believes it saw (errors are against the clean originals). This run was trained without input "
                 "noise; the shipped model was trained with it.")
    st.caption(text.format(model=shown.on_quality, noise=trained_noise))
