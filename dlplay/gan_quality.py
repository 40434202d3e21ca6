"""How good are generated digits, and what went wrong in a run? Judged by the project's own digit
classifier (torch-free).

Three numbers, each with a reference so it means something:
- confidence: the classifier's mean top-class probability on generated digits (real digits: ~0.99);
- coverage: entropy of the predicted classes over many samples, in bits (all ten equally: 3.32) or
  as a share of that maximum (1.0); a generator that collapses onto a few digits scores low;
- Frechet distance between classifier features of generated and held-out real digits (FID's recipe
  with our classifier instead of Inception), beside the same distance for real vs real digits
  (the floor) and for blurred real digits (what "clearly worse" looks like).
"""
from __future__ import annotations

import numpy as np

from dataclasses import dataclass

from dlplay import digits, numerics, runtime
from dlplay.i18n import Msg, N_, _, tr
from dlplay.params.gan import LEARNING_RATES
from dlplay.params.gan import TABLE as SETTINGS

CLASSIFIER = digits.MODEL_FILE
CLASSES = 10
MAX_BITS = float(np.log2(CLASSES))
# What a training run records after every epoch, named so that a learner reads them as they are.
CONFIDENCE = "classifier_confidence"
COVERAGE = "digit_coverage"


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
        probs.append(numerics.softmax(logits))
        feats.append((out[1] if len(out) > 1 else out[0]).reshape(len(logits), -1).astype(np.float64))
    return np.concatenate(probs), np.concatenate(feats)


def confidence(probs: np.ndarray) -> float:
    return float(probs.max(1).mean())


def coverage_bits(probs: np.ndarray) -> float:
    """Entropy of the predicted-class histogram in bits (3.32 = every digit equally often)."""
    counts = np.bincount(probs.argmax(1), minlength=CLASSES).astype(np.float64)
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log2(p)).sum())


def coverage(probs: np.ndarray) -> float:
    """Coverage as a share of its maximum: 1.0 when every digit comes equally often, 0 for one digit."""
    return coverage_bits(probs) / MAX_BITS


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
    probs, _features = classify(images, session)
    return {CONFIDENCE: confidence(probs), COVERAGE: coverage(probs)}


def report(generated: np.ndarray, held_out: np.ndarray, reference: np.ndarray, session=None) -> dict:
    """All numbers for the benchmark table.

    `held_out` are real digits no model trained on; `reference` are other real digits (training
    digits), the same count as `generated`, so every Frechet distance compares equal sample sizes.
    """
    session = session or classifier()
    p_gen, f_gen = classify(generated, session)
    p_ref, f_ref = classify(reference, session)
    _probs, f_held = classify(held_out, session)
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


# --- What went wrong in a run, and what to try -----------------------------------------------------

@dataclass(frozen=True)
class Remedy:
    key: str  # the setting to change (a key of dlplay.params.gan.TABLE)
    value: object  # the value to try
    words: Msg  # the advice as the learner reads it


@dataclass(frozen=True)
class Hint:
    problem: Msg
    remedies: tuple[Remedy, ...]

    @property
    def text(self) -> str:
        """The hint in the learner's language: the problem, then what to try."""
        if not self.remedies:
            return tr(self.problem)
        return _("{problem} Try {remedies}.").format(problem=tr(self.problem),
                                                      remedies=_join([tr(r.words) for r in self.remedies]))


def _join(words: list[str]) -> str:
    """"a, b or c" in the learner's language (a bare ", " would be one msgid shared by every catalog)."""
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return _("{some} or {last}").format(some=words[0], last=words[1])
    return _("{item}, {more}").format(item=words[0], more=_join(words[1:]))


def _neighbour(value: float, up: bool):
    """The next learning rate the page offers above (or below) `value`; None at the end of the scale."""
    others = [r for r in LEARNING_RATES if (r > value if up else r < value)]
    return (min(others) if up else max(others)) if others else None


def _remedies(config: dict, candidates: list[tuple[str, object, str]]) -> tuple[Remedy, ...]:
    """The candidates that would change something: never advise what is already selected."""
    c = SETTINGS.clamp({**SETTINGS.defaults(), **config})
    return tuple(Remedy(k, v, words) for k, v, words in candidates
                 if v is not None and v != c[k] and SETTINGS[k].clamp(v) == v)


def advice(history: list[dict], config: dict) -> list[Hint]:
    """Plain-words diagnoses of a training history (one record per epoch), each with remedies that
    differ from the run's own `config`: a discriminator that wins, mode collapse, unreadable digits."""
    c = SETTINGS.clamp({**SETTINGS.defaults(), **config})
    out = []
    recent = [r for r in history[-2:] if "d_fake" in r]
    if len(recent) == 2 and all(r["d_fake"] < 0.05 and r["loss_d"] < 0.1 for r in recent):
        lower_d, higher_g = _neighbour(c["lr_d"], up=False), _neighbour(c["lr_g"], up=True)
        out.append(Hint(
            Msg(N_("The discriminator is winning: D(generated image) is near 0 and D's loss near 0, so the "
                   "generator gets almost no useful gradient.")),
            _remedies(c, [("lr_d", lower_d, Msg(N_("a smaller D learning rate ({rate:g})"), rate=lower_d)
                           if lower_d else ""),
                          ("lr_g", higher_g, Msg(N_("a larger G learning rate ({rate:g})"), rate=higher_g)
                           if higher_g else ""),
                          ("label_smoothing", 0.1, Msg(N_("label smoothing of 0.1"))),
                          ("d_steps", 1, Msg(N_("one D step per G step"))),
                          ("objective", "non_saturating", Msg(N_("the non-saturating generator loss")))])))
    judged = [r for r in history if COVERAGE in r and CONFIDENCE in r]
    if judged and len(judged) >= 3:
        last = judged[-1]
        if last[CONFIDENCE] < 0.5:
            more = min(SETTINGS["epochs"].limit, c["epochs"] * 2)
            out.append(Hint(
                Msg(N_("The digit classifier reads few of these digits yet (confidence {confidence:.2f}; real "
                       "digits get about 0.99)."), confidence=last[CONFIDENCE]),
                _remedies(c, [("epochs", more, Msg(N_("more epochs ({epochs})"), epochs=more)),
                              ("lr_g", _neighbour(c["lr_g"], up=True), Msg(N_("a larger G learning rate")))])))
        elif last[COVERAGE] < 0.84:
            out.append(Hint(
                Msg(N_("Digit coverage is only {coverage:.2f} (1 means all ten digits equally often): the "
                       "generator draws a few digits far more often than others (mode collapse)."),
                    coverage=last[COVERAGE]),
                _remedies(c, [("conditional", True, Msg(N_("the conditional GAN (G is told which digit to draw)")))])))
    return out


def trouble(history: list[dict], config: dict) -> list[str]:
    """The advice as sentences in the learner's language, for the page."""
    return [h.text for h in advice(history, config)]
