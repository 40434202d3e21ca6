"""Autoencoder latent explorer: the map a network draws of all digits, and walks on it."""
import numpy as np
import streamlit as st

from dlplay import autoencoder as ae
from dlplay import digits as dg
from dlplay import runtime
from dlplay.data import digits
from dlplay.i18n import _, tr
from dlplay.params.autoencoder import EXPLORE, TABLE
from dlplay.ui import canvas, params, share, training
from dlplay.ui import latent_map as lm

params.bind(TABLE, EXPLORE)

st.title("🗺️ " + _("Autoencoder: the map of all digits"))
st.markdown(_(
    "An **autoencoder** is two networks: an **encoder** squeezes each 28×28 digit (784 numbers) into a short "
    "**latent code** $z$, and a **decoder** rebuilds the picture from $z$ alone. To do that well it has to "
    "arrange similar digits near each other: the codes form a *map* of the **latent space**. Click anywhere on "
    "it and the decoder draws what lives there."))

learner = training.model_choice("autoencoder", label=_("Explore"))
try:
    model = ae.load(learner)
    ex = ae.explorer(model.map)
    reader = dg.load()  # the shipped digits CNN reads the morph's frames
except runtime.ModelFileError as e:
    st.warning(tr(e.args[0]), icon="📦")
    st.stop()
mp, qp = model.map, model.quality
who = _("the shipped model") if learner is None else model.name
# Under every picture and number: which model drew it.
on_map = _("{model} ({kind})").format(model=who, kind=mp.describe())
on_quality = _("{model} ({kind})").format(model=who, kind=qp.describe())
if learner is None:
    st.caption(_("Exploring the **shipped model**: its map is a {map}; its reconstructions and denoising come "
                 "from a {quality} trained on noisy digits. Train your own in section 8.").format(
        map=mp.describe(), quality=qp.describe()))
elif mp.latent == 2:
    st.caption(_("Exploring **{name}** ({kind}).").format(name=model.name, kind=mp.describe()))
else:
    st.caption(_("Exploring **{name}** ({kind}): the map shows its latent space through its two main "
                 "directions.").format(name=model.name, kind=mp.describe()))

# --- 1. The map ---------------------------------------------------------------------------------
st.header(_("1 · The latent map"))
map_col, side_col = st.columns([3, 2])
(bx0, bx1), (by0, by1) = ex.bounds()
sx, sy = 0.75 * (bx1 - bx0), 0.75 * (by1 - by0)  # sliders reach past the data on purpose
xr, yr = (round(bx0 - sx, 2), round(bx1 + sx, 2)), (round(by0 - sy, 2), round(by1 + sy, 2))

pick = lm.read_selection(st.session_state.get("ae_map", {}).get("selection"))
sig = repr(pick)
if pick is not None and st.session_state.get("_ae_sig") != sig:  # a new click or box on the map
    st.session_state["ae_x"], st.session_state["ae_y"] = pick["x"], pick["y"]
    st.session_state["_ae_pick"] = pick
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
             _("decoded at ({x:.2f}, {y:.2f}) · held-out digit {digit}").format(x=x, y=y, digit=ex.labels[digit]))
    st.image(mp.decode(z)[0], width=220, clamp=True, caption=where)
    if outside:
        st.warning(_("This point is **outside the training region**: no training digit was encoded this far "
                     "out. The decoder still draws something, but it was never taught what belongs here."), icon="🧭")
    st.caption(_("Click a digit or empty space, drag a box to zoom the grid below, or move the sliders."))
map_box = map_col.container()

# --- 2. Manifold grid -------------------------------------------------------------------------
st.header(_("2 · Everything the decoder can draw"))
region = chosen.get("box") or ex.bounds(pad=0.0)
g1, g2 = st.columns([3, 2])
with g2:
    n = params.widget(EXPLORE, "grid")
    st.markdown(_("Each cell is the decoder's picture at one point of the map: the classic **manifold** picture. "
                  "Digits morph smoothly into their neighbours, because nearby codes must decode to similar "
                  "images. Drag a box on the map to zoom in here."))
g1.image(ex.grid(region[0], region[1], n), width="stretch", clamp=True,
         caption=_("Decoded by {model} on a {n}×{n} grid over x∈[{x0:.1f}, {x1:.1f}], y∈[{y0:.1f}, {y1:.1f}]").format(
             model=on_map, n=n, x0=region[0][0], x1=region[0][1], y0=region[1][0], y1=region[1][1]))

# --- 3. Interpolation -------------------------------------------------------------------------
st.header(_("3 · Morph one digit into another"))
c1, c2, c3, c4 = st.columns(4)
a = params.widget(EXPLORE, "a", c1)
b = params.widget(EXPLORE, "b", c2)
steps = params.widget(EXPLORE, "steps", c3)
method = params.widget(EXPLORE, "method", c4, options=["linear", "spherical"] if mp.kind == "vae" else ["linear"])
path, frames = ex.morph(a, b, steps, method)
probs = reader.predict(frames)
st.image(list(frames), width=70, clamp=True,
         caption=[_("read {digit} {confidence:.0%}").format(digit=p.argmax(), confidence=p.max()) for p in probs])
st.caption(_("Decoded by {model}: the typical {a} → the typical {b}, {path} path (dotted on the map); under each "
             "frame, what the digits CNN reads there. A digit's *typical* code is the training digit's code deepest "
             "inside that digit's cluster.").format(model=on_map, a=a, b=b, path=_(EXPLORE["method"].names[method])))

# --- 4. Reconstructions vs PCA ----------------------------------------------------------------
st.header(_("4 · How good are the reconstructions? (vs PCA)"))
test = digits.load().test
originals = test.images[:500]
rec = qp.reconstruct(originals)
pca_rec = ae.pca(qp.latent).reconstruct(originals)
err_ae, err_pca = ae.mse(rec, originals), ae.mse(pca_rec, originals)
st.caption(_("Reconstructions by {model} on 500 held-out digits; MSE is the mean squared error per pixel.").format(
    model=on_quality))
m1, m2, m3 = st.columns(3)
m1.metric(_("Autoencoder MSE ({latent}-D)").format(latent=qp.latent), f"{err_ae.mean():.4f}")
m2.metric(_("PCA MSE ({latent} components)").format(latent=qp.latent), f"{err_pca.mean():.4f}")
m3.metric("AE / PCA", f"{err_ae.mean() / err_pca.mean():.2f}", help=_("Below 1: the network beats PCA."))
show = [int(np.flatnonzero(test.labels[:500] == c)[0]) for c in range(10)]  # one of each digit
st.image([originals[i] for i in show], width=70, clamp=True,
         caption=[_("digit {digit}").format(digit=test.labels[i]) for i in show])
st.image([rec[i] for i in show], width=70, caption=[f"AE {err_ae[i]:.3f}" for i in show], clamp=True)
st.image([pca_rec[i] for i in show], width=70, caption=[f"PCA {err_pca[i]:.3f}" for i in show], clamp=True)
st.caption(_("Rows: held-out originals, autoencoder, PCA with the same number of numbers per digit, each with "
             "its mean squared pixel error. PCA is the best *linear* code; the network wins by bending it."))

# --- 5. Encode my drawing ---------------------------------------------------------------------
st.header(_("5 · Encode my drawing"))
d1, d2 = st.columns([1, 2])
with d1:
    rgba = canvas.draw_digit("ae_canvas", size=200)
drawing_xy = None
with d2:
    img = dg.canvas_to_mnist(rgba) if rgba is not None else None
    if img is None:
        st.info(_("Draw a digit on the black square: it will appear as a ◆ on the map."), icon="✏️")
    else:
        zd = mp.encode(img)
        drawing_xy = ex.to_map(zd)[0]
        st.image([img, mp.decode(zd)[0]], width=140, clamp=True,
                 caption=[_("what the encoder sees"), _("decoded by {model}").format(model=on_map)])
        lands = (_("Your drawing lands at ({x:.2f}, {y:.2f}) — outside the training region.") if ex.outside(zd)[0]
                 else _("Your drawing lands at ({x:.2f}, {y:.2f})."))
        st.write(lands.format(x=drawing_xy[0], y=drawing_xy[1]))

# --- 6. Denoising -----------------------------------------------------------------------------
st.header(_("6 · Noise in, digit out"))
noise = params.widget(EXPLORE, "denoise", st.columns([2, 3])[0])
clean = originals[show]
noisy = ae.add_noise(clean, noise, seed=0)
denoised = qp.reconstruct(noisy)
st.image(list(noisy), width=70, caption=[_("noisy {error:.3f}").format(error=e) for e in ae.mse(noisy, clean)],
         clamp=True)
st.image(list(denoised), width=70, clamp=True,
         caption=[_("decoded {error:.3f}").format(error=e) for e in ae.mse(denoised, clean)])
trained_noise = (learner.config if learner is not None else {}).get("noise")
if learner is None:
    denoising = _("Decoded by {model}. The code is too small to store noise, so the decoder redraws the digit it "
                  "believes it saw (errors are against the clean originals). The shipped model was trained as a "
                  "*denoising* autoencoder: noisy inputs, clean targets. Train your own without noise and compare.")
elif trained_noise:
    denoising = _("Decoded by {model}. The code is too small to store noise, so the decoder redraws the digit it "
                  "believes it saw (errors are against the clean originals). This run was trained with input noise "
                  "up to {noise}.")
else:
    denoising = _("Decoded by {model}. The code is too small to store noise, so the decoder redraws the digit it "
                  "believes it saw (errors are against the clean originals). This run was trained without input "
                  "noise; the shipped model was trained with it.")
st.caption(denoising.format(model=on_quality, noise=trained_noise))

with map_box:
    st.markdown(_("**Latent map of {model}**: the {count} held-out digits").format(model=on_map, count=len(ex.labels)))
    fig = lm.map_figure(ex.coords(), ex.labels, ex.bounds(pad=0.3), (x, y), outside=outside,
                        drawing=drawing_xy, path=ex.to_map(path))
    st.plotly_chart(fig, key="ae_map", on_select="rerun", selection_mode=("points", "box"), width="stretch")

# --- 7. The maths -----------------------------------------------------------------------------
st.header(_("7 · The maths"))
st.markdown(_("A plain autoencoder minimises the **reconstruction loss** (binary cross-entropy per pixel):"))
# Each formula is broken into lines short enough for a phone's width.
st.latex(r"\begin{aligned}\mathcal{L}_{AE} &= -\sum_{i=1}^{784} \big[x_i \log \hat x_i"
         r"\\ &\qquad + (1-x_i)\log(1-\hat x_i)\big], \\ \hat x &= g_\theta(f_\phi(x))\end{aligned}")
st.markdown(_("A **variational** autoencoder encodes a distribution $q_\\phi(z|x)=\\mathcal N(\\mu, \\sigma^2)$ "
              "and maximises the **ELBO**; the KL term (weighted by β) pulls every code towards $\\mathcal N(0, I)$, "
              "which fills the map without holes:"))
st.latex(r"\begin{aligned}\log p(x) &\ge \mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)]"
         r"\\ &\qquad - \beta\,\mathrm{KL}\big(q_\phi(z|x)\,\|\,\mathcal N(0,I)\big), \\"
         r"\mathrm{KL} &= -\tfrac12\sum_j \big(1 + \log\sigma_j^2 - \mu_j^2 - \sigma_j^2\big)\end{aligned}")
st.markdown(_("The **reparameterisation trick** moves the randomness into an input, so gradients reach μ and σ:"))
st.latex(r"z = \mu_\phi(x) + \sigma_\phi(x)\odot\varepsilon,\qquad \varepsilon\sim\mathcal N(0, I)")

# --- 8. Retrain -------------------------------------------------------------------------------
st.header(_("8 · Train your own and watch the clusters form"))
r1, r2, r3 = st.columns(3)
kind = params.widget(TABLE, "kind", r1)
params.widget(TABLE, "latent", r1)
params.widget(TABLE, "beta", r2, disabled=kind != "vae")
params.widget(TABLE, "width", r2)
params.widget(TABLE, "noise", r2)
params.widget(TABLE, "samples", r3, high=len(digits.load().train.images))
params.widget(TABLE, "epochs", r3)
params.widget(TABLE, "lr", r3)


def live_view(progress, job):
    history = job.result.outcome.history if job.result is not None else (progress.history if progress else [])
    last = next((r for r in reversed(history) if "_map" in r), None)
    if last is not None:
        epochs = progress.epochs if progress is not None else last["epoch"]
        st.markdown(f"**{lm.live_title(last['_map_labels'], last['epoch'], epochs)}**")
        st.plotly_chart(lm.live_figure(last["_map"], last["_map_labels"]), width="stretch", key="ae_live_map")


training.panel("autoencoder", "autoencoder", params.values(TABLE), live_view=live_view)
training.runs("autoencoder")
share.sync()
