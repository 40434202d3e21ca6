"""onnxruntime sessions for serving: provider choice, thread limits, caching, clear load errors.

Torch-free on purpose: a process that only serves predictions must never import torch.
"""
from __future__ import annotations

import ctypes.util
import functools
import hashlib
import json
import threading
from pathlib import Path

import numpy as np
import onnxruntime as ort

from dlplay import settings, shipped as shipped_files
from dlplay.i18n import Msg, N_

ort.set_default_logger_severity(3)
_lock = threading.Lock()


class ModelFileError(RuntimeError):
    """A model file is missing or unreadable; the message says how to rebuild it. Its first argument is
    a dlplay.i18n.Msg: show it with `tr(e.args[0])` so that it reads in the learner's language."""


def _gpu_present() -> bool:
    """True only when an NVIDIA driver is really installed (CUDA is listed even without one)."""
    if "CUDAExecutionProvider" not in ort.get_available_providers():
        return False
    if ctypes.util.find_library("cuda") is None:
        try:
            ctypes.CDLL("libcuda.so.1")
        except OSError:
            return False
    return True


@functools.lru_cache(maxsize=1)
def wanted_providers() -> tuple[str, ...]:
    if _gpu_present():
        try:
            ort.preload_dlls()  # CUDA and cuDNN from torch's wheels, when present
        except Exception:
            pass
        return ("CUDAExecutionProvider", "CPUExecutionProvider")
    return ("CPUExecutionProvider",)


def _options() -> ort.SessionOptions:
    so = ort.SessionOptions()
    so.intra_op_num_threads = settings.ORT_THREADS
    so.inter_op_num_threads = 1
    # Without the arena each run frees what it used; with it, every model kept its largest run's
    # memory for good (about 30 MB per conv model here), which adds up over a page's models.
    so.enable_cpu_mem_arena = False
    # The default pool spins while idle and steals the CPU from training jobs and other learners.
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    so.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return so


def session_from_bytes(data: bytes, name: str = "model") -> ort.InferenceSession:
    """A session for ONNX bytes held in memory (a learner's freshly trained model)."""
    try:
        return ort.InferenceSession(data, sess_options=_options(), providers=list(wanted_providers()))
    except Exception as e:  # onnxruntime raises several exception types for bad graphs
        raise ModelFileError(Msg(N_("The model '{name}' could not be loaded: {error}"), name=name, error=str(e))) from e


def _rebuild_hint(path: Path) -> Msg:
    recipe = model_recipe(path.name)
    if recipe:
        return Msg(N_("Rebuild it with `python -m dlplay train {recipe}`."), recipe=recipe)
    return Msg(N_("Rebuild it with `python -m dlplay train`."))


def shown_path(path: str | Path) -> str:
    """A path as visitors may see it: relative to the project, never the server's absolute layout."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(settings.ROOT))
    except ValueError:
        return path.name


def verify(path: Path) -> None:
    """Refuse a shipped file whose bytes differ from the sha256 recorded for it in the manifest."""
    if path.parent.resolve() != settings.MODELS_DIR.resolve():
        return
    expected = (manifest().get(path.name) or {}).get("sha256")
    if expected and sha256(path.read_bytes()) != expected:
        raise ModelFileError(Msg(N_("Model file {file} differs from the one recorded in models/manifest.json "
                                    "(sha256 {found}…, expected {expected}…), so it is not served. Restore it with "
                                    "`git checkout -- models/{name}`. {rebuild}"),
                                 file=shown_path(path), found=sha256(path.read_bytes())[:12], expected=expected[:12],
                                 name=path.name, rebuild=_rebuild_hint(path)))


def session_from_path(path: str | Path) -> ort.InferenceSession:
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(Msg(N_("Model file {file} is missing. {rebuild}"), file=shown_path(path),
                                 rebuild=_rebuild_hint(path)))
    verify(path)
    try:
        return ort.InferenceSession(str(path), sess_options=_options(), providers=list(wanted_providers()))
    except Exception as e:
        raise ModelFileError(Msg(N_("Model file {file} is corrupt or unreadable ({error}). {rebuild}"),
                                 file=shown_path(path), error=type(e).__name__, rebuild=_rebuild_hint(path))) from e


@functools.lru_cache(maxsize=32)
def _shipped(path: str, mtime: float) -> ort.InferenceSession:
    return session_from_path(path)


def shipped(filename: str) -> ort.InferenceSession:
    """The session for a file in models/, shared by every learner in the process.

    Only bare file names are accepted, so nothing a visitor types can point at another path.
    """
    if Path(filename).name != filename or not filename.endswith(".onnx"):
        raise ModelFileError(Msg(N_("'{name}' is not a model name in models/."), name=filename))
    path = settings.MODELS_DIR / filename
    mtime = path.stat().st_mtime if path.exists() else 0.0
    with _lock:
        return _shipped(str(path), mtime)


def provider(session: ort.InferenceSession) -> str:
    """The provider that actually runs this session: 'CUDA' or 'CPU'."""
    first = session.get_providers()[0]
    return first.replace("ExecutionProvider", "")


def run(session: ort.InferenceSession, *inputs: np.ndarray) -> list[np.ndarray]:
    """Run a session with positional inputs in graph order.

    Large batches go through in slices of settings.ORT_MAX_BATCH: onnxruntime's memory arena keeps
    the peak of every run for the life of the process, and one 4,000-image batch through a conv net
    would pin hundreds of MB of a server shared by a whole class.
    """
    names = [i.name for i in session.get_inputs()]
    n = len(inputs[0]) if inputs and np.ndim(inputs[0]) else 0
    step = settings.ORT_MAX_BATCH
    if n <= step:
        return session.run(None, dict(zip(names, inputs)))
    parts = [session.run(None, dict(zip(names, (x[i:i + step] for x in inputs)))) for i in range(0, n, step)]
    return [np.concatenate(outs) for outs in zip(*parts)]


def metadata(session: ort.InferenceSession) -> dict:
    """The metadata written by dlplay.export (JSON values decoded)."""
    out = {}
    for k, v in session.get_modelmeta().custom_metadata_map.items():
        try:
            out[k] = json.loads(v)
        except ValueError:
            out[k] = v
    return out


def manifest() -> dict:
    path = settings.MODELS_DIR / "manifest.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def model_recipe(filename: str) -> str | None:
    """Which `python -m dlplay train <recipe>` produces this file, from the manifest or the registry."""
    entry = manifest().get(filename)
    if entry:
        return entry.get("recipe")
    return shipped_files.recipe_for_file(filename)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def device_summary() -> str:
    """One line for the sidebar: where predictions run."""
    return "CUDA (GPU)" if "CUDAExecutionProvider" in wanted_providers() else "CPU"
