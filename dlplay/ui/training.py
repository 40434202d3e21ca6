"""The shared training panel: start a background job, watch it learn, stop it, keep the result.

Every page that retrains a model uses `panel`. The job runs in dlplay.jobs' bounded pool; this
panel only polls it from a fragment that refreshes itself while the job is alive, so the rest of
the page stays usable. A finished model lives on the learner's shelf (dlplay.store), never in models/.
"""
from __future__ import annotations

import re
import uuid

import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from dlplay import jobs, settings, store
from dlplay.ui import tables

_SHELF = "_dlplay_shelf"
_OWNER = "_dlplay_owner"
_SKIP = ("epoch", "elapsed")


def shelf() -> store.Shelf:
    if _SHELF not in st.session_state:
        st.session_state[_SHELF] = store.Shelf()
    return st.session_state[_SHELF]


def owner() -> str:
    if _OWNER not in st.session_state:
        st.session_state[_OWNER] = uuid.uuid4().hex[:12]
    return st.session_state[_OWNER]


def _job_key(topic: str) -> str:
    return f"_dlplay_job_{topic}"


def _scalars(record: dict) -> dict:
    return {k: v for k, v in record.items()
            if k not in _SKIP and not k.startswith("_") and isinstance(v, (int, float))}


def curves_figure(history: list[dict], trace: list | None = None, title: str = "") -> go.Figure:
    """Losses on the left, other metrics (accuracy, D outputs...) on the right; x is the epoch."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=("loss", "metrics"))
    names = sorted({k for r in history for k in _scalars(r)} | {k for _, v in (trace or []) for k in v})
    for name in names:
        col = 1 if "loss" in name else 2
        if trace:
            pts = [(x, v[name]) for x, v in trace if name in v]
            if pts:
                fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], mode="lines",
                                         name=f"{name} (step)", opacity=0.35, line={"width": 1}), row=1, col=col)
        pts = [(r["epoch"], r[name]) for r in history if name in r]
        if pts:
            fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], mode="lines+markers",
                                     name=name), row=1, col=col)
    fig.update_xaxes(title_text="epoch")
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 40, "b": 10}, title=title or None,
                      legend={"orientation": "h", "y": -0.3})
    return fig


def _fmt_seconds(s: float | None) -> str:
    if s is None:
        return "…"
    return f"{s:.0f} s" if s < 90 else f"{s / 60:.1f} min"


def _status(job: jobs.Job) -> None:
    if job.state == "queued":
        running, waiting = jobs.pool().counts()
        pos = job.queue_position()
        st.info(f"Waiting for a free trainer: you are number {pos} in the queue "
                f"({running} job(s) training now, {settings.MAX_CONCURRENT_JOBS} at a time).", icon="⏳")
        st.progress(0.0, text="queued")
        return
    p = job.progress
    if p is None:
        st.progress(0.0, text="starting… (loading data and building the model)")
        return
    shown = " · ".join(f"{k} {v:.3f}" for k, v in _scalars(p.values).items())
    text = f"epoch {p.epoch}/{p.epochs} · step {p.step}/{p.steps} · {shown}"
    if not job.done:
        text += f" · {_fmt_seconds(p.eta)} left"
    st.progress(p.fraction if not job.done else 1.0, text=text)


def _keep(topic: str, recipe: str, job: jobs.Job) -> None:
    """Put a finished job's model on the learner's shelf (once)."""
    if getattr(job, "_kept", False):
        return
    job._kept = True
    result = job.result
    if result is not None and result.outcome.usable and result.artifacts:
        shelf().add(store.LearnerModel(topic, recipe, result.config, result.artifacts, result.metrics,
                                       result.outcome.history, result.extras))


def _final_message(job: jobs.Job) -> None:
    if job.state == "finished":
        st.success(job.message, icon="✅")
    elif job.state in ("stopped", "timeout"):
        kept = job.result is not None and job.result.artifacts
        st.warning(job.message + (" The model so far was kept." if kept else ""), icon="⏹️")
    else:
        st.error(job.message, icon="⚠️")


def safe_filename(text: str) -> str:
    """A download name that cannot smuggle paths or odd characters."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "model"


def panel(topic: str, recipe: str, config: dict, *, live_view=None, button_label: str = "Train") -> None:
    """Train `recipe` with `config` in the background and show it learning."""
    key = _job_key(topic)
    job: jobs.Job | None = st.session_state.get(key)
    active = job is not None and not job.done
    c1, c2, c3 = st.columns([1, 1, 3])
    if c1.button(button_label, type="primary", disabled=active, key=f"{key}_start", icon="▶️"):
        try:
            job = jobs.pool().submit(jobs.recipe_work(recipe, dict(config)), owner=owner(),
                                     label=f"{topic}:{recipe}")
            st.session_state[key] = job
            active = True
        except jobs.QueueFull as e:
            st.warning(str(e))
    if c2.button("Stop", disabled=not active, key=f"{key}_stop", icon="⏹️") and job is not None:
        job.stop()
    c3.caption(f"Runs on {'the GPU' if _gpu() else 'the CPU'}; at most {settings.MAX_CONCURRENT_JOBS} learners "
               f"train at once, each job for at most {settings.JOB_WALL_SECONDS:.0f} s.")
    if job is None:
        return

    @st.fragment(run_every=settings.PANEL_REFRESH_SECONDS if active else None)
    def live():
        _status(job)
        history = job.progress.history if job.progress is not None else []
        if job.result is not None:
            history = job.result.outcome.history
        if history or job.trace:
            st.plotly_chart(curves_figure(history, job.trace), width="stretch", key=f"{key}_curves")
        if live_view is not None:
            live_view(job.progress, job)
        if job.done:
            _keep(topic, recipe, job)
            if active:  # the job ended while we watched: redraw the whole page so the new model shows up
                st.rerun(scope="app")
            _final_message(job)

    live()
    if job.done and job.result is not None and job.result.artifacts:
        model = next((m for m in shelf().for_topic(topic) if m.history is job.result.outcome.history), None)
        if model is not None:
            for name, blob in model.artifacts.items():
                st.download_button(f"Download {name}", blob, file_name=safe_filename(f"dlplay_{model.name}_{name}"),
                                   mime="application/octet-stream", key=f"{key}_dl_{model.id}_{name}")


def _gpu() -> bool:
    from dlplay import runtime
    return "CUDAExecutionProvider" in runtime.wanted_providers()


def model_choice(topic: str, label: str = "Model") -> store.LearnerModel | None:
    """Pick the shipped model or one of the learner's; None means the shipped one."""
    s = shelf()
    for note in s.pop_notices():
        st.toast(note, icon="🗑️")
    mine = s.for_topic(topic)
    if not mine:
        return None
    options = ["shipped"] + [m.id for m in mine]
    names = {"shipped": "shipped model"} | {m.id: f"{m.name} ({_summary(m.metrics)})" for m in mine}
    choice = st.radio(label, options, index=len(options) - 1, format_func=names.get, horizontal=True,
                      key=f"_dlplay_choice_{topic}")
    return next((m for m in mine if m.id == choice), None)


def _summary(metrics: dict) -> str:
    items = [(k, v) for k, v in metrics.items() if isinstance(v, (int, float))][:2]
    return ", ".join(f"{k} {v:.3f}" for k, v in items) or "trained"


def runs(topic: str) -> None:
    """The learner's runs on this page: curves overlaid, and the settings that differ between them."""
    mine = shelf().for_topic(topic)
    if len(mine) < 1:
        st.caption("Your finished runs will be compared here.")
        return
    names = sorted({k for m in mine for r in m.history for k in _scalars(r)})
    if not names:
        return
    default = next((n for n in ("val_acc", "val_loss", "loss") if n in names), names[0])
    metric = st.selectbox("Compare runs by", names, index=names.index(default), key=f"_dlplay_runs_{topic}")
    fig = go.Figure()
    for m in mine:
        pts = [(r["epoch"], r[metric]) for r in m.history if metric in r]
        fig.add_trace(go.Scatter(x=[p[0] for p in pts], y=[p[1] for p in pts], mode="lines+markers", name=m.name))
    fig.update_layout(height=280, margin={"l": 10, "r": 10, "t": 30, "b": 10}, xaxis_title="epoch",
                      yaxis_title=metric)
    st.plotly_chart(fig, width="stretch", key=f"_dlplay_runs_fig_{topic}")
    keys = sorted({k for m in mine for k in m.config})
    differ = [k for k in keys if len({repr(m.config.get(k)) for m in mine}) > 1]
    if len(mine) > 1:
        if differ:
            tables.table({"setting": differ, **{m.name: [str(m.config.get(k)) for k in differ] for m in mine}})
        else:
            st.caption("These runs used identical settings (differences come from randomness only).")
