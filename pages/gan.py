"""GAN: a generator and a discriminator fighting, and digits appearing from noise."""
import numpy as np
import streamlit as st

from dlplay import digits as dg
from dlplay import gan, runtime, uploads
from dlplay.data import digits
from dlplay.ui import canvas, share, training
from dlplay.ui import digit_views as dv

DIGITS = ["any"] + [str(d) for d in range(10)]
share.bind({"gan_seed": 0, "gan_digit": "any", "gan_a": 1, "gan_b": 2, "gan_steps": 9,
            "gan_arch": "dcgan", "gan_cond": True, "gan_objective": "non_saturating", "gan_lr_g": 0.0002,
            "gan_lr_d": 0.0002, "gan_beta1": 0.5, "gan_batch": 64, "gan_z": 32, "gan_dsteps": 1,
            "gan_smooth": 0.0, "gan_epochs": 5},
           choices={"gan_digit": DIGITS, "gan_arch": ["dcgan", "fc"], "gan_objective": ["non_saturating", "minimax"],
                    "gan_batch": [32, 64, 128], "gan_z": [8, 16, 32, 64], "gan_lr_g": gan.LEARNING_RATES,
                    "gan_lr_d": gan.LEARNING_RATES},
           ranges={"gan_seed": (0, 999_999), "gan_a": (0, 999_999), "gan_b": (0, 999_999), "gan_steps": (3, 15),
                   "gan_beta1": (0.0, 0.99), "gan_dsteps": (1, 5), "gan_smooth": (0.0, 0.3), "gan_epochs": (1, 30)})

st.title("🎲 GAN: dream up digits")
st.markdown(
    "A **generator** $G$ turns random noise $z$ into a picture. A **discriminator** $D$ looks at a picture "
    "and says how likely it is to be a *real* handwritten digit. They train against each other: $D$ learns "
    "to spot fakes, $G$ learns to fool $D$. Nobody ever shows $G$ a digit, yet digits appear.")

learner = training.model_choice("gan", label="Generator")
try:
    conditional = gan.is_conditional(learner)
    z_len = gan.latent_size(learner)
except runtime.ModelFileError as e:
    st.warning(str(e), icon="📦")
    st.stop()


def new_seed():
    old = st.session_state.get("gan_seed", 0)
    st.session_state["gan_seed"] = (old + int(np.random.default_rng().integers(1, 1_000_000))) % 1_000_000


def picture(images, cols):
    return gan.grid(images, cols, scale=3)  # crisp pixels instead of the browser's blur


@st.fragment
def play():
    """Sections 1 to 4 depend on the seed, the sliders and the drawing; a click or a stroke there
    reruns only them, not the maths and the training panel below (nor the sidebar)."""
    # --- 1. Sample ---------------------------------------------------------------------------------
    st.header("1 · Noise in, digits out")
    c1, c2, c3 = st.columns([2, 1, 2])
    seed = c1.number_input("Seed (the same seed always draws the same digits)", 0, 999_999, key="gan_seed")
    c2.button("🎲 New seed", on_click=new_seed, key="gan_new_seed")
    pick = c3.selectbox("Digit to draw", DIGITS if conditional else ["any"], key="gan_digit",
                        disabled=not conditional,
                        help="This generator is conditional: it also takes the digit you want." if conditional
                        else "This generator is unconditional: the noise alone decides the digit.")
    digit = None if pick == "any" or not conditional else int(pick)
    samples = gan.sample(40, seed, digit, learner)
    st.image(picture(samples, 10), caption=f"40 samples, seed {seed}" + (f", all asked to be {digit}" if digit is not
                                                                          None else ""), width="stretch")
    st.caption(f"Each picture is $G(z)$ for one vector $z$ of {z_len} numbers drawn from $\\mathcal N(0, 1)$"
               + (": the first number picks the digit, the rest are the *style*." if conditional else "."))

    # --- 2. Interpolation ----------------------------------------------------------------------------
    st.header("2 · Walk from one sample to another")
    i1, i2, i3 = st.columns(3)
    seed_a = i1.number_input("From seed", 0, 999_999, key="gan_a")
    seed_b = i2.number_input("To seed", 0, 999_999, key="gan_b")
    steps = i3.slider("Steps", 3, 15, key="gan_steps")
    path = gan.interpolate(seed_a, seed_b, steps, model=learner)
    st.image(picture(path, steps), width="stretch", caption="spherical path between the two noise vectors"
             + (", blending the two digit labels too" if conditional else ""))
    st.caption("Every point on the way is a plausible digit: the generator has learned a smooth space, not a list "
               "of memorised pictures.")

    # --- 3. Directions -------------------------------------------------------------------------------
    st.header("3 · Directions in the noise")
    st.markdown("Some directions in $z$ mean something. We found them by generating 2,000 digits, measuring "
                "each one and fitting a straight line from $z$ to the measurement.")
    dirs = gan.directions(learner)
    d_cols = st.columns(len(dirs))
    z = gan.noise(10, seed, learner)
    labels = gan.onehot(np.arange(10)) if conditional else None
    for col, (name, vec) in zip(d_cols, dirs.items()):
        z = gan.move(z, vec, col.slider(name, -3.0, 3.0, 0.0, 0.25, key=f"gan_dir_{name}"))
    st.image(picture(gan.generate(z, labels, learner), 10), width="stretch",
             caption="the first 10 noise vectors of the seed above"
             + (", asked for the digits 0 to 9" if conditional else "") + ", moved along the chosen directions")

    # --- 4. The discriminator's opinion --------------------------------------------------------------
    st.header("4 · What does the discriminator think?")
    o1, o2 = st.columns([1, 2])
    with o1:
        rgba = canvas.draw_digit("gan_canvas", size=200)
        upload = st.file_uploader("…or upload a picture of a digit",
                                  type=["png", "jpg", "jpeg", "gif", "bmp", "webp"], key="gan_upload")
        if upload is not None:
            try:
                rgba = uploads.image_to_canvas_rgba(upload.getvalue())
            except uploads.UploadError as e:
                st.warning(str(e))
    with o2:
        mine = dg.canvas_to_mnist(rgba) if rgba is not None else None
        real = digits.load().test.images[0]
        rows = [("a real held-out digit", real), ("a generated digit", samples[0]),
                ("random noise", np.random.default_rng(0).random((28, 28)).astype(np.float32))]
        if mine is not None:
            rows.insert(0, ("your digit", mine))
        scores = [gan.score(img, learner) for _, img in rows]
        if scores[0] is None:
            st.info("This model has no discriminator file to ask.")
        else:
            if mine is None:
                st.info("Draw a digit (or upload one) to hear D's opinion of it.", icon="✏️")
            names = [name for name, _ in rows]
            claims = [str(k) for k in range(len(scores[0]))] if len(scores[0]) > 1 else ["D(x)"]
            st.image(dv.bars(np.stack(scores), claims, names, x_title="claimed digit" if conditional else "",
                             y_title="D(x): chance it is real", height=300), width="stretch",
                     caption="D's score for " + ", ".join(names))
            st.image([img for _, img in rows], width=80, caption=[n for n, _ in rows], clamp=True)
            st.caption("A conditional D judges the picture *together with* a claimed digit, so each picture gets one "
                       "bar per claim. Noise should score near 0 everywhere. D is only a sparring partner for G, not "
                       "a handwriting judge: it mostly learned *real-looking strokes*, and it keeps changing its mind "
                       "as G improves, so its scores for real digits are far from 1.")

    share.sync()  # the seed and the sliders above are part of the shareable address


play()

# --- 5. The maths --------------------------------------------------------------------------------
st.header("5 · The game, in maths")
st.markdown("The original GAN is a **minimax** game over one value function:")
st.latex(r"\min_G \max_D\; V(D,G) = \mathbb E_{x\sim p_{data}}[\log D(x)] + "
         r"\mathbb E_{z\sim\mathcal N(0,I)}[\log(1 - D(G(z)))]")
st.markdown("$D$ maximises it (a binary classifier, real = 1, fake = 0). If $G$ *minimises* "
            "$\\log(1-D(G(z)))$, its gradient vanishes exactly when $D$ easily rejects its fakes, at the start. "
            "The **non-saturating** generator loss fixes that by maximising $\\log D(G(z))$ instead:")
st.latex(r"\mathcal L_D = -\log D(x) - \log(1 - D(G(z)))")
st.latex(r"\mathcal L_G^{\text{minimax}} = \log(1 - D(G(z))) \qquad\text{vs.}\qquad "
         r"\mathcal L_G^{\text{non-sat}} = -\log D(G(z))")
st.markdown(
    "**Healthy curves** hover instead of falling: $\\mathcal L_D$ stays around 0.5–1.4 (1.39 = $2\\log 2$ is "
    "a D that cannot tell), $\\mathcal L_G$ around 1–3, $D(\\text{real})$ a bit above $D(\\text{fake})$, both "
    "drifting towards 0.5. **Trouble** looks like $\\mathcal L_D \\to 0$ with $D(\\text{fake}) \\to 0$ (D wins, "
    "G gets no signal), or **class coverage** dropping (mode collapse: G draws only a few digits).")

# --- 6. Train your own ---------------------------------------------------------------------------
st.header("6 · Train your own GAN and watch it learn")
t1, t2, t3 = st.columns(3)
arch = t1.radio("Networks", ["dcgan", "fc"], key="gan_arch", horizontal=True,
                format_func={"dcgan": "convolutional (DCGAN)", "fc": "fully connected"}.get)
cond = t1.toggle("Conditional (G and D are told the digit)", key="gan_cond")
objective = t1.radio("Generator loss", ["non_saturating", "minimax"], key="gan_objective", horizontal=True,
                     format_func=lambda s: s.replace("_", "-"))
lr_g = t2.select_slider("Learning rate G", gan.LEARNING_RATES, key="gan_lr_g")
lr_d = t2.select_slider("Learning rate D", gan.LEARNING_RATES, key="gan_lr_d")
beta1 = t2.slider("Adam β₁", 0.0, 0.99, key="gan_beta1", step=0.05, help="DCGAN uses 0.5; 0.9 is often unstable.")
batch = t3.select_slider("Batch size", [32, 64, 128], key="gan_batch")
z_dim = t3.select_slider("Noise size (style)", [8, 16, 32, 64], key="gan_z")
d_steps = t3.slider("D steps per G step", 1, 5, key="gan_dsteps")
smooth = t3.slider("Label smoothing (real = 1 − s)", 0.0, 0.3, key="gan_smooth", step=0.05)
epochs = t3.slider("Epochs", 1, 30, key="gan_epochs")


def live_view(progress, job):
    history = job.result.outcome.history if job.result is not None else (progress.history if progress else [])
    last = next((r for r in reversed(history) if "_samples" in r), None)
    if last is None:
        st.caption("The fixed-noise grid appears after the first epoch (one column per digit).")
        return
    st.image(picture(np.asarray(last["_samples"]) / 255.0, 10), width="stretch",
             caption=f"the same noise after epoch {last['epoch']}" + (" (one column per digit)" if cond else ""))
    if "coverage_bits" in last:
        st.caption(f"Class coverage {last['coverage_bits']:.2f} of 3.32 bits, classifier confidence "
                   f"{last['confidence']:.2f} (500 samples judged by the digit CNN).")
    for warning in gan.trouble(history):
        st.warning(warning, icon="🩺")


training.panel("gan", "gan", {"arch": arch, "conditional": cond, "objective": objective, "lr_g": lr_g,
                              "lr_d": lr_d, "beta1": beta1, "batch_size": batch, "z_dim": z_dim,
                              "d_steps": d_steps, "label_smoothing": smooth, "epochs": epochs},
               live_view=live_view)
training.runs("gan")
share.sync()
