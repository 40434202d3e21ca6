"""Background training jobs for the app: a bounded, fair, process-wide pool.

At most `settings.MAX_CONCURRENT_JOBS` jobs train at once; later ones wait in a first-come,
first-served queue and can tell the learner their position. Each job runs in its own thread so
the page that started it stays responsive, reports progress through the training loop's
callback, and can be stopped while queued or running. The training itself happens in a separate
process (dlplay.workers), so torch is never imported by the server.
"""
from __future__ import annotations

import itertools
import threading
import time
import traceback
import weakref
from dataclasses import dataclass, field
from typing import Callable

from dlplay import settings, workers
from dlplay.i18n import Msg, N_, tr

FINAL_STATES = ("finished", "stopped", "timeout", "diverged", "failed")


# Failures whose message says it all (no traceback in the log), by the name of the class or of a base
# class, so that this module stays torch-free: what the learner reads before the message.
EXPECTED_FAILURES = {"ExportError": N_("The trained model was not kept"),
                     "DataMissing": N_("Training could not start")}  # dlplay.data.DataMissing and its kinds


class QueueFull(RuntimeError):
    pass


class TooManyJobs(QueueFull):
    """This learner already has as many jobs running or waiting as one session may have."""


@dataclass
class Job:
    id: int
    label: str
    owner: str
    work: Callable  # work(callback, should_stop, max_seconds) -> dlplay.train.Result
    state: str = "queued"
    progress: object = None  # the latest dlplay.train.Progress
    result: object = None  # dlplay.train.Result once done
    message: str = ""
    trace: list = field(default_factory=list)  # (epoch as a fraction, step values), thinned to stay small
    created: float = field(default_factory=time.time)
    started: float | None = None
    ended: float | None = None
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _pool: "JobPool | None" = field(default=None, repr=False)
    # Alive while the learner's session is: a weak reference to an object kept in their session
    # state. When Streamlit frees an ended session, the job stops (running) or leaves the queue.
    _alive: Callable[[], bool] = field(default=lambda: True, repr=False)
    kept: bool = False  # the panel put its model on the learner's shelf
    choice_at_start: object = None  # the model the page read with when the job was started

    @property
    def done(self) -> bool:
        return self.state in FINAL_STATES

    def record(self, progress) -> None:
        """The training loop's callback: keep the latest progress and a thinned per-step trace."""
        self.progress = progress
        if progress.event == "step":
            self.trace.append((progress.epoch - 1 + progress.step / max(progress.steps, 1), progress.values))
            if len(self.trace) > 600:
                del self.trace[::2]

    def stop(self) -> None:
        self._stop.set()
        if self._pool is not None:
            self._pool._wake()

    def queue_position(self) -> int | None:
        """1 for the next job to start; None when not waiting."""
        return self._pool.position(self) if self._pool is not None and self.state == "queued" else None

    def wait(self, timeout: float | None = None) -> bool:
        end = None if timeout is None else time.time() + timeout
        while not self.done:
            if end is not None and time.time() > end:
                return False
            time.sleep(0.02)
        return True


class JobPool:
    def __init__(self, max_concurrent: int | None = None, max_queued: int | None = None,
                 max_seconds: float | None = None):
        self.max_concurrent = max_concurrent or settings.MAX_CONCURRENT_JOBS
        self.max_queued = max_queued if max_queued is not None else settings.MAX_QUEUED_JOBS
        self.max_seconds = max_seconds if max_seconds is not None else settings.JOB_WALL_SECONDS
        self._cond = threading.Condition()
        self._waiting: list[Job] = []
        self._running: list[Job] = []
        self._ids = itertools.count(1)

    def submit(self, work: Callable, *, owner: str, label: str, liveness: object = None) -> Job:
        """Queue `work` for `owner`. `liveness`, when given, is an object held by the owner's session:
        once it is garbage-collected (the session ended) the job is dropped or stopped."""
        alive = (lambda: True) if liveness is None else _weak_alive(liveness)
        with self._cond:
            self._drop_abandoned()
            mine = sum(1 for j in self._waiting + self._running if j.owner == owner and not j._stop.is_set())
            if mine >= settings.MAX_JOBS_PER_SESSION:
                raise TooManyJobs(Msg(N_("You already have {mine} training job(s) running or waiting, the most one "
                                         "learner may have at once ({limit}). Wait for one to finish or stop it, "
                                         "then press Train again."), mine=mine, limit=settings.MAX_JOBS_PER_SESSION))
            if len(self._waiting) >= self.max_queued:
                raise QueueFull(Msg(N_("{waiting} training jobs are already waiting; please try again in a minute."),
                                    waiting=len(self._waiting)))
            job = Job(next(self._ids), label, owner, work, _pool=self, _alive=alive)
            self._waiting.append(job)
        threading.Thread(target=self._run, args=(job,), name=f"dlplay-job-{job.id}", daemon=True).start()
        return job

    def position(self, job: Job) -> int | None:
        with self._cond:
            return self._waiting.index(job) + 1 if job in self._waiting else None

    def counts(self) -> tuple[int, int]:
        """(running, waiting)."""
        with self._cond:
            return len(self._running), len(self._waiting)

    def _drop_abandoned(self) -> None:
        """Stop the jobs whose learner has left (called with the lock held)."""
        for job in self._waiting + self._running:
            if not job._stop.is_set() and not job._alive():
                job._stop.set()
                job.message = Msg(N_("Stopped: the learner who started it has left."))
        self._cond.notify_all()

    def _wake(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def _run(self, job: Job) -> None:
        with self._cond:
            while not job._stop.is_set() and not (
                    self._waiting and self._waiting[0] is job and len(self._running) < self.max_concurrent):
                self._cond.wait(timeout=1.0)
                self._drop_abandoned()
            self._waiting.remove(job)
            if job._stop.is_set():
                job.state, job.ended = "stopped", time.time()
                job.message = job.message or Msg(N_("Stopped before it started."))
                self._cond.notify_all()
                return
            self._running.append(job)
            job.state, job.started = "running", time.time()
        state = "failed"
        try:
            result = job.work(job.record, lambda: job._stop.is_set() or not job._alive(), self.max_seconds)
            job.result = result
            state, job.message = result.outcome.status, result.outcome.message
        except Exception as e:  # a failed export or a bug in a recipe must not take the app down
            # An exception from a training process arrives by name (dlplay.workers.RemoteFailure).
            name = getattr(e, "name", type(e).__name__)
            bases = getattr(e, "bases", [k.__name__ for k in type(e).__mro__])
            expected = next((EXPECTED_FAILURES[b] for b in bases if b in EXPECTED_FAILURES), None)
            if expected:
                detail = e.args[0] if e.args and isinstance(e.args[0], Msg) else str(e)
                job.message = Msg("{what}: {detail}", what=Msg(expected), detail=detail)
            else:
                job.message = Msg(N_("Training failed: {error}"), error=f"{name}: {tr(e.args[0]) if e.args else e}")
                print(getattr(e, "trace", None) or traceback.format_exc(), flush=True)
        finally:
            job.ended = time.time()
            with self._cond:
                self._running.remove(job)
                job.state = state  # final only once its slot is free, so `done` means really done
                self._cond.notify_all()


def _weak_alive(obj: object) -> Callable[[], bool]:
    ref = weakref.ref(obj)
    return lambda: ref() is not None


_pool: JobPool | None = None
_pool_lock = threading.Lock()


def pool() -> JobPool:
    """The process-wide pool shared by every learner."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = JobPool()
        return _pool


def recipe_work(recipe: str, config: dict) -> Callable:
    """The work function that trains `recipe` with `config` in a training process (dlplay.workers)."""
    def work(callback, should_stop, max_seconds):
        return workers.run(recipe, config, callback, should_stop, max_seconds)
    return work


def local_work(recipe: str, config: dict) -> Callable:
    """The same work in this process (tests that patch a recipe, and hosts without processes)."""
    def work(callback, should_stop, max_seconds):
        from dlplay import recipes, train  # imports torch: only tests and process-less hosts get here
        train.use_threads(train.threads_for_job())
        return recipes.get(recipe).train(config, callback=callback, should_stop=should_stop,
                                         max_seconds=max_seconds)
    return work
