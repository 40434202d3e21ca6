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
    "autoencoder": "dlplay.recipes.autoencoder",
    "gan": "dlplay.recipes.gan",
}
# The file names each recipe ships, known without importing it (for error messages).
SHIPPED_FILES: dict[str, list[str]] = {
    "mlp": [],
    "cnn": ["cnn_digits.onnx", "cnn_digits_features.onnx"],
    "optrace": [],
    "sentiment": ["rnn_sentiment.onnx", "rnn_sentiment.vocab.json"],
    "autoencoder": ["ae_encoder.onnx", "ae_decoder.onnx", "ae2d_encoder.onnx", "ae2d_decoder.onnx"],
    "gan": ["gan_generator.onnx", "gan_generator_cond.onnx", "gan_discriminator.onnx"],
}


def get(name: str):
    if name not in REGISTRY:
        raise KeyError(f"Unknown model '{name}'. Known: {', '.join(sorted(REGISTRY))}")
    return importlib.import_module(REGISTRY[name])


def recipe_for_file(filename: str) -> str | None:
    for name, files in SHIPPED_FILES.items():
        if filename in files:
            return name
    return None
