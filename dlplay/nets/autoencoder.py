"""A convolutional autoencoder and its variational twin for 28x28 digits.

Encoder: 28x28 -> 14x14 -> 7x7 (strided convolutions) -> a small dense layer -> the latent code.
Decoder: the mirror image, ending in a sigmoid so pixels land in [0, 1] like the inputs.
The VAE's encoder returns a mean and a log-variance; exported, its first output is the mean, so
`ae_encoder.onnx` keeps the contract "image -> z" whichever kind it is.
"""
from __future__ import annotations

import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, latent: int = 2, width: int = 32, hidden: int = 128, variational: bool = False):
        super().__init__()
        self.variational = variational
        w = width
        self.body = nn.Sequential(
            nn.Conv2d(1, w, 4, 2, 1), nn.ReLU(True),
            nn.Conv2d(w, 2 * w, 4, 2, 1), nn.ReLU(True),
            nn.Flatten(), nn.Linear(2 * w * 7 * 7, hidden), nn.ReLU(True))
        self.mu = nn.Linear(hidden, latent)
        self.logvar = nn.Linear(hidden, latent) if variational else None

    def forward(self, x: torch.Tensor):
        h = self.body(x)
        if self.logvar is None:
            return self.mu(h)
        # Clamped so exp(logvar) can neither overflow nor vanish early in training.
        return self.mu(h), self.logvar(h).clamp(-12.0, 8.0)


class Decoder(nn.Module):
    def __init__(self, latent: int = 2, width: int = 32, hidden: int = 128):
        super().__init__()
        w = width
        self.width = w
        self.dense = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(True),
                                   nn.Linear(hidden, 2 * w * 7 * 7), nn.ReLU(True))
        self.body = nn.Sequential(
            nn.ConvTranspose2d(2 * w, w, 4, 2, 1), nn.ReLU(True),
            nn.ConvTranspose2d(w, 1, 4, 2, 1))

    def logits(self, z: torch.Tensor) -> torch.Tensor:
        return self.body(self.dense(z).view(-1, 2 * self.width, 7, 7))

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.logits(z))


class AutoEncoder(nn.Module):
    """Encoder + decoder. `kind` is "ae" (deterministic code) or "vae" (code sampled while training)."""

    def __init__(self, kind: str = "ae", latent: int = 2, width: int = 32, hidden: int = 128):
        super().__init__()
        if kind not in ("ae", "vae"):
            raise ValueError(f"kind must be 'ae' or 'vae', got {kind!r}")
        self.kind = kind
        self.latent = latent
        self.encoder = Encoder(latent, width, hidden, variational=kind == "vae")
        self.decoder = Decoder(latent, width, hidden)

    def forward(self, x: torch.Tensor):
        """Returns (reconstruction logits, mu, logvar); logvar is None for a plain autoencoder."""
        if self.kind == "ae":
            mu, logvar = self.encoder(x), None
            z = mu
        else:
            mu, logvar = self.encoder(x)
            # The reparameterisation trick: the noise is an input, so gradients flow through mu and sigma.
            z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.decoder.logits(z), mu, logvar
