"""Parameter tables: one entry decides the default, range, choices and the clamp under server limits."""
import dataclasses

import pytest

from dlplay import settings
from dlplay.params import Param, Table

TABLE = Table("t", (
    Param("epochs", 8, "Epochs", low=1, high=30, cap="MAX_EPOCHS"),
    Param("lr", 0.003, "Learning rate", choices=(0.0003, 0.001, 0.003, 0.01)),
    Param("width", 64, "Width", choices=(16, 32, 64, 128, 256), cap="MAX_WIDTH"),
    Param("cell", "lstm", "Cell", choices=("lstm", "gru", "rnn")),
    Param("augment", True, "Augment"),
))


def test_defaults_and_clamp_follow_the_table():
    assert TABLE.defaults() == {"epochs": 8, "lr": 0.003, "width": 64, "cell": "lstm", "augment": True}
    c = TABLE.clamp({"epochs": 99, "lr": 0.004, "width": 7, "cell": "transformer", "augment": 0, "other": "kept"})
    assert c == {"epochs": 30, "lr": 0.003, "width": 16, "cell": "lstm", "augment": False, "other": "kept"}
    assert TABLE.clamp({"epochs": float("nan")})["epochs"] == 8


def test_a_server_limit_is_one_number_for_range_default_choices_and_clamp(monkeypatch):
    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_WIDTH", 32)
    assert TABLE["epochs"].bounds == (1, 3)
    assert TABLE.defaults()["epochs"] == 3 and TABLE.defaults()["width"] == 32
    assert TABLE["width"].options == (16, 32)
    assert TABLE.clamp({"epochs": 30, "width": 256}) == {"epochs": 3, "width": 32}


def test_changing_one_entry_changes_everything_derived_from_it():
    wider = Table("t", tuple(dataclasses.replace(p, high=50) if p.key == "epochs" else p for p in TABLE))
    assert wider.clamp({"epochs": 45})["epochs"] == min(45, settings.MAX_EPOCHS)
    assert wider["epochs"].describe().endswith(str(min(50, settings.MAX_EPOCHS)))


def test_unknown_key_raises():
    with pytest.raises(KeyError):
        TABLE["nope"]
