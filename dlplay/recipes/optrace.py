"""Recipe: the optimizer race on a real network.

The same small MLP (same initial weights, same mini-batches) is trained once per chosen optimizer,
all in lock-step, so the loss curves in the panel differ only by the update rule. Each optimizer
is built from dlplay.optimizers.torch_spec, the mapping the unit tests check against the toy
surfaces, so the hyper-parameters mean the same thing on the surface and on the network.
An optimizer whose loss becomes NaN/inf drops out of the race; the others go on.
"""
from __future__ import annotations

import copy
import math

import torch
from torch import nn

from dlplay import optimizers
from dlplay.nets.mlp import MLP
from dlplay.recipes import mlp
from dlplay.train import Result, fit, minibatches

DEFAULTS = {"dataset": "spirals", "samples": 400, "noise": 0.1, "activation": "tanh", "depth": 2, "width": 16,
            "optimizers": ["sgd", "momentum", "adam"], "lr": 0.05, "lr_adaptive": 0.01, "beta": 0.9,
            "alpha": 0.99, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0, "epochs": 30,
            "batch_size": 32, "seed": 0}
FILES: list[str] = []
DATA = "generated toy 2-D set"
ALL_DIVERGED = "loss of every optimizer"


def clamp(config: dict) -> dict:
    c = mlp.clamp(config, DEFAULTS)
    c["optimizers"] = [n for n in dict.fromkeys(c["optimizers"]) if n in optimizers.NAMES] \
        or list(DEFAULTS["optimizers"])
    return c


def make_optimizer(name: str, params, c: dict) -> torch.optim.Optimizer:
    hp = {k: c[k] for k in ("beta", "alpha", "beta1", "beta2", "eps", "weight_decay")}
    hp["lr"] = c["lr_adaptive"] if name in optimizers.ADAPTIVE else c["lr"]
    cls, kwargs = optimizers.torch_spec(name, **hp)
    return getattr(torch.optim, cls)(params, **kwargs)


def train(config: dict, callback=None, should_stop=None, max_seconds=None) -> Result:
    c = clamp(config)
    gen, dev, (x, y, xv, yv) = mlp.setup(c)
    first = MLP(2, c["width"], c["depth"], 2, c["activation"]).to(dev)
    models = {n: copy.deepcopy(first) for n in c["optimizers"]}
    opts = {n: make_optimizer(n, m.parameters(), c) for n, m in models.items()}
    loss_fn = nn.CrossEntropyLoss()
    diverged: dict[str, int] = {}
    steps = [0]

    def step(idx):
        steps[0] += 1
        out = {}
        for name, model in models.items():
            if name in diverged:
                continue
            model.train()
            loss = loss_fn(model(x[idx]), y[idx])
            opts[name].zero_grad()
            loss.backward()
            opts[name].step()
            if math.isfinite(loss.item()):
                out[f"loss_{name}"] = loss.item()
            else:
                diverged[name] = steps[0]
        # The loop's NaN guard ends the race only when nobody is left in it.
        return out or {ALL_DIVERGED: float("nan")}

    def evaluate():
        out = {}
        with torch.no_grad():
            for name, model in models.items():
                if name not in diverged:
                    model.eval()
                    logits = model(xv)
                    out[f"val_acc_{name}"] = (logits.argmax(1) == yv).float().mean().item()
        return out

    outcome = fit(step, lambda e: minibatches(len(x), c["batch_size"], gen), c["epochs"],
                  evaluate=evaluate, callback=callback, should_stop=should_stop, max_seconds=max_seconds)
    result = Result(outcome, c)
    last = outcome.history[-1] if outcome.history else {}
    result.metrics = {k: v for k, v in last.items() if k.startswith(("val_acc_", "loss_"))}
    result.extras = {"diverged": {n: f"{optimizers.LABELS[n]} diverged at step {k}" for n, k in diverged.items()}}
    return result
