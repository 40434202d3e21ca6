"""Opening a topic page on its model: the learner picks the shipped model or one of their runs, and the
page gets it loaded, or a plain message (how to rebuild the missing file) where a traceback would be."""
from __future__ import annotations

import contextlib
from typing import Callable, TypeVar

import streamlit as st

from dlplay import runtime, store
from dlplay.i18n import tr
from dlplay.ui import training

Loaded = TypeVar("Loaded")


def load_or_stop(topic: str, load: Callable[[store.LearnerModel | None], Loaded],
                 label: str | None = None) -> tuple[store.LearnerModel | None, Loaded]:
    """The learner's choice of model for `topic` (None: the shipped one) and what `load(choice)` returns.

    `load` raises runtime.ModelFileError when a file is missing or unreadable (a server whose models/ is
    still being rebuilt): the page then shows the error's message, in the reader's language, and stops
    there, since every section below needs the model."""
    learner = training.model_choice(topic, label=label)
    with stop_if_unreadable():
        return learner, load(learner)


def warn(error: runtime.ModelFileError) -> None:
    """The error's message (which file, and the command that rebuilds it) in the reader's language."""
    st.warning(tr(error.args[0]), icon="📦")


@contextlib.contextmanager
def stop_if_unreadable():
    """Inside it a missing or unreadable model file stops the page with `warn`'s message."""
    try:
        yield
    except runtime.ModelFileError as e:
        warn(e)
        st.stop()
