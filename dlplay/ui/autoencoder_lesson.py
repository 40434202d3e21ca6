"""The autoencoder page's fixed prose: what an autoencoder is, and the maths of the plain and the variational one."""
from __future__ import annotations

import streamlit as st

from dlplay.i18n import _


def intro() -> None:
    st.markdown(_(
        "An **autoencoder** is two networks: an **encoder** squeezes each 28×28 digit (784 numbers) into a short "
        "**latent code** $z$, and a **decoder** rebuilds the picture from $z$ alone. To do that well it has to "
        "arrange similar digits near each other: the codes form a *map* of the **latent space**. Click anywhere on "
        "it and the decoder draws what lives there."))


def maths() -> None:
    st.markdown(_("A plain autoencoder minimises the **reconstruction loss** (binary cross-entropy per pixel):"))
    # Each formula is broken into lines short enough for a phone's width.
    st.latex(r"\begin{aligned}\mathcal{L}_{AE} &= -\sum_{i=1}^{784} \big[x_i \log \hat x_i"
             r"\\ &\qquad + (1-x_i)\log(1-\hat x_i)\big], \\ \hat x &= g_\theta(f_\phi(x))\end{aligned}")
    st.markdown(_("A **variational** autoencoder encodes a distribution $q_\\phi(z|x)=\\mathcal N(\\mu, \\sigma^2)$ "
                  "and maximises the **ELBO**; the KL term (weighted by β) pulls every code towards "
                  "$\\mathcal N(0, I)$, which fills the map without holes:"))
    st.latex(r"\begin{aligned}\log p(x) &\ge \mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)]"
             r"\\ &\qquad - \beta\,\mathrm{KL}\big(q_\phi(z|x)\,\|\,\mathcal N(0,I)\big), \\"
             r"\mathrm{KL} &= -\tfrac12\sum_j \big(1 + \log\sigma_j^2 - \mu_j^2 - \sigma_j^2\big)\end{aligned}")
    st.markdown(_("The **reparameterisation trick** moves the randomness into an input, so gradients reach μ and σ:"))
    st.latex(r"z = \mu_\phi(x) + \sigma_\phi(x)\odot\varepsilon,\qquad \varepsilon\sim\mathcal N(0, I)")
