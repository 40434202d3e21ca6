"""How long a training job will take, estimated before it starts (torch-free).

Every finished job teaches the process its seconds per epoch for its recipe and settings (epochs
and seed aside); a later job with the same settings is estimated from that. A page may also pass
its own per-epoch figure. The panel uses the estimate to say, before training, when a run would
pass the job's time cap and how many epochs would fit.
"""
from __future__ import annotations

import threading

_seen: dict[tuple, float] = {}
_lock = threading.Lock()
_IGNORED = ("epochs", "seed")


def _key(recipe: str, config: dict) -> tuple:
    items = sorted((k, repr(v)) for k, v in config.items()
                   if k not in _IGNORED and isinstance(v, (int, float, str, bool, type(None))))
    return (recipe, tuple(items))


def record(recipe: str, config: dict, history: list[dict]) -> None:
    """Remember the seconds per epoch of a finished run (its history's last `elapsed`)."""
    if not history or "elapsed" not in history[-1]:
        return
    per_epoch = float(history[-1]["elapsed"]) / len(history)
    with _lock:
        _seen[_key(recipe, config)] = per_epoch


def seconds_per_epoch(recipe: str, config: dict) -> float | None:
    with _lock:
        return _seen.get(_key(recipe, config))


def epochs_that_fit(per_epoch: float, cap_seconds: float, margin: float = 0.9) -> int:
    """Whole epochs that finish inside the cap, with a margin for loading data and exporting."""
    return max(0, int(cap_seconds * margin // max(per_epoch, 1e-9)))
