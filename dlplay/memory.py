"""Keep a serving process small under glibc's malloc; undo the costly part when training starts.

Measured with `python bench/serving.py` (server RSS after visiting every page, see README):
glibc's dynamic mmap threshold climbs to the size of the largest array a page ever freed, after
which arrays of up to 32 MB come from the heap instead of their own mappings. When freed they stay
in the process as fragments, and a visit to every page left 70-80 MB of such free memory resident.
A fixed threshold of 128 kB sends every large numpy/onnxruntime buffer to its own mapping, which
goes back to the system on free; `trim()` after each script run returns what is left in the heaps.

Training is the exception: torch's CPU allocator frees and re-allocates MB-sized tensors every step,
and with the fixed threshold each one becomes an mmap + page faults (a small CNN step took 50 ms
instead of 27 ms). `for_training()` raises the threshold to glibc's dynamic maximum, which keeps
those tensors in the heap as before; the serving footprint no longer matters once torch (~520 MB)
is loaded.

Elsewhere than glibc (macOS, Windows, musl) every function here does nothing and returns False.
"""
from __future__ import annotations

import ctypes
import functools
import threading

M_MMAP_THRESHOLD = -3  # mallopt parameter number in glibc's malloc.h
SERVING_MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, kept from moving
TRAINING_MMAP_THRESHOLD = 32 * 1024 * 1024  # glibc's ceiling for the dynamic threshold on 64-bit

_lock = threading.Lock()
_serving = False


@functools.lru_cache(maxsize=1)
def _libc():
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt, libc.malloc_trim  # noqa: B018 - both must exist (glibc)
    except (OSError, AttributeError):
        return None
    return libc


def for_serving() -> bool:
    """Fix the mmap threshold at 128 kB so that large freed buffers leave the process at once."""
    global _serving
    libc = _libc()
    with _lock:
        if libc is None or not libc.mallopt(M_MMAP_THRESHOLD, SERVING_MMAP_THRESHOLD):
            return False
        _serving = True
        return True


def for_training() -> bool:
    """Undo for_serving() (a no-op if it never ran): torch's per-step tensors stay in the heap."""
    global _serving
    libc = _libc()
    with _lock:
        if libc is None or not _serving:
            return False
        _serving = False
        return bool(libc.mallopt(M_MMAP_THRESHOLD, TRAINING_MMAP_THRESHOLD))


def trim() -> bool:
    """Return the free memory at the top and inside of every malloc heap to the system (~ms)."""
    libc = _libc()
    return bool(libc and libc.malloc_trim(0))
