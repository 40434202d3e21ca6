"""Recipe: a small MLP on a toy 2-D set (the activation page's mini lab, and the smallest job).

Each epoch's record carries "_grid" (class-1 probabilities on dlplay.data.toy.grid(), flattened)
and "_dead" (dead units per hidden layer), so the page redraws the decision boundary live.
"""
from __future__ import annotations

import torch
from torch import nn

from dlplay import export, settings
from dlplay.train import Result, device, fit, minibatches, seed_everything
from dlplay.data import toy
from dlplay.nets.mlp import MLP

DEFAULTS = {"dataset": "moons", "samples": 400, "noise": 0.15, "activation": "tanh", "depth": 2,
            "width": 16, "optimizer": "adam", "lr": 0.03, "epochs": 60, "batch_size": 32, "seed": 0}
FILES: list[str] = []
DATA = "generated toy 2-D set"

OPTIMIZERS = {
    "sgd": lambda p, lr: torch.optim.SGD(p, lr=lr),
    "momentum": lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9),
    "nesterov": lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9, nesterov=True),
    "adagrad": lambda p, lr: torch.optim.Adagrad(p, lr=lr),
    "rmsprop": lambda p, lr: torch.optim.RMSprop(p, lr=lr),
    "adam": lambda p, lr: torch.optim.Adam(p, lr=lr),
    "adamw": lambda p, lr: torch.optim.AdamW(p, lr=lr),
}


def clamp(config: dict, defaults: dict | None = None) -> dict:
    c = {**(defaults or DEFAULTS), **config}
    c["epochs"] = int(min(max(1, c["epochs"]), settings.MAX_EPOCHS * 10))
    c["width"] = int(min(max(1, c["width"]), settings.MAX_WIDTH))
    c["depth"] = int(min(max(1, c["depth"]), 8))
    c["samples"] = int(min(max(20, c["samples"]), 5000))
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
        return {"val_loss": loss_fn(logits, yv).item(), "val_acc": (logits.argmax(1) == yv).float().mean().item(),
                "_grid": probs, "_dead": dead}

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
