import json
import subprocess
import sys

from dlplay import settings


def _cli(*args, cwd=settings.ROOT):
    return subprocess.run([sys.executable, "-m", "dlplay", *args], cwd=cwd, capture_output=True, text=True)


def test_help_lists_subcommands():
    out = _cli("--help")
    assert out.returncode == 0 and all(c in out.stdout for c in ("train", "bench", "info"))


def test_train_writes_model_and_manifest(tmp_path):
    out = _cli("train", "mlp", "--set", "epochs=3", "--models-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["mlp_toy.onnx"]["config"]["epochs"] == 3 and "val_acc" in manifest["mlp_toy.onnx"]["metrics"]


def test_diverged_training_writes_nothing(tmp_path):
    # The largest learning rate the table allows, on a deep ELU network: diverges in the first epoch.
    out = _cli("train", "mlp", "--set", "lr=10", "--set", "optimizer='sgd'", "--set", "activation='elu'",
               "--set", "depth=6", "--set", "width=64", "--set", "epochs=3", "--models-dir", str(tmp_path))
    assert out.returncode == 1 and "diverged" in out.stdout and "nothing written" in out.stderr
    assert list(tmp_path.iterdir()) == []


def test_info_reports_providers():
    out = _cli("info")
    assert out.returncode == 0 and "onnxruntime" in out.stdout and "serving on" in out.stdout
