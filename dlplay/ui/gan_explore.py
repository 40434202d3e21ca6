"""The GAN page's generator sections: samples from a seed (the page's main picture), a walk between two
noise vectors, and directions in the noise that mean something."""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay import gan
from dlplay.i18n import N_, _
from dlplay.params.gan import DIGITS, EXPLORE
from dlplay.ui import params

# The directions gan.Generator.directions() finds, as the sliders name them.
DIRECTIONS = {"thickness": N_("thickness"), "width": N_("width"), "slant": N_("slant")}


def picture(images, cols: int) -> np.ndarray:
    return gan.grid(images, cols, scale=3)  # crisp pixels instead of the browser's blur


def _new_seed() -> None:
    old = st.session_state.get("gan_seed", 0)
    st.session_state["gan_seed"] = (old + int(np.random.default_rng().integers(1, 1_000_000))) % 1_000_000


def _number(where, key: str) -> int:
    p = EXPLORE[key]
    return where.number_input(_(p.label), p.low, p.limit, key=EXPLORE.url_key(key))


def samples(model: gan.Generator, by: str) -> tuple[int, np.ndarray]:
    """The seed and digit pickers beside 40 samples; returns the seed and the samples.

    The pickers stand in a column at the grid's side rather than above it, so on a 1280x720 projector the
    grid (wrapped as the page's main picture) is wholly on the first screen; on a phone they stack above it."""
    controls, shown = st.columns([1, 3])
    seed = _number(controls, "seed")
    controls.button(_("New seed"), icon="🎲", on_click=_new_seed, key="gan_new_seed")
    asked = model.can_be_asked
    pick = params.widget(EXPLORE, "digit", controls, options=DIGITS if asked else ["any"], disabled=not asked,
                         help=_("This generator is conditional: it also takes the digit you want.") if asked
                         else _("This generator is unconditional: the noise alone decides the digit."))
    digit = None if pick == "any" or not asked else int(pick)
    drawn = model.sample(40, seed, digit)
    caption = (_("40 samples by {model}, seed {seed}") if digit is None
               else _("40 samples by {model}, seed {seed}, all asked to be {digit}"))
    with shown, st.container(key="main_picture"):
        st.image(picture(drawn, 10), width="stretch", caption=caption.format(model=by, seed=seed, digit=digit))
    st.caption((_("Each picture is $G(z)$ for one vector $z$ of {n} numbers drawn from $\\mathcal N(0, 1)$: the "
                  "first number picks the digit, the rest are the *style*.") if asked
                else _("Each picture is $G(z)$ for one vector $z$ of {n} numbers drawn from "
                       "$\\mathcal N(0, 1)$.")).format(n=model.latent_size))
    return seed, drawn


def walk(model: gan.Generator, by: str) -> None:
    """A spherical path between the noise vectors of two seeds, in as many steps as the learner asks."""
    i1, i2, i3 = st.columns(3)
    seed_a, seed_b = _number(i1, "a"), _number(i2, "b")
    steps = params.widget(EXPLORE, "steps", i3)
    st.image(picture(model.walk(seed_a, seed_b, steps), steps), width="stretch",
             caption=(_("{model}: a spherical path between the two noise vectors, blending the two digit labels too")
                      if model.can_be_asked else _("{model}: a spherical path between the two noise vectors")
                      ).format(model=by))
    st.caption(_("Every point on the way is a plausible digit: the generator has learned a smooth **latent space**, "
                 "not a list of memorised pictures."))


def directions(model: gan.Generator, by: str, seed: int) -> None:
    """One slider per direction found in the noise, moving the first ten noise vectors of `seed` along it."""
    st.markdown(_("Some directions in $z$ mean something. We found them by generating 2,000 digits, measuring "
                  "each one and fitting a straight line from $z$ to the measurement."))
    found = model.directions()
    z = model.noise(10, seed)
    asked = model.can_be_asked
    labels = gan.onehot(np.arange(10)) if asked else None
    for col, (name, vec) in zip(st.columns(len(found)), found.items()):
        label = _(DIRECTIONS[name]) if name in DIRECTIONS else name
        z = gan.move(z, vec, col.slider(label, -3.0, 3.0, 0.0, 0.25, key=f"gan_dir_{name}"))
    st.image(picture(model.generate(z, labels), 10), width="stretch",
             caption=(_("{model}: the first 10 noise vectors of the seed above, asked for the digits 0 to 9, moved "
                        "along the chosen directions") if asked
                      else _("{model}: the first 10 noise vectors of the seed above, moved along the chosen "
                             "directions")).format(model=by))
