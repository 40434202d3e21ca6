"""The one training loop. Every model in DL Playground trains through `fit`.

A recipe (see dlplay/recipes/) supplies three small functions: `batches(epoch)` returns the
mini-batches of one epoch, `step(batch)` does forward, backward and the optimizer update and
returns its losses as floats, `evaluate()` returns validation metrics. The loop adds what every
model needs: seeding, timing and ETA, progress callbacks, a stop flag, a wall-time cap and a
guard that refuses to go on once a loss is NaN or infinite.
"""
from __future__ import annotations

import math
import random
import time
from typing import Callable, Iterable

import numpy as np
import torch

from dlplay import memory, settings
from dlplay.i18n import Msg, N_
from dlplay.results import Outcome, Progress, Result  # noqa: F401  (recipes import them from here)


def seed_everything(seed: int) -> torch.Generator:
    """Seed python, numpy and torch; returns a torch generator for shuffling."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def device() -> torch.device:
    """CUDA when a GPU is usable, else the CPU (settings.TRAIN_DEVICE pins one)."""
    if settings.TRAIN_DEVICE in ("cpu", "cuda"):
        return torch.device(settings.TRAIN_DEVICE)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def threads_for_job() -> int:
    """CPU threads one training job may use: the cores divided by the jobs allowed at once.

    Never more, even for a job running alone: torch's OpenMP thread count belongs to the thread
    that set it, so a job that started with every core keeps them when others start, and two jobs
    with two threads each on two cores crawled (a few steps in 15 s instead of 20 steps a second).
    """
    if settings.TRAIN_THREADS > 0:
        return settings.TRAIN_THREADS
    return max(1, settings.CPU_COUNT // max(1, settings.MAX_CONCURRENT_JOBS))


def use_threads(n: int) -> None:
    """Set torch's CPU threads for the calling thread (call it in the thread that trains)."""
    torch.set_num_threads(n)


def minibatches(n: int, batch_size: int, generator: torch.Generator | None = None) -> list[torch.Tensor]:
    """Shuffled index batches over n in-memory samples (faster than a DataLoader for small data)."""
    order = torch.randperm(n, generator=generator) if generator is not None else torch.arange(n)
    return list(order.split(batch_size))


def _finite(values: dict[str, float]) -> str | None:
    for k, v in values.items():
        if isinstance(v, (int, float)) and not math.isfinite(v):
            return k
    return None


def fit(step: Callable[[object], dict[str, float]],
        batches: Callable[[int], Iterable],
        epochs: int,
        *,
        evaluate: Callable[[], dict[str, float]] | None = None,
        callback: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        max_seconds: float | None = None) -> Outcome:
    memory.for_training()  # the server's small-heap setting made each step up to 2x slower
    history: list[dict] = []
    start = time.perf_counter()
    should_stop = should_stop or (lambda: False)

    def report(event, epoch, i, n, values):
        if callback is None:
            return
        elapsed = time.perf_counter() - start
        fraction = ((epoch - 1) + i / max(n, 1)) / epochs
        eta = elapsed * (1 - fraction) / fraction if fraction > 0 else None
        callback(Progress(event, epoch, epochs, i, n, dict(values), elapsed, eta, list(history)))

    for epoch in range(1, epochs + 1):
        epoch_batches = list(batches(epoch))
        sums: dict[str, float] = {}
        for i, batch in enumerate(epoch_batches, start=1):
            if should_stop():
                return Outcome("stopped", Msg(N_("Stopped by you during epoch {epoch}; the model keeps its last "
                                                 "step."), epoch=epoch),
                               history, time.perf_counter() - start)
            if max_seconds is not None and time.perf_counter() - start > max_seconds:
                return Outcome("timeout", Msg(N_("Stopped at the time limit of {seconds:.0f} s during epoch "
                                                 "{epoch}."), seconds=max_seconds, epoch=epoch),
                               history, time.perf_counter() - start)
            values = step(batch)
            bad = _finite(values)
            if bad is not None:
                return Outcome("diverged", Msg(N_("Training diverged at epoch {epoch}, step {step}: {name} became "
                                                  "{value}. Nothing was kept. Try a smaller learning rate."),
                                               epoch=epoch, step=i, name=bad, value=values[bad]),
                               history, time.perf_counter() - start)
            for k, v in values.items():
                sums[k] = sums.get(k, 0.0) + float(v)
            report("step", epoch, i, len(epoch_batches), values)
        record = {"epoch": epoch, **{k: v / max(len(epoch_batches), 1) for k, v in sums.items()}}
        if evaluate is not None:
            metrics = evaluate()
            bad = _finite(metrics)
            if bad is not None:
                return Outcome("diverged", Msg(N_("Training diverged at epoch {epoch}: validation {name} became "
                                                  "{value}. Nothing was kept. Try a smaller learning rate."),
                                               epoch=epoch, name=bad, value=metrics[bad]),
                               history, time.perf_counter() - start)
            record.update(metrics)
        record["elapsed"] = time.perf_counter() - start
        history.append(record)
        report("epoch", epoch, len(epoch_batches), len(epoch_batches), sums and {
            k: v / len(epoch_batches) for k, v in sums.items()})
    return Outcome("finished", Msg(N_("Finished {epochs} epochs in {seconds:.1f} s."), epochs=epochs,
                                   seconds=time.perf_counter() - start),
                   history, time.perf_counter() - start)
