"""A small fully-connected classifier for 2-D toy data."""
from __future__ import annotations

import torch
from torch import nn

ACTIVATIONS = {
    "relu": nn.ReLU, "leaky_relu": nn.LeakyReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid,
    "elu": nn.ELU, "gelu": nn.GELU, "silu": nn.SiLU, "softplus": nn.Softplus,
}


class MLP(nn.Module):
    def __init__(self, in_features: int = 2, width: int = 16, depth: int = 2, classes: int = 2,
                 activation: str = "tanh"):
        super().__init__()
        layers, n = [], in_features
        for _ in range(depth):
            layers += [nn.Linear(n, width), ACTIVATIONS[activation]()]
            n = width
        self.hidden = nn.Sequential(*layers)
        self.head = nn.Linear(n, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.hidden(x))

    def hidden_outputs(self, x: torch.Tensor) -> list[torch.Tensor]:
        """Each hidden layer's activations (for counting dead units)."""
        outs = []
        for layer in self.hidden:
            x = layer(x)
            if not isinstance(layer, nn.Linear):
                outs.append(x)
        return outs
