"""Optimizer explorer: race update rules over a loss surface, step by step with the numbers."""
import streamlit as st

from dlplay import optimizers as opt
from dlplay.data import toy
from dlplay.ui import optimizer_figs as figs
from dlplay.ui import share, training

LRS = [1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.09, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0,
       5.0, 10.0]
BETAS = [0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999, 0.999999]
EPSS = [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 0.1, 1.0]
START = opt.SURFACES["rosenbrock"]

share.bind({"opt_surface": "rosenbrock", "opt_names": ["sgd", "momentum", "rmsprop", "adam"],
            "opt_lr": START.lr[0], "opt_lr_adaptive": START.lr[1], "opt_beta": 0.9, "opt_alpha": 0.99,
            "opt_beta1": 0.9, "opt_beta2": 0.999, "opt_eps": 1e-8, "opt_wd": 0.0, "opt_noise": 0.0,
            "opt_steps": 300, "opt_step": 300, "opt_x0": START.start[0], "opt_y0": START.start[1],
            "race_dataset": "spirals", "race_epochs": 30},
           choices={"opt_surface": list(opt.SURFACES), "opt_names": list(opt.NAMES), "opt_lr": LRS,
                    "opt_lr_adaptive": LRS, "opt_beta": BETAS, "opt_alpha": BETAS, "opt_beta1": BETAS,
                    "opt_beta2": BETAS, "opt_eps": EPSS, "race_dataset": list(toy.NAMES)},
           ranges={"opt_wd": (0.0, 0.5), "opt_noise": (0.0, 20.0), "opt_steps": (10, 1000), "opt_step": (0, 1000),
                   "opt_x0": (-5.0, 5.0), "opt_y0": (-5.0, 5.0), "race_epochs": (2, 100)})


@st.cache_data(max_entries=256, show_spinner=False)
def race(name, surface, start, steps, noise, hp):
    return opt.run(name, surface, start, steps, noise=noise, seed=0, **dict(hp))


@st.cache_data(max_entries=8, show_spinner=False)
def contour(surface):
    return figs.contour_data(surface)


def reset_to_surface():
    """A new surface gets its own start point and learning rates that suit it."""
    s = opt.SURFACES[st.session_state["opt_surface"]]
    st.session_state["opt_x0"], st.session_state["opt_y0"] = s.start
    st.session_state["opt_lr"], st.session_state["opt_lr_adaptive"] = s.lr


st.title("🏔️ Optimizers")
st.markdown(
    "Training is walking downhill on the loss surface with only the local slope $g = \\nabla f(\\theta)$ to go "
    "by. **SGD** steps straight down the slope; **momentum** remembers past steps; **Adagrad, RMSprop and "
    "Adam** rescale every coordinate by its own history of gradient sizes. Pick a surface, race them, and "
    "read each step's numbers below.")

# A click on the map sets the start; it must land before the start sliders are drawn.
surf = opt.SURFACES[st.session_state["opt_surface"]]
clicked = (st.session_state.get("opt_map") or {}).get("selection", {}).get("points") or []
if clicked and st.session_state.get("_opt_click") != repr(clicked[-1]):
    st.session_state["_opt_click"] = repr(clicked[-1])
    st.session_state["opt_x0"], st.session_state["opt_y0"] = clicked[-1]["x"], clicked[-1]["y"]
for key, (lo, hi) in (("opt_x0", surf.xlim), ("opt_y0", surf.ylim)):
    st.session_state[key] = float(min(max(st.session_state[key], lo), hi))

c1, c2 = st.columns([1, 2])
c1.selectbox("Surface", list(opt.SURFACES), key="opt_surface", on_change=reset_to_surface,
             format_func=lambda n: opt.SURFACES[n].label)
names = c2.multiselect("Optimizers", opt.NAMES, key="opt_names", format_func=opt.LABELS.get)
st.latex(surf.latex)
st.caption(surf.note + " Click the map to start somewhere else.")

k1, k2, k3, k4 = st.columns(4)
lr = k1.select_slider("lr: SGD, momentum, Nesterov", LRS, key="opt_lr")
lr_a = k2.select_slider("lr: Adagrad, RMSprop, Adam(W)", LRS, key="opt_lr_adaptive")
steps = k3.slider("Steps", 10, 1000, key="opt_steps", step=10)
noise = k4.slider("Mini-batch noise (σ of g)", 0.0, 20.0, key="opt_noise", step=0.1)
with st.expander("More knobs: betas, eps, weight decay, start point"):
    m1, m2, m3, m4 = st.columns(4)
    beta = m1.select_slider("β momentum", BETAS, key="opt_beta")
    alpha = m1.select_slider("α RMSprop", BETAS, key="opt_alpha")
    beta1 = m2.select_slider("β₁ Adam", BETAS, key="opt_beta1")
    beta2 = m2.select_slider("β₂ Adam", BETAS, key="opt_beta2")
    eps = m3.select_slider("ε", EPSS, key="opt_eps", format_func=lambda v: f"{v:g}")
    wd = m3.slider("Weight decay", 0.0, 0.5, key="opt_wd", step=0.01)
    x0 = m4.slider("start x", float(surf.xlim[0]), float(surf.xlim[1]), key="opt_x0", step=0.01)
    y0 = m4.slider("start y", float(surf.ylim[0]), float(surf.ylim[1]), key="opt_y0", step=0.01)

if not names:
    st.info("Pick at least one optimizer to race.")
    share.sync()
    st.stop()
hp = {"beta": beta, "alpha": alpha, "beta1": beta1, "beta2": beta2, "eps": eps, "weight_decay": wd}
runs = [race(n, surf.name, (x0, y0), steps, noise,
             tuple(sorted({**hp, "lr": lr_a if n in opt.ADAPTIVE else lr}.items()))) for n in names]
if st.session_state.get("_opt_prev_steps") == st.session_state["opt_step"]:
    st.session_state["opt_step"] = steps  # the step slider was at the end: keep it there
st.session_state["opt_step"] = min(st.session_state["opt_step"], steps)
st.session_state["_opt_prev_steps"] = steps
k = st.slider("Show step", 0, steps, key="opt_step", help="Scrub through the race.")

st.plotly_chart(figs.surface(surf.name, runs, k, (x0, y0), contour(surf.name)), width="stretch", key="opt_map",
                on_select="rerun", selection_mode="points")
for r in runs:
    if r.diverged_at is not None:
        st.error(r.message + " Its path stops at the last finite point (✕).", icon="💥")
st.plotly_chart(figs.losses(runs, k, surf.f_min), width="stretch", key="opt_losses")
summary = {opt.LABELS[r.name]: f"f = {r.losses[min(k, len(r.losses) - 1)]:.4g}" for r in runs}
st.caption(f"At step {k}: " + " · ".join(f"{n} {v}" for n, v in summary.items()))

# --- The update rule with this step's numbers ---------------------------------------------------------
st.header("The update rule, with the numbers of step k")
richest = max(names, key=lambda n: len(opt.DEFAULTS[n]))  # Adam's rule shows the most state
who = st.selectbox("Optimizer", names, format_func=opt.LABELS.get, key="opt_explain", index=names.index(richest))
chosen = next(r for r in runs if r.name == who)
if k == 0 or not len(chosen.grads):
    st.info("Move the step slider past 0 to see an update.")
elif k > len(chosen.grads):
    st.warning(f"{chosen.message} Showing its last finite step, {len(chosen.grads)}.")
if k and len(chosen.grads):  # one KaTeX block renders faster in the browser than one per line
    st.latex(r"\begin{gathered}" + r" \\[6pt] ".join(opt.explain(chosen, k)) + r"\end{gathered}")
with st.expander("Two ways to write momentum, and how their learning rates relate"):
    st.latex(r"\text{PyTorch: } v_k = \beta v_{k-1} + g_k,\quad \theta_k = \theta_{k-1} - \eta\, v_k")
    st.latex(r"\text{textbook (EMA): } u_k = \beta u_{k-1} + (1-\beta)\, g_k,\quad \theta_k = \theta_{k-1} - "
             r"\eta'\, u_k")
    st.markdown("Since $u_k = (1-\\beta)\\,v_k$, the two take **identical** steps when $\\eta = (1-\\beta)\\,\\eta'$: "
                f"with β = {beta:g}, EMA momentum at lr {lr:g} moves like PyTorch momentum at lr "
                f"{lr * (1 - beta):.3g}. PyTorch's form takes steps about $1/(1-\\beta)$ times larger than the "
                "gradient, which is why momentum often needs a smaller learning rate than plain SGD.")

# --- The same optimizers on a real network ------------------------------------------------------------
st.header("Now on a real network")
st.markdown("The same optimizers with the same settings train the same small network (identical initial "
            "weights, identical mini-batches) on a 2-D toy set. Only the update rule differs.")
r1, r2 = st.columns(2)
dataset = r1.selectbox("Data", toy.NAMES, key="race_dataset")
epochs = r2.slider("Epochs", 2, 100, key="race_epochs")


def race_view(progress, job):
    if progress is None:
        return
    now = {key[5:] for key in progress.values if key.startswith("loss_")}
    out = [opt.LABELS[n] for n in names if now and n not in now]
    if out:
        st.error("Dropped out (loss became NaN/inf): " + ", ".join(out), icon="💥")


training.panel("optimizers", "optrace", {"dataset": dataset, "epochs": epochs, "optimizers": names, "lr": lr,
                                         "lr_adaptive": lr_a, **hp}, live_view=race_view,
               button_label="Race on a network")
share.sync()
