"""onnxruntime vs torch eager for every shipped model, at batch 1 and batch 64.

    python bench/ort_vs_torch.py        (or: python -m dlplay bench ort_vs_torch)

Each torch module is rebuilt with the shipped file's architecture (from models/manifest.json) and,
where the ONNX initializers carry parameter names, its weights; latency does not depend on the
weight values. Both sides get the same thread budget (settings.ORT_THREADS), as in the server.
Prints median and p90 milliseconds per call.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
from onnx import numpy_helper  # noqa: E402

from dlplay import runtime, settings  # noqa: E402
from dlplay.devtools import timed  # noqa: E402
from dlplay.nets.autoencoder import AutoEncoder  # noqa: E402
from dlplay.nets.gan import QuantileLabel, build  # noqa: E402
from dlplay.nets.rnn import SentimentRNN  # noqa: E402
from dlplay.recipes import cnn  # noqa: E402


def models():
    """(file, torch module, input maker(batch) -> numpy array)."""
    manifest = runtime.manifest()
    rng = np.random.default_rng(0)
    image = lambda n: rng.random((n, 1, 28, 28), dtype=np.float32)  # noqa: E731

    c = manifest["cnn_digits.onnx"]["config"]
    yield "cnn_digits.onnx", cnn.build(cnn.clamp(c)), image

    c = manifest["ae_encoder.onnx"]["config"]
    ae = AutoEncoder(c["kind"], c["latent"], c["width"], c["hidden"])
    yield "ae_encoder.onnx", ae.encoder, image
    yield "ae_decoder.onnx", ae.decoder, lambda n: rng.standard_normal((n, c["latent"]), dtype=np.float32)

    c = manifest["gan_generator.onnx"]["config"]
    gen, _ = build(c["arch"], c["z_dim"], c["width"], c["conditional"])
    z_len = runtime.shipped("gan_generator.onnx").get_inputs()[0].shape[1]
    yield "gan_generator.onnx", QuantileLabel(gen), lambda n: rng.standard_normal((n, z_len), dtype=np.float32)

    c = manifest["rnn_sentiment.onnx"]["config"]
    vocab = json.loads((settings.MODELS_DIR / "rnn_sentiment.vocab.json").read_text())
    rnn = SentimentRNN(len(vocab["words"]), c["classes"], c["cell"], c["embedding"], c["hidden"], c["layers"],
                       c["bidirectional"], 0.0)
    yield "rnn_sentiment.onnx", rnn, lambda n: rng.integers(2, len(vocab["words"]), (n, c["max_len"]))


def load_named_weights(module, filename: str) -> None:
    found = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(settings.MODELS_DIR / filename)).graph.initializer}
    state = module.state_dict()
    for prefix in ("", "encoder.", "decoder.", "generator."):
        hits = {k: found[prefix + k] for k in state if prefix + k in found and found[prefix + k].shape == tuple(state[k].shape)}
        if hits:
            state.update({k: torch.from_numpy(v.copy()) for k, v in hits.items()})
    module.load_state_dict(state)


def main() -> None:
    torch.set_num_threads(settings.ORT_THREADS)
    rows = []
    for filename, module, make in models():
        load_named_weights(module, filename)
        module.eval()
        session = runtime.shipped(filename)
        for batch in (1, 64):
            x = make(batch)
            xt = torch.from_numpy(x)
            n = 300 if batch == 1 else 40
            ort_med, ort_p90 = timed(lambda: runtime.run(session, x), n)

            def eager():
                with torch.no_grad():
                    module(xt)
            t_med, t_p90 = timed(eager, n)
            rows.append((filename, batch, ort_med, ort_p90, t_med, t_p90))
    print(f"{settings.CPU_COUNT} CPU cores, {settings.ORT_THREADS} thread for each side, torch {torch.__version__}")
    print(f"{'model':22s} {'batch':>5s} {'ORT median':>11s} {'ORT p90':>9s} {'torch median':>13s} {'torch p90':>10s} "
          f"{'speed-up':>9s}")
    for f, b, om, op, tm, tp in rows:
        print(f"{f:22s} {b:>5d} {om:>9.3f}ms {op:>7.3f}ms {tm:>11.3f}ms {tp:>8.3f}ms {tm / om:>8.1f}x")


if __name__ == "__main__":
    main()
