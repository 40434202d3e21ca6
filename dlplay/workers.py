"""Training processes: torch lives in them, never in the server that serves the pages.

A training job's thread in the server (dlplay.jobs) leases a worker process, sends it the recipe
name and config, relays its progress to the learner's panel and receives the trained result
(ONNX bytes, metrics, pictures). Why processes: `import torch` costs the server about 520 MB for
good, and a few jobs later it held 1.0-1.1 GB with nobody connected, creeping up with every round;
torch's Python code also held the GIL that the pages of every other learner need. Workers are spawned
on demand (a few seconds for torch's import, shown as "starting"), reused while jobs keep coming,
and exit after `settings.WORKER_IDLE_SECONDS` without work, which gives their memory back.
"""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection

from dlplay import settings
from dlplay.i18n import Msg, N_

_lock = threading.Lock()
_idle: list["Worker"] = []
_reaper: threading.Thread | None = None


class WorkerDied(RuntimeError):
    """The training process ended without a result (killed for memory, or crashed)."""


def main(read_fd: int, write_fd: int) -> None:
    """The worker's main loop: one job at a time; exits when idle too long or the server goes."""
    from dlplay import recipes, train  # torch: only ever imported in the training process

    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    train.use_threads(train.threads_for_job())
    while inbox.poll(settings.WORKER_IDLE_SECONDS):
        try:
            message = inbox.recv()
        except EOFError:
            return
        if message == STOP:  # a stop that arrived after its job had ended
            continue
        recipe, config, max_seconds = message
        stopped = [False]

        def should_stop() -> bool:
            while not stopped[0] and inbox.poll():
                stopped[0] = inbox.recv() == STOP
            return stopped[0]

        conn = outbox
        try:
            result = recipes.get(recipe).train(config, callback=_relay(conn), should_stop=should_stop,
                                               max_seconds=max_seconds)
            conn.send(("result", result))
        except Exception as e:
            # A message template (dlplay.i18n.Msg) travels as itself, so the learner reads it translated.
            message = e.args[0] if e.args and isinstance(e.args[0], Msg) else str(e)
            conn.send(("error", (type(e).__name__, [k.__name__ for k in type(e).__mro__], message,
                                 traceback.format_exc())))


STEP_REPORT_SECONDS = 0.1  # a panel refreshes every 0.5 s; more step reports would only cost pickling


def _relay(conn):
    """The recipe's progress callback in a worker: step reports thinned to one per 0.1 s, and each
    report carries only the epoch records the server has not seen yet (the history grows with
    pictures of the decision boundary, and was re-sent whole with every step)."""
    sent, last = [0], [0.0]

    def send(p):
        now = time.monotonic()
        if p.event == "step" and now - last[0] < STEP_REPORT_SECONDS and p.step != p.steps:
            return
        last[0] = now
        new = p.history[sent[0]:]
        sent[0] = len(p.history)
        conn.send(("progress", dataclasses.replace(p, history=new)))
    return send


STOP = "stop"


class Worker:
    """A training process started with plain pipes (not multiprocessing's spawn: inside a Streamlit
    script run `__main__` is the page script, which spawn would re-run in the child)."""

    def __init__(self):
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        code = f"from dlplay.workers import main; main({to_child_r}, {from_child_w})"
        self.process = subprocess.Popen([sys.executable, "-c", code], cwd=str(settings.ROOT),
                                        pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.send_conn = Connection(to_child_w, readable=False)
        self.conn = Connection(from_child_r, writable=False)
        self.last_used = time.monotonic()

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        try:
            self.send_conn.send(STOP)
        except OSError:
            pass

    def close(self) -> None:
        for c in (self.send_conn, self.conn):
            try:
                c.close()
            except OSError:
                pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class RemoteFailure(Exception):
    """An exception raised inside a worker, carried back by name so that dlplay.jobs can tell the
    expected failures (export refused, data missing) from bugs without importing torch."""

    def __init__(self, name: str, bases: list[str], message: str, trace: str):
        super().__init__(message)
        self.name, self.bases, self.trace = name, bases, trace


def _lease() -> Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.alive():
                return worker
            worker.close()
    _start_reaper()
    return Worker()


def _release(worker: Worker) -> None:
    worker.last_used = time.monotonic()
    with _lock:
        _idle.append(worker)


def _reap() -> None:
    while True:
        time.sleep(5)
        with _lock:
            gone = [w for w in _idle if not w.alive()
                    or time.monotonic() - w.last_used > settings.WORKER_IDLE_SECONDS + 5]
            for w in gone:
                _idle.remove(w)
        for w in gone:
            w.close()


def _start_reaper() -> None:
    global _reaper
    with _lock:
        if _reaper is None:
            _reaper = threading.Thread(target=_reap, name="dlplay-trainer-reaper", daemon=True)
            _reaper.start()


def run(recipe: str, config: dict, callback, should_stop, max_seconds):
    """Train `recipe` in a worker process; the same contract as a recipe's own `train`."""
    worker = _lease()
    healthy = False
    history: list[dict] = []
    stop_sent = False
    try:
        worker.send_conn.send((recipe, config, max_seconds))
        while True:
            if should_stop() and not stop_sent:
                worker.stop()
                stop_sent = True
            if not worker.conn.poll(0.2):
                if not worker.alive():
                    raise WorkerDied(Msg(N_("The training process ended unexpectedly (out of memory?); nothing "
                                            "was kept.")))
                continue
            try:
                kind, payload = worker.conn.recv()
            except EOFError:
                raise WorkerDied(Msg(N_("The training process ended unexpectedly (out of memory?); nothing "
                                        "was kept."))) from None
            if kind == "progress":
                history.extend(payload.history)
                callback(dataclasses.replace(payload, history=list(history)))
            elif kind == "result":
                healthy = True
                return payload
            else:
                healthy = True  # the recipe raised; the process itself is fine
                raise RemoteFailure(*payload)
    finally:
        if healthy and worker.alive():
            _release(worker)
        else:
            worker.close()


def idle_count() -> int:
    with _lock:
        return len(_idle)
