import numpy as np
import pytest

from dlplay.data import digits, toy


def test_offline_digits_split_is_fixed_stratified_and_disjoint():
    d = digits.load()
    assert len(d.train.labels) == 4000 and len(d.val.labels) == 500 and len(d.test.labels) == 500
    assert np.bincount(d.test.labels).tolist() == [50] * 10
    assert d.train.images.dtype == np.float32 and 0 <= d.train.images.min() and d.train.images.max() <= 1
    # No test digit appears in training (compare raw pixels).
    train_keys = {img.tobytes() for img in d.train.images}
    assert not any(img.tobytes() in train_keys for img in d.test.images)


def test_full_mnist_offline_is_a_plain_message(monkeypatch):
    import torchvision.datasets as ds

    def offline(*a, **k):
        raise RuntimeError("Error downloading train-images-idx3-ubyte.gz: <urlopen error [Errno -3]>")

    monkeypatch.setattr(ds, "MNIST", offline)
    with pytest.raises(OSError, match="could not be downloaded.*offline digits still work"):
        digits.load_full_mnist()


@pytest.mark.parametrize("name", toy.NAMES)
def test_toy_sets_are_balanced_and_reproducible(name):
    x, y = toy.make(name, 300, 0.1, seed=3)
    x2, _ = toy.make(name, 300, 0.1, seed=3)
    assert x.shape == (300, 2) and np.array_equal(x, x2) and 100 < y.sum() < 200


def test_unknown_toy_set():
    with pytest.raises(ValueError, match="Choose one of"):
        toy.make("banana")
