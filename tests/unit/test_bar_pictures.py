"""Bar charts drawn as pictures (digits' probabilities, the GAN discriminator's scores)."""
import numpy as np

from dlplay.ui import digit_views as dv


def test_prob_bars_is_an_rgb_picture_with_the_best_digit_in_red():
    probs = np.array([0.01, 0.02, 0.0, 0.9, 0.03, 0.01, 0.0, 0.02, 0.005, 0.005])
    img = dv.prob_bars(probs)
    assert img.dtype == np.uint8 and img.ndim == 3 and img.shape[2] == 3
    red = (img[..., 0] == 255) & (img[..., 1] == 75) & (img[..., 2] == 75)
    cols = np.flatnonzero(red.any(axis=0))
    slot = (img.shape[1] - 8 - 46) / 10  # the plot area is cut into ten slots, one per digit
    assert red.sum() > 500 and 3 <= (cols.mean() - 46) / slot < 4


def test_bars_grouped_series_and_bad_values():
    scores = np.array([[0.2] * 10, [0.9] * 10, [np.nan] * 10, [-1.0] * 10])
    img = dv.bars(scores, [str(i) for i in range(10)], ["a", "b", "c", "d"], y_title="D(x)")
    assert img.shape == (250, 640, 3)
    one = dv.bars(np.array([[0.5], [0.7]]), ["D(x)"], ["x", "y"])
    assert one.shape == (250, 640, 3) and not np.array_equal(one, np.full_like(one, 255))
