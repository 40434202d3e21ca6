"""Recipe for the optimizer page's network race (/optimizers, "Now on a real network").

Net: dlplay.nets.mlp, the mini lab's network (recipe mlp), wider and deeper. Settings:
dlplay.params.optimizers (TABLE: data, epochs and one learning rate per optimizer; the betas, eps
and weight decay come from the surface explorer above it, EXPLORER). Nothing is shipped or served,
and no file is written: the page shows the curves.

The same small MLP (same initial weights, same mini-batches) is trained once per chosen optimizer,
all in lock-step, so the curves differ only by the update rule. Each optimizer is built from
dlplay.optimizers.torch_spec, the mapping the unit tests check against the toy surfaces, so the
hyper-parameters mean the same thing on the surface and on the network. Each optimizer has its own
learning rate here (`lr_<name>`): the surface's rates suit the surface, not a network.
An optimizer whose loss becomes NaN/inf drops out of the race; the others go on.
"""
from __future__ import annotations

import copy
import math

import torch
from torch import nn

from dlplay import optimizers
from dlplay.nets.mlp import MLP
from dlplay.params import activations as lab
from dlplay.params.optimizers import EXPLORER, HYPER_PARAMETERS, TABLE
from dlplay.recipes import mlp
from dlplay.train import Result, fit, minibatches

# The network and data the race trains, within the mini lab's ranges: big enough that the default
# race's spirals can be learned in 30 epochs (the lab's 2 tanh layers of 16 stay near chance on them,
# whatever the optimizer), and small enough that four optimizers race in about 10 s on 2 cores.
NETWORK = {"samples": 1000, "noise": 0.05, "activation": "relu", "depth": 3, "width": 64}
DEFAULTS = {**TABLE.defaults(), **{k: lab.TABLE[k].clamp(v) for k, v in NETWORK.items()},
            "optimizers": list(EXPLORER["names"].value()), **{k: EXPLORER[k].value() for k in HYPER_PARAMETERS},
            "batch_size": 32, "seed": 0}
FILES: list[str] = []
DATA = "generated toy 2-D set"
ALL_DIVERGED = "loss of every optimizer"


def clamp(config: dict) -> dict:
    c = TABLE.clamp({**DEFAULTS, **config})
    c.update({k: lab.TABLE[k].clamp(c[k]) for k in NETWORK})
    c.update({k: EXPLORER[k].clamp(c[k]) for k in HYPER_PARAMETERS})
    c["optimizers"] = [n for n in dict.fromkeys(c["optimizers"]) if n in optimizers.NAMES] \
        or list(DEFAULTS["optimizers"])
    c["batch_size"] = int(min(max(1, c["batch_size"]), c["samples"]))
    return c


def make_optimizer(name: str, params, c: dict):
    return mlp.make_optimizer(name, params, lr=c[f"lr_{name}"], **{k: c[k] for k in HYPER_PARAMETERS})


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
