"""Autoencoder latent explorer: the map a network draws of all digits, and walks on it."""
import numpy as np
import streamlit as st

from dlplay import autoencoder as ae
from dlplay import digits as dg
from dlplay import runtime
from dlplay.data import digits
from dlplay.params.autoencoder import EXPLORE, TABLE
from dlplay.ui import canvas, params, share, training
from dlplay.ui import latent_map as lm

params.bind(TABLE, EXPLORE)

st.title("🗺️ Autoencoder: the map of all digits")
st.markdown(
    "An **autoencoder** squeezes each 28×28 digit (784 numbers) through a narrow **latent code** $z$ and "
    "then rebuilds the picture from $z$ alone. To do that well it has to arrange similar digits near each "
    "other: the codes form a *map*. Click anywhere on it and the **decoder** draws what lives there.")

learner = training.model_choice("autoencoder", label="Explore")
try:
    model = ae.load(learner)
    ex = ae.explorer(model.map)
    reader = dg.load()  # the shipped digits CNN reads the morph's frames
except runtime.ModelFileError as e:
    st.warning(str(e), icon="📦")
    st.stop()
mp, qp = model.map, model.quality
who = "the shipped model" if learner is None else model.name
on_map = f"{who} ({mp.describe()})"  # says, under every picture, which model drew it
if learner is None:
    st.caption(f"Exploring the **shipped model**: its map is a {mp.describe()}; its reconstructions and "
               f"denoising come from a {qp.describe()} trained on noisy digits. Train your own in section 8.")
else:
    st.caption(f"Exploring **{model.name}** ({mp.describe()})"
               + ("." if mp.latent == 2 else ": the map shows its latent space through its two main directions."))

# --- 1. The map ---------------------------------------------------------------------------------
st.header("1 · The latent map")
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
    x = st.slider("z₁ (map x)", xr[0], xr[1], key="ae_x", step=0.01)
    y = st.slider("z₂ (map y)", yr[0], yr[1], key="ae_y", step=0.01)
    chosen = st.session_state.get("_ae_pick") or {}
    digit = chosen.get("digit") if (chosen.get("x"), chosen.get("y")) == (x, y) else None
    z = ex.z[digit] if digit is not None and digit < len(ex.z) else ex.from_map([x, y])[0]
    outside = bool(ex.outside(z)[0])
    label = f" · held-out digit {ex.labels[digit]}" if digit is not None else ""
    st.image(mp.decode(z)[0], width=220, clamp=True, caption=f"decoded at ({x:.2f}, {y:.2f}){label}")
    if outside:
        st.warning("This point is **outside the training region**: no training digit was encoded this far "
                   "out. The decoder still draws something, but it was never taught what belongs here.", icon="🧭")
    st.caption("Click a digit or empty space, drag a box to zoom the grid below, or move the sliders.")
map_box = map_col.container()

# --- 2. Manifold grid -------------------------------------------------------------------------
st.header("2 · Everything the decoder can draw")
region = chosen.get("box") or ex.bounds(pad=0.0)
g1, g2 = st.columns([3, 2])
with g2:
    n = params.widget(EXPLORE, "grid")
    st.markdown("Each cell is the decoder's picture at one point of the map: the classic **manifold** picture. "
                "Digits morph smoothly into their neighbours, because nearby codes must decode to similar "
                "images. Drag a box on the map to zoom in here.")
g1.image(ex.grid(region[0], region[1], n), width="stretch", clamp=True,
         caption=f"Decoded by {on_map} on a {n}×{n} grid over x∈[{region[0][0]:.1f}, {region[0][1]:.1f}], "
                 f"y∈[{region[1][0]:.1f}, {region[1][1]:.1f}]")

# --- 3. Interpolation -------------------------------------------------------------------------
st.header("3 · Morph one digit into another")
c1, c2, c3, c4 = st.columns(4)
a = params.widget(EXPLORE, "a", c1)
b = params.widget(EXPLORE, "b", c2)
steps = params.widget(EXPLORE, "steps", c3)
method = params.widget(EXPLORE, "method", c4, options=["linear", "spherical"] if mp.kind == "vae" else ["linear"])
path, frames = ex.morph(a, b, steps, method)
probs = reader.predict(frames)
st.image(list(frames), width=70, clamp=True,
         caption=[f"read {p.argmax()} {p.max():.0%}" for p in probs])
st.caption(f"Decoded by {on_map}: the typical {a} → the typical {b}, {EXPLORE['method'].names[method]} path "
           "(dotted on the map); under each frame, what the digits CNN reads there. A digit's *typical* code is "
           "the training digit's code deepest inside that digit's cluster.")

# --- 4. Reconstructions vs PCA ----------------------------------------------------------------
st.header("4 · How good are the reconstructions? (vs PCA)")
test = digits.load().test
originals = test.images[:500]
rec = qp.reconstruct(originals)
pca_rec = ae.pca(qp.latent).reconstruct(originals)
err_ae, err_pca = ae.mse(rec, originals), ae.mse(pca_rec, originals)
st.caption(f"Reconstructions by {who} ({qp.describe()}) on 500 held-out digits.")
m1, m2, m3 = st.columns(3)
m1.metric(f"Autoencoder MSE ({qp.latent}-D)", f"{err_ae.mean():.4f}")
m2.metric(f"PCA MSE ({qp.latent} components)", f"{err_pca.mean():.4f}")
m3.metric("AE / PCA", f"{err_ae.mean() / err_pca.mean():.2f}", help="Below 1: the network beats PCA.")
show = [int(np.flatnonzero(test.labels[:500] == c)[0]) for c in range(10)]  # one of each digit
st.image([originals[i] for i in show], width=70, caption=[f"digit {test.labels[i]}" for i in show], clamp=True)
st.image([rec[i] for i in show], width=70, caption=[f"AE {err_ae[i]:.3f}" for i in show], clamp=True)
st.image([pca_rec[i] for i in show], width=70, caption=[f"PCA {err_pca[i]:.3f}" for i in show], clamp=True)
st.caption("Rows: held-out originals, autoencoder, PCA with the same number of numbers per digit, each with "
           "its mean squared pixel error. PCA is the best *linear* code; the network wins by bending it.")

# --- 5. Encode my drawing ---------------------------------------------------------------------
st.header("5 · Encode my drawing")
d1, d2 = st.columns([1, 2])
with d1:
    rgba = canvas.draw_digit("ae_canvas", size=200)
drawing_xy = None
with d2:
    img = dg.canvas_to_mnist(rgba) if rgba is not None else None
    if img is None:
        st.info("Draw a digit on the black square: it will appear as a ◆ on the map.", icon="✏️")
    else:
        zd = mp.encode(img)
        drawing_xy = ex.to_map(zd)[0]
        st.image([img, mp.decode(zd)[0]], width=140, clamp=True,
                 caption=["what the encoder sees", f"decoded by {on_map}"])
        st.write(f"Your drawing lands at ({drawing_xy[0]:.2f}, {drawing_xy[1]:.2f})"
                 + (" — outside the training region." if ex.outside(zd)[0] else "."))

# --- 6. Denoising -----------------------------------------------------------------------------
st.header("6 · Noise in, digit out")
noise = params.widget(EXPLORE, "denoise", st.columns([2, 3])[0])
clean = originals[show]
noisy = ae.add_noise(clean, noise, seed=0)
denoised = qp.reconstruct(noisy)
st.image(list(noisy), width=70, caption=[f"noisy {e:.3f}" for e in ae.mse(noisy, clean)], clamp=True)
st.image(list(denoised), width=70, caption=[f"decoded {e:.3f}" for e in ae.mse(denoised, clean)], clamp=True)
trained_noise = (learner.config if learner is not None else {}).get("noise")
st.caption(f"Decoded by {who} ({qp.describe()}). The code is too small to store noise, so the decoder "
           "redraws the digit it believes it saw (errors are against the clean originals). "
           + ("The shipped model was trained as a *denoising* autoencoder: noisy inputs, clean targets. "
              "Train your own without noise and compare." if learner is None else
              f"This run was trained with input noise up to {trained_noise}." if trained_noise else
              "This run was trained without input noise; the shipped model was trained with it."))

with map_box:
    st.markdown(f"**Latent map of {on_map}**: the {len(ex.labels)} held-out digits")
    fig = lm.map_figure(ex.coords(), ex.labels, ex.bounds(pad=0.3), (x, y), outside=outside,
                        drawing=drawing_xy, path=ex.to_map(path))
    st.plotly_chart(fig, key="ae_map", on_select="rerun", selection_mode=("points", "box"), width="stretch")

# --- 7. The maths -----------------------------------------------------------------------------
st.header("7 · The maths")
st.markdown("A plain autoencoder minimises the **reconstruction loss** (binary cross-entropy per pixel):")
# Each formula is broken into lines short enough for a phone's width.
st.latex(r"\begin{aligned}\mathcal{L}_{AE} &= -\sum_{i=1}^{784} \big[x_i \log \hat x_i"
         r"\\ &\qquad + (1-x_i)\log(1-\hat x_i)\big], \\ \hat x &= g_\theta(f_\phi(x))\end{aligned}")
st.markdown("A **variational** autoencoder encodes a distribution $q_\\phi(z|x)=\\mathcal N(\\mu, \\sigma^2)$ "
            "and maximises the **ELBO**; the KL term (weighted by β) pulls every code towards $\\mathcal N(0, I)$, "
            "which fills the map without holes:")
st.latex(r"\begin{aligned}\log p(x) &\ge \mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)]"
         r"\\ &\qquad - \beta\,\mathrm{KL}\big(q_\phi(z|x)\,\|\,\mathcal N(0,I)\big), \\"
         r"\mathrm{KL} &= -\tfrac12\sum_j \big(1 + \log\sigma_j^2 - \mu_j^2 - \sigma_j^2\big)\end{aligned}")
st.markdown("The **reparameterisation trick** moves the randomness into an input, so gradients reach μ and σ:")
st.latex(r"z = \mu_\phi(x) + \sigma_\phi(x)\odot\varepsilon,\qquad \varepsilon\sim\mathcal N(0, I)")

# --- 8. Retrain -------------------------------------------------------------------------------
st.header("8 · Train your own and watch the clusters form")
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
