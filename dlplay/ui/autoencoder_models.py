"""What the autoencoder page explores: the chosen model, its map's explorer, the digits CNN that reads decoded
pictures, and how captions name them (every picture and number on the page says which model drew it)."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dlplay import autoencoder as ae
from dlplay import digits as dg
from dlplay import store
from dlplay.i18n import _


@dataclass
class Explored:
    learner: store.LearnerModel | None  # None: the shipped model
    model: ae.Model
    explorer: ae.Explorer
    reader: dg.DigitModel

    @property
    def who(self) -> str:
        return _("the shipped model") if self.learner is None else self.model.name

    @property
    def on_map(self) -> str:
        """The model that draws the map, the grid, the morph and the drawing's code."""
        return _("{model} ({kind})").format(model=self.who, kind=self.model.map.describe())

    @property
    def on_quality(self) -> str:
        """The model that rebuilds and denoises digits."""
        return _("{model} ({kind})").format(model=self.who, kind=self.model.quality.describe())


def load(learner: store.LearnerModel | None) -> Explored:
    """Raises runtime.ModelFileError when a file is missing (see dlplay.ui.model_loading)."""
    model = ae.load(learner)
    return Explored(learner, model, ae.explorer(model.map), dg.load())


def caption(shown: Explored) -> None:
    """Which model is explored; the shipped one is two (a 2-D map, a larger code for the rest)."""
    mp, qp = shown.model.map, shown.model.quality
    if shown.learner is None:
        st.caption(_("Exploring the **shipped model**: its map is a {map}; its reconstructions and denoising come "
                     "from a {quality} trained on noisy digits. Train your own in section 8.").format(
            map=mp.describe(), quality=qp.describe()))
    elif mp.latent == 2:
        st.caption(_("Exploring **{name}** ({kind}).").format(name=shown.model.name, kind=mp.describe()))
    else:
        st.caption(_("Exploring **{name}** ({kind}): the map shows its latent space through its two main "
                     "directions.").format(name=shown.model.name, kind=mp.describe()))
