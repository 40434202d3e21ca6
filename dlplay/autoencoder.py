"""Autoencoder serving, torch-free: encode, decode, the latent map, walks through it, PCA beside it.

`load(learner=None)` gives the `Model` the page reads with: the shipped one (a 2-D VAE drawn as
the map, and a 16-D denoising autoencoder for reconstructions) or a learner's run (one pair for
both). An `Explorer` adds what the page needs around one pair: the held-out digits placed on a
2-D map (the latent space itself when it is 2-D, else its two main directions), the decoded grid
over that map, each digit's typical code, and a test for points far from every training digit,
where the decoder still answers but has never been taught what to draw.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from dlplay import numerics, runtime
from dlplay.data import digits
from dlplay.i18n import _

# File names: a learner's run writes the first pair; the shipped run writes both.
PAIRS = {"ae": ("ae_encoder.onnx", "ae_decoder.onnx"), "ae2d": ("ae2d_encoder.onnx", "ae2d_decoder.onnx")}
MAP_DIGITS = 500  # held-out digits drawn on the map
OUTSIDE_PERCENTILE = 99.0  # farther from any training digit than 99% of held-out digits = outside
TYPICAL_NEIGHBOURS = 25  # neighbourhood that decides how deep inside its cluster a code lies


class LatentSizeError(ValueError):
    """A latent vector whose length does not match the model's latent size."""


@dataclass(eq=False)
class Pair:
    """An encoder and its decoder (onnxruntime sessions); every inference goes through runtime.run."""
    encoder: object
    decoder: object
    key: str  # identifies the pair for caches
    latent: int = field(init=False)
    kind: str = field(init=False)

    def __post_init__(self):
        meta = runtime.metadata(self.encoder)
        self.kind = str(meta.get("kind", "vae" if len(self.encoder.get_outputs()) > 1 else "ae"))
        size = self.decoder.get_inputs()[0].shape[1]
        self.latent = int(size if isinstance(size, int) else meta.get("latent", 2))

    def describe(self) -> str:
        """The pair in the reader's language, as every caption names it: "2-D VAE", "16-D AE"."""
        return _("{latent}-D {kind}").format(latent=self.latent, kind=self.kind.upper())

    def encode(self, images) -> np.ndarray:
        """Images -> latent codes (N, D): the code itself for an AE, the mean for a VAE."""
        return runtime.run(self.encoder, numerics.image_batch(images))[0]

    def decode(self, z) -> np.ndarray:
        """Latent codes -> images (N, 28, 28) in [0, 1]."""
        return runtime.run(self.decoder, as_latent(z, self.latent))[0][:, 0]

    def reconstruct(self, images) -> np.ndarray:
        return self.decode(self.encode(images))


@dataclass(eq=False)
class Model:
    """What the page reads with. `map` is drawn on the map, walked by the morph and encodes drawings;
    `quality` rebuilds and denoises digits beside PCA. A learner's run is one pair doing both."""
    name: str
    map: Pair
    quality: Pair


def _shipped_pair(pair: str) -> Pair:
    enc, dec = (runtime.shipped(f) for f in PAIRS[pair])
    return Pair(enc, dec, key=f"shipped:{pair}:{id(enc)}:{id(dec)}")


def load(learner=None) -> Model:
    """The shipped model (learner None) or a learner's run (a dlplay.store.LearnerModel)."""
    if learner is None:
        return Model("shipped model", map=_shipped_pair("ae2d"), quality=_shipped_pair("ae"))
    enc, dec = (learner.session(f) for f in PAIRS["ae"])
    pair = Pair(enc, dec, key=f"learner:{learner.id}")
    return Model(learner.name, map=pair, quality=pair)


def as_latent(z, latent: int) -> np.ndarray:
    """(D,) or (N,D) -> (N,D) float32; a wrong size raises LatentSizeError with a plain message."""
    z = np.asarray(z, dtype=np.float32)
    if z.ndim == 1:
        z = z[None]
    if z.ndim != 2 or z.shape[1] != latent:
        raise LatentSizeError(f"This model's latent space has {latent} dimensions; got a point with "
                              f"{z.shape[-1] if z.ndim else 0}.")
    if not np.all(np.isfinite(z)):
        raise ValueError("A latent point must be made of finite numbers.")
    return z


def mse(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mean squared pixel error per image."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return ((a - b) ** 2).reshape(len(a), -1).mean(axis=1)


class PCA:
    """Principal component analysis in numpy: the linear autoencoder the network must beat."""

    def __init__(self, images: np.ndarray, k: int):
        x = np.asarray(images, np.float64).reshape(len(images), -1)
        self.mean = x.mean(axis=0)
        # Eigenvectors of the 784x784 covariance: ten times faster here than an SVD of the data.
        centred = x - self.mean
        __, vectors = np.linalg.eigh(centred.T @ centred)
        self.components = vectors[:, ::-1][:, :k].T.copy()
        self.k = k

    def encode(self, images) -> np.ndarray:
        return (np.asarray(images, np.float64).reshape(len(images), -1) - self.mean) @ self.components.T

    def decode(self, codes) -> np.ndarray:
        # Clipped to [0, 1] like the network's sigmoid output, so neither side wins by a free trick.
        x = np.asarray(codes, np.float64) @ self.components + self.mean
        return np.clip(x, 0.0, 1.0).reshape(-1, 28, 28).astype(np.float32)

    def reconstruct(self, images) -> np.ndarray:
        return self.decode(self.encode(images))


@functools.lru_cache(maxsize=8)
def pca(k: int) -> PCA:
    """PCA with k components fitted on the training split only."""
    return PCA(digits.load().train.images, k)


def interpolate(za, zb, steps: int = 8, method: str = "linear") -> np.ndarray:
    """Points from za to zb (both ends included): a straight line, or along the sphere ("spherical").

    Spherical interpolation suits a VAE: under its N(0, I) prior most mass lies near a sphere, and
    the straight line between two codes dips towards the centre, where few digits live.
    """
    za, zb = np.asarray(za, np.float64).ravel(), np.asarray(zb, np.float64).ravel()
    if za.shape != zb.shape:
        raise LatentSizeError(f"Both ends need the same latent size ({len(za)} vs {len(zb)}).")
    t = np.linspace(0.0, 1.0, max(2, int(steps)))[:, None]
    if method == "spherical":
        na, nb = np.linalg.norm(za), np.linalg.norm(zb)
        if na > 1e-8 and nb > 1e-8:
            omega = np.arccos(np.clip(za @ zb / (na * nb), -1.0, 1.0))
            if omega > 1e-4:
                s = np.sin(omega)
                return (np.sin((1 - t) * omega) / s * za + np.sin(t * omega) / s * zb).astype(np.float32)
    elif method != "linear":
        raise ValueError(f"method must be 'linear' or 'spherical', got {method!r}")
    return ((1 - t) * za + t * zb).astype(np.float32)


def add_noise(images, level: float, seed: int = 0) -> np.ndarray:
    """Gaussian pixel noise of standard deviation `level`, clipped back into [0, 1]."""
    x = numerics.image_batch(images)[:, 0]
    rng = np.random.default_rng(seed)
    return np.clip(x + rng.normal(0.0, float(level), x.shape), 0.0, 1.0).astype(np.float32)


def tile(images, cols: int) -> np.ndarray:
    """(N,28,28) -> one picture, `cols` images per row, row-major (missing cells are black)."""
    images = np.asarray(images, np.float32)
    rows = -(-len(images) // cols)
    out = np.zeros((rows * 28, cols * 28), np.float32)
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        out[r * 28:(r + 1) * 28, c * 28:(c + 1) * 28] = img
    return out


def typical_codes(z: np.ndarray, labels: np.ndarray, k: int = TYPICAL_NEIGHBOURS) -> np.ndarray:
    """Per digit 0-9, the code deepest inside its own cluster: the training code whose k nearest
    codes most often share its label (ties: the one nearest the class's median).

    A class's mean code can fall between curved or overlapping clusters: on the shipped 2-D map the
    shipped CNN reads 7 of the 10 mean codes' decodings as their digit (the mean 4 and 7 become 9s),
    and 9 of the 10 typical codes' (only the 7, which overlaps the 9s there, does not).
    """
    z = np.asarray(z, np.float64)
    sq = (z ** 2).sum(axis=1)
    out = np.zeros((10, z.shape[1]), np.float32)
    for c in range(10):
        idx = np.flatnonzero(labels == c)
        if len(idx) == 0:
            continue
        d2 = sq[idx, None] + sq[None, :] - 2.0 * z[idx] @ z.T
        kk = min(k + 1, len(z))  # the code itself is among its own nearest
        near = np.argpartition(d2, kk - 1, axis=1)[:, :kk]
        purity = (labels[near] == c).sum(axis=1)
        best = idx[purity == purity.max()]
        median = np.median(z[idx], axis=0)
        out[c] = z[best[np.argmin(((z[best] - median) ** 2).sum(axis=1))]]
    return out


class Explorer:
    """One pair's latent space, seen through held-out digits (built once per pair, then cached)."""

    def __init__(self, pair: Pair, n_map: int = MAP_DIGITS):
        d = digits.load()
        self.pair = pair
        self.images = d.test.images[:n_map]
        self.labels = d.test.labels[:n_map]
        self.z = pair.encode(self.images)
        self.train_z = pair.encode(d.train.images)
        self.typical = typical_codes(self.train_z, d.train.labels)  # (10, D): each digit's typical code
        # The map: the latent space itself when it is 2-D, else the plane of its two main directions.
        self.centre = self.train_z.mean(axis=0)
        if pair.latent == 2:
            self.centre = np.zeros(2, np.float32)
            self.axes = np.eye(2, dtype=np.float32)
        else:
            __, __, vt = np.linalg.svd(self.train_z - self.centre, full_matrices=False)
            self.axes = vt[:2].T.astype(np.float32)  # (D, 2)
        val_z = pair.encode(d.val.images)
        self.threshold = float(np.percentile(self.nearest(val_z), OUTSIDE_PERCENTILE))

    @property
    def latent(self) -> int:
        return self.pair.latent

    def morph(self, a: int, b: int, steps: int, method: str = "linear") -> tuple[np.ndarray, np.ndarray]:
        """The walk from digit a's typical code to digit b's: (codes (steps, D), decoded frames)."""
        path = interpolate(self.typical[a], self.typical[b], steps, method)
        return path, self.pair.decode(path)

    def to_map(self, z) -> np.ndarray:
        return (as_latent(z, self.latent) - self.centre) @ self.axes

    def from_map(self, xy) -> np.ndarray:
        xy = np.asarray(xy, np.float32).reshape(-1, 2)
        return (self.centre + xy @ self.axes.T).astype(np.float32)

    def coords(self) -> np.ndarray:
        """Map coordinates of the held-out digits."""
        return self.to_map(self.z)

    def bounds(self, pad: float = 0.1) -> tuple[tuple[float, float], tuple[float, float]]:
        xy = self.coords()
        lo, hi = np.percentile(xy, 1, axis=0), np.percentile(xy, 99, axis=0)
        span = np.maximum(hi - lo, 1e-3)
        lo, hi = lo - pad * span, hi + pad * span
        return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))

    def nearest(self, z) -> np.ndarray:
        """Distance from each latent point to the closest training digit's code."""
        z = np.asarray(z, np.float32).reshape(-1, self.latent)
        out = np.empty(len(z), np.float32)
        for i in range(0, len(z), 256):  # chunks keep the distance matrix small
            diff = z[i:i + 256, None, :] - self.train_z[None]
            out[i:i + 256] = np.sqrt((diff ** 2).sum(-1).min(axis=1))
        return out

    def outside(self, z) -> np.ndarray:
        """True where a point lies outside the region the training digits cover."""
        return self.nearest(z) > self.threshold

    def grid(self, xrange, yrange, n: int = 12) -> np.ndarray:
        """The decoded manifold: n x n images over the map's rectangle, top row = largest y."""
        n = int(np.clip(n, 2, 30))
        xs = np.linspace(xrange[0], xrange[1], n)
        ys = np.linspace(yrange[1], yrange[0], n)
        xy = np.array([(x, y) for y in ys for x in xs], np.float32)
        return tile(self.pair.decode(self.from_map(xy)), n)


_explorers: "OrderedDict[str, Explorer]" = OrderedDict()
_lock = threading.Lock()


def explorer(pair: Pair) -> Explorer:
    """The Explorer for a pair, shared by every learner looking at it (a few kept, newest first)."""
    with _lock:
        if pair.key in _explorers:
            _explorers.move_to_end(pair.key)
            return _explorers[pair.key]
    ex = Explorer(pair)
    with _lock:
        _explorers[pair.key] = ex
        while len(_explorers) > 8:
            _explorers.popitem(last=False)
    return ex
