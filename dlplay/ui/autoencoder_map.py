"""The autoencoder page's first section, the latent map: a point picked on it (a click, a dragged box or the
sliders) decoded beside it, and the map itself, drawn last so it shows the morph's path and the learner's
drawing from the sections below."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dlplay.i18n import _
from dlplay.ui import latent_map as lm
from dlplay.ui import presenter
from dlplay.ui.autoencoder_models import Explored


HEIGHT = 520
# On a 1280x720 projector the map, its title and its legend fit the first screen below the page's title, and
# stay mostly on it with the model picker above them once the class has trained a run.
PRESENTER_HEIGHT = 460


@dataclass
class Spot:
    """The point decoded, and the place on the page where the map is drawn once the sections below are done."""
    x: float
    y: float
    outside: bool  # beyond every encoded training digit
    box: tuple | None  # a region dragged on the map, which the manifold grid then covers
    map_box: DeltaGenerator


def pick(shown: Explored) -> Spot:
    """The map's column (filled later by `draw`) beside the sliders and the picture decoded at their point."""
    ex, mp = shown.explorer, shown.model.map
    map_col, side_col = st.columns([3, 2])
    (bx0, bx1), (by0, by1) = ex.bounds()
    sx, sy = 0.75 * (bx1 - bx0), 0.75 * (by1 - by0)  # sliders reach past the data on purpose
    xr, yr = (round(bx0 - sx, 2), round(bx1 + sx, 2)), (round(by0 - sy, 2), round(by1 + sy, 2))

    picked = lm.read_selection(st.session_state.get("ae_map", {}).get("selection"))
    sig = repr(picked)
    if picked is not None and st.session_state.get("_ae_sig") != sig:  # a new click or box on the map
        st.session_state["ae_x"], st.session_state["ae_y"] = picked["x"], picked["y"]
        st.session_state["_ae_pick"] = picked
    st.session_state["_ae_sig"] = sig
    for key, (lo, hi) in (("ae_x", xr), ("ae_y", yr)):
        st.session_state[key] = float(np.clip(st.session_state.get(key, 0.0), lo, hi))

    with side_col:
        x = st.slider(_("z₁ (map x)"), xr[0], xr[1], key="ae_x", step=0.01)
        y = st.slider(_("z₂ (map y)"), yr[0], yr[1], key="ae_y", step=0.01)
        chosen = st.session_state.get("_ae_pick") or {}
        digit = chosen.get("digit") if (chosen.get("x"), chosen.get("y")) == (x, y) else None
        z = ex.z[digit] if digit is not None and digit < len(ex.z) else ex.from_map([x, y])[0]
        outside = bool(ex.outside(z)[0])
        where = (_("decoded at ({x:.2f}, {y:.2f})").format(x=x, y=y) if digit is None else
                 _("decoded at ({x:.2f}, {y:.2f}) · held-out digit {digit}").format(x=x, y=y,
                                                                                    digit=ex.labels[digit]))
        st.image(mp.decode(z)[0], width=220, clamp=True, caption=where)
        if outside:
            st.warning(_("This point is **outside the training region**: no training digit was encoded this far "
                         "out. The decoder still draws something, but it was never taught what belongs here."),
                       icon="🧭")
        st.caption(_("Click a digit or empty space, drag a box to zoom the grid below, or move the sliders."))
    return Spot(x, y, outside, chosen.get("box"), map_col.container())


def draw(spot: Spot, shown: Explored, *, drawing=None, path=None) -> None:
    """The clickable map of the held-out digits, with the decoded point, the learner's drawing (map
    coordinates) and the morph's path (codes)."""
    ex = shown.explorer
    with spot.map_box:
        st.markdown(_("**Latent map of {model}**: the {count} held-out digits").format(model=shown.on_map,
                                                                                      count=len(ex.labels)))
        fig = lm.map_figure(ex.coords(), ex.labels, ex.bounds(pad=0.3), (spot.x, spot.y), outside=spot.outside,
                            drawing=drawing, path=None if path is None else ex.to_map(path),
                            height=PRESENTER_HEIGHT if presenter.is_on() else HEIGHT)
        st.plotly_chart(fig, key="ae_map", on_select="rerun", selection_mode=("points", "box"), width="stretch")
