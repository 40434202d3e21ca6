"""How long a training job will take, estimated before it starts (torch-free).

Every finished job teaches the process its seconds per epoch for its recipe and settings (epochs
and seed aside); a later job with the same settings is estimated from that, and one with other
settings of the same recipe from the last run's time per training example (a rougher guess, since
widths and layers change the cost too). A page may also pass its own per-epoch figure. The panel uses the estimate to say, before training, when a run would
pass the job's time cap and how many epochs would fit.
"""
from __future__ import annotations

import threading

_seen: dict[tuple, float] = {}
_per_example: dict[str, float] = {}  # recipe -> seconds per training example per epoch, last run
_lock = threading.Lock()
_IGNORED = ("epochs", "seed")
SIZE_KEYS = ("train_size", "samples", "train_samples")  # how recipes name their number of examples


def _key(recipe: str, config: dict) -> tuple:
    items = sorted((k, repr(v)) for k, v in config.items()
                   if k not in _IGNORED and isinstance(v, (int, float, str, bool, type(None))))
    return (recipe, tuple(items))


def record(recipe: str, config: dict, history: list[dict]) -> None:
    """Remember the seconds per epoch of a finished run (its history's last `elapsed`)."""
    if not history or "elapsed" not in history[-1]:
        return
    per_epoch = float(history[-1]["elapsed"]) / len(history)
    size = _size(config)
    with _lock:
        _seen[_key(recipe, config)] = per_epoch
        if size:
            _per_example[recipe] = per_epoch / size


def _size(config: dict) -> int | None:
    return next((int(config[k]) for k in SIZE_KEYS if isinstance(config.get(k), (int, float)) and config[k] > 0),
                None)


def seconds_per_epoch(recipe: str, config: dict) -> float | None:
    size = _size(config)
    with _lock:
        exact = _seen.get(_key(recipe, config))
        if exact is not None:
            return exact
        return _per_example[recipe] * size if size and recipe in _per_example else None


def epochs_that_fit(per_epoch: float, cap_seconds: float, margin: float = 0.9) -> int:
    """Whole epochs that finish inside the cap, with a margin for loading data and exporting."""
    return max(0, int(cap_seconds * margin // max(per_epoch, 1e-9)))
