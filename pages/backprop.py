"""Neurons and backpropagation: one neuron, the chain rule on a graph, a small network stepped forward
and backward by hand, what each loss sends back, and gradient descent on tiny data sets."""
import numpy as np
import streamlit as st

from dlplay import activations as act
from dlplay import backprop as bp
from dlplay import backprop_steps as steps
from dlplay import chain_rule as cr
from dlplay import expression_graph as eg
from dlplay.data import toy
from dlplay.i18n import _, tr
from dlplay.params.backprop import DATASET_NAMES, LOSS_SHORT, TABLE
from dlplay.topics import BY_SLUG
from dlplay.ui import activation_figs
from dlplay.ui import backprop_figs as figs
from dlplay.ui import language, share
from dlplay.ui.params import bind, widget

PICK = "bp_net_pick"  # which weight's gradient is written out (page-only, but kept in the link)
bind(TABLE, extra={PICK: "w,1,1,1"})

NET, LAB = "_bp_net", "_bp_train"  # the step buttons' state: weights and how far each pass is shown
SLOWDOWN_STEPS, SLOWDOWN_LR = 60, 1.0
TRAIN_STEPS = (1, 10, 100)
PLOT_CONFIG = {"displayModeBar": False}  # on a phone the tool bar covers the titles


def fn_name(name: str) -> str:
    return {"sigmoid": r"\sigma", "tanh": r"\tanh"}.get(name, rf"\mathrm{{{act.ACTIVATIONS[name].label}}}")


st.title("🔗 " + _(BY_SLUG["backprop"].title))
st.markdown(_(
    "A network is many small units, **neurons**, that each compute a weighted sum and bend it. Training asks one "
    "question for every weight: *if I nudge this weight, how does the loss change?* **Backpropagation** answers it "
    "for all weights at once with the chain rule, from the loss back to the inputs; **gradient descent** then "
    "moves every weight a little downhill, by a step the **learning rate** sets. This page builds that up in five "
    "steps, with every number shown."))

# --- 1. One neuron ---------------------------------------------------------------------------------
@st.fragment
def neuron():
    st.header(_("1 · One neuron"))
    st.markdown(_(
        "A neuron multiplies each input by a **weight**, adds a **bias** and passes the sum $z$ through an "
        "**activation function** $f$:  $z = w_1x_1 + w_2x_2 + b$,  $a = f(z)$. With two inputs, $z = 0$ is a "
        "straight line across the input plane: on one side the neuron is on, on the other it is off."))
    left, right = st.columns([1, 2])
    with left:
        n = {k: widget(TABLE, f"neuron_{k}") for k in ("x1", "x2", "w1", "w2", "b", "act")}
    z = n["w1"] * n["x1"] + n["w2"] * n["x2"] + n["b"]
    a = float(act.evaluate(n["act"], z)[0])
    with right:
        l1, l2 = st.columns(2)
        l1.latex(cr.equation("z", "w_1x_1 + w_2x_2 + b", rf"{cr.factor(n['w1'])} \cdot {cr.factor(n['x1'])} + "
                             rf"{cr.factor(n['w2'])} \cdot {cr.factor(n['x2'])} + {cr.factor(n['b'])}", cr.num(z)))
        l2.latex(cr.equation("a", "f(z)", rf"{fn_name(n['act'])}({cr.num(z)}) = {cr.num(a)}"))
        st.latex(act.latex(n["act"], variable="z")[0])
        st.plotly_chart(figs.neuron_plane(n["w1"], n["w2"], n["b"], n["act"], n["x1"], n["x2"]), width="stretch",
                        key="bp_neuron_plane", config=PLOT_CONFIG)
        st.caption(_("The four circles are the input pairs of a logic gate (−1 = false, +1 = true), filled where "
                     "AND is true. Try $w_1 = w_2 = 1$, $b = -1$: only (+1, +1) lies on the on side, so the neuron "
                     "computes AND; $b = +1$ makes it OR. No straight line puts XOR's two true corners on one side: "
                     "section 5 shows what that costs."))
    share.sync()  # a fragment's own rerun writes its settings into the link too


# --- 2. The chain rule on a graph -------------------------------------------------------------------
@st.fragment
def expression():
    st.header(_("2 · The chain rule on a graph"))
    st.markdown(_(
        "Before networks, one expression: $f = (a\\cdot b + c)\\cdot\\tanh(d)$, computed in small steps "
        "$m = a\\cdot b$, $s = m + c$, $t = \\tanh(d)$, $f = s\\cdot t$. The **forward pass** computes every node's "
        "value from the inputs up. The **backward pass** starts with $\\partial f/\\partial f = 1$ and walks back: "
        "each node's gradient is the gradient above it times the **local derivative** on the edge between them "
        "(summed when a node feeds several others). That is the whole of backpropagation."))
    cols = st.columns(4)
    inputs = [widget(TABLE, f"expr_{k}", c) for k, c in zip(eg.INPUTS, cols)]
    graph = eg.example(*inputs)
    backward = st.toggle(_("Show the backward pass (gradients)"), value=True, key="bp_expr_backward")
    st.graphviz_chart(figs.expression_dot(graph, eg.OUTPUT, backward), width="stretch")
    if backward:
        cols = st.columns(2)
        for k, name in enumerate(eg.INPUTS):
            cols[k // 2].latex(cr.expression_lines(graph, eg.OUTPUT, name))
        st.caption(_("Read one line from left to right: the gradient at $f$ (1) times each local derivative on the "
                     "way down to the input. The same products label the edges above."))
    share.sync()  # a fragment's own rerun writes its settings into the link too


# --- 3. A small network, forward and backward --------------------------------------------------------
@st.fragment
def network():
    st.header(_("3 · A small network, forward and backward"))
    st.markdown(_(
        "Stack neurons in layers; the layers between the inputs and the output are **hidden layers**. Layer $l$ "
        "computes $z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$ and $a^{(l)} = f(z^{(l)})$, starting from $a^{(0)} = x$; "
        "the last layer's output $\\hat y$ is scored by a loss $L$ (mean squared error or cross-entropy, see section "
        "4). Backpropagation sends the **error signal** $\\delta^{(l)} = \\partial L/\\partial z^{(l)}$ down one "
        "layer at a time, and each weight's gradient is its error signal times what flowed into it:"))
    for col, formula in zip(st.columns(3), (r"\delta^{(l)} = f'(z^{(l)}) \odot W^{(l+1)\top}\delta^{(l+1)}",
                                            r"\frac{\partial L}{\partial W^{(l)}} = \delta^{(l)}\, a^{(l-1)\top}",
                                            r"w \leftarrow w - \text{lr}\cdot\frac{\partial L}{\partial w}")):
        col.latex(formula)
    with st.expander(_("Network and example"), expanded=True):
        c = st.columns(5)
        hidden, units, outputs = (widget(TABLE, f"net_{k}", col) for k, col in zip(("hidden", "units", "outputs"), c))
        net_act = widget(TABLE, "net_act", c[3])
        net_loss = widget(TABLE, "net_loss", c[4])
        c = st.columns(5)
        x_net = np.array([[widget(TABLE, "net_x1", c[0]), widget(TABLE, "net_x2", c[1])]])
        if net_loss == "ce":
            outputs = 2
            y_net = np.array([widget(TABLE, "net_class", c[2]) - 1])
            c[3].caption(_("Cross-entropy compares a softmax over the outputs with a class: the network has 2 "
                           "outputs."))
        else:
            y_net = np.array([[widget(TABLE, f"net_y{k + 1}", c[2 + k]) for k in range(outputs)]])
        c = st.columns(3)
        lr = widget(TABLE, "net_lr", c[0])
        scale = widget(TABLE, "net_scale", c[1])
        seed = widget(TABLE, "net_seed", c[2])

    sizes = [2] + [units] * hidden + [outputs]
    key = (tuple(sizes), net_act, net_loss, scale, seed)

    def restart():
        st.session_state[NET] = steps.Walkthrough(key, bp.init(sizes, seed, scale))

    if st.session_state.get(NET) is None or st.session_state[NET].key != key:
        restart()
    walk = st.session_state[NET]

    # Callbacks change the state before the page is drawn, so every button shows the state it leads to.
    b1, b2, b3, b4 = st.columns(4)
    b1.button(_("Forward ▶ one layer"), key="bp_forward", width="stretch", on_click=walk.step_forward,
              disabled=walk.forward >= walk.depth)
    b2.button(_("Backward ◀ one layer"), key="bp_backward", width="stretch", on_click=walk.step_backward,
              disabled=walk.forward < walk.depth or walk.backward >= walk.depth)
    b3.button(_("Update: w ← w − {lr}·∂L/∂w").format(lr=f"{lr:g}"), key="bp_update", type="primary",
              width="stretch", on_click=walk.update, args=(x_net, y_net, net_act, net_loss, lr))
    b4.button(_("Reset weights"), key="bp_reset", width="stretch", on_click=restart)

    t = bp.trace(walk.layers, x_net, y_net, net_act, net_loss)
    st.markdown(walk.status())
    if walk.problem:
        st.error(tr(walk.problem), icon="💥")
    elif not t.finite:
        st.error(_("These weights overflow already: the loss or a gradient is not a finite number. Lower the "
                   "weight scale."), icon="💥")
    options = steps.weight_codes(walk.layers)
    if st.session_state.get(PICK) not in options:
        st.session_state[PICK] = options[0]

    def pick_label(code: str) -> str:
        l, i, j = steps.parse_code(code)
        to = figs.unit_name(l + 1, i, walk.depth, outputs)
        if j is None:
            return _("bias of {unit}").format(unit=to)
        return _("weight {source} → {target}").format(source=figs.unit_name(l, j, walk.depth, outputs), target=to)

    graph_slot = st.container()  # drawn once the weight to highlight is picked below it
    m1, m2, m3 = st.columns([1, 2, 2])
    language.keep_choice(PICK)
    code = m2.selectbox(_("Pick a weight (orange): its gradient by the chain rule is written out below"), options,
                        key=PICK, format_func=pick_label)
    pick = steps.parse_code(code)
    graph_slot.graphviz_chart(figs.network_dot(walk.layers, t, walk.forward, walk.backward, pick,
                                               _(LOSS_SHORT[net_loss])),
                              width="stretch")
    graph_slot.caption(_("Each box shows a unit's output $a$, its input $z$, its bias $b$ and, once the backward "
                         "pass has reached it, its error signal $\\delta$. On a small screen, open the picture full "
                         "screen (the ⤢ button beside it) to read the numbers."))
    if walk.last is not None:
        before, after = walk.last
        m1.metric(_("Loss after update {n}").format(n=walk.updates), figs.label(after, 4),
                  delta=_("{change} (was {before})").format(change=f"{after - before:+.4g}", before=f"{before:.4g}"),
                  delta_color="inverse")
    else:
        m1.metric(_("Loss"), figs.label(t.loss, 4) if walk.forward >= walk.depth else "?")
    fd = bp.finite_difference(walk.layers, x_net, y_net, net_act, net_loss, *pick)
    exact = t.grads[pick[0]][1][pick[1]] if pick[2] is None else t.grads[pick[0]][0][pick[1], pick[2]]
    m3.markdown(_("Backpropagation says **{exact}**; finite differences {formula} say **{estimate}**.").format(
        exact=figs.label(exact, 6), estimate=figs.label(fd, 6),
        formula=r"$\frac{L(w+\varepsilon) - L(w-\varepsilon)}{2\varepsilon}$"))
    if np.isfinite(exact) and np.isfinite(fd):
        gap = abs(exact - fd)
        if gap <= 1e-4 * max(1.0, abs(exact), abs(fd)):
            why = _("They differ by {difference}: nudging the weight by ε = 10⁻⁶ and measuring the loss agrees "
                    "with the chain rule.")
        elif net_loss == "bce" and np.any(bp.bce_clamped(t.output)):
            why = _("They differ by {difference}: the output is saturated, and there, like torch, binary "
                    "cross-entropy sends back less than the true slope of the loss (the last line below says how).")
        else:
            why = _("They differ by {difference}: with numbers this large, or at a kink of the activation, a nudge "
                    "of ε = 10⁻⁶ no longer measures the slope well.")
        m3.caption(why.format(difference=f"{gap:.1e}"))
    for line in cr.weight_lines(t, walk.layers, y_net, net_loss, *pick):
        st.latex(line)
    share.sync()  # a fragment's own rerun writes its settings into the link too


# --- 4. Loss functions --------------------------------------------------------------------------------
@st.fragment
def losses():
    st.header(_("4 · What the loss sends back"))
    st.markdown(_(
        "The loss turns the output into one number to push down, and its derivative is the first error signal "
        "$\\delta^{(L)}$ every other gradient is built from."))
    for col, (name, formula) in zip(st.columns(3), (
            (_("Mean squared error, output $\\hat y = z$"), r"L = \tfrac1K\textstyle\sum_k(\hat y_k - y_k)^2"),
            (_("Binary cross-entropy, output $p = \\sigma(z)$"), r"L = -\,[\,y\log p + (1-y)\log(1-p)\,]"),
            (_("Cross-entropy, output $p = \\mathrm{softmax}(z)$"), r"L = -\log p_y"))):
        col.markdown(f"**{name}**")
        col.latex(formula)
    st.markdown(_(
        "For a yes/no output $p = \\sigma(z)$, squared error and cross-entropy send back very different signals. "
        "Squared error's gradient passes through the sigmoid's slope: "
        "$\\partial L/\\partial z = 2(p-y)\\,\\sigma'(z)$, and $\\sigma'(z)$ is almost 0 when the neuron is "
        "**confidently wrong**. Cross-entropy's log cancels that slope: $\\partial L/\\partial z = p - y$, largest "
        "exactly when the prediction is most wrong."))
    c1, c2 = st.columns([1, 3])
    target = widget(TABLE, "loss_target", c1)
    z_out = widget(TABLE, "loss_z", c1)
    p_out = 1 / (1 + np.exp(-z_out))
    grad_mse, grad_bce = (steps.output_gradient(z_out, target, k) for k in ("sigmoid_mse", "bce"))
    c2.plotly_chart(figs.loss_curves(target, z_out), width="stretch", key="bp_loss_curves", config=PLOT_CONFIG)
    ratio = abs(grad_bce) / abs(grad_mse) if grad_mse else float("inf")
    c1.markdown(_("At $z = {z}$ the prediction is $p = {p}$. Gradient reaching the last layer:").format(
        z=f"{z_out:g}", p=cr.num(p_out)))
    c1.markdown(_("- squared error: **{mse}**\n- cross-entropy: **{ce}**").format(mse=figs.label(grad_mse, 3),
                                                                                   ce=figs.label(grad_bce, 3)))
    if np.isfinite(ratio) and ratio > 1.5:
        c1.markdown(_("Cross-entropy pushes **{ratio}×** harder here.").format(ratio=f"{ratio:.3g}"))

    outs = steps.confidently_wrong(z_out, target, SLOWDOWN_STEPS, SLOWDOWN_LR)
    s1, s2 = st.columns([3, 2])
    s1.plotly_chart(figs.slowdown(outs, target), width="stretch", key="bp_slowdown", config=PLOT_CONFIG)
    lines = [_("**Training that one output neuron** (input 1, weight and bias starting so that $z = {z}$, learning "
               "rate {lr}):").format(z=f"{z_out:g}", lr=f"{SLOWDOWN_LR:g}")]
    for k, o in outs.items():
        near = np.flatnonzero(np.abs(o - target) < 0.2)
        if near.size:
            line = _("With {loss}, the prediction is within 0.2 of the target after {steps} steps.")
        else:
            line = _("With {loss}, the prediction is still {gap} away after {steps} steps.")
        lines.append("- " + line.format(loss=_(figs.LOSS_WORDS[k]), steps=near[0] if near.size else SLOWDOWN_STEPS,
                                        gap=f"{abs(o[-1] - target):.2f}"))
    s2.markdown("\n".join(lines) + "\n\n" + _("Move $z$ far to the wrong side and watch squared error stall on the "
                                               "flat tail of the sigmoid."))

    st.subheader(_("Cross-entropy over several classes"))
    c = st.columns(4)
    logits = np.array([widget(TABLE, f"ce_z{k}", col) for k, col in zip((1, 2, 3), c)])
    cls = widget(TABLE, "ce_class", c[3]) - 1
    # one layer with W = I and b = 0 passes the logits through, so dL/db is exactly dL/dz
    ce_loss, ((_dw, ce_delta),) = bp.forward_backward([(np.eye(3), np.zeros(3))], logits[None, :], np.array([cls]),
                                                    loss="ce")
    probs = bp.head(logits[None, :], "ce")[0]
    l1, l2, l3 = st.columns(3)
    l1.latex(rf"p = \mathrm{{softmax}}(z) = {cr.vec(probs)}")
    l2.latex(rf"L = -\log p_{{{cls + 1}}} = {cr.num(ce_loss)}")
    l3.latex(rf"\frac{{\partial L}}{{\partial z}} = p - \text{{onehot}}({cls + 1}) = {cr.vec(ce_delta)}")
    st.plotly_chart(figs.softmax_bars(probs, ce_delta, cls), width="stretch", key="bp_softmax", config=PLOT_CONFIG)
    st.caption(_("Every wrong class's logit is pushed down by its probability; the true class's is pushed up by how "
                 "much probability is still missing. The gradients always sum to 0."))
    share.sync()  # a fragment's own rerun writes its settings into the link too


# --- 5. Train it --------------------------------------------------------------------------------------
@st.fragment
def training():
    st.header(_("5 · Train it"))
    st.markdown(_(
        "Training repeats **forward, backward, update** over a whole data set: here a network with one sigmoid output "
        "and binary cross-entropy, every step on all points at once (full-batch gradient descent). A network with "
        "**no hidden layer** can only draw one straight line as its **decision boundary**: enough for AND and OR, "
        "never for XOR. One hidden layer bends the boundary."))
    left, middle, right = st.columns([1, 2, 1.4])
    with left:
        data = widget(TABLE, "train_data")
        points = widget(TABLE, "train_points")
        t_hidden = widget(TABLE, "train_hidden")
        t_units = widget(TABLE, "train_units") if t_hidden else TABLE["train_units"].value()
        t_act = widget(TABLE, "train_act") if t_hidden else "tanh"
        t_lr = widget(TABLE, "train_lr")
        t_seed = widget(TABLE, "train_seed")
    xs, ys = steps.lab_data(data, points, t_seed)
    t_sizes = [2] + [t_units] * t_hidden + [1]
    key = (data, points, tuple(t_sizes), t_act, t_seed)

    def restart():
        st.session_state[LAB] = steps.Lab(key, bp.init(t_sizes, t_seed), xs, ys, t_act)

    if st.session_state.get(LAB) is None or st.session_state[LAB].key != key:
        restart()
    lab = st.session_state[LAB]

    grid_xs, _grid_ys, grid = toy.grid()
    title = (_("{data} after 1 step: loss {loss}, accuracy {accuracy}") if lab.steps == 1 else
             _("{data} after {steps} steps: loss {loss}, accuracy {accuracy}")).format(
        data=_(DATASET_NAMES[data]), steps=lab.steps, loss=figs.label(lab.losses[-1], 3),
        accuracy=f"{lab.accuracy[-1]:.0%}")
    middle.plotly_chart(activation_figs.lab(xs, ys, lab.probabilities(grid), grid_xs, title), width="stretch",
                        key="bp_boundary", config=PLOT_CONFIG)
    right.plotly_chart(figs.history(lab.losses, lab.accuracy), width="stretch", key="bp_history", config=PLOT_CONFIG)
    *step_cols, again = middle.columns(len(TRAIN_STEPS) + 1)
    for k, col in zip(TRAIN_STEPS, step_cols):
        col.button(_("+1 step") if k == 1 else _("+{n} steps").format(n=k), key=f"bp_train_{k}", width="stretch",
                   disabled=bool(lab.problem), on_click=lab.train, args=(k, t_lr))
    again.button(_("Start again"), key="bp_train_reset", width="stretch", on_click=restart)
    with middle:
        if lab.problem:
            st.error(tr(lab.problem), icon="💥")
        elif t_hidden == 0 and data in ("xor", "moons") and lab.steps >= 50:
            st.info(_("After {steps} steps the accuracy is {accuracy}: with no hidden layer the boundary is one "
                      "straight line, and no line separates these classes. Add a hidden layer and train again.").format(
                steps=lab.steps, accuracy=f"{lab.accuracy[-1]:.0%}"), icon="📏")
        elif lab.accuracy[-1] == 1.0:
            st.success(_("Every point is on the right side after {steps} steps.").format(steps=lab.steps))
    share.sync()  # a fragment's own rerun writes its settings into the link too


neuron()
expression()
network()
losses()
training()
