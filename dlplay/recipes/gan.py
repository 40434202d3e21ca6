"""Recipe for the GAN page (/gan): a (conditional) GAN on the digits, trained by the one loop in dlplay.train.

Nets: dlplay.nets.gan. Settings: dlplay.params.gan. Served by dlplay.gan, judged by dlplay.gan_quality.
Each step of the loop is one round of the game: `d_steps` updates of the discriminator on a real
batch and a fresh fake batch, then one update of the generator. After every epoch the generator
draws a fixed-noise grid (shown live on the page) and 500 samples are classified by the shipped
digit CNN to follow the classifier's confidence and the digit coverage (the mode-collapse indicator).
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from dlplay import export, gan_quality, settings
from dlplay.data import digits
from dlplay.nets.gan import CLASSES, QuantileLabel, Scored, build
from dlplay.params.gan import TABLE
from dlplay.train import Result, device, fit, minibatches, seed_everything

DEFAULTS = {**TABLE.defaults(), "width": 32, "beta2": 0.999, "samples": 4000, "dataset": "offline", "seed": 0}
# The shipped GAN keeps DCGAN's equal learning rates and batches of 64 and trains 30 epochs: the config
# recorded in models/manifest.json. A learner's default run learns faster (see dlplay.params.gan).
SHIPPED = {"lr_g": 0.0002, "lr_d": 0.0002, "batch_size": 64, "epochs": 30}
FILES = ["gan_generator.onnx", "gan_generator_cond.onnx", "gan_discriminator.onnx"]
DATA = digits.SOURCE + ", training split (4,000)"
GRID_PER_CLASS = 4  # the live grid: this many rows, one column per digit
COVERAGE_SAMPLES = 500
DATASETS = ("offline", "mnist")


def clamp(config: dict) -> dict:
    c = TABLE.clamp({**DEFAULTS, **config})
    if c["dataset"] not in DATASETS:
        c["dataset"] = DEFAULTS["dataset"]
    c["width"] = int(min(max(4, c["width"]), settings.MAX_WIDTH, 128))
    c["samples"] = int(min(max(100, c["samples"]), settings.MAX_TRAIN_SAMPLES))
    c["beta2"] = float(min(max(0.0, c["beta2"]), 0.9999))
    c["seed"] = int(c["seed"])
    return c


def _data(c: dict) -> tuple[np.ndarray, np.ndarray]:
    d = digits.load()
    if c["dataset"] == "mnist":
        try:
            d = digits.load_full_mnist()
        except OSError:
            pass  # offline: the 4,000 shipped digits still train a GAN
    n = min(c["samples"], len(d.train.labels))
    return d.train.images[:n], d.train.labels[:n]


def fixed_inputs(c: dict, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The noise behind the live grid: one column per digit, the same for every epoch."""
    g = torch.Generator().manual_seed(seed + 1)
    labels = torch.arange(CLASSES).repeat(GRID_PER_CLASS)
    return torch.randn(len(labels), c["z_dim"], generator=g), F.one_hot(labels, CLASSES).float()


def train(config: dict, callback=None, should_stop=None, max_seconds=None) -> Result:
    c = clamp(config)
    gen = seed_everything(c["seed"])
    dev = device()
    images, labels = _data(c)
    x = torch.from_numpy(images).unsqueeze(1).to(dev)
    onehot_all = F.one_hot(torch.from_numpy(labels), CLASSES).float().to(dev)
    g_net, d_net = build(c["arch"], c["z_dim"], c["width"], c["conditional"])
    g_net, d_net = g_net.to(dev), d_net.to(dev)
    opt_g = torch.optim.Adam(g_net.parameters(), lr=c["lr_g"], betas=(c["beta1"], c["beta2"]))
    opt_d = torch.optim.Adam(d_net.parameters(), lr=c["lr_d"], betas=(c["beta1"], c["beta2"]))
    real_target = 1.0 - c["label_smoothing"]  # one-sided smoothing: only real labels are softened

    def fake_batch(n: int, onehot: torch.Tensor) -> torch.Tensor:
        return g_net(torch.randn(n, c["z_dim"], device=dev), onehot)

    def step(idx):
        g_net.train()
        d_net.train()
        real, onehot = x[idx], onehot_all[idx]
        n = len(idx)
        for _ in range(c["d_steps"]):
            with torch.no_grad():
                fake = fake_batch(n, onehot)
            logit_real, logit_fake = d_net(real, onehot), d_net(fake, onehot)
            loss_d = (F.binary_cross_entropy_with_logits(logit_real, torch.full_like(logit_real, real_target))
                      + F.binary_cross_entropy_with_logits(logit_fake, torch.zeros_like(logit_fake)))
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()
        logit = d_net(fake_batch(n, onehot), onehot)
        if c["objective"] == "minimax":
            # minimise log(1 - D(G(z))): the gradient vanishes while D easily spots the fakes
            loss_g = -F.binary_cross_entropy_with_logits(logit, torch.zeros_like(logit))
        else:
            # non-saturating: maximise log D(G(z)) instead; strong gradients early on
            loss_g = F.binary_cross_entropy_with_logits(logit, torch.ones_like(logit))
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        return {"loss_d": loss_d.item(), "loss_g": loss_g.item(),
                "d_real": torch.sigmoid(logit_real).mean().item(), "d_fake": torch.sigmoid(logit_fake).mean().item()}

    grid_z, grid_onehot = fixed_inputs(c, c["seed"])
    cover_z = torch.randn(COVERAGE_SAMPLES, c["z_dim"] + 1, generator=torch.Generator().manual_seed(c["seed"] + 2))
    classifier = gan_quality.classifier()
    unconditional = QuantileLabel(g_net)

    def evaluate():
        g_net.eval()
        with torch.no_grad():
            grid = g_net(grid_z.to(dev), grid_onehot.to(dev)).squeeze(1).cpu().numpy()
            metrics = {"_samples": (np.clip(grid, 0, 1) * 255).astype(np.uint8)}
            if classifier is not None:
                samples = unconditional(cover_z.to(dev)).squeeze(1).cpu().numpy()
                metrics.update(gan_quality.quick(samples, classifier))
        return metrics

    outcome = fit(step, lambda e: minibatches(len(x), c["batch_size"], gen), c["epochs"], evaluate=evaluate,
                  callback=callback, should_stop=should_stop, max_seconds=max_seconds)
    result = Result(outcome, c)
    if not outcome.usable:
        return result
    # A stopped or timed-out run still exports: the generator holds the weights of its last good step.
    g_net, d_net = g_net.cpu().eval(), d_net.cpu().eval()
    last = outcome.history[-1] if outcome.history else {}
    result.metrics = {k: float(last[k]) for k in (gan_quality.CONFIDENCE, gan_quality.COVERAGE, "d_real", "d_fake",
                                                  "loss_d", "loss_g") if k in last}
    meta = {"model": "gan", "config": c, "metrics": result.metrics, "z_dim": c["z_dim"],
            "conditional": c["conditional"]}
    z = torch.randn(16, c["z_dim"] + 1, generator=torch.Generator().manual_seed(7))
    onehot = F.one_hot(torch.arange(16) % CLASSES, CLASSES).float()
    result.artifacts["gan_generator.onnx"] = export.to_onnx(
        QuantileLabel(g_net), z, input_names=["z"], output_names=["image"],
        metadata={**meta, "latent": "z[:, 0] picks the digit (Phi(z0) in ten equal slices); z[:, 1:] is the style"})
    if c["conditional"]:
        result.artifacts["gan_generator_cond.onnx"] = export.to_onnx(
            g_net, (z[:, 1:], onehot), input_names=["z", "label"], output_names=["image"],
            metadata={**meta, "latent": "z is the style; label is a one-hot (or blended) digit"})
    result.artifacts["gan_discriminator.onnx"] = export.to_onnx(
        Scored(d_net), (torch.rand(16, 1, 28, 28), onehot), input_names=["image", "label"],
        output_names=["p_real"], metadata={**meta, "output": "D(x): probability that the image is a real digit"})
    result.extras = {"samples": last.get("_samples")}
    return result
