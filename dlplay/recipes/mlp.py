"""Recipe for the activation page's mini lab (/activations, section 3): a small MLP on a toy 2-D set.

Net: dlplay.nets.mlp. Settings: dlplay.params.activations (TABLE). Data: dlplay.data.toy (generated).
Nothing is shipped and no page serves the result: the page draws the live decision boundary from
the records, and a learner's run keeps `mlp_toy.onnx` for download only. Each epoch's record
carries "_grid" (class-1 probabilities on dlplay.data.toy.grid(), flattened), "_dead" (dead units
per hidden layer), "_width" and "_data" (the toy set's name, size, noise and seed). The optimizer page's network race (recipe optrace) trains this same net.
"""
from __future__ import annotations

import torch
from torch import nn

from dlplay import export, optimizers
from dlplay.data import toy
from dlplay.nets.mlp import MLP
from dlplay.params.activations import TABLE
from dlplay.train import Result, device, fit, minibatches, seed_everything

DEFAULTS = {**TABLE.defaults(), "batch_size": 32, "seed": 0}
FILES: list[str] = []
DATA = "generated toy 2-D set"


def make_optimizer(name: str, params, **hp) -> torch.optim.Optimizer:
    """The torch.optim optimizer for a name of dlplay.optimizers, built from the mapping its tests check
    step for step; hyper-parameters not given keep torch's defaults."""
    cls, kwargs = optimizers.torch_spec(name, **hp)
    return getattr(torch.optim, cls)(params, **kwargs)


# name -> (parameters, lr) -> optimizer, for recipes that only choose the optimizer and its rate.
OPTIMIZERS = {n: (lambda params, lr, n=n: make_optimizer(n, params, lr=lr)) for n in optimizers.NAMES}


def clamp(config: dict) -> dict:
    c = TABLE.clamp({**DEFAULTS, **config})
    c["batch_size"] = int(min(max(1, c["batch_size"]), c["samples"]))
    return c


def setup(c: dict):
    """Seeded generator, device, and the toy set as tensors: train (x, y) and validation (xv, yv)."""
    gen = seed_everything(c["seed"])
    dev = device()
    x, y = toy.make(c["dataset"], c["samples"], c["noise"], seed=c["seed"])
    xv, yv = toy.make(c["dataset"], max(100, c["samples"] // 4), c["noise"], seed=c["seed"] + 1)
    return gen, dev, tuple(torch.from_numpy(a).to(dev) for a in (x, y, xv, yv))


def train(config: dict, callback=None, should_stop=None, max_seconds=None) -> Result:
    c = clamp(config)
    gen, dev, (x, y, xv, yv) = setup(c)
    model = MLP(2, c["width"], c["depth"], 2, c["activation"]).to(dev)
    opt = OPTIMIZERS[c["optimizer"]](model.parameters(), c["lr"])
    loss_fn = nn.CrossEntropyLoss()

    def step(idx):
        model.train()
        loss = loss_fn(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        return {"loss": loss.item()}

    _, _, grid = toy.grid()
    grid = torch.from_numpy(grid).to(dev)

    def evaluate():
        model.eval()
        with torch.no_grad():
            logits = model(xv)
            # A unit is dead when its output is the same for every training point: no gradient
            # can tell it apart, so it stops learning (a ReLU whose input is always negative).
            dead = [int(((h.amax(dim=0) - h.amin(dim=0)) <= 1e-6).sum()) for h in model.hidden_outputs(x)]
            probs = torch.softmax(model(grid), dim=1)[:, 1].float().cpu().numpy()
        evaluate.dead = dead
        # "_data" and "_width" let the page draw this run's points and units, whatever the sliders say now.
        return {"val_loss": loss_fn(logits, yv).item(), "val_acc": (logits.argmax(1) == yv).float().mean().item(),
                "_grid": probs, "_dead": dead, "_width": c["width"],
                "_data": (c["dataset"], c["samples"], c["noise"], c["seed"])}

    outcome = fit(step, lambda e: minibatches(len(x), c["batch_size"], gen), c["epochs"],
                  evaluate=evaluate, callback=callback, should_stop=should_stop, max_seconds=max_seconds)
    result = Result(outcome, c)
    if not outcome.usable:
        return result
    last = outcome.history[-1] if outcome.history else {}
    result.metrics = {k: last[k] for k in ("val_acc", "val_loss") if k in last}
    result.extras = {"dead_units": getattr(evaluate, "dead", [])}
    example = torch.randn(16, 2)
    result.artifacts = {"mlp_toy.onnx": export.to_onnx(model, example, input_names=["points"],
                                                       output_names=["logits"],
                                                       metadata={"model": "mlp", "config": c,
                                                                 "metrics": result.metrics})}
    return result
