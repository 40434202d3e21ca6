"""Activation explorer: what a non-linearity does, what its slope does to deep networks, and a mini lab."""
import streamlit as st

from dlplay import activations as act
from dlplay import deepstack
from dlplay.data import toy
from dlplay.ui import activation_figs as figs
from dlplay.ui import share, training

LAB_ACTIVATIONS = ["relu", "leaky_relu", "tanh", "sigmoid", "elu", "gelu", "silu", "softplus"]
PARAM_KEYS = {f"act_{n}_{p}": v[0] for n, a in act.ACTIVATIONS.items() for p, v in a.params.items()}
PARAM_RANGES = {f"act_{n}_{p}": (v[1], v[2]) for n, a in act.ACTIVATIONS.items() for p, v in a.params.items()}

share.bind({"act_name": "sigmoid", "act_compare": ["tanh", "relu"], "act_span": 6.0, **PARAM_KEYS,
            "ds_depth": 12, "ds_width": 64, "ds_init": "xavier", "ds_bias": 0.0,
            "lab_dataset": "moons", "lab_samples": 400, "lab_noise": 0.15, "lab_act": "tanh", "lab_depth": 2,
            "lab_width": 16, "lab_opt": "adam", "lab_lr": 0.03, "lab_epochs": 40},
           choices={"act_name": list(act.NAMES), "act_compare": list(act.NAMES), "ds_init": list(deepstack.INITS),
                    "ds_width": [16, 32, 64, 128, 256], "lab_dataset": list(toy.NAMES), "lab_act": LAB_ACTIVATIONS,
                    "lab_opt": ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"],
                    "lab_lr": [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]},
           ranges={"act_span": (1.0, 20.0), **PARAM_RANGES, "ds_depth": (2, deepstack.MAX_DEPTH),
                   "ds_bias": (-2.0, 2.0), "lab_samples": (50, 1000), "lab_noise": (0.0, 0.5),
                   "lab_depth": (1, 6), "lab_width": (2, 64), "lab_epochs": (5, 200)})


@st.cache_data(max_entries=64, show_spinner=False)
def stack_report(name, depth, width, init, bias, params):
    return deepstack.run(name, depth, width, init, bias=bias, **dict(params))


@st.cache_data(max_entries=32, show_spinner=False)
def lab_data(name, samples, noise):
    return toy.make(name, samples, noise, seed=0)


st.title("📈 Activation functions")
st.markdown(
    "Without a non-linearity, a stack of layers collapses into one linear map: $W_2(W_1x) = (W_2W_1)x$. "
    "The **activation function** $f$ applied after every layer is what lets a network bend. During training "
    "the gradient flows back through $f'$ at every layer, so the *slope* matters as much as the shape.")

# --- 1. Shape and slope ---------------------------------------------------------------------------
st.header("1 · Shape and slope")
c1, c2, c3 = st.columns([1, 2, 1])
name = c1.selectbox("Activation", act.NAMES, key="act_name", format_func=lambda n: act.ACTIVATIONS[n].label)
compare = c2.multiselect("Compare with", act.NAMES, key="act_compare",
                         format_func=lambda n: act.ACTIVATIONS[n].label)
span = c3.slider("x range ±", 1.0, 20.0, key="act_span", step=0.5)
info = act.ACTIVATIONS[name]
params = {}
for p, (default, lo, hi) in info.params.items():
    params[p] = st.slider(f"{info.label}: {p}", lo, hi, key=f"act_{name}_{p}", step=0.01)

st.plotly_chart(figs.curves(name, params, compare, -span, span), width="stretch", key="act_curves")
f_tex, d_tex = act.latex(name, **params)
l1, l2 = st.columns(2)
l1.latex(f_tex)
l2.latex(d_tex)
lo_r, hi_r = info.output_range
st.markdown(f"**Output range** ({lo_r:.3g}, {hi_r:.3g}) · {info.note} Grey bands: the gradient is exactly 0 "
            "(the unit learns nothing there); orange bands: it is under 0.01 (the unit learns 100x slower).")

# --- 2. Deep stacks --------------------------------------------------------------------------------
st.header("2 · Stack it deep: vanishing and dying gradients")
st.markdown(
    f"Backpropagation multiplies one factor $f'(z)\\,W$ per layer. Here a batch of random inputs goes "
    f"through a stack of **{info.label}** layers and one backward pass comes down. If the factors are below 1 "
    "the gradient shrinks geometrically (**vanishes**); if a ReLU's input is never positive its unit passes "
    "back nothing (**dead**).")
d1, d2, d3, d4 = st.columns(4)
depth = d1.slider("Depth (layers)", 2, deepstack.MAX_DEPTH, key="ds_depth")
width = d2.select_slider("Width", [16, 32, 64, 128, 256], key="ds_width")
init = d3.selectbox("Weight init", list(deepstack.INITS), key="ds_init", format_func=lambda k: deepstack.INITS[k][0])
bias = d4.slider("Bias init", -2.0, 2.0, key="ds_bias", step=0.1)
report = stack_report(name, depth, width, init, bias, tuple(sorted(params.items())))
st.plotly_chart(figs.stack(report), width="stretch", key="act_stack")
verdict = deepstack.diagnosis(report)
(st.success if verdict.startswith("Healthy") else st.warning)(verdict)
with st.expander("Why these inits?"):
    st.markdown(
        "Each init picks the weights' spread so a signal keeps its size from layer to layer: "
        "**Xavier** $\\sigma^2 = 2/(n_{in}+n_{out})$ for tanh/sigmoid, **He** $\\sigma^2 = 2/n_{in}$ for ReLU "
        "(which zeroes half its inputs), **LeCun** $\\sigma^2 = 1/n_{in}$ for SELU. Try sigmoid with Xavier "
        "at depth 20 (vanishes: $\\sigma' \\le 0.25$), ReLU with He and bias -1 (dies), then ReLU with He "
        "and bias 0 (healthy).")

# --- 3. Mini lab -------------------------------------------------------------------------------------
st.header("3 · Mini lab: a small network learns a 2-D pattern")
left, right = st.columns([1, 2])
with left:
    dataset = st.selectbox("Data", toy.NAMES, key="lab_dataset")
    samples = st.slider("Points", 50, 1000, key="lab_samples", step=50)
    noise = st.slider("Noise", 0.0, 0.5, key="lab_noise", step=0.01)
    lab_act = st.selectbox("Activation", LAB_ACTIVATIONS, key="lab_act",
                           format_func=lambda n: act.ACTIVATIONS[n].label)
    depth_l = st.slider("Hidden layers", 1, 6, key="lab_depth")
    width_l = st.slider("Units per layer", 2, 64, key="lab_width")
    opt = st.selectbox("Optimizer", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"],
                       key="lab_opt")
    lr = st.select_slider("Learning rate", [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0], key="lab_lr")
    epochs = st.slider("Epochs", 5, 200, key="lab_epochs", step=5)
points, labels = lab_data(dataset, samples, noise)
xs, _, _ = toy.grid()


def live_view(progress, job):
    record = None
    if job.result is not None and job.result.outcome.history:
        record = job.result.outcome.history[-1]
    elif progress is not None and progress.history:
        record = progress.history[-1]
    if record is None:
        return
    title = f"epoch {record['epoch']}: val. accuracy {record.get('val_acc', 0):.0%}"
    st.plotly_chart(figs.lab(points, labels, record.get("_grid"), xs, title), width="stretch",
                    key="lab_live")
    dead = record.get("_dead", [])
    if any(dead):
        st.warning("Dead units per hidden layer: " + ", ".join(f"layer {i + 1}: {d}/{width_l}"
                                                                for i, d in enumerate(dead)), icon="💀")
    elif dead:
        st.caption("No dead units: every hidden unit still responds to the data.")


with right:
    config = {"dataset": dataset, "samples": samples, "noise": noise, "activation": lab_act, "depth": depth_l,
              "width": width_l, "optimizer": opt, "lr": lr, "epochs": epochs}
    st.caption("Your data (the network's view appears once it trains; the boundary is drawn where "
               "P(class 1) = 0.5). Try ReLU with learning rate 3 and watch units die.")
    training.panel("activations", "mlp", config, live_view=live_view)
    with st.expander("The data", expanded=True):
        st.plotly_chart(figs.lab(points, labels, None, xs, f"{dataset}: {samples} points"),
                        width="stretch", key="lab_data")
training.runs("activations")
share.sync()
