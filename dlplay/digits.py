"""Digits serving, torch-free: the CNN through onnxruntime (canvas preparation is dlplay.digit_prep)."""
from __future__ import annotations

import numpy as np

from dlplay.digit_prep import SIZE, Steps, canvas_to_mnist, steps  # noqa: F401  (the documented contract)

MODEL_FILE = "cnn_digits.onnx"
FEATURES_FILE = "cnn_digits_features.onnx"  # same network; outputs logits, then each conv block's maps


def as_batch(images) -> np.ndarray:
    """(28, 28), (N, 28, 28) or (N, 1, 28, 28) in [0, 1] to float32 (N, 1, 28, 28)."""
    x = np.asarray(images, dtype=np.float32)
    if x.ndim == 2:
        x = x[None]
    if x.ndim == 3:
        x = x[:, None]
    if x.ndim != 4 or x.shape[1:] != (1, SIZE, SIZE):
        raise ValueError(f"Expected 28x28 images, got shape {np.shape(images)}.")
    return np.clip(np.nan_to_num(x), 0.0, 1.0)


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _session(session):
    from dlplay import runtime
    return session if session is not None else runtime.shipped(MODEL_FILE)


def predict(images, session=None) -> np.ndarray:
    """Class probabilities (N, 10) for 28x28 images; the shipped model unless a session is given."""
    s = _session(session)
    logits = s.run([s.get_outputs()[0].name], {s.get_inputs()[0].name: as_batch(images)})[0]
    return softmax(logits.astype(np.float64)).astype(np.float32)


def feature_maps(image, session=None) -> list[np.ndarray]:
    """Each conv block's activation maps (C, H, W) for one image, from a features model."""
    from dlplay import runtime
    s = session if session is not None else runtime.shipped(FEATURES_FILE)
    outs = s.run(None, {s.get_inputs()[0].name: as_batch(image)[:1]})
    return [o[0] for o in outs[1:]]


def kernels(model) -> list[np.ndarray]:
    """The learned convolution kernels (C_out, C_in, k, k) of each conv layer, in graph order,
    read from the ONNX initializers (model: file path or bytes); no torch needed."""
    import onnx
    from onnx import numpy_helper

    proto = onnx.load_from_string(model) if isinstance(model, (bytes, bytearray)) else onnx.load(str(model))
    weights = {i.name: i for i in proto.graph.initializer}
    return [numpy_helper.to_array(weights[n.input[1]]) for n in proto.graph.node
            if n.op_type == "Conv" and n.input[1] in weights]


