"""Gate activations of an exported recurrent network, computed in numpy (torch-free).

The page shows, word by word, how open each LSTM/GRU gate is. onnxruntime only returns a
graph's outputs, so we read the weights of the embedding and of the first recurrent layer from
the ONNX initializers and replay that layer's cell equations (forward direction) in numpy.
ONNX stores gates in its own order: LSTM i, o, f, c; GRU z, r, h.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

GATE_NAMES = {"LSTM": ["input", "forget", "output"], "GRU": ["update", "reset"], "RNN": []}
CELL_NAMES = {"LSTM": "lstm", "GRU": "gru", "RNN": "rnn"}


class NoRecurrentLayer(ValueError):
    pass


@dataclass(frozen=True)
class Layer:
    op: str  # "LSTM", "GRU" or "RNN"
    embedding: np.ndarray  # (V, E)
    W: np.ndarray  # (G*H, E) forward direction
    R: np.ndarray  # (G*H, H)
    Wb: np.ndarray  # (G*H,)
    Rb: np.ndarray  # (G*H,)
    hidden: int
    linear_before_reset: int = 0

    @property
    def cell(self) -> str:
        return CELL_NAMES[self.op]


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _constants(model: onnx.ModelProto) -> dict[str, onnx.TensorProto]:
    """The graph's initializers and Constant outputs by name, still as tensors: only the few this module
    replays are turned into numpy arrays, not every table in the model."""
    values = {t.name: t for t in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Constant":
            for a in node.attribute:
                if a.name == "value":
                    values[node.output[0]] = a.t
    return values


def first_layer(source: bytes | Path) -> Layer:
    """Embedding and first recurrent layer of an ONNX model given as bytes or as a file path."""
    model = onnx.load_from_string(source) if isinstance(source, bytes) else onnx.load(str(source))
    values = _constants(model)

    def array(name: str) -> np.ndarray:
        return numpy_helper.to_array(values[name])

    embedding = None
    for node in model.graph.node:
        if node.op_type == "Gather" and embedding is None and node.input[0] in values:
            embedding = array(node.input[0])
        if node.op_type in GATE_NAMES:
            attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
            try:
                W, R = array(node.input[1])[0], array(node.input[2])[0]
                B = array(node.input[3])[0] if len(node.input) > 3 and node.input[3] else np.zeros(2 * W.shape[0])
            except KeyError as e:
                raise NoRecurrentLayer(f"weights of the {node.op_type} layer are not constants") from e
            if embedding is None:
                raise NoRecurrentLayer("no embedding table found before the recurrent layer")
            half = W.shape[0]
            return Layer(node.op_type, np.asarray(embedding, dtype=np.float32), W, R, B[:half], B[half:],
                         int(attrs["hidden_size"]), int(attrs.get("linear_before_reset", 0)))
    raise NoRecurrentLayer("the model has no RNN, LSTM or GRU layer")


def replay(layer: Layer, ids: np.ndarray) -> dict[str, np.ndarray]:
    """Run the first layer's forward direction over one sequence of token ids (T,).

    Returns "hidden" (T, H) and one (T, H) array per gate name in GATE_NAMES[layer.op].
    """
    H = layer.hidden
    x = layer.embedding[np.asarray(ids, dtype=np.int64)]
    h = np.zeros(H, dtype=np.float64)
    c = np.zeros(H, dtype=np.float64)
    out: dict[str, list] = {"hidden": []}
    for name in GATE_NAMES[layer.op]:
        out[name] = []
    for t in range(len(x)):
        wx = layer.W @ x[t] + layer.Wb
        rh = layer.R @ h + layer.Rb
        if layer.op == "LSTM":
            i, o, f = (_sigmoid(wx[k * H:(k + 1) * H] + rh[k * H:(k + 1) * H]) for k in range(3))
            g = np.tanh(wx[3 * H:] + rh[3 * H:])
            c = f * c + i * g
            h = o * np.tanh(c)
            out["input"].append(i), out["forget"].append(f), out["output"].append(o)
        elif layer.op == "GRU":
            z = _sigmoid(wx[:H] + rh[:H])
            r = _sigmoid(wx[H:2 * H] + rh[H:2 * H])
            if layer.linear_before_reset:
                n = np.tanh(wx[2 * H:] + r * rh[2 * H:])
            else:
                n = np.tanh(wx[2 * H:] + layer.R[2 * H:] @ (r * h) + layer.Rb[2 * H:])
            h = (1 - z) * n + z * h
            out["update"].append(z), out["reset"].append(r)
        else:
            h = np.tanh(wx + rh)
        out["hidden"].append(h)
    return {k: np.asarray(v, dtype=np.float32).reshape(len(x), H) for k, v in out.items()}
