"""Activation explorer: what a non-linearity does, what its slope does to deep networks, and a mini lab."""
import streamlit as st

from dlplay import activations as act
from dlplay import deepstack
from dlplay.data import toy
from dlplay.i18n import _, tr
from dlplay.params.activations import SHAPE, STACK, TABLE, TOY_NAMES
from dlplay.topics import BY_SLUG
from dlplay.ui import activation_figs as figs
from dlplay.ui import params, share, training

params.bind(SHAPE, STACK, TABLE)


@st.cache_data(max_entries=64, show_spinner=False)
def stack_report(name, depth, width, init, bias, fn_params):
    return deepstack.run(name, depth, width, init, bias=bias, **dict(fn_params))


@st.cache_data(max_entries=32, show_spinner=False)
def lab_data(name, samples, noise, seed=0):
    return toy.make(name, samples, noise, seed=seed)


st.title("📈 " + _(BY_SLUG["activations"].title))
st.markdown(_(
    "Without a non-linearity, a stack of layers collapses into one linear map: $W_2(W_1x) = (W_2W_1)x$. "
    "The **activation function** $f$ applied after every layer is what lets a network bend. During training "
    "the gradient flows back through $f'$ at every layer, so the *slope* matters as much as the shape."))

# --- 1. Shape and slope ---------------------------------------------------------------------------
st.header(_("1 · Shape and slope"))
c1, c2, c3 = st.columns([1, 2, 1])
name = params.widget(SHAPE, "name", c1)
compare = params.widget(SHAPE, "compare", c2)
span = params.widget(SHAPE, "span", c3)
info = act.ACTIVATIONS[name]
values = {p: params.widget(SHAPE, f"{name}_{p}") for p in info.params}

st.plotly_chart(figs.curves(name, values, compare, -span, span), width="stretch", key="act_curves")
f_tex, d_tex = act.latex(name, **values)
l1, l2 = st.columns(2)
l1.latex(f_tex)
l2.latex(d_tex)
st.markdown(_("**Output range** {range} · {note} Grey bands: the gradient is exactly 0 (the unit learns nothing "
              "there); orange bands: it is under 0.01 (the unit learns 100x slower).").format(
    range=f"${act.output_range(name, **values).latex()}$", note=_(info.note)))

# --- 2. Deep stacks --------------------------------------------------------------------------------
st.header(_("2 · Stack it deep: vanishing and dying gradients"))
st.markdown(_(
    "Backpropagation multiplies one factor $f'(z)\\,W$ per layer. Here a batch of random inputs goes "
    "through a stack of **{activation}** layers and one backward pass comes down. If the factors are below 1 "
    "the gradient shrinks geometrically (**vanishes**); if a ReLU's input is never positive its unit passes "
    "back nothing (**dead**).").format(activation=_(info.label)))
d1, d2, d3, d4 = st.columns(4)
depth, width, init, bias = (params.widget(STACK, key, column)
                            for key, column in zip(("depth", "width", "init", "bias"), (d1, d2, d3, d4)))
report = stack_report(name, depth, width, init, bias, tuple(sorted(values.items())))
st.plotly_chart(figs.stack(report), width="stretch", key="act_stack")
verdict = deepstack.diagnosis(report)
(st.success if verdict.startswith("Healthy") else st.warning)(tr(verdict))
with st.expander(_("Why these inits?")):
    st.markdown(_(
        "Each init picks the weights' spread so a signal keeps its size from layer to layer: "
        "**Xavier** $\\sigma^2 = 2/(n_{in}+n_{out})$ for tanh/sigmoid, **He** $\\sigma^2 = 2/n_{in}$ for ReLU "
        "(which zeroes half its inputs), **LeCun** $\\sigma^2 = 1/n_{in}$ for SELU. Try sigmoid with Xavier "
        "at depth 20 (vanishes: $\\sigma' \\le 0.25$), ReLU with He and bias -1 (dies), then ReLU with He "
        "and bias 0 (healthy)."))

# --- 3. Mini lab -------------------------------------------------------------------------------------
st.header(_("3 · Mini lab: a small network learns a 2-D pattern"))
left, right = st.columns([1, 2])
with left:
    for p in TABLE:
        params.widget(TABLE, p.key)
config = params.values(TABLE)
points, labels = lab_data(config["dataset"], config["samples"], config["noise"])
xs = toy.grid()[0]


def live_view(progress, job):
    record = None
    if job.result is not None and job.result.outcome.history:
        record = job.result.outcome.history[-1]
    elif progress is not None and progress.history:
        record = progress.history[-1]
    if record is None:
        return
    title = _("epoch {epoch}: validation accuracy {accuracy:.0%}").format(epoch=record["epoch"],
                                                                          accuracy=record.get("val_acc", 0))
    # The run's own points: the sliders may have moved since it started.
    run_points, run_labels = lab_data(*record["_data"]) if "_data" in record else (points, labels)
    st.plotly_chart(figs.lab(run_points, run_labels, record.get("_grid"), xs, title), width="stretch",
                    key="lab_live")
    dead = record.get("_dead", [])
    if any(dead):
        units = record.get("_width", config["width"])
        layers = _(", ").join(_("layer {layer}: {dead} of {units}").format(layer=i + 1, dead=d, units=units)
                              for i, d in enumerate(dead))
        st.warning(_("Dead units per hidden layer: {layers}").format(layers=layers), icon="💀")
    elif dead:
        st.caption(_("No dead units: every hidden unit still responds to the data."))


with right:
    st.caption(_("Your data (the network's view appears once it trains; the boundary is drawn where "
                 "P(class 1) = 0.5). Try ReLU with learning rate 3 and watch units die."))
    training.panel("activations", "mlp", config, live_view=live_view)
    with st.expander(_("The data"), expanded=True):
        title = _("{dataset}: {samples} points").format(dataset=_(TOY_NAMES[config["dataset"]]),
                                                         samples=config["samples"])
        st.plotly_chart(figs.lab(points, labels, None, xs, title), width="stretch", key="lab_data")
training.runs("activations")
share.sync()
