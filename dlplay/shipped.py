"""Which files in models/ each recipe writes: the bottom layer, known without importing torch or a recipe.

`python -m dlplay train <recipe>` rebuilds a recipe's files; runtime's error messages name that
command for a missing, corrupt or altered file.
"""
from __future__ import annotations

FILES: dict[str, list[str]] = {
    "mlp": [],
    "cnn": ["cnn_digits.onnx", "cnn_digits_features.onnx"],
    "optrace": [],
    "sentiment": ["rnn_sentiment.onnx", "rnn_sentiment.vocab.json"],
    "sentiment_zh": ["rnn_sentiment_zh.onnx", "rnn_sentiment_zh.vocab.json"],
    "autoencoder": ["ae_encoder.onnx", "ae_decoder.onnx", "ae2d_encoder.onnx", "ae2d_decoder.onnx"],
    "gan": ["gan_generator.onnx", "gan_generator_cond.onnx", "gan_discriminator.onnx"],
}


def recipe_for_file(filename: str) -> str | None:
    for name, files in FILES.items():
        if filename in files:
            return name
    return None
