"""Every limit and default the app relies on, in one place.

Each value can be overridden with an environment variable of the same name prefixed by
``DLPLAY_`` (for example ``DLPLAY_MAX_CONCURRENT_JOBS=4``), so a host tunes the demo without
touching code. The About box in the sidebar shows the values in force.
"""
from __future__ import annotations

import os
from pathlib import Path

from dlplay.i18n import N_

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = Path(os.environ.get("DLPLAY_MODELS_DIR", ROOT / "models"))
DATA_DIR = Path(os.environ.get("DLPLAY_DATA_DIR", Path.home() / ".cache" / "dlplay"))
# Where the sidebar links for "view source"; unset, the sidebar shows the page's code itself.
SOURCE_URL = os.environ.get("DLPLAY_SOURCE_URL", "")
# DLPLAY_OFFLINE=1 tells the app the host has no internet: nothing probes the network and the options
# that need it (the IMDB reviews on the sentiment page) say so. Useful for air-gapped hosts and tests.
OFFLINE = os.environ.get("DLPLAY_OFFLINE", "").strip().lower() not in ("", "0", "false", "no")


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get("DLPLAY_" + name, default))
    except ValueError:
        return default


def _float(name: str, default: float) -> float:
    try:
        return float(os.environ.get("DLPLAY_" + name, default))
    except ValueError:
        return default


CPU_COUNT = os.cpu_count() or 1

# Training jobs (process-wide): one per core by default, the rest wait in a queue.
MAX_CONCURRENT_JOBS = _int("MAX_CONCURRENT_JOBS", CPU_COUNT)
MAX_QUEUED_JOBS = _int("MAX_QUEUED_JOBS", 32)
JOB_WALL_SECONDS = _float("JOB_WALL_SECONDS", 180.0)
# Jobs one learner (browser session) may have running or waiting at once: one visitor with many tabs
# must not fill the queue for a class.
MAX_JOBS_PER_SESSION = _int("MAX_JOBS_PER_SESSION", 2)
# torch's CPU threads per job. 0 means automatic: the cores divided by MAX_CONCURRENT_JOBS, so the
# jobs that may run together never ask for more threads than there are cores.
TRAIN_THREADS = _int("TRAIN_THREADS", 0)
# Where training runs: "auto" (CUDA when torch sees a GPU), "cpu" or "cuda".
TRAIN_DEVICE = os.environ.get("DLPLAY_TRAIN_DEVICE", "auto").strip().lower()
# A training process (it holds torch, ~520 MB) exits after this many seconds without a job.
WORKER_IDLE_SECONDS = _float("WORKER_IDLE_SECONDS", 120.0)

# What a learner may ask of one job.
MAX_EPOCHS = _int("MAX_EPOCHS", 30)
MAX_TRAIN_SAMPLES = _int("MAX_TRAIN_SAMPLES", 40_000)
MAX_WIDTH = _int("MAX_WIDTH", 256)
MAX_DEPTH = _int("MAX_DEPTH", 30)

# Learner models kept in memory: per session, and across the whole process.
MAX_MODELS_PER_SESSION = _int("MAX_MODELS_PER_SESSION", 3)
MAX_MODELS_TOTAL = _int("MAX_MODELS_TOTAL", 60)

# Inputs.
MAX_TEXT_CHARS = _int("MAX_TEXT_CHARS", 2_000)
MAX_TOKENS = _int("MAX_TOKENS", 128)
MAX_UPLOAD_BYTES = _int("MAX_UPLOAD_BYTES", 2 * 1024 * 1024)
MAX_UPLOAD_PIXELS = _int("MAX_UPLOAD_PIXELS", 4_000_000)
MAX_OWN_DRAWINGS = _int("MAX_OWN_DRAWINGS", 200)  # labelled drawings a learner keeps for fine-tuning

# onnxruntime threads per session: small, because many learners share the cores.
ORT_THREADS = _int("ORT_THREADS", 1)
# Largest batch one onnxruntime call gets (bigger requests are sliced): bounds the memory each run pins.
ORT_MAX_BATCH = _int("ORT_MAX_BATCH", 256)

# How often a running job's panel refreshes in the browser.
PANEL_REFRESH_SECONDS = _float("PANEL_REFRESH_SECONDS", 0.5)


# What each limit bounds, in the words the About page shows a host (translated where shown).
MEANING = {
    "MAX_CONCURRENT_JOBS": N_("training jobs that run at once; later ones queue"),
    "MAX_QUEUED_JOBS": N_("jobs that may wait in the queue"),
    "MAX_JOBS_PER_SESSION": N_("jobs one learner may have running or waiting at once"),
    "JOB_WALL_SECONDS": N_("a job is stopped after this many seconds (it keeps the model so far)"),
    "TRAIN_THREADS": N_("CPU threads per training job (0: cores / concurrent jobs)"),
    "WORKER_IDLE_SECONDS": N_("a training process (which holds PyTorch) exits after this long without a job"),
    "MAX_EPOCHS": N_("epochs a learner may ask for, on every page"),
    "MAX_TRAIN_SAMPLES": N_("training examples per job"),
    "MAX_WIDTH": N_("widest layer a learner may ask for"),
    "MAX_DEPTH": N_("deepest stack a learner may ask for"),
    "MAX_MODELS_PER_SESSION": N_("models a learner keeps per page (oldest dropped)"),
    "MAX_MODELS_TOTAL": N_("learner models kept on the whole server (oldest dropped)"),
    "MAX_TEXT_CHARS": N_("characters of text read (the rest is cut, and the page says so)"),
    "MAX_TOKENS": N_("tokens an RNN reads"),
    "MAX_UPLOAD_BYTES": N_("size of an uploaded image"),
    "MAX_UPLOAD_PIXELS": N_("pixels of an uploaded image (decompression bombs refused)"),
    "MAX_OWN_DRAWINGS": N_("labelled drawings a learner may keep for fine-tuning"),
    "ORT_THREADS": N_("onnxruntime threads per model"),
    "ORT_MAX_BATCH": N_("largest batch one onnxruntime call gets (bounds memory)"),
}


def as_table() -> list[tuple[str, object]]:
    """The limits in force, for the About page and `python -m dlplay info`."""
    return [(n, globals()[n]) for n in MEANING]
