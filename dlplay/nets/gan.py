"""Generator and discriminator for 28x28 digits: DCGAN-style (convolutions) or fully connected.

Both networks take a class label as a one-hot float vector. An unconditional pair simply ignores
it, so every variant has the same call signature and the same ONNX inputs. A float one-hot (rather
than an integer id) lets the page blend two classes smoothly when it interpolates.
"""
from __future__ import annotations

import math

import torch
from torch import nn

CLASSES = 10


class ConvGenerator(nn.Module):
    """z (+ label) -> 7x7 feature map -> 14x14 -> 28x28, as in DCGAN (BatchNorm + ReLU, sigmoid out)."""

    def __init__(self, z_dim: int = 32, width: int = 64, conditional: bool = True):
        super().__init__()
        self.conditional = conditional
        w = width
        self.project = nn.Sequential(
            nn.Linear(z_dim + (CLASSES if conditional else 0), 2 * w * 7 * 7, bias=False),
            nn.BatchNorm1d(2 * w * 7 * 7), nn.ReLU(True))
        self.body = nn.Sequential(
            nn.ConvTranspose2d(2 * w, w, 4, 2, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(True),
            nn.ConvTranspose2d(w, 1, 4, 2, 1), nn.Sigmoid())
        self.width = w

    def forward(self, z: torch.Tensor, onehot: torch.Tensor) -> torch.Tensor:
        h = torch.cat([z, onehot], 1) if self.conditional else z
        return self.body(self.project(h).view(-1, 2 * self.width, 7, 7))


class ConvDiscriminator(nn.Module):
    """28x28 -> 14x14 -> 7x7 -> one logit. The label enters as 10 constant planes beside the image."""

    def __init__(self, width: int = 64, conditional: bool = True):
        super().__init__()
        self.conditional = conditional
        w = width
        self.body = nn.Sequential(
            nn.Conv2d(1 + (CLASSES if conditional else 0), w, 4, 2, 1), nn.LeakyReLU(0.2, True),
            nn.Conv2d(w, 2 * w, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2, True),
            nn.Flatten(), nn.Linear(2 * w * 7 * 7, 1))

    def forward(self, x: torch.Tensor, onehot: torch.Tensor) -> torch.Tensor:
        if self.conditional:
            planes = onehot[:, :, None, None].expand(-1, -1, x.shape[2], x.shape[3])
            x = torch.cat([x, planes], 1)
        return self.body(x)


class FCGenerator(nn.Module):
    """The original GAN recipe: two hidden layers of fully connected units."""

    def __init__(self, z_dim: int = 32, width: int = 64, conditional: bool = True):
        super().__init__()
        self.conditional = conditional
        h = 4 * width
        self.body = nn.Sequential(
            nn.Linear(z_dim + (CLASSES if conditional else 0), h), nn.LeakyReLU(0.2, True),
            nn.Linear(h, 2 * h), nn.LeakyReLU(0.2, True),
            nn.Linear(2 * h, 28 * 28), nn.Sigmoid())

    def forward(self, z: torch.Tensor, onehot: torch.Tensor) -> torch.Tensor:
        h = torch.cat([z, onehot], 1) if self.conditional else z
        return self.body(h).view(-1, 1, 28, 28)


class FCDiscriminator(nn.Module):
    def __init__(self, width: int = 64, conditional: bool = True):
        super().__init__()
        self.conditional = conditional
        h = 4 * width
        self.body = nn.Sequential(
            nn.Linear(28 * 28 + (CLASSES if conditional else 0), 2 * h), nn.LeakyReLU(0.2, True),
            nn.Linear(2 * h, h), nn.LeakyReLU(0.2, True), nn.Linear(h, 1))

    def forward(self, x: torch.Tensor, onehot: torch.Tensor) -> torch.Tensor:
        h = x.flatten(1)
        if self.conditional:
            h = torch.cat([h, onehot], 1)
        return self.body(h)


ARCHS = {"dcgan": (ConvGenerator, ConvDiscriminator), "fc": (FCGenerator, FCDiscriminator)}


def build(arch: str, z_dim: int, width: int, conditional: bool) -> tuple[nn.Module, nn.Module]:
    g_cls, d_cls = ARCHS[arch]
    g, d = g_cls(z_dim, width, conditional), d_cls(width, conditional)
    for m in list(g.modules()) + list(d.modules()):
        # DCGAN's initialisation: small normal weights keep both players slow at the start.
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)
    return g, d


class QuantileLabel(nn.Module):
    """Turns a conditional generator into an unconditional one with the plain contract z -> image.

    The class comes from the first latent coordinate: Phi(z0) is uniform on [0, 1) when z0 ~ N(0, 1),
    so splitting it into ten equal slices picks each digit with probability 1/10. The rest of z is
    the style noise. An unconditional generator is wrapped too, so the file always takes z alone.
    """

    def __init__(self, generator: nn.Module):
        super().__init__()
        self.generator = generator

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        u = 0.5 * (1.0 + torch.erf(z[:, :1] / math.sqrt(2.0)))
        k = torch.clamp(torch.floor(u * CLASSES), 0, CLASSES - 1)
        onehot = (k == torch.arange(CLASSES, dtype=z.dtype, device=z.device)[None, :]).to(z.dtype)
        return self.generator(z[:, 1:], onehot)


class Scored(nn.Module):
    """The discriminator with its logit turned into D(x), the probability that x is real."""

    def __init__(self, discriminator: nn.Module):
        super().__init__()
        self.discriminator = discriminator

    def forward(self, x: torch.Tensor, onehot: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.discriminator(x, onehot)).view(-1)
