"""Digits serving, torch-free: the CNN through onnxruntime (canvas preparation is dlplay.digit_prep).

`load(learner=None)` gives the `DigitModel` the page reads with: the shipped model, or a learner's
run from the shelf (dlplay.store.LearnerModel). The ONNX file names live here and nowhere else.
"""
from __future__ import annotations

import functools
import threading
import weakref
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import numpy_helper

from dlplay import numerics, runtime, settings
from dlplay.data import digits as digit_data
from dlplay.digit_prep import SIZE, Steps, canvas_to_mnist, steps  # noqa: F401  (the documented contract)
from dlplay.i18n import Msg, N_

MODEL_FILE = "cnn_digits.onnx"
FEATURES_FILE = "cnn_digits_features.onnx"  # same network; outputs logits, then each conv block's maps

# When to doubt a reading. The network must share 100 % among the ten digits whatever it is shown,
# so a tall softmax bar alone cannot say "this is no digit". These checks can:
# - a dot or a blob: the pen-width estimate of the prepared drawing is above DOT_STROKE (a round dot
#   measures 11-12 in MNIST's 20-px box at any pen; written digits 2-5, a tiny digit drawn with a fat
#   pen up to about 9);
# - mostly ink: more than DOUBT_INK of the 28x28 input's pixels brighter than one half (MNIST digits
#   and the synthetic drawings stay below 0.31);
# - unlike the digits the network knows, measured per model against held-out digits, each check
#   letting through all but DOUBT_PERCENT % of the validation split: its largest logit lower, its
#   softmax entropy higher, or what its conv layers pick out (a summary of their maps) farther from
#   every digit class (Mahalanobis distance to the class means of CALIBRATION_PER_CLASS training
#   digits per class) than that. Per model, because a short learner run is less sure of everything.
# `python -m dlplay bench digits --doubt` prints how many real digits and scribbles are flagged.
DOT_STROKE = 10.5
DOUBT_INK = 0.34
DOUBT_PERCENT = 0.25
CALIBRATION_PER_CLASS = 50
# Messages are Msg templates: the page shows them in the reader's language (dlplay.i18n.tr).
DOT_MESSAGE = N_("That is a dot or a blob, not a digit shape: the network still picks one of the ten digits, "
                 "but the pick means little.")
DOUBT_MESSAGE = N_("This does not look like a digit to the network: what its layers pick out is unlike the "
                   "handwritten digits it was checked on. It must still share 100 % among the ten digits, so its "
                   "favourite, {digit}, gets {prob:.0%}: a guess, not a recognition.")
EXAMPLE_TEST_INDEX = 152  # a clearly written 3 of the offline test split: the lesson's example
CANVAS = 280  # the page's canvas side, in pixels


@dataclass(frozen=True)
class Reading:
    """What the network makes of one prepared drawing."""
    probs: np.ndarray  # (10,) softmax of the outputs
    digit: int  # the most likely digit
    doubt: str  # why this reading should not be trusted (a dlplay.i18n.Msg); "" when it reads like a real digit
    maps: list  # each conv block's activation maps (C, H, W), for the lesson


@dataclass(frozen=True)
class _Typical:
    """What held-out digits look like to one model (see the doubt checks above)."""
    means: np.ndarray  # (10, D) class means of the map summaries
    precision: np.ndarray  # (D, D) inverse of their shared covariance
    far: float  # largest distance still typical
    low: float  # smallest largest-logit still typical
    spread: float  # largest entropy still typical


def _proto(weights) -> onnx.ModelProto:
    return onnx.load_from_string(weights) if isinstance(weights, (bytes, bytearray)) else onnx.load(str(weights))


def initializers(weights) -> dict[str, np.ndarray]:
    """A CNN file's parameters by name (weights: the file's path or bytes); the names are the
    torch module's, so the recipe can start a network from the shipped one."""
    return {i.name: numpy_helper.to_array(i) for i in _proto(weights).graph.initializer}


def _kernels_from(weights) -> list[np.ndarray]:
    """The convolution kernels (C_out, C_in, k, k) of each conv layer, in graph order."""
    proto = _proto(weights)
    found = {i.name: i for i in proto.graph.initializer}
    return [numpy_helper.to_array(found[n.input[1]]) for n in proto.graph.node
            if n.op_type == "Conv" and n.input[1] in found]


def entropy(probs: np.ndarray) -> np.ndarray:
    """Softmax entropy in nats, per row: 0 when sure of one digit, ln 10 when all ten are equal."""
    p = np.clip(np.asarray(probs, np.float64), 1e-12, 1.0)
    return -(p * np.log(p)).sum(axis=-1)


def _summary(maps: list[np.ndarray]) -> np.ndarray:
    """(N, D) per image: the last conv block's maps averaged and maxed over space, and the first's averaged."""
    last = maps[-1]
    parts = [last.mean(axis=(2, 3)), last.max(axis=(2, 3))]
    if len(maps) > 1:
        parts.append(maps[0].mean(axis=(2, 3)))
    return np.concatenate(parts, axis=1).astype(np.float64)


def _distance(summaries: np.ndarray, means: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """Squared Mahalanobis distance of each summary to the nearest class mean."""
    diff = summaries[:, None, :] - means[None]
    return np.einsum("nci,ij,ncj->nc", diff, precision, diff).min(axis=1)


@dataclass(eq=False)
class DigitModel:
    """One CNN as the page uses it: probabilities, feature maps and kernels; `name` says which it is."""
    name: str
    classifier: object  # onnxruntime.InferenceSession: image -> logits
    features: object  # the same network with each conv block's maps as extra outputs
    weights: object  # what the kernels are read from: the ONNX file's path or bytes
    key: str  # identifies the model for caches (pictures of its kernels, for example)

    def __post_init__(self):
        self._lock = threading.Lock()  # kernels
        self._typical_lock = threading.Lock()  # doubt limits (measured in the background, see warm_up)
        self._kernels: list[np.ndarray] | None = None
        self._typical: _Typical | None = None
        self._warming = False

    def logits(self, images) -> np.ndarray:
        """The network's ten outputs (N, 10) for 28x28 images, before the softmax."""
        return runtime.run(self.classifier, numerics.image_batch(images))[0]

    def predict(self, images) -> np.ndarray:
        """Class probabilities (N, 10) for 28x28 images."""
        return numerics.softmax(self.logits(images)).astype(np.float32)

    def feature_maps(self, image) -> list[np.ndarray]:
        """Each conv block's activation maps (C, H, W) for one image (after ReLU, before pooling)."""
        return [o[0] for o in runtime.run(self.features, numerics.image_batch(image)[:1])[1:]]

    def kernels(self) -> list[np.ndarray]:
        """The learned kernels of each conv layer, read once per model."""
        with self._lock:
            if self._kernels is None:
                self._kernels = _kernels_from(self.weights)
            return self._kernels

    def _look(self, images) -> tuple[np.ndarray, np.ndarray]:
        """Logits and map summaries of many images, a slice at a time (the maps of thousands of
        images at once would take hundreds of MB)."""
        x = numerics.image_batch(images)
        step = 64
        parts = [runtime.run(self.features, x[i:i + step]) for i in range(0, len(x), step)]
        return (np.concatenate([p[0] for p in parts]), np.concatenate([_summary(p[1:]) for p in parts]))

    def typical(self) -> _Typical:
        """The doubt checks' limits for this model, measured once (about a thousand digits' worth of runs)."""
        with self._typical_lock:
            if self._typical is None:
                self._typical = self._measure_typical()
            return self._typical

    def warm_up(self) -> None:
        """Measure the doubt limits in the background (once), so that the learner's first stroke does
        not wait for them; the lesson's example is read without a doubt."""
        with self._lock:
            if self._warming:
                return
            self._warming = True
        threading.Thread(target=self.typical, name="dlplay-digits-doubt-limits", daemon=True).start()

    def _measure_typical(self) -> _Typical:
        data = digit_data.load()
        labels = data.train.labels
        pick = np.concatenate([np.flatnonzero(labels == c)[:CALIBRATION_PER_CLASS] for c in range(10)])
        _, summaries = self._look(data.train.images[pick])
        means = np.stack([summaries[labels[pick] == c].mean(axis=0) for c in range(10)])
        spread = summaries - means[labels[pick]]
        cov = spread.T @ spread / len(spread)
        cov += 1e-2 * np.trace(cov) / len(cov) * np.eye(len(cov))  # a ridge: more dimensions than digits per class
        precision = np.linalg.inv(cov)
        logits, held_out = self._look(data.val.images)
        return _Typical(means, precision,
                        far=float(np.percentile(_distance(held_out, means, precision), 100 - DOUBT_PERCENT)),
                        low=float(np.percentile(logits.max(axis=1), DOUBT_PERCENT)),
                        spread=float(np.percentile(entropy(numerics.softmax(logits)), 100 - DOUBT_PERCENT)))

    def _unlike(self, images, logits: np.ndarray, summaries: np.ndarray) -> np.ndarray:
        t = self.typical()
        inky = (numerics.image_batch(images) > 0.5).mean(axis=(1, 2, 3)) > DOUBT_INK
        weak = (logits.max(axis=1) < t.low) | (entropy(numerics.softmax(logits)) > t.spread)
        return inky | weak | (_distance(summaries, t.means, t.precision) > t.far)

    def doubtful(self, images) -> np.ndarray:
        """True for each prepared 28x28 image whose reading should not be trusted (ink and model checks)."""
        logits, summaries = self._look(images)
        return self._unlike(images, logits, summaries)

    def read(self, prepared: Steps, doubt: bool = True) -> Reading:
        """One prepared drawing (dlplay.digit_prep.steps) read, with a doubt when it is no digit
        (unless `doubt` is False); one run of the features model gives the probabilities and the
        lesson's feature maps."""
        outs = runtime.run(self.features, numerics.image_batch(prepared.image))
        probs = numerics.softmax(outs[0])[0].astype(np.float32)
        digit = int(probs.argmax())
        if not doubt:
            why = ""
        elif prepared.warning:  # a tiny dot or a canvas full of ink: the preparation already knows
            why = prepared.warning
        elif prepared.stroke > DOT_STROKE:
            why = Msg(DOT_MESSAGE)
        elif self._unlike(prepared.image, outs[0], _summary(outs[1:]))[0]:
            why = Msg(DOUBT_MESSAGE, digit=digit, prob=float(probs[digit]))
        else:
            why = ""
        return Reading(probs, digit, why, [o[0] for o in outs[1:]])


_learners: "weakref.WeakKeyDictionary[object, DigitModel]" = weakref.WeakKeyDictionary()
_learners_lock = threading.Lock()


@functools.lru_cache(maxsize=4)
def _shipped(classifier, features) -> DigitModel:
    return DigitModel("shipped model", classifier, features, settings.MODELS_DIR / MODEL_FILE,
                      key=f"shipped:{id(classifier)}")


def load(learner=None) -> DigitModel:
    """The shipped CNN, or a learner's run (a dlplay.store.LearnerModel); one object per model per
    process, so its kernels and doubt limits are worked out once. Raises runtime.ModelFileError when
    a file is missing or unreadable."""
    if learner is None:
        model = _shipped(runtime.shipped(MODEL_FILE), runtime.shipped(FEATURES_FILE))
    else:
        with _learners_lock:
            model = _learners.get(learner)
            if model is None:
                model = DigitModel(learner.name, learner.session(MODEL_FILE), learner.session(FEATURES_FILE),
                                   learner.artifacts[MODEL_FILE], key=f"learner:{learner.id}")
                _learners[learner] = model
    model.warm_up()
    return model


@functools.lru_cache(maxsize=1)
def example() -> tuple[np.ndarray, int]:
    """The lesson's example before the learner draws: a test digit enlarged to the canvas size
    (as if drawn there, so the preparation steps have something to do) and its true label."""
    test = digit_data.load().test
    image = test.images[EXAMPLE_TEST_INDEX]
    return np.kron(image, np.ones((CANVAS // SIZE, CANVAS // SIZE), np.float32)), int(test.labels[EXAMPLE_TEST_INDEX])
