"""The surface explorer's knobs on the optimizer page: the surface with its formula, the optimizers to race,
their learning rates, steps, noise and the rarer hyper-parameters; a click on the map moves the start."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dlplay import optimizers as opt
from dlplay.i18n import _
from dlplay.params.optimizers import EXPLORER
from dlplay.ui import params


@dataclass(frozen=True)
class RaceSetup:
    """What the race on the surface is run with."""
    surface: opt.Surface
    names: list[str]
    lr: float  # SGD, momentum, Nesterov
    lr_adaptive: float  # Adagrad, RMSprop, Adam(W)
    steps: int
    noise: float
    hp: dict  # the rarer hyper-parameters: betas, eps, weight decay
    start: tuple[float, float]

    def hyper_parameters(self, name: str) -> tuple:
        """`name`'s hyper-parameters as a hashable key for the race's cache."""
        return tuple(sorted({**self.hp, "lr": self.lr_adaptive if name in opt.ADAPTIVE else self.lr}.items()))


def surface_defaults() -> None:
    """A link that names a surface but not its start or learning rates gets that surface's own.
    Call before the explorer's table is bound to the URL."""
    name = st.query_params.get("opt_surface")
    if "opt_surface" in st.session_state or name not in opt.SURFACES:
        return
    s = opt.SURFACES[name]
    for key, value in (("opt_x0", s.start[0]), ("opt_y0", s.start[1]), ("opt_lr", s.lr[0]),
                       ("opt_lr_adaptive", s.lr[1])):
        if key not in st.query_params:
            st.session_state[key] = value


def reset_to_surface() -> None:
    """A new surface gets its own start point and learning rates that suit it."""
    s = opt.SURFACES[st.session_state["opt_surface"]]
    st.session_state["opt_x0"], st.session_state["opt_y0"] = s.start
    st.session_state["opt_lr"], st.session_state["opt_lr_adaptive"] = s.lr


def new_click() -> dict | None:
    """The point last clicked on the map, if the page has not used it yet."""
    clicked = (st.session_state.get("opt_map") or {}).get("selection", {}).get("points") or []
    if clicked and st.session_state.get("_opt_click") != repr(clicked[-1]):
        return clicked[-1]
    return None


def _take_click(surf: opt.Surface) -> None:
    """A click on the map sets the start; it must land before the start sliders are drawn."""
    click = new_click()
    if click is not None:
        st.session_state["_opt_click"] = repr(click)
        st.session_state["opt_x0"], st.session_state["opt_y0"] = click["x"], click["y"]
    for key, (lo, hi) in (("opt_x0", surf.xlim), ("opt_y0", surf.ylim)):
        st.session_state[key] = float(min(max(st.session_state[key], lo), hi))


def racers() -> list[str]:
    """The optimizers to race (drawn above the map: their names need its width)."""
    return params.widget(EXPLORER, "names")


def controls(names: list[str]) -> RaceSetup:
    """Draw the other knobs, one under the other (they sit in a column beside the map), and read them."""
    surf = opt.SURFACES[st.session_state["opt_surface"]]
    _take_click(surf)
    params.widget(EXPLORER, "surface", on_change=reset_to_surface)
    st.markdown(f"${surf.latex}$")  # inline maths: a long formula (Beale's) wraps in the narrow column
    st.caption(_("{note} Click the map to start somewhere else.").format(note=_(surf.note)))
    lr, lr_adaptive, steps, noise = (params.widget(EXPLORER, key) for key in ("lr", "lr_adaptive", "steps", "noise"))
    with st.expander(_("More knobs: betas, eps, weight decay, start point")):
        left, right = st.columns(2)
        hp = {key: params.widget(EXPLORER, key, column) for key, column in
              (("beta", left), ("alpha", left), ("beta1", left), ("beta2", right), ("eps", right),
               ("weight_decay", right))}
        # The start's range is the surface's, not the table's widest.
        start = tuple(column.slider(_(EXPLORER[key].label), float(lo), float(hi), key=EXPLORER.url_key(key),
                                    step=EXPLORER[key].step)
                      for key, (lo, hi), column in (("x0", surf.xlim, left), ("y0", surf.ylim, right)))
    return RaceSetup(surf, names, lr, lr_adaptive, steps, noise, hp, start)
