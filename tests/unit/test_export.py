import json

import numpy as np
import onnx
import pytest
import torch

from dlplay import export, runtime


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3)
        self.fc = torch.nn.Linear(4 * 26 * 26, 10)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).flatten(1))


def test_export_is_single_file_dynamic_batch_with_metadata():
    torch.manual_seed(0)
    model = Net()
    data = export.to_onnx(model, torch.rand(5, 1, 28, 28), input_names=["image"], output_names=["logits"],
                          metadata={"model": "test", "metrics": {"acc": 0.5}})
    proto = onnx.load_from_string(data)
    assert proto.opset_import[0].version >= 17
    assert proto.graph.input[0].type.tensor_type.shape.dim[0].dim_param  # symbolic batch axis
    session = runtime.session_from_bytes(data)
    meta = runtime.metadata(session)
    assert meta["model"] == "test" and meta["metrics"] == {"acc": 0.5}
    for n in (1, 3, 64):
        x = torch.rand(n, 1, 28, 28)
        (got,) = runtime.run(session, x.numpy())
        assert np.abs(got - model(x).detach().numpy()).max() <= 1e-4


def test_parity_failure_is_refused(monkeypatch):
    monkeypatch.setattr(export, "PARITY_TOLERANCE", -1.0)
    with pytest.raises(export.ExportError, match="disagree"):
        export.to_onnx(Net(), torch.rand(2, 1, 28, 28), input_names=["image"], output_names=["logits"])


def test_save_is_atomic_and_recorded_in_manifest(tmp_path):
    data = export.to_onnx(Net(), torch.rand(2, 1, 28, 28), input_names=["image"], output_names=["logits"])
    entries = export.save("cnn", {"cnn_test.onnx": data}, config={"seed": 3}, metrics={"acc": 0.9},
                          data="unit test", models_dir=tmp_path, extra_files={"vocab.json": b"{}"})
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert set(manifest) == {"cnn_test.onnx", "vocab.json"} == set(entries)
    assert manifest["cnn_test.onnx"]["sha256"] == runtime.sha256((tmp_path / "cnn_test.onnx").read_bytes())
    assert manifest["cnn_test.onnx"]["seed"] == 3 and manifest["cnn_test.onnx"]["recipe"] == "cnn"
    assert not list(tmp_path.glob("*.tmp"))
    assert (tmp_path / "cnn_test.onnx").stat().st_mode & 0o777 == 0o644


def test_save_refuses_a_file_that_does_not_load(tmp_path):
    with pytest.raises(runtime.ModelFileError):
        export.save("cnn", {"broken.onnx": b"garbage"}, config={}, metrics={}, data="x", models_dir=tmp_path)
    assert not (tmp_path / "broken.onnx").exists() and not (tmp_path / "manifest.json").exists()


def test_exports_in_parallel_threads_all_succeed():
    """torch.onnx.export keeps global state; two learners' jobs exporting at once must both succeed."""
    import threading

    torch.manual_seed(0)
    errors, done = [], []

    def one():
        try:
            done.append(export.to_onnx(Net(), torch.rand(2, 1, 28, 28), input_names=["image"],
                                       output_names=["logits"]))
        except Exception as e:  # collected, then asserted empty
            errors.append(e)

    threads = [threading.Thread(target=one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(done) == 6
