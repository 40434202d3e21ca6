"""The GAN page's discriminator section: D's opinion of the learner's digit (drawn or uploaded), a real digit, a
generated one and noise, as a table of bars."""
from __future__ import annotations

import html

import numpy as np
import streamlit as st

from dlplay import digits as dg
from dlplay import gan, uploads
from dlplay.data import digits
from dlplay.i18n import _, tr
from dlplay.ui import canvas

BAR = "rgba(99, 110, 250, 0.45)"  # half-transparent: the digits stay readable on a light or a dark theme


class Judged:
    """One picture shown to D: its caption, its column in the score table (one short word: five columns share a
    phone's width), its pixels."""

    def __init__(self, caption: str, column: str, image):
        self.caption, self.column, self.image = caption, column, image


def section(model: gan.Generator, by: str, generated: np.ndarray) -> None:
    """The canvas (or an upload) beside D's scores for it and for three reference pictures."""
    o1, o2 = st.columns([1, 2])
    with o1:
        rgba = canvas.draw_digit("gan_canvas", size=200)
        upload = st.file_uploader(_("…or upload a picture of a digit"),
                                  type=["png", "jpg", "jpeg", "gif", "bmp", "webp"], key="gan_upload")
        if upload is not None:
            try:
                rgba = uploads.image_to_canvas_rgba(upload.getvalue())
            except uploads.UploadError as e:
                st.warning(tr(e.args[0]))
    with o2:
        mine = dg.canvas_to_mnist(rgba) if rgba is not None else None
        judged = [Judged(_("a real held-out digit"), _("real"), digits.load().test.images[0]),
                  Judged(_("a generated digit"), _("fake"), generated),
                  Judged(_("random noise"), _("noise"), np.random.default_rng(0).random((28, 28)).astype(np.float32))]
        if mine is not None:
            judged.insert(0, Judged(_("your digit"), _("yours"), mine))
        scores = [model.discriminate(j.image) for j in judged]
        if scores[0] is None:
            st.info(_("{model} has no discriminator to ask.").format(model=by))
            return
        if mine is None:
            st.info(_("Draw a digit (or upload one) to hear D's opinion of it."), icon="✏️")
        st.image([j.image for j in judged], width=80, caption=[j.caption for j in judged], clamp=True)
        st.markdown(_("**D(x): the chance that the picture is a real digit** (of the claimed kind), says the "
                      "discriminator of {model}").format(model=by))
        # st.html, not Markdown with unsafe_allow_html: Streamlit sanitises it, and every word in it is escaped.
        st.html(score_table([j.column for j in judged], scores))
        st.caption(_("A conditional D judges the picture *together with* a claimed digit, so each picture gets "
                     "one score per claim. Noise should score near 0 everywhere. D is only a sparring partner "
                     "for G, not a handwriting judge: it mostly learned *real-looking strokes*, and it keeps "
                     "changing its mind as G improves, so its scores for real digits are far from 1."))


def score_table(columns, scores) -> str:
    """D's scores as an HTML table of bars: text and bars stay sharp at any zoom (a picture would blur), and
    no dataframe is built (st.dataframe would load pandas and pyarrow, about 70 MB of server memory)."""
    claims = [str(k) for k in range(len(scores[0]))] if len(scores[0]) > 1 else ["—"]
    head = "".join(f"<th>{html.escape(name)}</th>" for name in [_("claimed digit"), *columns])
    rows = []
    for i, claim in enumerate(claims):
        cells = []
        for score in scores:
            pct = 100 * float(score[i])
            cells.append(f'<td style="background: linear-gradient(90deg, {BAR} {pct:.1f}%, transparent {pct:.1f}%)">'
                         f"{pct:.0f} %</td>")
        rows.append(f"<tr><td>{html.escape(claim)}</td>{''.join(cells)}</tr>")
    return (f'<table style="width: 100%; table-layout: fixed"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
