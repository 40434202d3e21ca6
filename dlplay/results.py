"""What a training run reports and returns (torch-free, so that the server can receive them from a
training process without importing torch)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Progress:
    event: str  # "step" or "epoch"
    epoch: int  # 1-based, the epoch in progress (or just finished)
    epochs: int
    step: int  # 1-based within the epoch
    steps: int  # steps in this epoch
    values: dict[str, float]  # the last step's losses
    elapsed: float
    eta: float | None
    history: list[dict]  # one entry per finished epoch

    @property
    def fraction(self) -> float:
        done = (self.epoch - 1) + (self.step / self.steps if self.steps else 1.0)
        return min(1.0, done / self.epochs) if self.epochs else 1.0


@dataclass
class Outcome:
    status: str  # "finished", "stopped", "timeout" or "diverged"
    message: str
    history: list[dict] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def usable(self) -> bool:
        """A stopped or timed-out run keeps the weights of its last good step; a diverged one does not."""
        return self.status != "diverged"


@dataclass
class Result:
    """What a recipe hands back: the outcome, the ONNX files it exported and what to show."""
    outcome: Outcome
    config: dict
    artifacts: dict[str, bytes] = field(default_factory=dict)  # ONNX files: name -> bytes
    files: dict[str, bytes] = field(default_factory=dict)  # other files shipped beside them (vocabularies)
    metrics: dict = field(default_factory=dict)
    extras: dict = field(default_factory=dict)
