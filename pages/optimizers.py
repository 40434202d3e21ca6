"""Optimizer explorer: race update rules over a loss surface, step by step with the numbers."""
import time

import streamlit as st

from dlplay import optimizers as opt
from dlplay.i18n import _, tr
from dlplay.params.optimizers import EXPLORER, TABLE
from dlplay.topics import BY_SLUG
from dlplay.ui import optimizer_figs as figs
from dlplay.ui import language, params, share, training

PLAY_SECONDS = 0.25  # one frame of the animation
PLAY_FRAMES = 60  # frames from step 0 to the last step, whatever the number of steps


def surface_defaults() -> None:
    """A link that names a surface but not its start or learning rates gets that surface's own."""
    name = st.query_params.get("opt_surface")
    if "opt_surface" in st.session_state or name not in opt.SURFACES:
        return
    s = opt.SURFACES[name]
    for key, value in (("opt_x0", s.start[0]), ("opt_y0", s.start[1]), ("opt_lr", s.lr[0]),
                       ("opt_lr_adaptive", s.lr[1])):
        if key not in st.query_params:
            st.session_state[key] = value


surface_defaults()
params.bind(EXPLORER, TABLE)


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


def new_click() -> dict | None:
    """The point last clicked on the map, if the page has not used it yet."""
    clicked = (st.session_state.get("opt_map") or {}).get("selection", {}).get("points") or []
    if clicked and st.session_state.get("_opt_click") != repr(clicked[-1]):
        return clicked[-1]
    return None


def toggle_play(steps: int) -> None:
    playing = not st.session_state.get("_opt_playing", False)
    st.session_state["_opt_playing"] = playing
    st.session_state.pop("_opt_tick", None)
    # The animation keeps its own position: a tick can arrive with the slider's previous value from the
    # browser when the server is slow, and the step must not jump back.
    at = st.session_state["opt_step"]
    st.session_state["_opt_play_at"] = 0 if at >= steps else at  # at the end: play from the start again
    st.session_state["opt_step"] = st.session_state["_opt_play_at"]


st.title("🏔️ " + _(BY_SLUG["optimizers"].title))
st.markdown(_(
    "Training is walking downhill on the loss surface with only the local slope $g = \\nabla f(\\theta)$ to go "
    "by. **SGD** steps straight down the slope; **momentum** remembers past steps; **Adagrad, RMSprop and "
    "Adam** rescale every coordinate by its own history of gradient sizes. Pick a surface, race them, and "
    "read each step's numbers below."))

# A click on the map sets the start; it must land before the start sliders are drawn.
surf = opt.SURFACES[st.session_state["opt_surface"]]
click = new_click()
if click is not None:
    st.session_state["_opt_click"] = repr(click)
    st.session_state["opt_x0"], st.session_state["opt_y0"] = click["x"], click["y"]
for key, (lo, hi) in (("opt_x0", surf.xlim), ("opt_y0", surf.ylim)):
    st.session_state[key] = float(min(max(st.session_state[key], lo), hi))

c1, c2 = st.columns([1, 2])
params.widget(EXPLORER, "surface", c1, on_change=reset_to_surface)
names = params.widget(EXPLORER, "names", c2)
st.latex(surf.latex)
st.caption(_("{note} Click the map to start somewhere else.").format(note=_(surf.note)))

k1, k2, k3, k4 = st.columns(4)
lr = params.widget(EXPLORER, "lr", k1)
lr_a = params.widget(EXPLORER, "lr_adaptive", k2)
steps = params.widget(EXPLORER, "steps", k3)
noise = params.widget(EXPLORER, "noise", k4)
with st.expander(_("More knobs: betas, eps, weight decay, start point")):
    m1, m2, m3, m4 = st.columns(4)
    hp = {key: params.widget(EXPLORER, key, column) for key, column in
          (("beta", m1), ("alpha", m1), ("beta1", m2), ("beta2", m2), ("eps", m3), ("weight_decay", m3))}
    # The start's range is the surface's, not the table's widest.
    x0, y0 = (m4.slider(_(EXPLORER[key].label), float(lo), float(hi), key=EXPLORER.url_key(key),
                        step=EXPLORER[key].step) for key, (lo, hi) in (("x0", surf.xlim), ("y0", surf.ylim)))

if not names:
    st.info(_("Pick at least one optimizer to race."))
    share.sync()
    st.stop()
runs = [race(n, surf.name, (x0, y0), steps, noise,
             tuple(sorted({**hp, "lr": lr_a if n in opt.ADAPTIVE else lr}.items()))) for n in names]
if st.session_state.get("_opt_prev_steps") == st.session_state["opt_step"]:
    st.session_state["opt_step"] = steps  # the step slider was at the end: keep it there
st.session_state["opt_step"] = min(st.session_state["opt_step"], steps)
st.session_state["_opt_prev_steps"] = steps
playing = st.session_state.get("_opt_playing", False)


# The step slider, the map, the curves and the update rule rerun on their own when the step moves
# (by hand or by the play button), not the whole page.
@st.fragment(run_every=PLAY_SECONDS if playing else None)
def surface_view():
    if new_click() is not None:
        st.rerun()  # a new start point: the whole page races again from there
    still_playing = st.session_state.get("_opt_playing", False)
    if still_playing and st.session_state.get("_opt_play_at", steps) >= steps:
        st.session_state["_opt_playing"] = False  # the end: stop the animation
        st.rerun()
    if still_playing != playing:
        st.rerun()  # the play button changes how often this view reruns: that is set by the whole page
    if playing:
        # A busy server answers late: then the animation skips ahead rather than slowing down.
        now = time.monotonic()
        late = (now - st.session_state.get("_opt_tick", now)) / PLAY_SECONDS
        st.session_state["_opt_tick"] = now
        frames = min(max(1.0, late), 8.0)
        at = min(steps, st.session_state["_opt_play_at"] + max(1, round(frames * steps / PLAY_FRAMES)))
        st.session_state["_opt_play_at"] = st.session_state["opt_step"] = at
    b, s = st.columns([1, 9], vertical_alignment="bottom")
    b.button(_("Pause") if playing else _("Play"), icon="⏸️" if playing else "▶️", key="opt_play",
             on_click=toggle_play, args=(steps,), help=_("Run through the steps."))
    with s:
        k = params.widget(EXPLORER, "step", high=steps)
    st.plotly_chart(figs.surface(surf.name, runs, k, (x0, y0), contour(surf.name)), width="stretch", key="opt_map",
                    on_select="rerun", selection_mode="points")
    for r in runs:
        if r.diverged_at is not None:
            st.error(_("{message} Its path stops at the last finite point (✕).").format(message=tr(r.message)),
                     icon="💥")
    st.plotly_chart(figs.losses(runs, k, surf.f_min), width="stretch", key="opt_losses")
    summary = " · ".join(f"{_(opt.LABELS[r.name])} f = {r.losses[min(k, len(r.losses) - 1)]:.4g}" for r in runs)
    st.caption(_("At step {step}: {summary}").format(step=k, summary=summary))

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
    share.sync()


surface_view()
with st.expander(_("Two ways to write momentum, and how their learning rates relate")):
    st.latex(r"\text{PyTorch: } v_k = \beta v_{k-1} + g_k,\quad \theta_k = \theta_{k-1} - \eta\, v_k")
    st.latex(r"\text{" + _("textbook (EMA)") + r": } u_k = \beta u_{k-1} + (1-\beta)\, g_k,\quad "
             r"\theta_k = \theta_{k-1} - \eta'\, u_k")
    beta = hp["beta"]
    st.markdown(_("Since $u_k = (1-\\beta)\\,v_k$, the two take **identical** steps when "
                  "$\\eta = (1-\\beta)\\,\\eta'$: with β = {beta:g}, EMA momentum at lr {lr:g} moves like PyTorch "
                  "momentum at lr {scaled:.3g}. PyTorch's form takes steps about $1/(1-\\beta)$ times larger than "
                  "the gradient, which is why momentum often needs a smaller learning rate than plain SGD.").format(
        beta=beta, lr=lr, scaled=lr * (1 - beta)))

# --- The same optimizers on a real network ------------------------------------------------------------
st.header(_("Now on a real network"))
st.markdown(_("The same optimizers, with the betas, ε and weight decay set above, train the same small network "
            "(identical initial weights, identical mini-batches) on a 2-D toy set. Each has its own learning "
            "rate here: the surface's rates suit the surface, not a network."))
r1, r2 = st.columns(2)
params.widget(TABLE, "dataset", r1)
params.widget(TABLE, "epochs", r2)
for row in range(0, len(names), 4):
    for n, column in zip(names[row:row + 4], st.columns(4)):
        params.widget(TABLE, f"lr_{n}", column)


def raced(history: list[dict]) -> list[str]:
    """The optimizers this run raced (the choice above may have changed since it started)."""
    return [n for n in opt.NAMES if any(f"loss_{n}" in r for r in history)]


def race_curves(history, trace):
    return figs.race(history, raced(history))


def network_view(progress, job):
    if progress is None:
        return
    now = {key[5:] for key in progress.values if key.startswith("loss_")}
    out = [_(opt.LABELS[n]) for n in raced(progress.history) if now and n not in now]
    if out:
        st.error(_("Dropped out (loss became NaN/inf): {optimizers}").format(optimizers=_(", ").join(out)),
                 icon="💥")


training.panel("optimizers", "optrace", {**params.values(TABLE), "optimizers": names, **hp},
               live_view=network_view, button_label=_("Race on a network"), curves=race_curves)
share.sync()
