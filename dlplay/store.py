"""Learner models: ONNX bytes trained in a session, never written to models/.

Each browser session keeps its own `Shelf` (in Streamlit's session state, so it is freed when the
session ends). A process-wide registry of weak references enforces the total cap: when too many
learner models are alive, the oldest anywhere is dropped and its owner is told why.
"""
from __future__ import annotations

import itertools
import threading
import time
import weakref
from dataclasses import dataclass, field

from dlplay import runtime, settings
from dlplay.i18n import Msg, N_, _

_ids = itertools.count(1)
_alive: "weakref.WeakSet[LearnerModel]" = weakref.WeakSet()
_lock = threading.Lock()


@dataclass(eq=False)
class LearnerModel:
    topic: str
    recipe: str
    config: dict
    artifacts: dict[str, bytes]
    metrics: dict
    history: list[dict]
    extras: dict = field(default_factory=dict)
    id: int = field(default_factory=lambda: next(_ids))
    created: float = field(default_factory=time.time)
    dropped: str = ""
    number: int = 0  # this learner's run number on this page (1 for their first), set by the shelf
    _sessions: dict = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return _("my run #{number}").format(number=self.number or self.id)

    def session(self, filename: str | None = None):
        """An onnxruntime session for one of this model's files (the first by default)."""
        if self.dropped:
            raise runtime.ModelFileError(self.dropped)
        filename = filename or next(iter(self.artifacts))
        if filename not in self._sessions:
            self._sessions[filename] = runtime.session_from_bytes(self.artifacts[filename], f"{self.name}: {filename}")
        return self._sessions[filename]

    def drop(self, reason: str) -> None:
        self.dropped = reason
        self.artifacts = {}
        self._sessions.clear()


class Shelf:
    """One learner's models, newest last, at most MAX_MODELS_PER_SESSION per topic."""

    def __init__(self):
        self.models: list[LearnerModel] = []
        self.notices: list[str] = []
        self.runs_so_far: dict[str, int] = {}  # per topic, so run names count per learner and page

    def add(self, model: LearnerModel) -> LearnerModel:
        self.runs_so_far[model.topic] = model.number = self.runs_so_far.get(model.topic, 0) + 1
        mine = [m for m in self.models if m.topic == model.topic]
        while len(mine) >= settings.MAX_MODELS_PER_SESSION:
            old = mine.pop(0)
            self.models.remove(old)
            self.notices.append(Msg(N_("{name} was removed to make room (you can keep {limit} models per page)."),
                                    name=old.name, limit=settings.MAX_MODELS_PER_SESSION))
        self.models.append(model)
        with _lock:
            _alive.add(model)
            live = sorted((m for m in _alive if not m.dropped), key=lambda m: m.created)
            for old in live[:max(0, len(live) - settings.MAX_MODELS_TOTAL)]:
                old.drop(Msg(N_("{name} was removed because the server keeps at most {limit} learner models; "
                                "train it again to get it back."), name=old.name, limit=settings.MAX_MODELS_TOTAL))
        return model

    def for_topic(self, topic: str) -> list[LearnerModel]:
        return [m for m in self.models if m.topic == topic]

    def pop_notices(self) -> list[str]:
        notes = self.notices + [m.dropped for m in self.models if m.dropped]
        self.notices = []
        self.models = [m for m in self.models if not m.dropped]
        return notes


def alive_count() -> int:
    with _lock:
        return sum(1 for m in _alive if not m.dropped)
