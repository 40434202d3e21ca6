"""GAN: a generator and a discriminator fighting, and digits appearing from noise."""
import html

import numpy as np
import streamlit as st

from dlplay import digits as dg
from dlplay import gan, gan_quality, runtime, topics, uploads
from dlplay.data import digits
from dlplay.i18n import _, tr
from dlplay.params.gan import DIGITS, EXPLORE, OLD_URL_KEYS, TABLE
from dlplay.ui import canvas, params, share, training

for old, new in OLD_URL_KEYS.items():
    if old in st.query_params and new not in st.query_params:
        st.query_params[new] = st.query_params[old]
params.bind(TABLE, EXPLORE)

TOPIC = topics.BY_SLUG["gan"]
st.title(f"{TOPIC.icon} {_(TOPIC.title)}")
st.markdown(_(
    "A **generative adversarial network** (GAN) is two networks. A **generator** $G$ turns random noise $z$ "
    "into a picture. A **discriminator** $D$ looks at a picture and says how likely it is to be a *real* "
    "handwritten digit. They train against each other: $D$ learns to spot fakes, $G$ learns to fool $D$. "
    "Nobody ever shows $G$ a digit, yet digits appear."))

learner = training.model_choice("gan", label=_("Generator"))
try:
    model = gan.load(learner)
except runtime.ModelFileError as e:
    st.warning(tr(e.args[0]), icon="📦")
    st.stop()
for notice in model.notices:
    st.warning(tr(notice), icon="📦")
by = _("the shipped model") if learner is None else model.name  # under every picture: which model drew it
# The directions gan.Generator.directions() finds, as the sliders name them.
DIRECTIONS = {"thickness": _("thickness"), "width": _("width"), "slant": _("slant")}


def new_seed():
    old = st.session_state.get("gan_seed", 0)
    st.session_state["gan_seed"] = (old + int(np.random.default_rng().integers(1, 1_000_000))) % 1_000_000


def picture(images, cols):
    return gan.grid(images, cols, scale=3)  # crisp pixels instead of the browser's blur


def number(where, key):
    p = EXPLORE[key]
    return where.number_input(_(p.label), p.low, p.limit, key=EXPLORE.url_key(key))


@st.fragment
def play():
    """Sections 1 to 4 depend on the seed, the sliders and the drawing; a click or a stroke there
    reruns only them, not the maths and the training panel below (nor the sidebar)."""
    # --- 1. Sample ---------------------------------------------------------------------------------
    st.header(_("1 · Noise in, digits out"))
    c1, c2, c3 = st.columns([2, 1, 2])
    seed = number(c1, "seed")
    c2.button(_("New seed"), icon="🎲", on_click=new_seed, key="gan_new_seed")
    asked = model.can_be_asked
    pick = params.widget(EXPLORE, "digit", c3, options=DIGITS if asked else ["any"], disabled=not asked,
                         help=_("This generator is conditional: it also takes the digit you want.") if asked
                         else _("This generator is unconditional: the noise alone decides the digit."))
    digit = None if pick == "any" or not asked else int(pick)
    samples = model.sample(40, seed, digit)
    caption = (_("40 samples by {model}, seed {seed}") if digit is None
               else _("40 samples by {model}, seed {seed}, all asked to be {digit}"))
    st.image(picture(samples, 10), width="stretch", caption=caption.format(model=by, seed=seed, digit=digit))
    st.caption((_("Each picture is $G(z)$ for one vector $z$ of {n} numbers drawn from $\\mathcal N(0, 1)$: the "
                  "first number picks the digit, the rest are the *style*.") if asked
                else _("Each picture is $G(z)$ for one vector $z$ of {n} numbers drawn from "
                       "$\\mathcal N(0, 1)$.")).format(n=model.latent_size))

    # --- 2. Interpolation ----------------------------------------------------------------------------
    st.header(_("2 · Walk from one sample to another"))
    i1, i2, i3 = st.columns(3)
    seed_a, seed_b = number(i1, "a"), number(i2, "b")
    steps = params.widget(EXPLORE, "steps", i3)
    st.image(picture(model.walk(seed_a, seed_b, steps), steps), width="stretch",
             caption=(_("{model}: a spherical path between the two noise vectors, blending the two digit labels too")
                      if asked else _("{model}: a spherical path between the two noise vectors")).format(model=by))
    st.caption(_("Every point on the way is a plausible digit: the generator has learned a smooth **latent space**, "
                 "not a list of memorised pictures."))

    # --- 3. Directions -------------------------------------------------------------------------------
    st.header(_("3 · Directions in the noise"))
    st.markdown(_("Some directions in $z$ mean something. We found them by generating 2,000 digits, measuring "
                  "each one and fitting a straight line from $z$ to the measurement."))
    dirs = model.directions()
    d_cols = st.columns(len(dirs))
    z = model.noise(10, seed)
    labels = gan.onehot(np.arange(10)) if asked else None
    for col, (name, vec) in zip(d_cols, dirs.items()):
        z = gan.move(z, vec, col.slider(DIRECTIONS.get(name, name), -3.0, 3.0, 0.0, 0.25, key=f"gan_dir_{name}"))
    st.image(picture(model.generate(z, labels), 10), width="stretch",
             caption=(_("{model}: the first 10 noise vectors of the seed above, asked for the digits 0 to 9, moved "
                        "along the chosen directions") if asked
                      else _("{model}: the first 10 noise vectors of the seed above, moved along the chosen "
                             "directions")).format(model=by))

    # --- 4. The discriminator's opinion --------------------------------------------------------------
    st.header(_("4 · What does the discriminator think?"))
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
                  Judged(_("a generated digit"), _("fake"), samples[0]),
                  Judged(_("random noise"), _("noise"), np.random.default_rng(0).random((28, 28)).astype(np.float32))]
        if mine is not None:
            judged.insert(0, Judged(_("your digit"), _("yours"), mine))
        scores = [model.discriminate(j.image) for j in judged]
        if scores[0] is None:
            st.info(_("{model} has no discriminator to ask.").format(model=by))
        else:
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

    share.sync()  # the seed and the sliders above are part of the shareable address


class Judged:
    """One picture shown to D: its caption, its column in the score table (one short word: five columns share a
    phone's width), its pixels."""

    def __init__(self, caption: str, column: str, image):
        self.caption, self.column, self.image = caption, column, image


BAR = "rgba(99, 110, 250, 0.45)"  # half-transparent: the digits stay readable on a light or a dark theme


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


play()

# --- 5. The maths --------------------------------------------------------------------------------
st.header(_("5 · The game, in maths"))
st.markdown(_("The original GAN is a **minimax** game over one value function:"))
# The second term starts a line of its own, indented, not under the first term: a 390 px phone fits both lines.
st.latex(r"\begin{aligned}&\min_G \max_D\; V(D,G) = \mathbb E_{x\sim p_{data}}[\log D(x)] \\ "
         r"&\qquad + \mathbb E_{z\sim\mathcal N(0,I)}[\log(1 - D(G(z)))]\end{aligned}")
st.markdown(_("$D$ maximises it (a binary classifier, real = 1, fake = 0). If $G$ *minimises* "
              "$\\log(1-D(G(z)))$, its gradient vanishes exactly when $D$ easily rejects its fakes, at the start. "
              "The **non-saturating** generator loss fixes that by maximising $\\log D(G(z))$ instead:"))
st.latex(r"\mathcal L_D = -\log D(x) - \log(1 - D(G(z)))")
st.latex(r"\begin{aligned}\mathcal L_G^{\text{minimax}} &= \log(1 - D(G(z))) \\ "
         r"\mathcal L_G^{\text{non-sat}} &= -\log D(G(z))\end{aligned}")
st.markdown(_(
    "**Healthy curves** hover instead of falling: $\\mathcal L_D$ stays around 0.5–1.4 (1.39 = $2\\log 2$ is "
    "a D that cannot tell), $\\mathcal L_G$ around 0.7–3 (0.69 = $\\log 2$: D rates the fakes 50/50), "
    "$D(\\text{real})$ at or a bit above $D(\\text{fake})$, both drifting towards 0.5. "
    "**Trouble** looks like $\\mathcal L_D \\to 0$ with $D(\\text{fake}) \\to 0$ (D wins, G gets no signal), "
    "or the **digit coverage** dropping (**mode collapse**: G draws only a few digits)."))

# --- 6. Train your own ---------------------------------------------------------------------------
st.header(_("6 · Train your own GAN and watch it learn"))
t1, t2, t3 = st.columns(3)
for column, keys in ((t1, ("arch", "conditional", "objective")), (t2, ("lr_g", "lr_d", "beta1", "batch_size")),
                     (t3, ("z_dim", "d_steps", "label_smoothing", "epochs"))):
    for key in keys:
        params.widget(TABLE, key, column)
config = params.values(TABLE)
lr_g, lr_d = TABLE["lr_g"].default, TABLE["lr_d"].default
try:
    shipped = gan.load().config
except runtime.ModelFileError:  # a learner's run is on show while the shipped files are being rebuilt
    shipped = {}
if {"epochs", "lr_g", "lr_d"} <= set(shipped):
    st.caption(_("The defaults let G learn {ratio:.0f}× faster than D (learning rates {lr_g:g} and {lr_d:g}): with "
                 "equal rates D wins the first epochs and a short run draws grey blobs. The shipped model trained "
                 "{epochs} epochs with rates {shipped_g:g} and {shipped_d:g}.").format(
        ratio=lr_g / lr_d, lr_g=lr_g, lr_d=lr_d, epochs=shipped["epochs"], shipped_g=shipped["lr_g"],
        shipped_d=shipped["lr_d"]))
else:
    st.caption(_("The defaults let G learn {ratio:.0f}× faster than D (learning rates {lr_g:g} and {lr_d:g}): with "
                 "equal rates D wins the first epochs and a short run draws grey blobs.").format(
        ratio=lr_g / lr_d, lr_g=lr_g, lr_d=lr_d))


def live_view(progress, job):
    history = job.result.outcome.history if job.result is not None else (progress.history if progress else [])
    last = next((r for r in reversed(history) if "_samples" in r), None)
    if last is None:
        st.caption(_("The fixed-noise grid appears after the first epoch (one column per digit)."))
        return
    run = job.result.config if job.result is not None else config
    st.image(picture(np.asarray(last["_samples"]) / 255.0, 10), width="stretch",
             caption=(_("this run's generator on the same noise after epoch {epoch} (one column per digit)")
                      if run["conditional"] else _("this run's generator on the same noise after epoch {epoch}")
                      ).format(epoch=last["epoch"]))
    if gan_quality.COVERAGE in last:
        st.caption(_("Judged by the digit classifier on 500 samples after epoch {epoch}: confidence {confidence:.2f} "
                     "(real digits: about 0.99), digit coverage {coverage:.2f} (1 = all ten digits equally "
                     "often).").format(epoch=last["epoch"], confidence=last[gan_quality.CONFIDENCE],
                                       coverage=last[gan_quality.COVERAGE]))
    for warning in gan_quality.trouble(history, run):
        st.warning(warning, icon="🩺")


training.panel("gan", "gan", config, live_view=live_view)
training.runs("gan")
share.sync()
