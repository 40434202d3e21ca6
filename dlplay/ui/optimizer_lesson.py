"""The optimizer page's words around the pictures: the intro, and the note on the two ways to write momentum
with the learning rates that make them step alike."""
from __future__ import annotations

import streamlit as st

from dlplay.i18n import _


def intro() -> None:
    st.markdown(_(
        "Training is walking downhill on the loss surface with only the local slope $g = \\nabla f(\\theta)$ to go "
        "by. **SGD** steps straight down the slope; **momentum** remembers past steps; **Adagrad, RMSprop and "
        "Adam** rescale every coordinate by its own history of gradient sizes. Pick a surface, race them, and "
        "read each step's numbers below."))


def momentum_forms(beta: float, lr: float) -> None:
    """PyTorch's momentum and the textbook's EMA form, and the learning rate at which they take the same steps."""
    with st.expander(_("Two ways to write momentum, and how their learning rates relate")):
        st.latex(r"\text{PyTorch: } v_k = \beta v_{k-1} + g_k,\quad \theta_k = \theta_{k-1} - \eta\, v_k")
        st.latex(r"\text{" + _("textbook (EMA)") + r": } u_k = \beta u_{k-1} + (1-\beta)\, g_k,\quad "
                 r"\theta_k = \theta_{k-1} - \eta'\, u_k")
        st.markdown(_("Since $u_k = (1-\\beta)\\,v_k$, the two take **identical** steps when "
                      "$\\eta = (1-\\beta)\\,\\eta'$: with β = {beta:g}, EMA momentum at lr {lr:g} moves like "
                      "PyTorch momentum at lr {scaled:.3g}. PyTorch's form takes steps about $1/(1-\\beta)$ times "
                      "larger than the gradient, which is why momentum often needs a smaller learning rate than "
                      "plain SGD.").format(beta=beta, lr=lr, scaled=lr * (1 - beta)))
