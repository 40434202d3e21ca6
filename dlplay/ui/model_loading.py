"""Opening a topic page on its model: the learner picks the shipped model or one of their runs, and the
page gets it loaded, or a plain message (how to rebuild the missing file) where a traceback would be."""
from __future__ import annotations

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
    try:
        return learner, load(learner)
    except runtime.ModelFileError as e:
        st.warning(tr(e.args[0]), icon="📦")
        st.stop()
