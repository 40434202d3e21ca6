"""CNN digit classifier: draw a digit, see it prepared like MNIST, look inside the network, retrain it.

On a server a whole class shares, a stroke must be cheap. The full run lays the lesson out once
(headings, explanations, formulas, the kernels of the model read with); a stroke reruns only
`draw_and_read`, which writes the reading and the lesson's pictures into the slots kept for them.
Sending the formulas again with every stroke made a stroke cost 2.5 times (one learner) to 5.5
times (ten at once) what it costs on a page that only echoes the canvas (bench/canvas_latency.py).
"""
from dataclasses import dataclass

import numpy as np
import streamlit as st

from dlplay import convolution, digits as dg
from dlplay import runtime, settings, topics
from dlplay.data import digits as data
from dlplay.i18n import _, tr
from dlplay.params.digits import TABLE, channel_choices
from dlplay.ui import canvas, language, params, share, training
from dlplay.ui import digit_views as dv

params.bind(TABLE)

# Pictures of pixels arrive at their own size; the browser enlarges them without smoothing.
PIXELATED = "<style>[class*='st-key-dg_px'] img {image-rendering: pixelated;}</style>"
PICTURE = 240  # pixels: four side by side on a laptop, one under the other on a phone without filling it
TOPIC = topics.BY_SLUG["digits"]
LEARNED = "learned:"  # the hand convolution's learned kernels are options "learned:0", "learned:1", ...


@dataclass
class Slots:
    """Where `draw_and_read` writes, between the lesson's fixed text."""
    sees: object
    maps: object
    hand: object
    teach: object


@st.cache_resource(show_spinner=False)
def example_steps():
    image, label = dg.example()
    return dg.steps(image), label


@st.cache_data(max_entries=32, show_spinner=False)
def kernel_picture(model_key: str, _model: dg.DigitModel) -> np.ndarray:
    return dv.tile(_model.kernels()[0][:, 0], cols=16, k=8, gap=2, signed=True)


def pixels(where, key: str):
    """A container whose pictures the browser enlarges pixel by pixel."""
    return where.container(key=f"dg_px_{key}")


def what_it_sees(prepared, example: bool) -> None:
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


def inside(maps: list[np.ndarray], name: str) -> None:
    box = pixels(st, "maps")
    for i, fmap in enumerate(maps):
        n, h, w = fmap.shape
        box.image(dv.tile(fmap[:64], cols=16), width="stretch",
                  caption=_("Conv layer {layer} ({name}): {count} feature maps of {h}×{w} (after ReLU)").format(
                      layer=i + 1, name=name, count=n, h=h, w=w))


def kernel_name(option: str) -> str:
    if option.startswith(LEARNED):
        return _("learned kernel {number} of layer 1").format(number=int(option[len(LEARNED):]) + 1)
    return _(option)


def by_hand(image: np.ndarray, k1: np.ndarray) -> None:
    options = list(convolution.CLASSIC_KERNELS) + [f"{LEARNED}{i}" for i in range(len(k1))]
    if st.session_state.get("dg_hand_kernel") not in options:
        st.session_state.pop("dg_hand_kernel", None)  # a kernel of a model no longer read with
    c1, c2, c3 = st.columns(3)
    language.keep_choice("dg_hand_kernel")
    option = c1.selectbox(_("Kernel"), options, key="dg_hand_kernel", format_func=kernel_name)
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


def teach(image: np.ndarray | None, own: list) -> None:
    t1, t2 = st.columns([1, 2])
    label = t1.selectbox(_("That was wrong, it is a …"), list(range(10)), key="dg_label")
    if t1.button(_("Add this drawing to my set"), icon="➕", disabled=image is None,
                 help=None if image is not None else _("Draw a digit first: the example is not yours to add.")):
        if len(own) < settings.MAX_OWN_DRAWINGS:
            own.append((image.copy(), int(label)))
            st.session_state["_dg_toast"] = _("Added as a {digit}. You have {count} drawing(s).").format(
                digit=label, count=len(own))
            st.rerun(scope="app")  # the retrain section below (outside this fragment) uses the set
        else:
            st.warning(_("Your set is full ({limit} drawings).").format(limit=settings.MAX_OWN_DRAWINGS))
    if own:
        pixels(t2, "own").image([dv.grey(img) for img, __ in own[-12:]],
                                caption=[str(lbl) for __, lbl in own[-12:]], width=56)
        if t2.button(_("Forget my drawings"), key="dg_forget"):
            st.session_state["digits_own"] = []
            st.rerun(scope="app")
    t2.caption(_("{count} drawing(s) in your set. Fine-tuning starts from the shipped model and trains a few "
                 "epochs on your drawings mixed with 1,000 MNIST digits; the shipped model itself is never "
                 "changed.").format(count=len(own)))


def softmax(p: float) -> str:
    return f"softmax {p:.0%}"  # the same words in both languages (Chinese courses keep "softmax")


def reading(shipped: dg.DigitModel | None, prepared, read: dg.Reading, name: str, under_canvas, beside) -> None:
    """The learner's drawing read: `Prediction` right under the canvas, the bars beside it."""
    plain = {"delta_color": "off", "delta_arrow": "off", "border": True}
    m1, m2 = under_canvas.columns(2)
    if read.doubt:
        m1.metric(_("Prediction"), "?", _("no digit shape"), **plain)
        beside.warning(tr(read.doubt), icon="🤔")
    else:
        m1.metric(_("Prediction"), str(read.digit), softmax(read.probs[read.digit]), **plain)
    if shipped is not None:
        ship = shipped.predict(prepared.image)[0]
        m2.metric(_("Shipped model says"), str(int(ship.argmax())), softmax(ship.max()), **plain)
    beside.image(dv.prob_bars(read.probs), width="stretch",
                 caption=_("Read with: {name}. Softmax of the 10 outputs. The bars are a softmax: they always add up "
                           "to 100 %, so a tall bar says which digit the network prefers, not that it is right.")
                 .format(name=name))
    if shipped is not None:
        beside.image(dv.prob_bars(ship), width="stretch", caption=_("The shipped model, for comparison"))


def example_reading(prepared, read: dg.Reading, label: int, name: str, beside) -> None:
    """Before the first stroke: what the network makes of the example (never labelled `Prediction`)."""
    beside.info(_("Draw a digit on the black canvas: the prediction appears when you lift the pen. Until then the "
                  "lesson below reads an **example digit from the test set** (a {digit}).").format(digit=label),
                icon="✏️")
    e1, e2 = beside.columns([1, 2])
    pixels(e1, "example").image(dv.grey(prepared.image), caption=_("example (test set)"), width=84)
    e2.metric(_("Example digit read as"), str(read.digit),
              _("softmax {p:.0%} · true label {digit}").format(p=read.probs[read.digit], digit=label),
              delta_color="off", delta_arrow="off", border=True)
    e2.caption(_("Read with: {name}.").format(name=name))


@st.fragment
def draw_and_read(model: dg.DigitModel, shipped: dg.DigitModel | None, name: str, slots: Slots) -> None:
    """Canvas, reading and the lesson's pictures: what a stroke (or a lesson widget) reruns."""
    if "_dg_toast" in st.session_state:
        st.toast(st.session_state.pop("_dg_toast"))
    draw_col, read_col = st.columns([1, 1.3])
    with draw_col:
        rgba = canvas.draw_digit("digits_canvas")
    prepared = dg.steps(rgba) if rgba is not None else None
    st.session_state["_dg_image"] = prepared.image if prepared is not None else None
    example = prepared is None
    if not example:
        read = model.read(prepared)
        reading(shipped, prepared, read, name, draw_col, read_col)
    else:
        prepared, label = example_steps()
        read = model.read(prepared, doubt=False)  # a clear test digit; no need to wait for the doubt's limits
        example_reading(prepared, read, label, name, read_col)
    with slots.sees.container():
        what_it_sees(prepared, example)
    with slots.maps.container():
        inside(read.maps, name)
    with slots.hand.container():
        by_hand(prepared.image, model.kernels()[0][:, 0])
    with slots.teach.container():
        teach(st.session_state["_dg_image"], st.session_state.setdefault("digits_own", []))


st.title(f"{TOPIC.icon} {_(TOPIC.title)}")
st.markdown(_("Draw a digit with the mouse (or a finger). A **convolutional neural network** trained on MNIST "
              "reads it. Below you see what it actually receives, what its layers pick out, and you can retrain it."))
st.html(PIXELATED)
# "Read with" sits above the canvas in a box that is always there: an element appearing above the
# canvas later (after the first run) would remount it and wipe the learner's drawing.
choice_box = st.container()
st.write("")  # room for the canvas toolbar, which floats above the canvas
top = st.container()
with choice_box:
    learner = training.model_choice("digits", label=_("Read with"))
name = _("shipped model") if learner is None else learner.name  # said under every reading and picture
try:
    model = dg.load(learner)
    shipped = dg.load() if learner is not None else None
    kernels = model.kernels()
except runtime.ModelFileError as e:
    st.warning(tr(e.args[0]), icon="📦")
    st.stop()

st.header(_("1 · What the network sees"))
st.markdown(_("MNIST digits were **cropped to their ink**, scaled so the **longer side is 20 pixels** "
              "(averaging the pixels each small pixel covers), and placed in a 28×28 frame with their "
              "**centre of mass** in the middle. Feeding the raw canvas squashed to 28×28 is why many canvas "
              "demos misread drawings; here every drawing goes through the same steps."))
sees = st.empty()

st.header(_("2 · Inside the network"))
st.markdown(_("Each **convolution layer** slides small kernels over its input; every kernel makes one "
              "**feature map** that lights up where its pattern appears. **Max pooling** then halves the "
              "size, keeping the strongest response in each 2×2 window."))
# Each formula narrow enough for a phone's screen (two side by side on a laptop, one under the other there).
st.latex(r"y_{c}[i,j] = b_c + \sum_{c',u,v} w_{c,c'}[u,v]\,x_{c'}[i+u,j+v]")
st.caption(_("The sum runs over the input's channels $c'$ and the kernel's rows and columns $u, v = 0, \\dots, k-1$. "
             "Here $x$ is the input with $\\lfloor k/2 \\rfloor$ rows and columns of zeros added on every side, so "
             "each feature map keeps the size of its input."))
f1, f2 = st.columns(2)
f1.latex(r"\mathrm{max}(y)[i,j] = \max_{0\le u,v<2} y[2i+u,\,2j+v]")
f2.latex(r"\mathrm{avg}(y)[i,j] = \tfrac14 \sum_{0\le u,v<2} y[2i+u,\,2j+v]")
g1, g2 = st.columns(2)
g1.latex(r"\mathrm{ReLU}(y) = \max(0, y)")
g2.latex(r"p = \mathrm{softmax}(z)_d = \frac{e^{z_d}}{\sum_{d'} e^{z_{d'}}}")
maps = st.empty()
k1 = kernels[0][:, 0]
st.subheader(_("The {count} learned kernels of layer 1 ({name}; {k}×{k}, red positive, blue negative)").format(
    count=len(k1), name=name, k=k1.shape[1]))
pixels(st, "kernels").image(kernel_picture(model.key, model), width="stretch")
st.caption(_("Many look like edge or stroke detectors: they were not programmed, they were learned from the "
             "digits."))

st.header(_("3 · Convolution by hand"))
st.markdown(_("One output cell of a convolution is the sum of the input window times the kernel, number by "
              "number. Pick a kernel and a cell; the window slides with it."))
hand = st.empty()

st.header(_("4 · Was it wrong? Teach it"))
teach_slot = st.empty()

with top:
    draw_and_read(model, shipped, name, Slots(sees, maps, hand, teach_slot))
own = st.session_state.setdefault("digits_own", [])

# --- Retrain -------------------------------------------------------------------------------------
st.header(_("5 · Retrain it from sliders"))
st.markdown(_("Change how the network is built (channels, blocks, kernel size) and how it learns (dropout, data "
              "augmentation, optimizer, learning rate, epochs), then train it and compare it with the shipped "
              "model."))
s1, s2, s3 = st.columns(3)
channels = channel_choices(st.session_state["dg_blocks"])  # the widest block obeys the server's width limit
if st.session_state["dg_channels"] not in channels:
    st.session_state["dg_channels"] = max(channels)  # the widest that still fits
params.widget(TABLE, "channels", s1, options=channels)
params.widget(TABLE, "blocks", s1)
params.widget(TABLE, "kernel", s1)
for key in ("dropout", "augment", "optimizer", "lr"):
    params.widget(TABLE, key, s2)
why_not_mnist = data.full_mnist_unavailable()
chosen = params.widget(TABLE, "data", s3, options=["offline"] if why_not_mnist else None)
if why_not_mnist:
    s3.caption(tr(why_not_mnist))
held = data.TRAIN_DIGITS[chosen]
params.widget(TABLE, "train_size", s3, high=held,
              help=_("{help} This set has {count:,} training digits.").format(help=_(TABLE["train_size"].help),
                                                                             count=held))
params.widget(TABLE, "epochs", s3)
MODES = {"new": _("a new network with these settings"), "finetune": _("fine-tune the shipped model on my drawings")}
language.keep_choice("dg_mode")
mode = st.radio(_("What to train"), list(MODES), format_func=MODES.get, horizontal=True, key="dg_mode",
                disabled=not own)
config = params.values(TABLE)
if own:
    config |= {"extra_images": np.stack([i for i, __ in own]), "extra_labels": [lbl for __, lbl in own]}
    if mode == "finetune":
        config = {k: v for k, v in config.items() if k not in ("lr", "epochs")} | {"finetune": True, "epochs": 3}
training.panel("digits", "cnn", config)
runs = training.shelf().for_topic("digits")
if runs:
    shown = learner if learner is not None else runs[-1]  # the model read with, else the newest run
    st.subheader(_("{name}: {val:.1%} validation accuracy, {test:.1%} on held-out test digits").format(
        name=shown.name, val=shown.metrics.get("val_acc", 0), test=shown.metrics.get("test_acc", 0)))
    cm_col, bad_col = st.columns([1, 1])
    cm_col.plotly_chart(dv.confusion_figure(shown.extras["confusion"],
                                            _("Confusion matrix of {name} (validation digits)").format(
                                                name=shown.name)), width="stretch")
    with bad_col:
        st.markdown(_("**Most confused validation digits of {name}** (wrong and sure of it)").format(name=shown.name))
        imgs = shown.extras["confused_images"]
        if len(imgs):
            st.image([dv.grey(i, 3) for i in imgs], width=84, caption=[
                _("{true} read as {pred} ({prob:.0%})").format(true=t, pred=p, prob=q)
                for t, p, q in zip(shown.extras["confused_true"], shown.extras["confused_pred"],
                                   shown.extras["confused_prob"])])
        else:
            st.success(_("{name} misread no validation digit.").format(name=shown.name))
    training.runs("digits")
share.sync()
