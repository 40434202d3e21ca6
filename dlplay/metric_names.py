"""Plain names for the metrics training records, as a learner reads them (torch-free, no Streamlit)."""
from __future__ import annotations

NAMES = {
    "loss": "training loss",
    "val_loss": "validation loss",
    "val_acc": "validation accuracy",
    "test_acc": "test accuracy",
    "train_acc": "training accuracy",
    "acc": "accuracy",
    "val_mse": "validation error (MSE)",
    "mse": "reconstruction error (MSE)",
    "kl": "KL divergence",
    "recon": "reconstruction loss",
    "loss_d": "discriminator loss",
    "loss_g": "generator loss",
    "d_real": "D(real image)",
    "d_fake": "D(generated image)",
    "drawings_acc": "accuracy on canvas-style drawings",
    "train_seconds": "training time (s)",
    "elapsed": "time (s)",
}


def label(name: str) -> str:
    """`val_acc` -> "validation accuracy"; an unknown name loses its underscores and val_/test_ prefix
    becomes a word."""
    if name in NAMES:
        return NAMES[name]
    for prefix, word in (("val_", "validation "), ("test_", "test "), ("train_", "training ")):
        if name.startswith(prefix):
            return word + name[len(prefix):].replace("_", " ")
    return name.replace("_", " ")


def kind(name: str) -> str:
    """Which chart a metric belongs on: 'loss', 'accuracy' (0 to 1), 'error' (MSE) or 'other'."""
    if "acc" in name:
        return "accuracy"
    if "mse" in name:
        return "error"
    if "loss" in name:
        return "loss"
    return "other"
