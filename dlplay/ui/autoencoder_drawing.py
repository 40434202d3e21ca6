"""The autoencoder page's drawing section: the learner's digit encoded (it lands on the map) and decoded."""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay import digits as dg
from dlplay.i18n import _
from dlplay.ui import canvas
from dlplay.ui.autoencoder_models import Explored


def encode_drawing(shown: Explored) -> np.ndarray | None:
    """The canvas beside what the encoder sees and what the decoder makes of it; returns where the drawing
    lands on the map, or None before the first stroke."""
    ex, mp = shown.explorer, shown.model.map
    d1, d2 = st.columns([1, 2])
    with d1:
        rgba = canvas.draw_digit("ae_canvas", size=200)
    with d2:
        img = dg.canvas_to_mnist(rgba) if rgba is not None else None
        if img is None:
            st.info(_("Draw a digit on the black square: it will appear as a ◆ on the map."), icon="✏️")
            return None
        zd = mp.encode(img)
        xy = ex.to_map(zd)[0]
        st.image([img, mp.decode(zd)[0]], width=140, clamp=True,
                 caption=[_("what the encoder sees"), _("decoded by {model}").format(model=shown.on_map)])
        lands = (_("Your drawing lands at ({x:.2f}, {y:.2f}) — outside the training region.") if ex.outside(zd)[0]
                 else _("Your drawing lands at ({x:.2f}, {y:.2f})."))
        st.write(lands.format(x=xy[0], y=xy[1]))
        return xy
