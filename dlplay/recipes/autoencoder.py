"""Recipe for the autoencoder page (/autoencoder): a convolutional autoencoder or VAE on the offline digits.

Net: dlplay.nets.autoencoder. Settings: dlplay.params.autoencoder. Served by dlplay.autoencoder.
A learner's run trains one model (`ae_encoder.onnx` + `ae_decoder.onnx`). The shipped run
(`python -m dlplay train autoencoder`, config `ship=True`) trains two: a plain autoencoder with
a larger latent space for good reconstructions, and a 2-D VAE for the map and its manifold grid.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from dlplay import autoencoder as serving
from dlplay import export, settings
from dlplay.data import digits
from dlplay.nets.autoencoder import AutoEncoder
from dlplay.params.autoencoder import TABLE
from dlplay.train import Outcome, Result, device, fit, minibatches, seed_everything

DEFAULTS = {**TABLE.defaults(), "hidden": 128, "batch_size": 64, "seed": 0, "ship": False}
# The shipped pair: a 16-D autoencoder (compared with 16-component PCA) and a 2-D VAE for the map.
# The big one is also a denoising autoencoder (inputs get pixel noise of sd up to 0.5, targets stay clean),
# so the page's noise slider shows real recovery instead of a network surprised by noise.
SHIPPED = {"ship": True, "kind": "ae", "latent": 16, "width": 32, "epochs": 20, "noise": 0.5, "map_kind": "vae",
           "map_epochs": 30, "map_noise": 0.0}
FILES = ["ae_encoder.onnx", "ae_decoder.onnx", "ae2d_encoder.onnx", "ae2d_decoder.onnx"]
DATA = digits.SOURCE + " (train split; val for monitoring, test held out for the PCA comparison)"
MAP_PER_DIGIT = 30  # validation digits of each class drawn on the live map while training


def clamp(config: dict) -> dict:
    c = TABLE.clamp({**DEFAULTS, **config})
    c["hidden"] = int(min(max(8, c["hidden"]), settings.MAX_WIDTH))
    c["batch_size"] = int(min(max(8, c["batch_size"]), 512))
    return c


def live_points(labels: np.ndarray, per_digit: int = MAP_PER_DIGIT) -> np.ndarray:
    """Indices of up to `per_digit` digits of every class, so the live map shows all ten
    (the validation split is sorted by label: its first few hundred are only 0s to 5s)."""
    return np.concatenate([np.flatnonzero(labels == c)[:per_digit] for c in range(10)])


def loss_terms(model: AutoEncoder, x: torch.Tensor, beta: float, target: torch.Tensor | None = None):
    """Per-image losses: binary cross-entropy summed over pixels, plus beta * KL for a VAE."""
    target = x if target is None else target
    logits, mu, logvar = model(x)
    rec = F.binary_cross_entropy_with_logits(logits, target, reduction="sum") / len(x)
    if logvar is None:
        return {"loss": rec}
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / len(x)
    return {"loss": rec + beta * kl, "recon": rec, "kl": kl}


def _project(z: np.ndarray) -> np.ndarray:
    """2-D view of latent codes for the live map (the two main directions when D > 2)."""
    if z.shape[1] == 1:
        return np.concatenate([z, np.zeros_like(z)], axis=1)
    if z.shape[1] == 2:
        return z
    zc = z - z.mean(axis=0)
    _, _, vt = np.linalg.svd(zc, full_matrices=False)
    return zc @ vt[:2].T


def train_one(c: dict, data: digits.Digits, callback=None, should_stop=None, max_seconds=None):
    """Train one model with settings `c`; returns (model, outcome)."""
    gen = seed_everything(c["seed"])
    dev = device()
    x = torch.from_numpy(data.train.images[:c["samples"]]).unsqueeze(1).to(dev)
    xv = torch.from_numpy(data.val.images).unsqueeze(1).to(dev)
    shown = live_points(data.val.labels)
    model = AutoEncoder(c["kind"], c["latent"], c["width"], c["hidden"]).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=c["lr"])

    def step(idx):
        model.train()
        clean = x[idx]
        noisy = clean
        if c["noise"] > 0:  # each image gets its own noise level in [0, noise]
            sd = torch.rand(len(idx), 1, 1, 1, generator=gen).to(dev) * c["noise"]
            noisy = (clean + torch.randn(clean.shape, generator=gen).to(dev) * sd).clamp(0.0, 1.0)
        terms = loss_terms(model, noisy, c["beta"], clean)
        opt.zero_grad()
        terms["loss"].backward()
        opt.step()
        return {k: v.item() for k, v in terms.items()}

    def evaluate():
        model.eval()
        with torch.no_grad():
            logits, mu, _ = model(xv)
            mse = F.mse_loss(torch.sigmoid(logits), xv).item()
        return {"val_mse": mse, "_map": _project(mu[shown].cpu().numpy()).astype(np.float32),
                "_map_labels": data.val.labels[shown]}

    outcome = fit(step, lambda e: minibatches(len(x), c["batch_size"], gen), c["epochs"], evaluate=evaluate,
                  callback=callback, should_stop=should_stop, max_seconds=max_seconds)
    return model.cpu().eval(), outcome


def test_mse(model: AutoEncoder, data: digits.Digits) -> float:
    with torch.no_grad():
        x = torch.from_numpy(data.test.images).unsqueeze(1)
        return float(F.mse_loss(torch.sigmoid(model(x)[0]), x).item())


def export_pair(model: AutoEncoder, names: tuple[str, str], c: dict, metrics: dict) -> dict[str, bytes]:
    meta = {"model": "autoencoder", "kind": model.kind, "latent": model.latent, "config": c, "metrics": metrics}
    example = torch.from_numpy(digits.load().val.images[:8]).unsqueeze(1)
    outputs = ["z", "logvar"] if model.kind == "vae" else ["z"]
    enc = export.to_onnx(model.encoder, example, input_names=["image"], output_names=outputs, metadata=meta)
    with torch.no_grad():
        z = model.encoder(example)
        z = z[0] if isinstance(z, tuple) else z
    dec = export.to_onnx(model.decoder, z, input_names=["z"], output_names=["image"], metadata=meta)
    return {names[0]: enc, names[1]: dec}


def train(config: dict, callback=None, should_stop=None, max_seconds=None) -> Result:
    c = clamp(config)
    data = digits.load()
    model, outcome = train_one(c, data, callback, should_stop, max_seconds)
    result = Result(outcome, c)
    if not outcome.usable or not outcome.history:
        return result
    mse = test_mse(model, data)
    pca_mse = float(serving.mse(serving.pca(c["latent"]).reconstruct(data.test.images), data.test.images).mean())
    result.metrics = {"test_mse": mse, "pca_test_mse": pca_mse, "mse_vs_pca": mse / pca_mse}
    result.artifacts = export_pair(model, serving.PAIRS["ae"], c, result.metrics)
    # map_epochs=0 retrains only the big pair (the map pair does not depend on its settings).
    if c["ship"] and int(c.get("map_epochs", 1)) > 0:
        mc = {**c, "kind": c.get("map_kind", "vae"), "latent": 2, "epochs": int(c.get("map_epochs", c["epochs"])),
              "noise": float(c.get("map_noise", 0.0))}
        spent = outcome.elapsed
        remaining = None if max_seconds is None else max(1.0, max_seconds - spent)
        model2, outcome2 = train_one(mc, data, callback, should_stop, remaining)
        if outcome2.status != "finished":
            result.outcome = Outcome(outcome2.status, "The 2-D map model did not finish: " + outcome2.message,
                                     outcome.history + outcome2.history, spent + outcome2.elapsed)
            return result
        mse2 = test_mse(model2, data)
        pca2 = float(serving.mse(serving.pca(2).reconstruct(data.test.images), data.test.images).mean())
        result.metrics.update({"map_test_mse": mse2, "map_pca_test_mse": pca2})
        result.artifacts.update(export_pair(model2, serving.PAIRS["ae2d"], mc,
                                            {"test_mse": mse2, "pca_test_mse": pca2}))
    return result
