"""Training recipes: one module per model family, found by name without importing torch.

A recipe module defines
    DEFAULTS: dict                      the settings a learner starts from (and the shipped model uses)
    FILES: list[str]                    ONNX files it writes into models/ when shipped (may be empty)
    DATA: str                           what it trains on, for the manifest
    train(config, callback=None, should_stop=None, max_seconds=None) -> dlplay.train.Result
Recipe modules import torch; this registry does not.
"""
from __future__ import annotations

import importlib

REGISTRY: dict[str, str] = {
    "mlp": "dlplay.recipes.mlp",
    "cnn": "dlplay.recipes.cnn",
    "optrace": "dlplay.recipes.optrace",
    "sentiment": "dlplay.recipes.sentiment",
    "sentiment_zh": "dlplay.recipes.sentiment_zh",
    "autoencoder": "dlplay.recipes.autoencoder",
    "gan": "dlplay.recipes.gan",
}
# The files each recipe ships are listed once, in dlplay.shipped (torch-free, the bottom layer).


def get(name: str):
    if name not in REGISTRY:
        raise KeyError(f"Unknown model '{name}'. Known: {', '.join(sorted(REGISTRY))}")
    return importlib.import_module(REGISTRY[name])
