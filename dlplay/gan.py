"""Torch-free GAN serving: sample digits, walk the latent space, ask the discriminator.

`load(learner=None)` gives the `Generator` the page reads with: the shipped GAN, or a learner's run
from the shelf (dlplay.store.LearnerModel). The ONNX file names live here and nowhere else.

The latent vector z has 1 + Z numbers drawn from N(0, 1). The first one picks the digit (its
normal CDF cut into ten equal slices, see dlplay.nets.gan.QuantileLabel); the other Z are the
style. The conditional generator takes the style plus a one-hot label, which may be a blend of
two digits: that is how a walk morphs a 3 into an 8.
"""
from __future__ import annotations

import functools
import math
import threading
import weakref
from dataclasses import dataclass, field

import numpy as np

from dlplay import runtime, settings
from dlplay.i18n import Msg, N_

GENERATOR = "gan_generator.onnx"
CONDITIONAL = "gan_generator_cond.onnx"
DISCRIMINATOR = "gan_discriminator.onnx"
CLASSES = 10
DIRECTION_SAMPLES = 2000


def digit_of(z: np.ndarray) -> np.ndarray:
    """The digit each latent vector asks for: Phi(z0) in ten equal slices."""
    u = np.array([0.5 * (1.0 + math.erf(float(v) / math.sqrt(2.0))) for v in np.atleast_2d(z)[:, 0]])
    return np.clip(np.floor(u * CLASSES), 0, CLASSES - 1).astype(np.int64)


def onehot(digits, n: int | None = None) -> np.ndarray:
    d = np.broadcast_to(np.asarray(digits, np.int64), (n,) if n is not None else np.shape(digits))
    return np.eye(CLASSES, dtype=np.float32)[d]


def slerp(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    """Spherical interpolation: Gaussian latents live near a sphere, and a straight line cuts
    through its low-norm inside, which the generator rarely saw during training."""
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    omega = math.acos(float(np.clip(np.dot(a / na, b / nb), -1.0, 1.0)))
    if omega < 1e-6:
        return (1 - t) * a + t * b
    return (math.sin((1 - t) * omega) * a + math.sin(t * omega) * b) / math.sin(omega)


def move(z: np.ndarray, direction: np.ndarray, amount: float) -> np.ndarray:
    """Shift the style part of z along a direction (the digit-picking z0 stays put)."""
    z = np.array(z, np.float32, copy=True)
    z[:, 1:] += np.float32(amount) * direction
    return z


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


@dataclass(eq=False)
class Generator:
    """One GAN as the page uses it; `name` says which model it is.

    `conditional` is None when the model has no conditional generator: then the noise alone picks
    the digit. `notices` say, in plain words, what a model lacks that it should have (a missing
    conditional generator or discriminator file), so the page can tell the learner; they are
    dlplay.i18n.Msg, shown in the learner's language with `tr()`.
    """
    name: str
    plain: object  # onnxruntime.InferenceSession: z (N, 1 + Z) -> image
    conditional: object = None  # style (N, Z) + one-hot label (N, 10) -> image
    discriminator: object = None  # image + one-hot label -> D(x)
    notices: list[Msg] = field(default_factory=list)
    config: dict = field(default_factory=dict)  # the settings it was trained with (dlplay.recipes.gan)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._directions: dict[str, np.ndarray] | None = None

    @property
    def latent_size(self) -> int:
        """Length of z (1 digit-picking coordinate + the style)."""
        return int(self.plain.get_inputs()[0].shape[1])

    @property
    def can_be_asked(self) -> bool:
        """True when the generator can be told which digit to draw."""
        return self.conditional is not None

    def noise(self, n: int, seed: int) -> np.ndarray:
        """n latent vectors from N(0, 1), the same for the same seed on every machine."""
        return np.random.default_rng(int(seed)).standard_normal((int(n), self.latent_size)).astype(np.float32)

    def generate(self, z: np.ndarray, label: np.ndarray | None = None) -> np.ndarray:
        """Images (N, 28, 28) in [0, 1]. With `label` (one-hot rows, possibly blended) a conditional
        generator draws those digits from the style z[:, 1:]; otherwise z[:, 0] picks the digit."""
        z = np.asarray(z, np.float32)
        if label is not None and self.conditional is not None:
            out = runtime.run(self.conditional, z[:, 1:], np.asarray(label, np.float32))[0]
        else:
            out = runtime.run(self.plain, z)[0]
        return np.clip(out.reshape(-1, 28, 28), 0.0, 1.0)

    def sample(self, n: int, seed: int, digit: int | None = None) -> np.ndarray:
        """n digits from one seed; with `digit` (conditional models) all of them that digit."""
        z = self.noise(n, seed)
        return self.generate(z, onehot(digit, n) if digit is not None else None)

    def walk(self, seed_a: int, seed_b: int, steps: int = 8) -> np.ndarray:
        """Images along the path from sample `seed_a` to sample `seed_b` (first of each seed's noise).

        A conditional model also blends the two digits the seeds pick, so the digit changes smoothly;
        the plain generator switches digit where z0 crosses a slice boundary.
        """
        za, zb = self.noise(1, seed_a)[0], self.noise(1, seed_b)[0]
        ts = np.linspace(0.0, 1.0, max(2, int(steps)))
        z = np.stack([slerp(za, zb, t) for t in ts]).astype(np.float32)
        if self.conditional is None:
            return self.generate(z)
        da, db = int(digit_of(za[None])[0]), int(digit_of(zb[None])[0])
        labels = (1 - ts)[:, None] * onehot(da, 1) + ts[:, None] * onehot(db, 1)
        return self.generate(z, labels.astype(np.float32))

    def directions(self) -> dict[str, np.ndarray]:
        """Unit directions in style space (length Z) that make digits thicker, wider, more slanted.

        Found once per model by regression over 2,000 generated digits.
        """
        with self._lock:
            if self._directions is None:
                self._directions = self._fit_directions()
            return self._directions

    def _fit_directions(self) -> dict[str, np.ndarray]:
        z = self.noise(DIRECTION_SAMPLES, 12345)
        labels = onehot(np.arange(DIRECTION_SAMPLES) % CLASSES) if self.conditional is not None else None
        style = z[:, 1:].astype(np.float64)
        out = {}
        for name, values in measures(self.generate(z, labels)).items():
            # least squares of the standardised measure on the style coordinates; the fitted
            # coefficient vector is the direction along which that measure grows fastest
            y = (values - values.mean()) / (values.std() + 1e-12)
            coef, *_ = np.linalg.lstsq(np.c_[style, np.ones(len(style))], y, rcond=None)
            d = coef[:-1]
            out[name] = (d / (np.linalg.norm(d) + 1e-12)).astype(np.float32)
        return out

    def discriminate(self, image: np.ndarray) -> np.ndarray | None:
        """D(x) for one (28, 28) image: the probability it is a real digit, once per claimed label.

        Returns 10 numbers for a conditional discriminator ("is this a real 7?"), one otherwise, or
        None when the model has no discriminator.
        """
        if self.discriminator is None:
            return None
        x = np.repeat(np.asarray(image, np.float32).reshape(1, 1, 28, 28), CLASSES, axis=0)
        p = runtime.run(self.discriminator, x, np.eye(CLASSES, dtype=np.float32))[0].reshape(-1)
        return p if len(self.discriminator.get_inputs()) > 1 else p[:1]


# What the page loses without an optional file, as whole sentences (shown with dlplay.i18n.tr): when the
# file is missing, and when it is there but unreadable ({error} says why and how to rebuild it).
NO_CONDITIONAL = (N_("{file} is missing, so the generator cannot be asked for a digit: the noise alone picks it. "
                     "Rebuild the shipped GAN with `python -m dlplay train gan`."),
                  N_("{error} Until then the generator cannot be asked for a digit: the noise alone picks it."))
NO_DISCRIMINATOR = (N_("{file} is missing, so there is no discriminator to ask. "
                       "Rebuild the shipped GAN with `python -m dlplay train gan`."),
                    N_("{error} Until then there is no discriminator to ask."))


def _optional(filename: str, lacking: tuple[str, str]) -> tuple[object, Msg | None]:
    """A shipped file the page can do without: its session, or None and a notice saying what is lost."""
    missing, unreadable = lacking
    if not (settings.MODELS_DIR / filename).is_file():
        return None, Msg(missing, file=f"`{filename}`")
    try:
        return runtime.shipped(filename), None
    except runtime.ModelFileError as e:
        return None, Msg(unreadable, error=e.args[0])


@functools.lru_cache(maxsize=4)
def _shipped(plain, conditional, discriminator, notices: tuple) -> Generator:
    return Generator("shipped model", plain, conditional, discriminator, list(notices),
                     config=runtime.metadata(plain).get("config", {}))


def _load_shipped() -> Generator:
    plain = runtime.shipped(GENERATOR)  # without it there is nothing to show; the error says how to build it
    conditional, no_cond = _optional(CONDITIONAL, NO_CONDITIONAL)
    discriminator, no_disc = _optional(DISCRIMINATOR, NO_DISCRIMINATOR)
    if not runtime.metadata(plain).get("conditional"):
        no_cond = None  # an unconditional GAN has no conditional generator to miss
    return _shipped(plain, conditional, discriminator, tuple(n for n in (no_cond, no_disc) if n))


_learners: "weakref.WeakKeyDictionary[object, Generator]" = weakref.WeakKeyDictionary()
_learners_lock = threading.Lock()


def load(learner=None) -> Generator:
    """The shipped GAN (learner None) or a learner's run (a dlplay.store.LearnerModel); one object per
    model per process, so its directions are fitted once. Raises runtime.ModelFileError when the
    generator itself is missing or unreadable."""
    if learner is None:
        return _load_shipped()
    if learner.dropped:  # the server let it go to stay within its memory bound; the cached copy goes too
        with _learners_lock:
            _learners.pop(learner, None)
        raise runtime.ModelFileError(learner.dropped)
    with _learners_lock:
        model = _learners.get(learner)
        if model is None:
            def optional(filename):
                return learner.session(filename) if filename in learner.artifacts else None
            model = Generator(learner.name, learner.session(GENERATOR), optional(CONDITIONAL), optional(DISCRIMINATOR),
                              config=dict(learner.config))
            _learners[learner] = model
        return model
