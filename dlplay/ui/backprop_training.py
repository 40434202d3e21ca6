"""Section 5 of the backprop page: full-batch gradient descent on a logic gate or two moons, step buttons,
the decision boundary and the loss and accuracy so far."""
from __future__ import annotations

import streamlit as st

from dlplay import backprop as bp
from dlplay import backprop_steps as steps
from dlplay.data import toy
from dlplay.i18n import N_, _, tr
from dlplay.params.backprop import DATASET_NAMES
from dlplay.ui import activation_figs
from dlplay.ui import backprop_figs as figs
from dlplay.ui.backprop_layout import chart, default, section, setting

LAB = "_bp_train"  # the step buttons' state: the run's weights, loss and accuracy so far
TRAIN_STEPS = (1, 10, 100)


def network_settings():
    """The data set and the network that learns it, from the widgets of the left column."""
    data = setting("train_data")
    points = setting("train_points")
    hidden = setting("train_hidden")
    units = setting("train_units") if hidden else default("train_units")
    activation = setting("train_act") if hidden else "tanh"
    lr = setting("train_lr")
    seed = setting("train_seed")
    return data, points, [2] + [units] * hidden + [1], activation, lr, seed


def verdict(lab: steps.Lab, data: str, hidden: int) -> None:
    """Why the run stopped, why it cannot succeed, or that it did."""
    if lab.problem:
        st.error(tr(lab.problem), icon="💥")
    elif hidden == 0 and data in ("xor", "moons") and lab.steps >= 50:
        st.info(_("After {steps} steps the accuracy is {accuracy}: with no hidden layer the boundary is one "
                  "straight line, and no line separates these classes. Add a hidden layer and train again.").format(
            steps=lab.steps, accuracy=f"{lab.accuracy[-1]:.0%}"), icon="📏")
    elif lab.accuracy[-1] == 1.0:
        st.success(_("Every point is on the right side after {steps} steps.").format(steps=lab.steps))


@section(N_("5 · Train it"), N_(
    "Training repeats **forward, backward, update** over a whole data set: here a network with one sigmoid output "
    "and binary cross-entropy, every step on all points at once (full-batch gradient descent). A network with "
    "**no hidden layer** can only draw one straight line as its **decision boundary**: enough for AND and OR, "
    "never for XOR. One hidden layer bends the boundary."))
def training():
    left, middle, right = st.columns([1, 2, 1.4])
    with left:
        data, points, sizes, activation, lr, seed = network_settings()
    xs, ys = steps.lab_data(data, points, seed)
    key = (data, points, tuple(sizes), activation, seed)

    def restart():
        st.session_state[LAB] = steps.Lab(key, bp.init(sizes, seed), xs, ys, activation)

    if st.session_state.get(LAB) is None or st.session_state[LAB].key != key:
        restart()
    lab = st.session_state[LAB]

    grid_xs, _grid_ys, grid = toy.grid()
    title = (_("{data} after 1 step: loss {loss}, accuracy {accuracy}") if lab.steps == 1 else
             _("{data} after {steps} steps: loss {loss}, accuracy {accuracy}")).format(
        data=_(DATASET_NAMES[data]), steps=lab.steps, loss=figs.label(lab.losses[-1], 3),
        accuracy=f"{lab.accuracy[-1]:.0%}")
    chart(activation_figs.lab(xs, ys, lab.probabilities(grid), grid_xs, title), "bp_boundary", middle)
    chart(figs.history(lab.losses, lab.accuracy), "bp_history", right)
    *step_cols, again = middle.columns(len(TRAIN_STEPS) + 1)
    for k, col in zip(TRAIN_STEPS, step_cols):
        col.button(_("+1 step") if k == 1 else _("+{n} steps").format(n=k), key=f"bp_train_{k}", width="stretch",
                   disabled=bool(lab.problem), on_click=lab.train, args=(k, lr))
    again.button(_("Start again"), key="bp_train_reset", width="stretch", on_click=restart)
    with middle:
        verdict(lab, data, len(sizes) - 2)
