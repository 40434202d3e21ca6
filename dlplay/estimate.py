"""How long a training job will take, estimated before it starts (torch-free).

Before any run, the cost model (dlplay.training_costs: each recipe's work from its settings, priced by
constants measured on one machine) gives seconds per epoch. Every finished run then teaches the process
two things: its seconds per epoch for those exact settings (epochs and seed aside), and how much faster
or slower this server is than the cost model said. A later estimate uses, in order, the same settings
seen before; the cost model scaled by this recipe's last ratio; the cost model scaled by the ratios of
every recipe run so far (so a faster or slower host corrects itself after one run of anything); the
cost model alone. The panel uses the estimate to say, before training, when a run would pass the job's
time cap and how many epochs would fit, and where the number comes from.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from dlplay import training_costs

# Where an estimate came from, most trusted first.
SAME_SETTINGS = "same_settings"
THIS_RECIPE = "this_recipe"
THIS_HOST = "this_host"
COST_MODEL = "cost_model"

_seen: dict[tuple, float] = {}  # (recipe, settings) -> seconds per epoch of the last finished run
_ratios: dict[str, float] = {}  # recipe -> measured / predicted seconds of its last finished run
_lock = threading.Lock()
_IGNORED = ("epochs", "seed")


@dataclass(frozen=True)
class Estimate:
    seconds: float  # per epoch
    source: str  # one of SAME_SETTINGS, THIS_RECIPE, THIS_HOST, COST_MODEL


def _key(recipe: str, config: dict) -> tuple:
    items = sorted((k, repr(v)) for k, v in config.items()
                   if k not in _IGNORED and isinstance(v, (int, float, str, bool, type(None))))
    return (recipe, tuple(items))


def record(recipe: str, config: dict, history: list[dict]) -> None:
    """Remember the seconds per epoch of a finished run (its history's last `elapsed`)."""
    if not history or "elapsed" not in history[-1]:
        return
    per_epoch = float(history[-1]["elapsed"]) / len(history)
    predicted = training_costs.predict(recipe, config)
    with _lock:
        _seen[_key(recipe, config)] = per_epoch
        if predicted and per_epoch > 0:
            _ratios[recipe] = per_epoch / predicted


def host_ratio() -> float | None:
    """This server's measured / predicted seconds, over the last run of each recipe (geometric mean)."""
    with _lock:
        ratios = list(_ratios.values())
    return math.exp(sum(math.log(r) for r in ratios) / len(ratios)) if ratios else None


def epoch_time(recipe: str, config: dict, *, on_gpu: bool = False) -> Estimate | None:
    """The best estimate of seconds per epoch, and its source; None when nothing can be said.

    The cost model was measured on a CPU: on a GPU it speaks only once a run there has scaled it."""
    with _lock:
        exact = _seen.get(_key(recipe, config))
        ratio = _ratios.get(recipe)
    if exact is not None:
        return Estimate(exact, SAME_SETTINGS)
    predicted = training_costs.predict(recipe, config)
    if predicted is None:
        return None
    if ratio is not None:
        return Estimate(predicted * ratio, THIS_RECIPE)
    host = host_ratio()
    if host is not None:
        return Estimate(predicted * host, THIS_HOST)
    return None if on_gpu else Estimate(predicted, COST_MODEL)


def epochs_that_fit(per_epoch: float, cap_seconds: float, margin: float = 0.9) -> int:
    """Whole epochs that finish inside the cap, with a margin for loading data and exporting."""
    return max(0, int(cap_seconds * margin // max(per_epoch, 1e-9)))
