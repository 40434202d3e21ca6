"""Plain names for the metrics training records, as a learner reads them (torch-free, no Streamlit)."""
from __future__ import annotations

from dlplay import optimizers
from dlplay.data import review_sets
from dlplay.i18n import N_, _

NAMES = {
    "loss": N_("training loss"),
    "val_loss": N_("validation loss"),
    "val_acc": N_("validation accuracy"),
    "test_acc": N_("test accuracy"),
    "train_acc": N_("training accuracy"),
    "acc": N_("accuracy"),
    "val_mse": N_("validation error (MSE)"),
    "mse": N_("reconstruction error (MSE)"),
    "kl": N_("KL divergence"),
    "recon": N_("reconstruction loss"),
    "loss_d": N_("discriminator loss"),
    "loss_g": N_("generator loss"),
    "d_real": N_("D(real image)"),
    "d_fake": N_("D(generated image)"),
    "drawings_acc": N_("accuracy on canvas-style drawings"),
    "train_seconds": N_("training time (s)"),
    "elapsed": N_("time (s)"),
    "classifier_confidence": N_("classifier confidence"),
    "digit_coverage": N_("digit coverage"),
    "handwritten_acc": N_("accuracy on hand-written Chinese sentences, set 1 (development)"),
    "blind_acc": N_("accuracy on hand-written Chinese sentences, set 2 (development)"),
    "blind2_acc": N_("accuracy on hand-written Chinese sentences, set 3 (written blind, held out)"),
    "test_mse": N_("test error (MSE)"),
    "pca_test_mse": N_("PCA's test error (MSE)"),
    "mse_vs_pca": N_("error compared with PCA"),
    "map_test_mse": N_("map model's test error (MSE)"),
    "map_pca_test_mse": N_("PCA's test error on the map (MSE)"),
}


ACCURACY_ON = N_("accuracy on {what}")


def label(name: str) -> str:
    """`val_acc` -> "validation accuracy" (in the learner's language); an unknown name loses its
    underscores and its val_/test_ prefix becomes a word."""
    if name in NAMES:
        return _(NAMES[name])
    for prefix in ("loss_", "val_acc_", "val_loss_"):  # one curve per optimizer in a race
        if name.startswith(prefix) and name[len(prefix):] in optimizers.LABELS:
            return _("{metric}, {optimizer}").format(metric=label(prefix[:-1]),
                                                       optimizer=_(optimizers.LABELS[name[len(prefix):]]))
    if name in review_sets.BY_METRIC:
        return _(ACCURACY_ON).format(what=_(review_sets.BY_METRIC[name].label))
    for prefix, word in (("val_", N_("validation {what}")), ("test_", N_("test {what}")),
                         ("train_", N_("training {what}"))):
        if name.startswith(prefix):
            return _(word).format(what=name[len(prefix):].replace("_", " "))
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
