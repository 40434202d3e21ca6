"""Section 3 of the backprop page: a small network the learner steps forward and backward one layer at a
time, updates, and whose picked weight's gradient is written out by the chain rule and checked against
finite differences."""
from __future__ import annotations

import numpy as np
import streamlit as st

from dlplay import backprop as bp
from dlplay import backprop_steps as steps
from dlplay import chain_rule as cr
from dlplay.i18n import N_, _, tr
from dlplay.params.backprop import LOSS_SHORT
from dlplay.ui import backprop_figs as figs
from dlplay.ui import language
from dlplay.ui.backprop_layout import graph_box, section, setting

PICK, FIRST_PICK = "bp_net_pick", "w,1,1,1"  # which weight's gradient is written out (kept in the link)
NET = "_bp_net"  # the step buttons' state: weights and how far each pass is shown
RULES = (r"\delta^{(l)} = f'(z^{(l)}) \odot W^{(l+1)\top}\delta^{(l+1)}",
         r"\frac{\partial L}{\partial W^{(l)}} = \delta^{(l)}\, a^{(l-1)\top}",
         r"w \leftarrow w - \text{lr}\cdot\frac{\partial L}{\partial w}")
CHECK_SAYS = {  # steps.gradient_check's verdict, in words
    "agree": N_("They differ by {difference}: nudging the weight by ε = 10⁻⁶ and measuring the loss agrees with "
                "the chain rule."),
    "saturated": N_("They differ by {difference}: the output is saturated, and there, like torch, binary "
                    "cross-entropy sends back less than the true slope of the loss (the last line below says how)."),
    "coarse": N_("They differ by {difference}: with numbers this large, or at a kink of the activation, a nudge "
                 "of ε = 10⁻⁶ no longer measures the slope well."),
}


def example_settings():
    """The network's shape and the example it learns, from the widgets in the expander."""
    with st.expander(_("Network and example"), expanded=True):
        c = st.columns(5)
        hidden, units, outputs = (setting(f"net_{k}", col) for k, col in zip(("hidden", "units", "outputs"), c))
        net_act = setting("net_act", c[3])
        net_loss = setting("net_loss", c[4])
        c = st.columns(5)
        x = np.array([[setting("net_x1", c[0]), setting("net_x2", c[1])]])
        if net_loss == "ce":
            outputs = 2
            y = np.array([setting("net_class", c[2]) - 1])
            c[3].caption(_("Cross-entropy compares a softmax over the outputs with a class: the network has 2 "
                           "outputs."))
        else:
            y = np.array([[setting(f"net_y{k + 1}", c[2 + k]) for k in range(outputs)]])
        c = st.columns(3)
        lr, scale, seed = (setting(f"net_{k}", col) for k, col in zip(("lr", "scale", "seed"), c))
    return [2] + [units] * hidden + [outputs], net_act, net_loss, x, y, lr, scale, seed


def step_buttons(walk: steps.Walkthrough, x, y, activation: str, loss: str, lr: float, restart) -> None:
    # Callbacks change the state before the page is drawn, so every button shows the state it leads to.
    b1, b2, b3, b4 = st.columns(4)
    b1.button(_("Forward ▶ one layer"), key="bp_forward", width="stretch", on_click=walk.step_forward,
              disabled=walk.forward >= walk.depth)
    b2.button(_("Backward ◀ one layer"), key="bp_backward", width="stretch", on_click=walk.step_backward,
              disabled=walk.forward < walk.depth or walk.backward >= walk.depth)
    b3.button(_("Update: w ← w − {lr}·∂L/∂w").format(lr=f"{lr:g}"), key="bp_update", type="primary",
              width="stretch", on_click=walk.update, args=(x, y, activation, loss, lr))
    b4.button(_("Reset weights"), key="bp_reset", width="stretch", on_click=restart)


def loss_metric(where, walk: steps.Walkthrough, t: bp.Trace) -> None:
    if walk.last is not None:
        before, after = walk.last
        where.metric(_("Loss after update {n}").format(n=walk.updates), figs.label(after, 4),
                     delta=_("{change} (was {before})").format(change=f"{after - before:+.4g}",
                                                             before=f"{before:.4g}"),
                     delta_color="inverse")
    else:
        where.metric(_("Loss"), figs.label(t.loss, 4) if walk.forward >= walk.depth else "?")


def gradient_check(where, walk: steps.Walkthrough, t: bp.Trace, x, y, activation: str, loss: str, pick) -> None:
    """Backpropagation's number for the picked weight beside the finite-difference estimate, and why they differ."""
    exact = steps.picked_gradient(t, *pick)
    estimate = bp.finite_difference(walk.layers, x, y, activation, loss, *pick)
    where.markdown(_("Backpropagation says **{exact}**; finite differences {formula} say **{estimate}**.").format(
        exact=figs.label(exact, 6), estimate=figs.label(estimate, 6),
        formula=r"$\frac{L(w+\varepsilon) - L(w-\varepsilon)}{2\varepsilon}$"))
    verdict = steps.gradient_check(exact, estimate, loss, t.output)
    if verdict:
        where.caption(_(CHECK_SAYS[verdict]).format(difference=f"{abs(exact - estimate):.1e}"))


@section(N_("3 · A small network, forward and backward"), N_(
    "Stack neurons in layers; the layers between the inputs and the output are **hidden layers**. Layer $l$ "
    "computes $z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$ and $a^{(l)} = f(z^{(l)})$, starting from $a^{(0)} = x$; "
    "the last layer's output $\\hat y$ is scored by a loss $L$ (mean squared error or cross-entropy, see section "
    "4). Backpropagation sends the **error signal** $\\delta^{(l)} = \\partial L/\\partial z^{(l)}$ down one "
    "layer at a time, and each weight's gradient is its error signal times what flowed into it:"))
def network():
    for col, formula in zip(st.columns(3), RULES):
        col.latex(formula)
    sizes, activation, loss, x, y, lr, scale, seed = example_settings()
    key = (tuple(sizes), activation, loss, scale, seed)

    def restart():
        st.session_state[NET] = steps.Walkthrough(key, bp.init(sizes, seed, scale))

    if st.session_state.get(NET) is None or st.session_state[NET].key != key:
        restart()
    walk = st.session_state[NET]
    step_buttons(walk, x, y, activation, loss, lr, restart)

    t = bp.trace(walk.layers, x, y, activation, loss)
    st.markdown(walk.status())
    if walk.problem:
        st.error(tr(walk.problem), icon="💥")
    elif not t.finite:
        st.error(_("These weights overflow already: the loss or a gradient is not a finite number. Lower the "
                   "weight scale."), icon="💥")
    options = steps.weight_codes(walk.layers)
    if st.session_state.get(PICK) not in options:
        st.session_state[PICK] = options[0]
    outputs = sizes[-1]

    def pick_label(code: str) -> str:
        l, i, j = steps.parse_code(code)
        to = figs.unit_name(l + 1, i, walk.depth, outputs)
        if j is None:
            return _("bias of {unit}").format(unit=to)
        return _("weight {source} → {target}").format(source=figs.unit_name(l, j, walk.depth, outputs), target=to)

    graph_slot = graph_box("network")  # drawn once the weight to highlight is picked below it
    m1, m2, m3 = st.columns([1, 2, 2])
    language.keep_choice(PICK)
    pick = steps.parse_code(m2.selectbox(_("Pick a weight (orange): its gradient by the chain rule is written out "
                                           "below"), options, key=PICK, format_func=pick_label))
    graph_slot.graphviz_chart(figs.network_dot(walk.layers, t, walk.forward, walk.backward, pick, _(LOSS_SHORT[loss])),
                              width="stretch")
    graph_slot.caption(_("Each box shows a unit's output $a$, its input $z$, its bias $b$ and, once the backward "
                         "pass has reached it, its error signal $\\delta$. On a small screen, slide the picture "
                         "sideways, or open it full screen (the ⤢ button beside it)."))
    loss_metric(m1, walk, t)
    gradient_check(m3, walk, t, x, y, activation, loss, pick)
    for line in cr.weight_lines(t, walk.layers, y, loss, *pick):
        st.latex(line)
