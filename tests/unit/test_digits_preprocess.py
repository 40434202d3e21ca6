"""canvas_to_mnist: what a learner draws becomes an MNIST-like 28x28 input."""
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from dlplay import digits
from dlplay.data import strokes


def com(img):
    ys, xs = np.indices(img.shape)
    return (ys * img).sum() / img.sum(), (xs * img).sum() / img.sum()


def ink_box(img, level=0.2):
    rows, cols = np.flatnonzero((img > level).any(1)), np.flatnonzero((img > level).any(0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def corr(a, b):
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def blurred_corr(a, b):
    """Correlation of 2x2-pooled images: blind to the half-pixel jitter of integer centring."""
    pool = lambda x: x.reshape(14, 2, 14, 2).mean(axis=(1, 3))
    return corr(pool(a), pool(b))


def check_mnist_like(img):
    assert img.shape == (28, 28) and img.dtype == np.float32
    assert 0.0 <= img.min() and img.max() <= 1.0 and img.max() > 0.9
    cy, cx = com(img)
    assert abs(cy - 13.5) <= 1.0 and abs(cx - 13.5) <= 1.0, (cy, cx)
    assert 17 <= max(ink_box(img)) <= 21  # longer side about 20 px


@pytest.mark.parametrize("kw", [dict(cx=140, cy=140, size=200, pen=18),  # textbook
                                dict(cx=60, cy=60, size=90, pen=10),  # off-centre, top left
                                dict(cx=240, cy=235, size=70, pen=8),  # off-centre, bottom right
                                dict(cx=140, cy=140, size=30, pen=4),  # tiny
                                dict(cx=140, cy=140, size=270, pen=20),  # huge
                                dict(cx=140, cy=140, size=200, pen=50),  # thick pen
                                dict(cx=140, cy=140, size=200, pen=3)])  # thin pen
def test_every_placement_becomes_mnist_like(kw):
    check_mnist_like(digits.canvas_to_mnist(strokes.draw(3, **kw)))


def test_position_does_not_matter():
    centred = digits.canvas_to_mnist(strokes.draw(7, cx=140, cy=140, size=120, pen=12))
    corner = digits.canvas_to_mnist(strokes.draw(7, cx=65, cy=200, size=120, pen=12))
    assert np.abs(centred - corner).max() < 0.05


@pytest.mark.parametrize("digit", [0, 4, 8])
def test_size_and_pen_width_barely_matter(digit):
    ref = digits.canvas_to_mnist(strokes.draw(digit, size=200, pen=18))
    for kw in (dict(size=60, pen=6), dict(size=260, pen=24), dict(size=200, pen=55), dict(size=200, pen=3)):
        assert blurred_corr(ref, digits.canvas_to_mnist(strokes.draw(digit, **kw))) > 0.65, kw


def test_thick_and_thin_pens_are_corrected():
    fat = digits.steps(strokes.draw(0, size=200, pen=55))
    thin = digits.steps(strokes.draw(0, size=200, pen=3))
    assert fat.stroke_fix == "thinned" and thin.stroke_fix == "thickened"
    normal = digits.steps(strokes.draw(0, size=200, pen=18))
    assert normal.stroke_fix == ""
    # after correction the ink covers a similar area as the normal pen's
    area = lambda s: (s.image > 0.3).sum()
    assert 0.6 < area(fat) / area(normal) < 1.6 and 0.6 < area(thin) / area(normal) < 1.6


def test_real_mnist_digit_survives_the_round_trip():
    """An MNIST digit blown up to canvas size comes back as (almost) itself."""
    from dlplay.data import digits as data
    scores = []
    for img in data.load().test.images[:40]:
        canvas = np.asarray(Image.fromarray((img * 255).astype(np.uint8)).resize((280, 280), Image.Resampling.BILINEAR))
        scores.append(corr(img, digits.canvas_to_mnist(canvas)))
    assert min(scores) > 0.6 and np.median(scores) > 0.95, scores


def test_blank_and_nearly_blank_give_none():
    blank = np.zeros((280, 280, 4), np.uint8)
    blank[..., 3] = 255
    assert digits.canvas_to_mnist(blank) is None
    blank[5, 5, :3] = 255  # a stray pixel
    assert digits.canvas_to_mnist(blank) is None
    faint = blank.copy()
    faint[100:150, 100:150, :3] = 20  # ink too faint to count
    assert digits.canvas_to_mnist(faint) is None


def test_dot_and_scribble_still_answer_with_a_warning():
    dot = strokes.render([[(140, 140), (141, 140)]], pen=8)
    s = digits.steps(dot)
    assert s is not None and s.warning and "dot" in s.warning
    check = s.image
    assert check.shape == (28, 28) and np.isfinite(check).all()
    scribble = np.full((280, 280, 4), 255, np.uint8)
    s = digits.steps(scribble)
    assert s is not None and "mostly ink" in s.warning and np.isfinite(s.image).all()


def test_other_canvas_sizes_and_formats():
    rgba = strokes.draw(2, cx=250, cy=150, size=200, pen=20, canvas=500)
    a = digits.canvas_to_mnist(rgba)
    check_mnist_like(a)
    b = digits.canvas_to_mnist(rgba[..., :3])  # RGB
    c = digits.canvas_to_mnist(rgba[..., 0])  # grey
    assert np.allclose(a, b) and np.allclose(a, c)
    wide = np.zeros((200, 600, 4), np.uint8)
    wide[..., 3] = 255
    wide[50:150, 300:310, :3] = 255
    check_mnist_like(digits.canvas_to_mnist(wide))
    transparent = rgba.copy()
    transparent[..., 3] = np.where(rgba[..., 0] > 0, 255, 0)
    transparent[rgba[..., 0] == 0, :3] = 255  # white but invisible background must not count as ink
    assert np.allclose(digits.canvas_to_mnist(transparent), a, atol=1e-6)
    floats = digits.canvas_to_mnist(rgba[..., 0].astype(np.float32) / 255.0)
    assert np.allclose(floats, a, atol=1e-5)


@pytest.mark.parametrize("bad", [np.zeros(10), np.zeros((28, 28, 2)), np.zeros((1, 1, 4)), "a digit",
                                 np.zeros((0, 0, 4)), np.zeros((2, 2, 2, 2))])
def test_bad_inputs_raise_value_error(bad):
    with pytest.raises(ValueError):
        digits.canvas_to_mnist(bad)


def test_nan_is_treated_as_no_ink():
    a = np.full((50, 50), np.nan, np.float32)
    assert digits.canvas_to_mnist(a) is None


def test_serving_path_does_not_import_torch():
    """Everything the page imports, and a prediction, without torch (it costs 520 MB and 3 s)."""
    code = ("import sys, dlplay.digits as dg, dlplay.data.strokes as s, dlplay.ui.canvas, dlplay.ui.digit_views, "
            "dlplay.ui.training, dlplay.ui.share\n"
            "img = dg.canvas_to_mnist(s.draw(3))\n"
            "from dlplay import settings\n"
            "if (settings.MODELS_DIR / dg.MODEL_FILE).exists():\n"
            "    m = dg.load(); m.predict(img); m.feature_maps(img); m.kernels()\n"
            "assert 'torch' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=__import__("pathlib").Path(__file__).parents[2])


@pytest.mark.parametrize("side", [280, 800])
def test_a_fully_inked_or_oversized_canvas_is_worked_on_at_canvas_size(side):
    """Every stage is at most 280 px a side, whatever arrived: a forged 800x800 canvas (3.7 KB as a
    PNG) once cost a minute of CPU in the pen-width correction."""
    s = digits.steps(np.full((side, side, 4), 255, np.uint8))
    assert s is not None and "mostly ink" in s.warning
    for stage in (s.ink, s.crop, s.resized):
        assert max(stage.shape) <= 280, stage.shape
    assert s.box == (0, 0, 280, 280) and s.image.shape == (28, 28)


def test_a_large_drawing_is_read_like_the_same_drawing_at_canvas_size():
    big = digits.canvas_to_mnist(strokes.draw(5, cx=400, cy=400, size=560, pen=48, canvas=800))
    small = digits.canvas_to_mnist(strokes.draw(5, cx=140, cy=140, size=196, pen=17))
    check_mnist_like(big)
    assert blurred_corr(big, small) > 0.9


@pytest.mark.parametrize("radius", [1, 2, 5, 45])
@pytest.mark.parametrize("grow", [True, False])
def test_pen_correction_filter_is_an_exact_square_min_or_max(radius, grow):
    """The separable filter behind thinning and thickening equals the plain (2r+1)^2 window, edges
    repeated, as PIL's MinFilter/MaxFilter computed it."""
    from numpy.lib.stride_tricks import sliding_window_view

    from dlplay import digit_prep
    img = np.random.default_rng(radius).random((31, 97)).astype(np.float32)
    windows = sliding_window_view(np.pad(img, radius, mode="edge"), (2 * radius + 1,) * 2)
    expected = windows.max(axis=(2, 3)) if grow else windows.min(axis=(2, 3))
    assert np.array_equal(digit_prep._morph(img, radius, grow), expected)
