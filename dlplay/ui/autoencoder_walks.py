"""What the autoencoder's decoder draws along the map: the manifold grid over a region, and the morph from one
digit's typical code to another's, read back by the digits CNN."""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay.i18n import _
from dlplay.params.autoencoder import EXPLORE
from dlplay.ui import params
from dlplay.ui.autoencoder_models import Explored


def grid(shown: Explored, region) -> None:
    """The decoder's pictures on a grid over `region` (x range, y range; None: the whole map), beside its
    size slider and what the grid shows."""
    ex = shown.explorer
    region = region or ex.bounds(pad=0.0)
    g1, g2 = st.columns([3, 2])
    with g2:
        n = params.widget(EXPLORE, "grid")
        st.markdown(_("Each cell is the decoder's picture at one point of the map: the classic **manifold** picture. "
                      "Digits morph smoothly into their neighbours, because nearby codes must decode to similar "
                      "images. Drag a box on the map to zoom in here."))
    g1.image(ex.grid(region[0], region[1], n), width="stretch", clamp=True,
             caption=_("Decoded by {model} on a {n}×{n} grid over x∈[{x0:.1f}, {x1:.1f}], "
                       "y∈[{y0:.1f}, {y1:.1f}]").format(model=shown.on_map, n=n, x0=region[0][0], x1=region[0][1],
                                                        y0=region[1][0], y1=region[1][1]))


def morph(shown: Explored) -> np.ndarray:
    """The frames between two digits' typical codes, each with what the digits CNN reads in it; returns the
    path's codes, which the map draws dotted."""
    ex, mp = shown.explorer, shown.model.map
    c1, c2, c3, c4 = st.columns(4)
    a = params.widget(EXPLORE, "a", c1)
    b = params.widget(EXPLORE, "b", c2)
    steps = params.widget(EXPLORE, "steps", c3)
    method = params.widget(EXPLORE, "method", c4, options=["linear", "spherical"] if mp.kind == "vae" else ["linear"])
    path, frames = ex.morph(a, b, steps, method)
    probs = shown.reader.predict(frames)
    st.image(list(frames), width=70, clamp=True,
             caption=[_("read {digit} {confidence:.0%}").format(digit=p.argmax(), confidence=p.max()) for p in probs])
    st.caption(_("Decoded by {model}: the typical {a} → the typical {b}, {path} path (dotted on the map); under each "
                 "frame, what the digits CNN reads there. A digit's *typical* code is the training digit's code "
                 "deepest inside that digit's cluster.").format(model=shown.on_map, a=a, b=b,
                                                                path=_(EXPLORE["method"].names[method])))
    return path
