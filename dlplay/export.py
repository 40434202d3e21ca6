"""torch -> ONNX with the checks a shipped model needs.

`to_onnx` exports one module with a dynamic batch axis into a single in-memory file, runs the
ONNX checker, compares onnxruntime with torch on the given inputs (and on the first row alone,
to prove the batch axis is really dynamic) and refuses when they differ by more than 1e-4.
`save` writes files into models/ atomically and records them in models/manifest.json.
"""
from __future__ import annotations

import datetime as _dt
import io
import json
import os
import platform
import tempfile
import threading
import warnings
from pathlib import Path

import numpy as np
import onnx
import torch

from dlplay import runtime, settings

OPSET = 17
PARITY_TOLERANCE = 1e-4
# torch.onnx.export keeps global state (GLOBALS.in_onnx_export): two learners' jobs exporting at the
# same moment failed one run in four. Exports are short (well under a second), so they take turns.
_export_lock = threading.Lock()


class ExportError(RuntimeError):
    pass


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def to_onnx(model: torch.nn.Module, inputs, *, input_names: list[str], output_names: list[str],
            metadata: dict | None = None) -> bytes:
    """Export `model` (in eval mode) and return the checked, parity-tested ONNX bytes."""
    inputs = tuple(t.detach().cpu() for t in _as_tuple(inputs))
    model = model.cpu().eval()
    dynamic = {n: {0: "batch"} for n in input_names + output_names}
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # The TorchScript exporter is deprecated but exports a small model in a fraction of a
        # second (the dynamo one takes 2-9 s), which matters when a learner waits for it.
        warnings.simplefilter("ignore")
        with _export_lock:
            torch.onnx.export(model, inputs, buf, dynamo=False, opset_version=OPSET, input_names=input_names,
                              output_names=output_names, dynamic_axes=dynamic, do_constant_folding=True)
    proto = onnx.load_from_string(buf.getvalue())
    for key, value in (metadata or {}).items():
        entry = proto.metadata_props.add()
        entry.key = str(key)
        entry.value = value if isinstance(value, str) else json.dumps(value, default=str)
    try:
        onnx.checker.check_model(proto, full_check=True)
    except Exception as e:
        raise ExportError(f"ONNX checker rejected the export: {e}") from e
    data = proto.SerializeToString()
    check_parity(model, data, inputs)
    return data


def check_parity(model: torch.nn.Module, data: bytes, inputs: tuple) -> float:
    """Largest |torch - onnxruntime| over all outputs, for the whole batch and for its first row."""
    session = runtime.session_from_bytes(data)
    worst = 0.0
    for batch in (inputs, tuple(t[:1] for t in inputs)):
        with torch.no_grad():
            expected = [t.numpy() for t in _as_tuple(model(*batch))]
        got = runtime.run(session, *[t.numpy() for t in batch])
        for e, g in zip(expected, got):
            if e.shape != g.shape:
                raise ExportError(f"ONNX output shape {g.shape} differs from torch {e.shape}")
            diff = float(np.max(np.abs(e.astype(np.float64) - g.astype(np.float64)))) if e.size else 0.0
            worst = max(worst, diff)
    if worst > PARITY_TOLERANCE:
        raise ExportError(f"onnxruntime and torch disagree by {worst:.2e} (limit {PARITY_TOLERANCE:.0e}); "
                          "the export was refused.")
    return worst


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; shipped models must be readable by the server user
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def save(recipe: str, artifacts: dict[str, bytes], *, config: dict, metrics: dict, data: str,
         models_dir: Path | None = None, extra_files: dict[str, bytes] | None = None) -> dict:
    """Write a recipe's files into models/ and record them in the manifest. Returns the entries."""
    models_dir = Path(models_dir or settings.MODELS_DIR)
    for name, blob in artifacts.items():
        runtime.session_from_bytes(blob, name)  # a file that cannot load never reaches models/
    entries = {}
    now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    for name, blob in {**artifacts, **(extra_files or {})}.items():
        _atomic_write(models_dir / name, blob)
        entries[name] = {
            "file": name, "recipe": recipe, "sha256": runtime.sha256(blob), "bytes": len(blob),
            "seed": config.get("seed"), "data": data, "config": config, "metrics": metrics,
            "trained_at": now, "torch": torch.__version__, "device": "cuda" if torch.cuda.is_available() else "cpu",
            "machine": f"{platform.machine()} {os.cpu_count()} cores",
        }
    manifest_path = models_dir / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        manifest = {}
    manifest.update(entries)
    _atomic_write(manifest_path, (json.dumps(dict(sorted(manifest.items())), indent=2) + "\n").encode())
    return entries
