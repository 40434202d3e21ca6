"""The digits page's lesson: its intro and sections 1-3 (what the network sees, inside the network,
convolution by hand).

Each section comes in two halves. The section function (`what_the_network_sees`, ...) writes the text
that does not change with the drawing (heading, explanation, formulas, the kernels of the model read
with) once per full run of the page and returns an empty slot; a stroke reruns only the page's
fragment (dlplay.ui.digit_reading), which fills the slots with `what_it_sees`, `inside` and `by_hand`.
Sending the formulas again with every stroke made a stroke cost 2.5 times (one learner) to 5.5 times
(ten at once) what it costs on a page that only echoes the canvas (bench/canvas_latency.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from dlplay import convolution, digits as dg
from dlplay.i18n import _
from dlplay.ui import digit_views as dv, language
from dlplay.ui.digit_views import PICTURE, pixels

LEARNED = "learned:"  # the hand convolution's learned kernels are options "learned:0", "learned:1", ...


@dataclass
class Slots:
    """Where a stroke writes, between the lesson's fixed text."""
    sees: object
    maps: object
    hand: object
    teach: object


def intro() -> None:
    st.markdown(_("Draw a digit with the mouse (or a finger). A **convolutional neural network** trained on MNIST "
                  "reads it. Below you see what it actually receives, what its layers pick out, and you can retrain "
                  "it."))


@st.cache_data(max_entries=32, show_spinner=False)
def _kernel_picture(model_key: str, _model: dg.DigitModel) -> np.ndarray:
    return dv.tile(_model.kernels()[0][:, 0], cols=16, k=8, gap=2, signed=True)


def what_the_network_sees():
    st.header(_("1 · What the network sees"))
    st.markdown(_("MNIST digits were **cropped to their ink**, scaled so the **longer side is 20 pixels** "
                  "(averaging the pixels each small pixel covers), and placed in a 28×28 frame with their "
                  "**centre of mass** in the middle. Feeding the raw canvas squashed to 28×28 is why many canvas "
                  "demos misread drawings; here every drawing goes through the same steps."))
    return st.empty()


def what_it_sees(prepared: dg.Steps, example: bool) -> None:
    """The drawing (or the example) through each step of the MNIST preparation."""
    cols = pixels(st, "sees").columns(4)
    whose = _("the example on a canvas and the ink's box") if example else _("your canvas and the ink's box")
    cols[0].image(dv.with_box(prepared.ink[::2, ::2], tuple(v // 2 for v in prepared.box)),
                  caption=whose, width=PICTURE)
    cropped = {"thinned": _("cropped (pen thinned to MNIST's width)"),
               "thickened": _("cropped (pen thickened to MNIST's width)")}.get(prepared.stroke_fix, _("cropped"))
    cols[1].image(dv.grey(dv.square(prepared.crop)), caption=cropped, width=PICTURE)
    h, w = prepared.resized.shape
    cols[2].image(dv.grey(dv.square(prepared.resized)), caption=_("longer side 20 px: {w}×{h}").format(w=w, h=h),
                  width=PICTURE)
    cols[3].image(dv.grey(prepared.image), caption=_("28×28 input, centre of mass at (14, 14)"), width=PICTURE)


def inside_the_network(model: dg.DigitModel, name: str):
    st.header(_("2 · Inside the network"))
    st.markdown(_("Each **convolution layer** slides small kernels over its input; every kernel makes one "
                  "**feature map** that lights up where its pattern appears. **Max pooling** then halves the "
                  "size, keeping the strongest response in each 2×2 window."))
    # Each formula narrow enough for a phone's screen (two side by side on a laptop, one under the other there).
    st.latex(r"y_{c}[i,j] = b_c + \sum_{c',u,v} w_{c,c'}[u,v]\,x_{c'}[i+u,j+v]")
    st.caption(_("The sum runs over the input's channels $c'$ and the kernel's rows and columns "
                 "$u, v = 0, \\dots, k-1$. Here $x$ is the input with $\\lfloor k/2 \\rfloor$ rows and columns of "
                 "zeros added on every side, so each feature map keeps the size of its input."))
    f1, f2 = st.columns(2)
    f1.latex(r"\mathrm{max}(y)[i,j] = \max_{0\le u,v<2} y[2i+u,\,2j+v]")
    f2.latex(r"\mathrm{avg}(y)[i,j] = \tfrac14 \sum_{0\le u,v<2} y[2i+u,\,2j+v]")
    g1, g2 = st.columns(2)
    g1.latex(r"\mathrm{ReLU}(y) = \max(0, y)")
    g2.latex(r"p = \mathrm{softmax}(z)_d = \frac{e^{z_d}}{\sum_{d'} e^{z_{d'}}}")
    maps = st.empty()
    k1 = model.kernels()[0][:, 0]
    st.subheader(_("The {count} learned kernels of layer 1 ({name}; {k}×{k}, red positive, blue negative)").format(
        count=len(k1), name=name, k=k1.shape[1]))
    pixels(st, "kernels").image(_kernel_picture(model.key, model), width="stretch")
    st.caption(_("Many look like edge or stroke detectors: they were not programmed, they were learned from the "
                 "digits."))
    return maps


def inside(maps: list[np.ndarray], name: str) -> None:
    """Every conv layer's feature maps for the drawing read."""
    box = pixels(st, "maps")
    for i, fmap in enumerate(maps):
        n, h, w = fmap.shape
        box.image(dv.tile(fmap[:64], cols=16), width="stretch",
                  caption=_("Conv layer {layer} ({name}): {count} feature maps of {h}×{w} (after ReLU)").format(
                      layer=i + 1, name=name, count=n, h=h, w=w))


def convolution_by_hand():
    st.header(_("3 · Convolution by hand"))
    st.markdown(_("One output cell of a convolution is the sum of the input window times the kernel, number by "
                  "number. Pick a kernel and a cell; the window slides with it."))
    return st.empty()


def _kernel_name(option: str) -> str:
    if option.startswith(LEARNED):
        return _("learned kernel {number} of layer 1").format(number=int(option[len(LEARNED):]) + 1)
    return _(option)


def by_hand(image: np.ndarray, k1: np.ndarray) -> None:
    """One convolution of the 28x28 input worked through: the window, the map, pooling, the numbers."""
    options = list(convolution.CLASSIC_KERNELS) + [f"{LEARNED}{i}" for i in range(len(k1))]
    if st.session_state.get("dg_hand_kernel") not in options:
        st.session_state.pop("dg_hand_kernel", None)  # a kernel of a model no longer read with
    c1, c2, c3 = st.columns(3)
    language.keep_choice("dg_hand_kernel")
    option = c1.selectbox(_("Kernel"), options, key="dg_hand_kernel", format_func=_kernel_name)
    row = c2.slider(_("Output row"), 0, 27, 14, key="dg_hand_row")
    col = c3.slider(_("Output column"), 0, 27, 14, key="dg_hand_col")
    kern = (k1[int(option[len(LEARNED):])] if option.startswith(LEARNED)
            else convolution.CLASSIC_KERNELS[option])
    k = kern.shape[0]
    patch, products, total = convolution.conv_cell(image, kern, row, col)
    out = convolution.conv2d(image, kern)
    relu = np.maximum(out, 0)
    top = max(float(relu.max()), 1e-6)
    h1, h2, h3, h4 = pixels(st, "hand").columns(4)
    h1.image(dv.marked(np.pad(image, k // 2), row, col, k), caption=_("input, zero-padded; the window in red"),
             width=PICTURE)
    h2.image(dv.marked(out, row, col, 1, signed=True), width=PICTURE,
             caption=_("output map (red +, blue −); cell ({row}, {col}) boxed").format(row=row, col=col))
    h3.image(dv.grey(convolution.pool2d(relu, 2, "max") / top), width=PICTURE,
             caption=_("ReLU, then 2×2 max pooling (14×14)"))
    h4.image(dv.grey(convolution.pool2d(relu, 2, "avg") / top), width=PICTURE,
             caption=_("ReLU, then 2×2 average pooling (14×14)"))
    st.html(dv.conv_numbers_html(patch, kern, products, total))
