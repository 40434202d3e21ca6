import subprocess
import sys

import numpy as np
import pytest

from dlplay import runtime, settings
from tests import onnx_stubs

ROOT = settings.ROOT


def test_serving_modules_do_not_import_torch():
    code = "import sys, dlplay.runtime, dlplay.jobs, dlplay.store, dlplay.recipes; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_model_names_file_and_rebuild_command(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    with pytest.raises(runtime.ModelFileError) as e:
        runtime.session_from_path(tmp_path / "gan_generator.onnx")
    assert "gan_generator.onnx" in str(e.value) and "python -m dlplay train gan" in str(e.value)


def test_corrupt_model_is_a_clear_error(tmp_path):
    bad = tmp_path / "cnn_digits.onnx"
    bad.write_bytes(b"not an onnx file at all")
    with pytest.raises(runtime.ModelFileError) as e:
        runtime.session_from_path(bad)
    assert "corrupt" in str(e.value) and "cnn_digits.onnx" in str(e.value)


def test_shipped_refuses_paths_outside_models():
    for name in ["../app.py", "/etc/passwd", "sub/x.onnx", "x.txt"]:
        with pytest.raises(runtime.ModelFileError):
            runtime.shipped(name)


def test_session_from_bytes_runs_and_reports_provider():
    s = runtime.session_from_bytes(onnx_stubs.elementwise())
    (y,) = runtime.run(s, np.array([[-1.0, 2.0]], dtype=np.float32))
    assert y.tolist() == [[0.0, 2.0]]
    # No GPU on this machine: the provider really in use must be the CPU.
    assert runtime.provider(s) in ("CPU", "CUDA")
    if "CUDAExecutionProvider" not in runtime.wanted_providers():
        assert runtime.provider(s) == "CPU"


def test_session_options_keep_threads_small_and_do_not_spin():
    so = runtime._options()
    assert so.intra_op_num_threads == settings.ORT_THREADS
    assert so.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_cuda_only_when_driver_present(monkeypatch):
    monkeypatch.setattr(runtime.ctypes.util, "find_library", lambda name: None)

    def no_driver(name):
        raise OSError("libcuda.so.1: cannot open shared object file")

    monkeypatch.setattr(runtime.ctypes, "CDLL", no_driver)
    assert runtime._gpu_present() is False


def test_large_batches_are_sliced_and_reassembled(monkeypatch):
    monkeypatch.setattr(settings, "ORT_MAX_BATCH", 4)
    s = runtime.session_from_bytes(onnx_stubs.elementwise())
    x = np.random.default_rng(0).standard_normal((11, 2)).astype(np.float32)
    (y,) = runtime.run(s, x)
    assert y.shape == (11, 2) and np.array_equal(y, np.maximum(x, 0))


def test_a_shipped_file_that_differs_from_the_manifest_is_named(tmp_path, monkeypatch):
    import json
    import shutil

    shutil.copy(settings.MODELS_DIR / "cnn_digits.onnx", tmp_path / "cnn_digits.onnx")
    entry = runtime.manifest()["cnn_digits.onnx"]
    (tmp_path / "manifest.json").write_text(json.dumps({"cnn_digits.onnx": entry}))
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    runtime.session_from_path(tmp_path / "cnn_digits.onnx")  # untouched: served
    data = bytearray((tmp_path / "cnn_digits.onnx").read_bytes())
    data[-1] ^= 1  # same size, other bytes
    (tmp_path / "cnn_digits.onnx").write_bytes(bytes(data))
    with pytest.raises(runtime.ModelFileError) as e:
        runtime.session_from_path(tmp_path / "cnn_digits.onnx")
    message = str(e.value)
    assert "cnn_digits.onnx" in message and "differs" in message and "python -m dlplay train cnn" in message
    assert str(tmp_path) not in message  # no server paths shown to visitors


def test_every_shipped_file_matches_its_manifest_entry():
    manifest = runtime.manifest()
    assert manifest
    for name, entry in manifest.items():
        assert runtime.sha256((settings.MODELS_DIR / name).read_bytes()) == entry["sha256"], name
