"""A small convolutional digit classifier, LeNet's shape: [conv -> ReLU -> max-pool] x blocks -> dense."""
from __future__ import annotations

import torch
from torch import nn

MNIST_MEAN, MNIST_STD = 0.1307, 0.3081


class CNN(nn.Module):
    """Input: images [N, 1, 28, 28] in [0, 1]; the MNIST normalisation happens inside, so every
    caller (the app, the GAN judge, a learner's download) feeds plain pixels."""

    def __init__(self, channels: tuple[int, ...] = (32, 64), kernel: int = 3, hidden: int = 128,
                 dropout: float = 0.25, classes: int = 10):
        super().__init__()
        self.register_buffer("mean", torch.tensor(MNIST_MEAN))
        self.register_buffer("std", torch.tensor(MNIST_STD))
        blocks, c_in, side = [], 1, 28
        for c_out in channels:
            # "same" padding keeps the picture size until the pooling halves it
            blocks.append(nn.Sequential(nn.Conv2d(c_in, c_out, kernel, padding=kernel // 2), nn.ReLU()))
            c_in, side = c_out, side // 2
        self.blocks = nn.ModuleList(blocks)
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(dropout), nn.Linear(c_in * side * side, hidden),
                                  nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, classes))

    def features(self, x: torch.Tensor) -> list[torch.Tensor]:
        """Each block's activation map (after ReLU, before pooling) and the final pooled map last."""
        x = (x - self.mean) / self.std
        maps = []
        for block in self.blocks:
            x = block(x)
            maps.append(x)
            x = self.pool(x)
        maps.append(x)
        return maps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x)[-1])


class WithFeatures(nn.Module):
    """The same network exporting logits first, then each conv block's activation maps."""

    def __init__(self, cnn: CNN):
        super().__init__()
        self.cnn = cnn

    def forward(self, x: torch.Tensor):
        maps = self.cnn.features(x)
        return (self.cnn.head(maps[-1]), *maps[:-1])
