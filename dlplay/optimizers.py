"""Test surfaces and optimizer steppers in numpy, step for step the same maths as torch.optim.

`trajectory(name, surface, start, steps, **hp)` gives the points an optimizer visits. `run(...)` gives
the same plus everything the page explains: the gradient, the optimizer's state (velocity, first and
second moments) and the step taken at every iteration, and where it diverged. A run stops at the
first non-finite or runaway point instead of filling the rest with NaN.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from dlplay.formulas import number
from dlplay.i18n import N_, Msg

# Past this distance from the origin the run is over: every surface here lives within |x| < 10.
DIVERGE_NORM = 1e6
MAX_STEPS = 2000


@dataclass(frozen=True)
class Surface:
    name: str
    label: str
    f: Callable  # f(x, y) with operators only, so the tests can feed it torch tensors
    grad: Callable  # numpy (x, y) -> (dx, dy)
    latex: str
    start: tuple[float, float]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    f_min: float
    lr: tuple[float, float]  # good starting learning rates: (SGD family, adaptive family)
    note: str = ""


def _beale_grad(x, y):
    t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y ** 2, 2.625 - x + x * y ** 3
    return (2 * t1 * (y - 1) + 2 * t2 * (y ** 2 - 1) + 2 * t3 * (y ** 3 - 1),
            2 * t1 * x + 4 * t2 * x * y + 6 * t3 * x * y ** 2)


def _himmelblau_grad(x, y):
    a, b = x ** 2 + y - 11, x + y ** 2 - 7
    return 4 * x * a + 2 * b, 2 * a + 4 * y * b


SURFACES: dict[str, Surface] = {s.name: s for s in [
    Surface("quadratic", N_("Ill-conditioned quadratic"), lambda x, y: 0.5 * x ** 2 + 10 * y ** 2,
            lambda x, y: (x, 20 * y), r"f(x, y) = \tfrac12 x^2 + 10\,y^2", (-4.5, 1.5), (-5, 5), (-2.5, 2.5),
            ((0.0, 0.0),), 0.0, (0.09, 0.3),
            N_("Curvature 20x larger along y than x: plain SGD zig-zags across the valley and crawls along it.")),
    Surface("rosenbrock", N_("Rosenbrock (a=1, b=100)"), lambda x, y: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2,
            lambda x, y: (-2 * (1 - x) - 400 * x * (y - x ** 2), 200 * (y - x ** 2)),
            r"f(x, y) = (1 - x)^2 + 100\,(y - x^2)^2", (-1.5, 2.0), (-2, 2), (-1, 3), ((1.0, 1.0),), 0.0,
            (0.001, 0.05), N_("A curved, nearly flat valley: finding it is easy, following it to (1, 1) is hard.")),
    Surface("beale", N_("Beale"), lambda x, y: (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2
            + (2.625 - x + x * y ** 3) ** 2, _beale_grad,
            r"f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2", (1.0, 1.4),
            (-4.5, 4.5), (-4.5, 4.5), ((3.0, 0.5),), 0.0, (0.005, 0.05),
            N_("Flat plateaus and steep walls: gradients span many orders of magnitude.")),
    Surface("himmelblau", N_("Himmelblau"), lambda x, y: (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2,
            _himmelblau_grad, r"f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2", (-0.3, -0.6), (-5, 5), (-5, 5),
            ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848127)), 0.0,
            (0.01, 0.1), N_("Four equal minima: which one you reach depends on the start and the optimizer.")),
    Surface("saddle", N_("Saddle"), lambda x, y: x ** 2 + 0.25 * y ** 4 - 0.5 * y ** 2,
            lambda x, y: (2 * x, y ** 3 - y), r"f(x, y) = x^2 + \tfrac14 y^4 - \tfrac12 y^2", (-2.0, 0.01),
            (-2.5, 2.5), (-1.8, 1.8), ((0.0, 1.0), (0.0, -1.0)), -0.25, (0.1, 0.05),
            N_("A saddle point at the origin, valleys at y = ±1: starting almost on the ridge, how fast does "
               "each optimizer escape?")),
]}

# torch.optim's defaults (momentum/nesterov need a momentum, 0.9 is the usual choice).
DEFAULTS: dict[str, dict[str, float]] = {
    "sgd": {"lr": 1e-3, "weight_decay": 0.0},
    "momentum": {"lr": 1e-3, "beta": 0.9, "weight_decay": 0.0},
    "momentum_ema": {"lr": 1e-3, "beta": 0.9, "weight_decay": 0.0},
    "nesterov": {"lr": 1e-3, "beta": 0.9, "weight_decay": 0.0},
    "adagrad": {"lr": 1e-2, "eps": 1e-10, "weight_decay": 0.0},
    "rmsprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0},
    "adam": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "adamw": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 1e-2},
}
# The one ordered list of optimizers every page offers (the explorer, the mini lab, the digits
# trainer), with the label and the colour each has on every chart.
NAMES = tuple(DEFAULTS)
LABELS = {"sgd": N_("SGD"), "momentum": N_("Momentum (PyTorch)"), "momentum_ema": N_("Momentum (EMA, textbook)"),
          "nesterov": N_("Nesterov"), "adagrad": N_("Adagrad"), "rmsprop": N_("RMSprop"), "adam": N_("Adam"),
          "adamw": N_("AdamW")}
# What a page that trains a network offers (the mini lab, the digits trainer): the textbook EMA momentum
# takes the same steps as PyTorch's with a scaled learning rate, which the explorer shows; one is enough.
FOR_NETWORKS = tuple(n for n in NAMES if n != "momentum_ema")
COLOURS = {"sgd": "#1f77b4", "momentum": "#ff7f0e", "momentum_ema": "#8c564b", "nesterov": "#2ca02c",
           "adagrad": "#9467bd", "rmsprop": "#e377c2", "adam": "#d62728", "adamw": "#17becf"}
ADAPTIVE = ("adagrad", "rmsprop", "adam", "adamw")  # per-coordinate step sizes: lr is roughly the step length
HYPER_PARAMETERS = ("lr", "beta", "alpha", "beta1", "beta2", "eps", "weight_decay")


@dataclass
class Run:
    name: str
    surface: str
    hp: dict[str, float]
    points: np.ndarray  # (n+1, 2): the start and every finite point reached
    losses: np.ndarray  # (n+1,)
    grads: np.ndarray  # (n, 2): gradient used at each step (noise and weight decay included)
    updates: np.ndarray  # (n, 2): the step taken, points[k+1] - points[k]
    state: dict[str, np.ndarray] = field(default_factory=dict)  # e.g. "m": (n, 2) after each step
    diverged_at: int | None = None  # the step (1-based) that left the finite world

    @property
    def message(self) -> str:
        """Why the run stopped early, as a Msg (dlplay.i18n.tr shows it in the reader's language); else ""."""
        if self.diverged_at is None:
            return ""
        return Msg(N_("{optimizer} diverged at step {step}: the learning rate is too large for this surface."),
                   optimizer=LABELS[self.name], step=self.diverged_at)


def surface(name: str) -> Surface:
    if name not in SURFACES:
        raise ValueError(f"Unknown surface '{name}'. Choose one of {', '.join(SURFACES)}.")
    return SURFACES[name]


def resolve(name: str, **hp) -> dict[str, float]:
    """The optimizer's hyper-parameters: torch's defaults overridden by the ones it uses from hp."""
    if name not in DEFAULTS:
        raise ValueError(f"Unknown optimizer '{name}'. Choose one of {', '.join(NAMES)}.")
    unknown = set(hp) - set(HYPER_PARAMETERS)
    if unknown:
        raise ValueError(f"Unknown hyper-parameter {', '.join(sorted(unknown))}; known: {', '.join(HYPER_PARAMETERS)}.")
    # A race passes every slider to every optimizer; each one takes only what it has.
    return {k: float(hp.get(k, v)) for k, v in DEFAULTS[name].items()}


def torch_spec(name: str, **hp) -> tuple[str, dict]:
    """(torch.optim class name, kwargs) that makes exactly the same steps (used by tests and recipes).

    The textbook EMA momentum v = beta v + (1-beta) g is PyTorch momentum scaled by (1-beta), so it is
    SGD(momentum=beta) with the learning rate lr*(1-beta).
    """
    h = resolve(name, **hp)
    wd = h["weight_decay"]
    if name == "sgd":
        return "SGD", {"lr": h["lr"], "weight_decay": wd}
    if name in ("momentum", "nesterov"):
        return "SGD", {"lr": h["lr"], "momentum": h["beta"], "nesterov": name == "nesterov", "weight_decay": wd}
    if name == "momentum_ema":
        return "SGD", {"lr": h["lr"] * (1 - h["beta"]), "momentum": h["beta"], "weight_decay": wd}
    if name == "adagrad":
        return "Adagrad", {"lr": h["lr"], "eps": h["eps"], "weight_decay": wd}
    if name == "rmsprop":
        return "RMSprop", {"lr": h["lr"], "alpha": h["alpha"], "eps": h["eps"], "weight_decay": wd}
    return {"adam": "Adam", "adamw": "AdamW"}[name], {"lr": h["lr"], "betas": (h["beta1"], h["beta2"]),
                                                      "eps": h["eps"], "weight_decay": wd}


def _stepper(name: str, h: dict[str, float]):
    """A function (p, g, t) -> (new p, state dict) holding the optimizer's state in a closure."""
    lr, wd = h["lr"], h["weight_decay"]
    s: dict[str, np.ndarray] = {}

    def step(p, g, t):
        if name == "adamw":
            p = p * (1 - lr * wd)  # decoupled: shrink the weights, keep the gradient clean
        elif wd:
            g = g + wd * p
        if name == "sgd":
            return p - lr * g, g, {}
        if name in ("momentum", "nesterov"):
            b = s["v"] = h["beta"] * s["v"] + g if t > 1 else g.copy()
            return p - lr * (g + h["beta"] * b if name == "nesterov" else b), g, {"v": b}
        if name == "momentum_ema":
            v = s["v"] = h["beta"] * s.get("v", 0.0) + (1 - h["beta"]) * g
            return p - lr * v, g, {"v": v}
        if name == "adagrad":
            acc = s["sum"] = s.get("sum", 0.0) + g * g
            return p - lr * g / (np.sqrt(acc) + h["eps"]), g, {"sum": acc}
        if name == "rmsprop":
            sq = s["v"] = h["alpha"] * s.get("v", 0.0) + (1 - h["alpha"]) * g * g
            return p - lr * g / (np.sqrt(sq) + h["eps"]), g, {"v": sq}
        b1, b2 = h["beta1"], h["beta2"]
        m = s["m"] = s.get("m", 0.0) + (1 - b1) * (g - s.get("m", 0.0))  # torch's lerp form
        v = s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
        denom = np.sqrt(v) / np.sqrt(1 - b2 ** t) + h["eps"]
        return p - (lr / (1 - b1 ** t)) * m / denom, g, {"m": m, "v": v, "m_hat": m_hat, "v_hat": v_hat}

    return step


def run(name: str, surface_name: str, start, steps: int, *, noise: float = 0.0, seed: int = 0, **hp) -> Run:
    """Run an optimizer on a surface; noise adds N(0, noise^2) to each gradient (a mini-batch's wobble)."""
    surf = surface(surface_name)
    h = resolve(name, **hp)
    steps = int(min(max(0, steps), MAX_STEPS))
    p = np.asarray(start, dtype=np.float64).reshape(2)
    rng = np.random.default_rng(seed)
    step = _stepper(name, h)
    points, grads, states = [p], [], []
    diverged_at = None
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = np.array(surf.grad(p[0], p[1]), dtype=np.float64)
            if noise:
                g = g + rng.normal(0.0, noise, 2)
            new, g_used, state = step(p, g, t)
            if not np.all(np.isfinite(new)) or np.abs(new).max() > DIVERGE_NORM:
                diverged_at = t
                break
            p = new
            points.append(p)
            grads.append(g_used)
            states.append(state)
    pts = np.array(points)
    n = len(pts) - 1
    with np.errstate(all="ignore"):
        losses = np.asarray(surf.f(pts[:, 0], pts[:, 1]), dtype=np.float64)
    state = {k: np.array([s[k] for s in states]) for k in (states[0] if states else {})}
    return Run(name, surface_name, h, pts, losses, np.array(grads).reshape(n, 2), np.diff(pts, axis=0), state,
               diverged_at)


def trajectory(name: str, surface: str, start, steps: int, **hp) -> np.ndarray:
    """Points visited, (steps+1, 2); shorter if the run diverged (see run(...).diverged_at)."""
    return run(name, surface, start, steps, **hp).points


def _vec(v) -> str:
    return rf"\begin{{pmatrix}} {number(v[0])} \\ {number(v[1])} \end{{pmatrix}}"


def _hp(value: float) -> str:
    return number(value, 6)  # 0.999999 must not round to 1


def explain(r: Run, k: int) -> list[str]:
    """The update rule of step k (1-based) as LaTeX lines with that step's numbers plugged in."""
    k = int(min(max(1, k), len(r.grads)))
    if not len(r.grads):
        return []
    i, h = k - 1, r.hp
    g, new = r.grads[i], r.points[k]
    s = {key: arr[i] for key, arr in r.state.items()}
    lines = [rf"g_{{{k}}} = \nabla f(\theta_{{{k - 1}}}) = {_vec(g)}"]
    if h.get("weight_decay") and r.name != "adamw":
        lines[0] = rf"g_{{{k}}} = \nabla f(\theta_{{{k - 1}}}) + {_hp(h['weight_decay'])}\,\theta_{{{k - 1}}} = {_vec(g)}"
    lr = _hp(h["lr"])
    if r.name == "sgd":
        lines.append(rf"\theta_{{{k}}} = \theta_{{{k - 1}}} - {lr}\,g_{{{k}}} = {_vec(new)}")
    elif r.name in ("momentum", "nesterov", "momentum_ema"):
        b = _hp(h["beta"])
        damp = f"(1 - {b})\\," if r.name == "momentum_ema" else ""
        lines.append(rf"v_{{{k}}} = {b}\,v_{{{k - 1}}} + {damp}g_{{{k}}} = {_vec(s['v'])}")
        step = rf"(g_{{{k}}} + {b}\,v_{{{k}}})" if r.name == "nesterov" else rf"v_{{{k}}}"
        lines.append(rf"\theta_{{{k}}} = \theta_{{{k - 1}}} - {lr}\,{step} = {_vec(new)}")
    elif r.name == "adagrad":
        lines.append(rf"G_{{{k}}} = G_{{{k - 1}}} + g_{{{k}}}^2 = {_vec(s['sum'])}")
        lines.append(rf"\theta_{{{k}}} = \theta_{{{k - 1}}} - {lr}\,\frac{{g_{{{k}}}}}{{\sqrt{{G_{{{k}}}}} + "
                     rf"{_hp(h['eps'])}}} = {_vec(new)}")
    elif r.name == "rmsprop":
        a = _hp(h["alpha"])
        lines.append(rf"s_{{{k}}} = {a}\,s_{{{k - 1}}} + (1 - {a})\,g_{{{k}}}^2 = {_vec(s['v'])}")
        lines.append(rf"\theta_{{{k}}} = \theta_{{{k - 1}}} - {lr}\,\frac{{g_{{{k}}}}}{{\sqrt{{s_{{{k}}}}} + "
                     rf"{_hp(h['eps'])}}} = {_vec(new)}")
    else:
        b1, b2 = _hp(h["beta1"]), _hp(h["beta2"])
        lines.append(rf"m_{{{k}}} = {b1}\,m_{{{k - 1}}} + (1 - {b1})\,g_{{{k}}} = {_vec(s['m'])}")
        lines.append(rf"v_{{{k}}} = {b2}\,v_{{{k - 1}}} + (1 - {b2})\,g_{{{k}}}^2 = {_vec(s['v'])}")
        lines.append(rf"\hat m = \frac{{m_{{{k}}}}}{{1 - {b1}^{{{k}}}}} = {_vec(s['m_hat'])},\quad "
                     rf"\hat v = \frac{{v_{{{k}}}}}{{1 - {b2}^{{{k}}}}} = {_vec(s['v_hat'])}")
        decay = rf"(1 - {lr} \cdot {_hp(h['weight_decay'])})\,\theta_{{{k - 1}}}" if r.name == "adamw" else \
            rf"\theta_{{{k - 1}}}"
        lines.append(rf"\theta_{{{k}}} = {decay} - {lr}\,\frac{{\hat m}}{{\sqrt{{\hat v}} + {_hp(h['eps'])}}} = "
                     rf"{_vec(new)}")
    lines.append(rf"\Delta\theta = {_vec(r.updates[i])},\quad f(\theta_{{{k}}}) = {number(r.losses[k], 6)}")
    return lines
