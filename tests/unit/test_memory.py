"""dlplay.memory: the server's small-heap malloc setting, undone for training; no-ops off glibc."""
import ctypes

import numpy as np
import pytest

from dlplay import memory


def _glibc() -> bool:
    try:
        ctypes.CDLL("libc.so.6").mallopt  # noqa: B018
        return True
    except (OSError, AttributeError):
        return False


def test_for_training_is_a_no_op_unless_serving_set_it():
    memory.for_training()  # whatever an earlier test left
    assert memory.for_training() is False


@pytest.mark.skipif(not _glibc(), reason="glibc's mallopt/malloc_trim only")
def test_serving_then_training_then_trim():
    try:
        assert memory.for_serving() is True
        x = np.ones(1_000_000)  # allocations keep working under the fixed threshold
        assert x.sum() == 1_000_000
        del x
        assert isinstance(memory.trim(), bool)
    finally:
        assert memory.for_training() is True  # the rest of the test run trains at full speed
    assert memory.for_training() is False


def test_without_glibc_everything_is_a_no_op(monkeypatch):
    monkeypatch.setattr(memory, "_libc", lambda: None)
    assert memory.for_serving() is False
    assert memory.trim() is False
    assert memory.for_training() is False
