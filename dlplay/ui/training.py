"""The shared training panel: start a background job, watch it learn, stop it, keep the result.

Every page that retrains a model uses `panel`, and `model_choice` to pick the model it reads with.
The job runs in dlplay.jobs' bounded pool; the panel only polls it from a fragment that refreshes
itself while the job is alive, so the rest of the page stays usable. A finished model goes on the
learner's shelf (dlplay.ui.learner), never into models/, and becomes the model the page reads with
unless the learner picked another one while it trained.
"""
from __future__ import annotations

import re

import streamlit as st

from dlplay import estimate, jobs, metric_names, runtime, settings, store, training_costs
from dlplay.i18n import _, tr
from dlplay.ui import language
from dlplay.ui.learner import liveness, owner, shelf
from dlplay.ui.runs import curves_figure, runs, scalars  # noqa: F401  (pages use training.runs)


def _job_key(topic: str) -> str:
    return f"_dlplay_job_{topic}"


def _choice_key(topic: str) -> str:
    return f"_dlplay_choice_{topic}"


def _reads_key(topic: str) -> str:
    return f"_dlplay_reads_{topic}"


def _switch_key(topic: str) -> str:
    return f"_dlplay_switch_{topic}"


def _fmt_seconds(s: float | None) -> str:
    if s is None:
        return "…"
    return _("{seconds:.0f} s").format(seconds=s) if s < 90 else _("{minutes:.1f} min").format(minutes=s / 60)


def _status(job: jobs.Job) -> None:
    if job.state == "queued":
        running, waiting = jobs.pool().counts()
        pos = job.queue_position()
        st.info(_("Waiting for a free trainer: you are number {position} in the queue ({running} job(s) "
                  "training now, {limit} at a time).").format(position=pos, running=running,
                                                              limit=settings.MAX_CONCURRENT_JOBS), icon="⏳")
        st.progress(0.0, text=_("queued"))
        return
    p = job.progress
    if p is None:
        st.progress(0.0, text=_("starting… (loading data and building the model)"))
        return
    shown = " · ".join(f"{metric_names.label(k)} {v:.3f}" for k, v in scalars(p.values).items())
    text = _("epoch {epoch}/{epochs} · step {step}/{steps}").format(
        epoch=p.epoch, epochs=p.epochs, step=p.step, steps=p.steps) + f" · {shown}"
    if not job.done:
        text += " · " + _("{time} left").format(time=_fmt_seconds(p.eta))
    st.progress(p.fraction if not job.done else 1.0, text=text)
    if not job.done and p.eta is not None and p.elapsed + p.eta > settings.JOB_WALL_SECONDS and p.fraction > 0:
        fits = estimate.epochs_that_fit(p.elapsed / (p.fraction * p.epochs), settings.JOB_WALL_SECONDS, 1.0)
        st.warning(_("At this pace the run reaches the {limit:.0f} s limit at about epoch {epoch} of {epochs}; "
                     "it will stop there and keep the model so far.").format(
            limit=settings.JOB_WALL_SECONDS, epoch=max(fits, 1), epochs=p.epochs), icon="⏱️")


def _keep(topic: str, recipe: str, job: jobs.Job) -> bool:
    """Put a finished job's model on the learner's shelf (once); True when this call added it."""
    if job.kept:
        return False
    job.kept = True
    result = job.result
    if result is None or not result.outcome.usable or not result.artifacts:
        return False
    if result.outcome.status == "finished":
        estimate.record(recipe, result.config, result.outcome.history)
    model = shelf().add(store.LearnerModel(topic, recipe, result.config, result.artifacts, result.metrics,
                                           result.outcome.history, result.extras))
    # The new run becomes the model read with, unless the learner picked another one meanwhile.
    if st.session_state.get(_choice_key(topic)) == job.choice_at_start:
        st.session_state[_switch_key(topic)] = model.id
    return True


def _final_message(job: jobs.Job) -> None:
    if job.state == "finished":
        st.success(tr(job.message), icon="✅")
    elif job.state in ("stopped", "timeout"):
        kept = job.result is not None and job.result.artifacts
        st.warning(tr(job.message) + (" " + _("The model so far was kept.") if kept else ""), icon="⏹️")
    else:
        st.error(tr(job.message), icon="⚠️")


def safe_filename(text: str) -> str:
    """A download name that cannot smuggle paths or odd characters."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "model"


def _source(found: estimate.Estimate) -> str:
    """Where an estimate comes from, in words a learner can weigh."""
    if found.source == estimate.SAME_SETTINGS:
        return _("from a finished run with these settings on this server")
    if found.source == estimate.THIS_RECIPE:
        return _("from this model's last run on this server, scaled to these settings")
    if found.source == estimate.THIS_HOST:
        return _("by the cost model, corrected by the runs finished on this server")
    measured = training_costs.fitted().get("machine", {})
    return _("by the cost model measured on a {cores}-core CPU, one thread per job").format(
        cores=measured.get("cores", "?"))


def _time_check(recipe: str, config: dict) -> None:
    """Before training: the time these settings take, and a warning when they would pass the job's time
    cap, with the epochs that fit."""
    found = estimate.epoch_time(recipe, config, on_gpu=_gpu())
    epochs = config.get("epochs")
    if found is None or not isinstance(epochs, int):
        return
    cap, per_epoch = settings.JOB_WALL_SECONDS, found.seconds
    fits = estimate.epochs_that_fit(per_epoch, cap)
    # A run warns as soon as fewer epochs fit than it asks for: the cap keeps a margin for loading and export.
    if fits == 0:
        st.warning(_("One epoch of these settings takes about {per_epoch} (estimated {source}), more than the "
                     "{cap:.0f} s a job may take: the run stops at the limit during its first epoch and keeps the "
                     "model so far. Fewer examples or a smaller network train faster.").format(
            per_epoch=_fmt_seconds(per_epoch), source=_source(found), cap=cap), icon="⏱️")
    elif fits < epochs:
        st.warning(_("These settings need about {time} ({epochs} epochs of about {per_epoch:.1f} s, estimated "
                     "{source}), more than the {cap:.0f} s a job may take: about {fits} epoch(s) fit. A longer "
                     "run stops at the limit and keeps the model so far.").format(
            time=_fmt_seconds(per_epoch * epochs), epochs=epochs, per_epoch=per_epoch, source=_source(found),
            cap=cap, fits=fits), icon="⏱️")
    else:
        st.caption(_("About {time} of training with these settings (estimated {source}).").format(
            time=_fmt_seconds(max(per_epoch * epochs, 1.0)), source=_source(found)))


def panel(topic: str, recipe: str, config: dict, *, live_view=None, button_label: str | None = None,
          curves=curves_figure) -> None:
    """Train `recipe` with `config` in the background and show it learning.

    `curves(history, trace)` draws the live chart (one chart per kind of metric by default); `live_view(progress,
    job)` adds the page's own view of the run (a decision boundary, a sample grid)."""
    key = _job_key(topic)
    job: jobs.Job | None = st.session_state.get(key)
    active = job is not None and not job.done
    if not active:
        _time_check(recipe, config)
    c1, c2, c3 = st.columns([1, 1, 3])
    if c1.button(button_label or _("Train"), type="primary", disabled=active, key=f"{key}_start", icon="▶️"):
        try:
            job = jobs.pool().submit(jobs.recipe_work(recipe, dict(config)), owner=owner(),
                                     label=f"{topic}:{recipe}", liveness=liveness())
            job.choice_at_start = st.session_state.get(_choice_key(topic))
            st.session_state[key] = job
            active = True
        except jobs.QueueFull as e:
            st.warning(tr(e.args[0]), icon="⏳")
    if c2.button(_("Stop"), disabled=not active, key=f"{key}_stop", icon="⏹️") and job is not None:
        job.stop()
    c3.caption(_("Runs on {device}; at most {jobs} learners train at once, each job for at most {seconds:.0f} s "
                 "(and {per_learner} jobs per learner).").format(
        device=_("the GPU") if _gpu() else _("the CPU"), jobs=settings.MAX_CONCURRENT_JOBS,
        seconds=settings.JOB_WALL_SECONDS, per_learner=settings.MAX_JOBS_PER_SESSION))
    if job is None:
        return

    @st.fragment(run_every=settings.PANEL_REFRESH_SECONDS if active else None)
    def live():
        _status(job)
        history = job.progress.history if job.progress is not None else []
        if job.result is not None:
            history = job.result.outcome.history
        if history or job.trace:
            st.plotly_chart(curves(history, job.trace), width="stretch", key=f"{key}_curves")
        if live_view is not None:
            live_view(job.progress, job)
        if job.done:
            if _keep(topic, recipe, job) or active:
                # The job ended while we watched (or while the learner was on another page): redraw the
                # whole page so that the new model is the one read with, everywhere on it.
                st.rerun(scope="app")
            _final_message(job)

    live()
    if job.done and job.result is not None and job.result.artifacts:
        model = next((m for m in shelf().for_topic(topic) if m.history is job.result.outcome.history), None)
        if model is not None:
            if st.session_state.get(_reads_key(topic)):
                st.caption(_("Trained: **{name}**, now the model this page reads with (you can switch back "
                             "to the shipped one).").format(name=model.name))
            for name, blob in model.artifacts.items():
                st.download_button(_("Download {file}").format(file=name), blob, file_name=safe_filename(f"dlplay_{model.name}_{name}"),
                                   mime="application/octet-stream", key=f"{key}_dl_{model.id}_{name}")


def _gpu() -> bool:
    return "CUDAExecutionProvider" in runtime.wanted_providers()


def model_choice(topic: str, label: str | None = None, where=None) -> store.LearnerModel | None:
    """Pick the shipped model or one of the learner's; None means the shipped one.

    A run that just finished is selected (see `_keep`); the learner can switch back at any time.
    """
    where = where if where is not None else st
    st.session_state[_reads_key(topic)] = True  # this page reads with a model the learner may train
    s = shelf()
    for note in s.pop_notices():
        st.toast(tr(note), icon="🗑️")
    mine = s.for_topic(topic)
    key = _choice_key(topic)
    pending = st.session_state.pop(_switch_key(topic), None)
    if not mine:
        st.session_state.pop(key, None)
        return None
    options = ["shipped"] + [m.id for m in mine]
    if pending in options:
        st.session_state[key] = pending
    elif st.session_state.get(key) not in options:
        st.session_state[key] = options[-1]
    names = {"shipped": _("shipped model")} | {m.id: _("{name} ({summary})").format(name=m.name,
                                                                                  summary=_summary(m.metrics))
                                               for m in mine}
    language.keep_choice(key)
    choice = where.radio(label or _("Model"), options, format_func=names.get, horizontal=True, key=key)
    return next((m for m in mine if m.id == choice), None)


def _summary(metrics: dict) -> str:
    items = [(k, v) for k, v in metrics.items() if isinstance(v, (int, float))][:2]
    return _(", ").join(f"{metric_names.label(k)} {v:.3f}" for k, v in items) or _("trained")
