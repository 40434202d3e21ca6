"""Torch-free GAN serving: sample digits, walk the latent space, ask the discriminator.

The latent vector z has 1 + Z numbers drawn from N(0, 1). The first one picks the digit (its
normal CDF cut into ten equal slices, see dlplay.nets.gan.QuantileLabel); the other Z are the
style. The conditional generator takes the style plus a one-hot label, which may be a blend of
two digits: that is how an interpolation morphs a 3 into an 8.

`model` arguments accept a learner's model (dlplay.store.LearnerModel) or None for the shipped one.
"""
from __future__ import annotations

import functools
import math

import numpy as np

from dlplay import runtime

GENERATOR = "gan_generator.onnx"
CONDITIONAL = "gan_generator_cond.onnx"
DISCRIMINATOR = "gan_discriminator.onnx"
CLASSES = 10
DIRECTION_SAMPLES = 2000
LEARNING_RATES = [0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05]


def _session(filename: str, model=None):
    """The session for one GAN file, or None when that model does not have it."""
    if model is None:
        try:
            return runtime.shipped(filename)
        except runtime.ModelFileError:
            if filename == GENERATOR:
                raise  # without a generator there is nothing to show; the message says how to build it
            return None
    return model.session(filename) if filename in model.artifacts else None


def latent_size(model=None) -> int:
    """Length of z for the plain generator (1 digit-picking coordinate + the style)."""
    return int(_session(GENERATOR, model).get_inputs()[0].shape[1])


def is_conditional(model=None) -> bool:
    """True when the model can be told which digit to draw."""
    return _session(CONDITIONAL, model) is not None


def noise(n: int, seed: int, model=None) -> np.ndarray:
    """n latent vectors from N(0, 1), the same for the same seed on every machine."""
    return np.random.default_rng(int(seed)).standard_normal((int(n), latent_size(model))).astype(np.float32)


def digit_of(z: np.ndarray) -> np.ndarray:
    """The digit each latent vector asks for: Phi(z0) in ten equal slices."""
    u = np.array([0.5 * (1.0 + math.erf(float(v) / math.sqrt(2.0))) for v in np.atleast_2d(z)[:, 0]])
    return np.clip(np.floor(u * CLASSES), 0, CLASSES - 1).astype(np.int64)


def onehot(digits, n: int | None = None) -> np.ndarray:
    d = np.broadcast_to(np.asarray(digits, np.int64), (n,) if n is not None else np.shape(digits))
    return np.eye(CLASSES, dtype=np.float32)[d]


def generate(z: np.ndarray, label: np.ndarray | None = None, model=None) -> np.ndarray:
    """Images (N, 28, 28) in [0, 1]. With `label` (one-hot rows, possibly blended) the conditional
    generator draws those digits from the style z[:, 1:]; otherwise z[:, 0] picks the digit."""
    z = np.asarray(z, np.float32)
    cond = _session(CONDITIONAL, model) if label is not None else None
    if cond is not None:
        out = runtime.run(cond, z[:, 1:], np.asarray(label, np.float32))[0]
    else:
        out = runtime.run(_session(GENERATOR, model), z)[0]
    return np.clip(out.reshape(-1, 28, 28), 0.0, 1.0)


def sample(n: int, seed: int, digit: int | None = None, model=None) -> np.ndarray:
    """n digits from one seed; with `digit` (conditional models) all of them that digit."""
    z = noise(n, seed, model)
    return generate(z, onehot(digit, n) if digit is not None else None, model)


def grid(images: np.ndarray, cols: int = 8, pad: int = 2, scale: int = 1) -> np.ndarray:
    """Tile (N, 28, 28) images in [0, 1] into one uint8 picture with grey gutters.

    `scale` enlarges by pixel repetition, so the browser shows crisp pixels instead of blurring them.
    """
    images = np.asarray(images)
    n = len(images)
    rows = max(1, math.ceil(n / cols))
    h, w = images.shape[1:3]
    out = np.full((rows * (h + pad) + pad, cols * (w + pad) + pad), 60, np.uint8)
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        out[pad + r * (h + pad):pad + r * (h + pad) + h, pad + c * (w + pad):pad + c * (w + pad) + w] = \
            (np.clip(img, 0, 1) * 255).astype(np.uint8)
    return np.repeat(np.repeat(out, scale, 0), scale, 1) if scale > 1 else out


def slerp(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    """Spherical interpolation: Gaussian latents live near a sphere, and a straight line cuts
    through its low-norm inside, which the generator rarely saw during training."""
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    omega = math.acos(float(np.clip(np.dot(a / na, b / nb), -1.0, 1.0)))
    if omega < 1e-6:
        return (1 - t) * a + t * b
    return (math.sin((1 - t) * omega) * a + math.sin(t * omega) * b) / math.sin(omega)


def interpolate(seed_a: int, seed_b: int, steps: int = 8, digit_a: int | None = None,
                digit_b: int | None = None, model=None) -> np.ndarray:
    """Images along the path from sample `seed_a` to sample `seed_b` (first of each seed's noise).

    A conditional model also blends the labels (default: the digits the two seeds pick), so the
    digit changes smoothly; the plain generator switches digit where z0 crosses a slice boundary.
    """
    za, zb = noise(1, seed_a, model)[0], noise(1, seed_b, model)[0]
    ts = np.linspace(0.0, 1.0, max(2, int(steps)))
    z = np.stack([slerp(za, zb, t) for t in ts]).astype(np.float32)
    if not is_conditional(model):
        return generate(z, None, model)
    da = int(digit_of(za[None])[0]) if digit_a is None else digit_a
    db = int(digit_of(zb[None])[0]) if digit_b is None else digit_b
    labels = (1 - ts)[:, None] * onehot(da, 1) + ts[:, None] * onehot(db, 1)
    return generate(z, labels.astype(np.float32), model)


def measures(images: np.ndarray) -> dict[str, np.ndarray]:
    """Simple properties of each image: how much ink, how wide, how slanted."""
    x = np.asarray(images, np.float64)
    mass = x.sum((1, 2)) + 1e-8
    rows, cols = np.mgrid[0:28, 0:28]
    cy = (x * rows).sum((1, 2)) / mass
    cx = (x * cols).sum((1, 2)) / mass
    dy, dx = rows[None] - cy[:, None, None], cols[None] - cx[:, None, None]
    vyy = (x * dy * dy).sum((1, 2)) / mass
    vxy = (x * dx * dy).sum((1, 2)) / mass
    vxx = (x * dx * dx).sum((1, 2)) / mass
    # shear: how much x moves per row going down; positive = leaning left at the top (like "\")
    return {"thickness": mass / 28 ** 2, "width": np.sqrt(vxx), "slant": -vxy / (vyy + 1e-8)}


@functools.lru_cache(maxsize=8)
def _directions(key, model=None) -> dict[str, np.ndarray]:
    z = noise(DIRECTION_SAMPLES, 12345, model)
    cond = is_conditional(model)
    labels = onehot(np.arange(DIRECTION_SAMPLES) % CLASSES) if cond else None
    m = measures(generate(z, labels, model))
    style = z[:, 1:].astype(np.float64)
    out = {}
    for name, values in m.items():
        # least squares of the standardised measure on the style coordinates; the fitted
        # coefficient vector is the direction along which that measure grows fastest
        y = (values - values.mean()) / (values.std() + 1e-12)
        coef, *_ = np.linalg.lstsq(np.c_[style, np.ones(len(style))], y, rcond=None)
        d = coef[:-1]
        out[name] = (d / (np.linalg.norm(d) + 1e-12)).astype(np.float32)
    return out


def directions(model=None) -> dict[str, np.ndarray]:
    """Unit directions in style space (length Z) that make digits thicker, wider, more slanted.

    Found by regression over 2,000 generated digits; cached per model.
    """
    key = ("shipped", runtime.shipped(GENERATOR)) if model is None else ("learner", model.id)
    return _directions(key, model if model is not None else None)


def move(z: np.ndarray, direction: np.ndarray, amount: float) -> np.ndarray:
    """Shift the style part of z along a direction (the digit-picking z0 stays put)."""
    z = np.array(z, np.float32, copy=True)
    z[:, 1:] += np.float32(amount) * direction
    return z


def score(image: np.ndarray, model=None) -> np.ndarray | None:
    """D(x) for one (28, 28) image: the probability it is a real digit, once per claimed label.

    Returns 10 numbers for a conditional discriminator (\"is this a real 7?\"), one otherwise, or
    None when the model has no discriminator file.
    """
    session = _session(DISCRIMINATOR, model)
    if session is None:
        return None
    x = np.repeat(np.asarray(image, np.float32).reshape(1, 1, 28, 28), CLASSES, axis=0)
    p = runtime.run(session, x, np.eye(CLASSES, dtype=np.float32))[0].reshape(-1)
    return p if len(session.get_inputs()) > 1 else p[:1]


def trouble(history: list[dict]) -> list[str]:
    """Plain-words warnings from a training history: a winning discriminator, mode collapse."""
    out = []
    recent = [r for r in history[-2:] if "d_fake" in r]
    if len(recent) == 2 and all(r["d_fake"] < 0.05 and r["loss_d"] < 0.1 for r in recent):
        out.append("The discriminator is winning: D(fake) is near 0 and D's loss near 0, so the generator gets "
                   "almost no useful gradient. Try a smaller D learning rate, label smoothing, or the "
                   "non-saturating loss.")
    cover = [r["coverage_bits"] for r in history if "coverage_bits" in r]
    if cover and cover[-1] < 2.8:
        out.append(f"Class coverage is only {cover[-1]:.2f} of 3.32 bits: the generator draws a few digits far "
                   "more often than others (mode collapse), or its digits are not readable yet.")
    return out
