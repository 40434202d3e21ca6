"""Recipe: the CNN digit classifier of the digits page (pages/digits.py).

Net: dlplay.nets.cnn. Settings: dlplay.params.digits. Serving: dlplay.digits, which reads the files
this recipe writes (cnn_digits.onnx and its twin with the feature maps as extra outputs).
Training sees only the train split (plus, when fine-tuning, the learner's own drawings); the val
split steers nothing but the curves, and the test split is measured once at the end.
Augmentation imitates what differs between MNIST and a canvas: small rotations, shears, scale
and shifts, and pens thicker or thinner than MNIST's.
"""
from __future__ import annotations

import functools
import math

import numpy as np
import torch
import torch.nn.functional as F

from dlplay import digits as serving
from dlplay import export, runtime, settings
from dlplay.data import digits, strokes
from dlplay.nets.cnn import CNN, WithFeatures
from dlplay.params.digits import FINETUNE_EPOCHS, TABLE, channel_choices
from dlplay.recipes.mlp import OPTIMIZERS
from dlplay.train import Result, device, fit, minibatches, seed_everything

DEFAULTS = {**TABLE.defaults(), "hidden": 64, "batch_size": 64, "seed": 0, "finetune": False}
SHIPPED = {"channels": 32, "hidden": 128, "dropout": 0.3, "epochs": 15, "lr": 2e-3}
FILES = [serving.MODEL_FILE, serving.FEATURES_FILE]
DATA = digits.SOURCE + " (train split; val split for the curves; test split held out and measured once)"
EXTRA_REPEAT = 8  # each own drawing is seen this often per epoch, or 10 drawings would drown in 4,000
FINETUNE_SAMPLES = 1000  # MNIST digits mixed in while fine-tuning, so the model does not forget them
FINETUNE_LR = 3e-4  # small steps: the shipped weights are already good, a fresh Adam must not wreck them
CONFUSED_SHOWN = 12


def clamp(config: dict) -> dict:
    """The settings made legal: the table's ranges and the server's limits, then what the table
    cannot say alone (the widest block, channels x 2^(blocks-1), obeys MAX_WIDTH too)."""
    c = TABLE.clamp({**DEFAULTS, **config})
    c["channels"] = min(c["channels"], max(channel_choices(c["blocks"])))
    c["hidden"] = int(min(max(8, c["hidden"]), settings.MAX_WIDTH))
    c["batch_size"] = int(min(max(8, c["batch_size"]), 512))
    c["seed"] = int(c["seed"])
    c["finetune"] = bool(c["finetune"])
    return c


def channels(c: dict) -> tuple[int, ...]:
    return tuple(c["channels"] * 2 ** i for i in range(c["blocks"]))


def build(c: dict) -> CNN:
    return CNN(channels(c), c["kernel"], c["hidden"], c["dropout"])


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Random affine warp of each image, then a random pen: thicker (dilate) or thinner (erode)."""
    n = len(x)
    r = lambda lo, hi: lo + (hi - lo) * torch.rand(n, generator=gen)
    angle, shear, scale = r(-0.26, 0.26), r(-0.25, 0.25), r(0.85, 1.12)
    tx, ty = r(-0.12, 0.12), r(-0.12, 0.12)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos, -sin + shear, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
    grid = F.affine_grid(theta.to(x.device), list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, align_corners=False, padding_mode="zeros")
    pen = torch.rand(n, generator=gen).to(x.device).view(n, 1, 1, 1)
    thick = F.max_pool2d(x, 3, stride=1, padding=1)
    thin = -F.max_pool2d(-x, 3, stride=1, padding=1)
    # blend instead of a full 3x3 step: a whole pixel more on every side is too much at 28x28
    x = torch.where(pen < 0.2, 0.5 * (x + thick), torch.where(pen > 0.9, 0.5 * (x + thin), x))
    return x.clamp(0, 1)


def load_data(c: dict) -> digits.Digits:
    if c["data"] == "mnist":
        return digits.load_full_mnist()  # raises OSError with a plain message when offline
    return digits.load()


def shipped_weights(model: CNN) -> None:
    """Start from the shipped model: its ONNX initializers carry the parameters' names."""
    found = serving.initializers(settings.MODELS_DIR / serving.MODEL_FILE)
    state = model.state_dict()
    missing = [k for k in state if k not in found and k not in ("mean", "std")]
    if missing:
        raise ValueError("The shipped model's layout differs from these settings; fine-tuning needs the "
                         f"shipped settings (missing {missing[0]}).")
    model.load_state_dict({k: torch.from_numpy(found[k].copy()) if k in found else v for k, v in state.items()})


def shipped_config() -> dict:
    """The settings the shipped model was trained with (its ONNX metadata), for fine-tuning."""
    meta = runtime.metadata(runtime.shipped(serving.MODEL_FILE))
    return {k: v for k, v in meta.get("config", {}).items() if k in DEFAULTS}


def _schedule(opt, total: int):
    """Short warm-up, then cosine decay to zero: a few epochs then reach a good minimum."""
    warm = max(1, total // 20)
    def factor(s: int) -> float:
        return (s + 1) / warm if s < warm else 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, total - warm)))
    return torch.optim.lr_scheduler.LambdaLR(opt, factor)


@torch.no_grad()
def predict(model: CNN, x: torch.Tensor, batch: int = 1000) -> torch.Tensor:
    model.eval()
    return torch.cat([F.softmax(model(x[i:i + batch]), 1) for i in range(0, len(x), batch)])


@functools.lru_cache(maxsize=1)
def drawings() -> tuple[np.ndarray, np.ndarray]:
    """The synthetic canvas drawings (dlplay.data.strokes) through the app's preprocessing."""
    items = strokes.drawing_set()
    x = np.stack([serving.canvas_to_mnist(strokes.draw(d, **kw)) for d, kw in items])[:, None]
    return x, np.array([d for d, _ in items])


def drawings_accuracy(model: CNN) -> float:
    x, y = drawings()
    return float((predict(model, torch.from_numpy(x)).argmax(1).numpy() == y).mean())


def confusion(y: np.ndarray, pred: np.ndarray) -> np.ndarray:
    m = np.zeros((10, 10), np.int64)
    np.add.at(m, (y, pred), 1)
    return m


def train(config: dict, callback=None, should_stop=None, max_seconds=None) -> Result:
    extra_x = np.asarray(config.get("extra_images", np.zeros((0, 28, 28))), np.float32).reshape(-1, 28, 28)
    extra_x = extra_x[:settings.MAX_OWN_DRAWINGS]
    extra_y = np.asarray(config.get("extra_labels", []), np.int64).reshape(-1)[:len(extra_x)]
    base = {k: v for k, v in config.items() if k not in ("extra_images", "extra_labels")}
    if base.get("finetune"):
        base = {**base, **shipped_config(), "finetune": True, "epochs": base.get("epochs", FINETUNE_EPOCHS),
                "lr": base.get("lr", FINETUNE_LR)}
    c = clamp(base)
    c["own_drawings"] = int(len(extra_y))
    gen = seed_everything(c["seed"])
    dev = device()
    data = load_data(c)
    # The config records the digits actually used: asking for more than the set holds trains on the set.
    c["train_size"] = min(c["train_size"], len(data.train.labels))
    n = c["train_size"] if not c["finetune"] else min(c["train_size"], FINETUNE_SAMPLES)
    x = torch.from_numpy(data.train.images[:n]).unsqueeze(1)
    y = torch.from_numpy(data.train.labels[:n])
    if len(extra_y):
        x = torch.cat([x, torch.from_numpy(np.repeat(extra_x, EXTRA_REPEAT, 0)).unsqueeze(1)])
        y = torch.cat([y, torch.from_numpy(np.repeat(extra_y, EXTRA_REPEAT))])
    x, y = x.to(dev), y.to(dev)
    xv, yv = torch.from_numpy(data.val.images).unsqueeze(1).to(dev), torch.from_numpy(data.val.labels).to(dev)
    model = build(c).to(dev)
    if c["finetune"]:
        shipped_weights(model)
    opt = OPTIMIZERS[c["optimizer"]](model.parameters(), c["lr"])
    steps_per_epoch = math.ceil(len(x) / c["batch_size"])
    sched = _schedule(opt, steps_per_epoch * c["epochs"])

    def step(idx):
        model.train()
        xb = augment(x[idx], gen) if c["augment"] else x[idx]
        loss = F.cross_entropy(model(xb), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        return {"loss": loss.item()}

    def evaluate():
        probs = predict(model, xv)
        return {"val_loss": F.nll_loss(torch.log(probs + 1e-9), yv).item(),
                "val_acc": (probs.argmax(1) == yv).float().mean().item()}

    outcome = fit(step, lambda e: minibatches(len(x), c["batch_size"], gen), c["epochs"], evaluate=evaluate,
                  callback=callback, should_stop=should_stop, max_seconds=max_seconds)
    result = Result(outcome, c)
    if not outcome.usable or not outcome.history:
        return result
    model = model.cpu().eval()
    probs_v = predict(model, xv.cpu()).numpy()
    pred_v, yv_np = probs_v.argmax(1), yv.cpu().numpy()
    probs_t = predict(model, torch.from_numpy(data.test.images).unsqueeze(1)).numpy()
    last = outcome.history[-1]
    result.metrics = {"val_acc": last["val_acc"], "val_loss": last["val_loss"],
                      "test_acc": float((probs_t.argmax(1) == data.test.labels).mean()),
                      "test_size": int(len(data.test.labels)), "drawings_acc": drawings_accuracy(model),
                      "drawings": len(drawings()[1]), "train_seconds": round(outcome.elapsed, 1)}
    wrong = np.flatnonzero(pred_v != yv_np)
    wrong = wrong[np.argsort(-probs_v[wrong, pred_v[wrong]])][:CONFUSED_SHOWN]
    result.extras = {"confusion": confusion(yv_np, pred_v), "confused_images": data.val.images[wrong],
                     "confused_true": yv_np[wrong], "confused_pred": pred_v[wrong],
                     "confused_prob": probs_v[wrong, pred_v[wrong]]}
    result.artifacts = export_files(model, c, result.metrics, torch.from_numpy(data.val.images[:8]).unsqueeze(1))
    return result


def export_files(model: CNN, config: dict, metrics: dict, example: torch.Tensor) -> dict[str, bytes]:
    """The two ONNX files the serving module reads: the classifier, and the same network with each
    conv block's maps as extra outputs (for the page's feature-map pictures)."""
    meta = {"model": "cnn", "config": config, "metrics": metrics}
    model = model.eval()
    return {
        serving.MODEL_FILE: export.to_onnx(model, example, input_names=["image"], output_names=["logits"],
                                           metadata=meta),
        serving.FEATURES_FILE: export.to_onnx(
            WithFeatures(model), example, input_names=["image"],
            output_names=["logits"] + [f"conv{i + 1}" for i in range(len(model.blocks))], metadata=meta),
    }
