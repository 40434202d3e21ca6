"""The part of the optimizer page that follows the step: the play button and step slider, the map with every
optimizer's path (the page's main picture), the loss per step and the update rule with step k's numbers.

It reruns on its own (a Streamlit fragment) when the step moves, by hand or by the play button, not the
whole page: the races are computed once per setting and cached.
"""
from __future__ import annotations

import time

import streamlit as st

from dlplay import optimizers as opt
from dlplay.i18n import _, tr
from dlplay.params.optimizers import EXPLORER
from dlplay.ui import language, params, presenter, share
from dlplay.ui import optimizer_figs as figs
from dlplay.ui.optimizer_controls import RaceSetup, new_click

PLAY_SECONDS = 0.25  # one frame of the animation
PLAY_FRAMES = 60  # frames from step 0 to the last step, whatever the number of steps
PRESENTER_MAP_HEIGHT = 420  # px: the map fits under the title and step slider of a 720 px projector screen


@st.cache_data(max_entries=256, show_spinner=False)
def race(name, surface, start, steps, noise, hp):
    return opt.run(name, surface, start, steps, noise=noise, seed=0, **dict(hp))


@st.cache_data(max_entries=8, show_spinner=False)
def contour(surface):
    return figs.contour_data(surface)


def toggle_play(steps: int) -> None:
    playing = not st.session_state.get("_opt_playing", False)
    st.session_state["_opt_playing"] = playing
    st.session_state.pop("_opt_tick", None)
    # The animation keeps its own position: a tick can arrive with the slider's previous value from the
    # browser when the server is slow, and the step must not jump back.
    at = st.session_state["opt_step"]
    st.session_state["_opt_play_at"] = 0 if at >= steps else at  # at the end: play from the start again
    st.session_state["opt_step"] = st.session_state["_opt_play_at"]


def _keep_step(steps: int) -> None:
    """The step slider stays at the end when the number of steps changes, and within it otherwise."""
    if st.session_state.get("_opt_prev_steps") == st.session_state["opt_step"]:
        st.session_state["opt_step"] = steps
    st.session_state["opt_step"] = min(st.session_state["opt_step"], steps)
    st.session_state["_opt_prev_steps"] = steps


def _advance(steps: int) -> None:
    """One frame of the animation. A busy server answers late: then it skips ahead rather than slowing down."""
    now = time.monotonic()
    late = (now - st.session_state.get("_opt_tick", now)) / PLAY_SECONDS
    st.session_state["_opt_tick"] = now
    frames = min(max(1.0, late), 8.0)
    at = min(steps, st.session_state["_opt_play_at"] + max(1, round(frames * steps / PLAY_FRAMES)))
    st.session_state["_opt_play_at"] = st.session_state["opt_step"] = at


def update_rule(names: list[str], runs: list[opt.Run], k: int) -> None:
    """One optimizer's update written out with the numbers of step k."""
    st.header(_("The update rule, with the numbers of step k"))
    richest = max(names, key=lambda n: len(opt.DEFAULTS[n]))  # Adam's rule shows the most state
    language.keep_choice("opt_explain")
    who = st.selectbox(_("Optimizer"), names, format_func=lambda n: _(opt.LABELS[n]), key="opt_explain",
                       index=names.index(richest))
    chosen = next(r for r in runs if r.name == who)
    if k == 0 or not len(chosen.grads):
        st.info(_("Move the step slider past 0 to see an update."))
    elif k > len(chosen.grads):
        st.warning(_("{message} Showing its last finite step, {step}.").format(message=tr(chosen.message),
                                                                               step=len(chosen.grads)))
    if k and len(chosen.grads):  # one KaTeX block renders faster in the browser than one per line
        st.latex(r"\begin{gathered}" + r" \\[6pt] ".join(opt.explain(chosen, k)) + r"\end{gathered}")


def view(setup: RaceSetup) -> None:
    """Race the chosen optimizers and show them step by step; the map is the page's main picture."""
    surf, steps = setup.surface, setup.steps
    runs = [race(n, surf.name, setup.start, steps, setup.noise, setup.hyper_parameters(n))
            for n in setup.names]
    _keep_step(steps)
    playing = st.session_state.get("_opt_playing", False)
    height = PRESENTER_MAP_HEIGHT if presenter.is_on() else None

    @st.fragment(run_every=PLAY_SECONDS if playing else None)
    def follow_the_step():
        if new_click() is not None:
            st.rerun()  # a new start point: the whole page races again from there
        still_playing = st.session_state.get("_opt_playing", False)
        if still_playing and st.session_state.get("_opt_play_at", steps) >= steps:
            st.session_state["_opt_playing"] = False  # the end: stop the animation
            st.rerun()
        if still_playing != playing:
            st.rerun()  # the play button changes how often this view reruns: that is set by the whole page
        if playing:
            _advance(steps)
        picture = st.container(key="main_picture")  # the step slider under it, as under a video
        b, s = st.columns([1, 5], vertical_alignment="bottom")
        b.button(_("Pause") if playing else _("Play"), icon="⏸️" if playing else "▶️", key="opt_play",
                 on_click=toggle_play, args=(steps,), help=_("Run through the steps."))
        with s:
            k = params.widget(EXPLORER, "step", high=steps)
        the_map = figs.surface(surf.name, runs, k, setup.start, contour(surf.name), height=height)
        picture.plotly_chart(presenter.fit(the_map), width="stretch", key="opt_map", on_select="rerun",
                             selection_mode="points")
        for r in runs:
            if r.diverged_at is not None:
                st.error(_("{message} Its path stops at the last finite point (✕).").format(message=tr(r.message)),
                         icon="💥")
        st.plotly_chart(presenter.fit(figs.losses(runs, k, surf.f_min)), width="stretch", key="opt_losses")
        summary = " · ".join(f"{_(opt.LABELS[r.name])} f = {r.losses[min(k, len(r.losses) - 1)]:.4g}" for r in runs)
        st.caption(_("At step {step}: {summary}").format(step=k, summary=summary))
        update_rule(setup.names, runs, k)
        share.sync()

    follow_the_step()
