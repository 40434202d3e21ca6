"""How good are generated digits? Judged by the project's own digit classifier (torch-free).

Three numbers, each with a reference so it means something:
- confidence: the classifier's mean top-class probability on generated digits (real digits: ~0.97+);
- coverage: entropy, in bits, of the predicted classes over many samples (all ten equally: 3.32);
  a generator that collapses onto a few digits scores low;
- Frechet distance between classifier features of generated and held-out real digits (FID's recipe
  with our classifier instead of Inception), beside the same distance for real vs real digits
  (the floor) and for blurred real digits (what "clearly worse" looks like).
"""
from __future__ import annotations

import numpy as np

from dlplay import runtime

CLASSIFIER = "cnn_digits.onnx"
CLASSES = 10
MAX_BITS = float(np.log2(CLASSES))


def classifier():
    """The shipped digit classifier's session, or None when it has not been built yet."""
    try:
        return runtime.shipped(CLASSIFIER)
    except runtime.ModelFileError:
        return None


def classify(images: np.ndarray, session=None, chunk: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """Class probabilities (N, 10) and features (N, F) for (N, 28, 28) images in [0, 1].

    The features are the classifier's second output (its penultimate layer) when it has one,
    otherwise its logits.
    """
    session = session or classifier()
    if session is None:
        raise runtime.ModelFileError(f"{CLASSIFIER} is missing. Build it with `python -m dlplay train cnn`.")
    x = np.asarray(images, np.float32).reshape(-1, 1, 28, 28)
    probs, feats = [], []
    for i in range(0, len(x), chunk):
        out = runtime.run(session, x[i:i + chunk])
        logits = out[0].astype(np.float64)
        e = np.exp(logits - logits.max(1, keepdims=True))
        probs.append(e / e.sum(1, keepdims=True))
        feats.append((out[1] if len(out) > 1 else out[0]).reshape(len(logits), -1).astype(np.float64))
    return np.concatenate(probs), np.concatenate(feats)


def confidence(probs: np.ndarray) -> float:
    return float(probs.max(1).mean())


def coverage_bits(probs: np.ndarray) -> float:
    """Entropy of the predicted-class histogram in bits (3.32 = every digit equally often)."""
    counts = np.bincount(probs.argmax(1), minlength=CLASSES).astype(np.float64)
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log2(p)).sum())


def class_counts(probs: np.ndarray) -> np.ndarray:
    return np.bincount(probs.argmax(1), minlength=CLASSES)


def _psd_sqrt(m: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh((m + m.T) / 2)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def frechet(a: np.ndarray, b: np.ndarray) -> float:
    """Frechet distance between Gaussians fitted to two feature sets (rows are samples).

    Tr(sqrt(Sa Sb)) is computed as Tr(sqrt(sqrt(Sa) Sb sqrt(Sa))), which is symmetric, so numpy's
    eigh suffices (no scipy needed).
    """
    mu_a, mu_b = a.mean(0), b.mean(0)
    sa, sb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    ra = _psd_sqrt(sa)
    cross = np.trace(_psd_sqrt(ra @ sb @ ra))
    return float(max(0.0, ((mu_a - mu_b) ** 2).sum() + np.trace(sa) + np.trace(sb) - 2 * cross))


def blur(images: np.ndarray, sigma: float = 1.0) -> np.ndarray:
    """Gaussian blur of (N, 28, 28) images, separable, zero padding."""
    r = max(1, int(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    x = np.asarray(images, np.float32)
    pad = np.pad(x, ((0, 0), (r, r), (0, 0)))
    x = sum(k[i] * pad[:, i:i + x.shape[1], :] for i in range(len(k)))
    pad = np.pad(x, ((0, 0), (0, 0), (r, r)))
    x = sum(k[i] * pad[:, :, i:i + x.shape[2]] for i in range(len(k)))
    return x.astype(np.float32)


def quick(images: np.ndarray, session=None) -> dict[str, float]:
    """Confidence and coverage only: cheap enough to run after every training epoch."""
    probs, _ = classify(images, session)
    return {"confidence": confidence(probs), "coverage_bits": coverage_bits(probs)}


def report(generated: np.ndarray, held_out: np.ndarray, reference: np.ndarray, session=None) -> dict:
    """All numbers for the benchmark table.

    `held_out` are real digits no model trained on; `reference` are other real digits (training
    digits), the same count as `generated`, so every Frechet distance compares equal sample sizes.
    """
    session = session or classifier()
    p_gen, f_gen = classify(generated, session)
    p_ref, f_ref = classify(reference, session)
    _, f_held = classify(held_out, session)
    p_blur, f_blur = classify(blur(reference, 1.0), session)
    return {
        "generated": {"confidence": confidence(p_gen), "coverage_bits": coverage_bits(p_gen),
                      "frechet": frechet(f_gen, f_held), "counts": class_counts(p_gen).tolist()},
        "real": {"confidence": confidence(p_ref), "coverage_bits": coverage_bits(p_ref),
                 "frechet": frechet(f_ref, f_held)},
        "blurred real (sigma 1 px)": {"confidence": confidence(p_blur), "coverage_bits": coverage_bits(p_blur),
                                      "frechet": frechet(f_blur, f_held)},
        "features": "penultimate layer" if len(session.get_outputs()) > 1 else "logits",
    }
