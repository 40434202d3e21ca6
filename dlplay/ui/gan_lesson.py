"""The GAN page's fixed prose: what a GAN is, and the game in maths with what healthy training curves look like."""
from __future__ import annotations

import streamlit as st

from dlplay.i18n import _


def intro() -> None:
    st.markdown(_(
        "A **generative adversarial network** (GAN) is two networks. A **generator** $G$ turns random noise $z$ "
        "into a picture. A **discriminator** $D$ looks at a picture and says how likely it is to be a *real* "
        "handwritten digit. They train against each other: $D$ learns to spot fakes, $G$ learns to fool $D$. "
        "Nobody ever shows $G$ a digit, yet digits appear."))


def maths() -> None:
    st.markdown(_("The original GAN is a **minimax** game over one value function:"))
    # The second term starts a line of its own, indented, not under the first term: a 390 px phone fits both lines.
    st.latex(r"\begin{aligned}&\min_G \max_D\; V(D,G) = \mathbb E_{x\sim p_{data}}[\log D(x)] \\ "
             r"&\qquad + \mathbb E_{z\sim\mathcal N(0,I)}[\log(1 - D(G(z)))]\end{aligned}")
    st.markdown(_("$D$ maximises it (a binary classifier, real = 1, fake = 0). If $G$ *minimises* "
                  "$\\log(1-D(G(z)))$, its gradient vanishes exactly when $D$ easily rejects its fakes, at the start. "
                  "The **non-saturating** generator loss fixes that by maximising $\\log D(G(z))$ instead:"))
    st.latex(r"\mathcal L_D = -\log D(x) - \log(1 - D(G(z)))")
    st.latex(r"\begin{aligned}\mathcal L_G^{\text{minimax}} &= \log(1 - D(G(z))) \\ "
             r"\mathcal L_G^{\text{non-sat}} &= -\log D(G(z))\end{aligned}")
    st.markdown(_(
        "**Healthy curves** hover instead of falling: $\\mathcal L_D$ stays around 0.5–1.4 (1.39 = $2\\log 2$ is "
        "a D that cannot tell), $\\mathcal L_G$ around 0.7–3 (0.69 = $\\log 2$: D rates the fakes 50/50), "
        "$D(\\text{real})$ at or a bit above $D(\\text{fake})$, both drifting towards 0.5. "
        "**Trouble** looks like $\\mathcal L_D \\to 0$ with $D(\\text{fake}) \\to 0$ (D wins, G gets no signal), "
        "or the **digit coverage** dropping (**mode collapse**: G draws only a few digits)."))
