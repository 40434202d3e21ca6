"""The Chinese sentiment model's learner settings (TABLE), read by dlplay.recipes.sentiment_zh.

The network and its settings are the English model's (dlplay.params.sentiment); only the defaults
differ, and the data: 13,700 training reviews after duplicates are removed, read as characters, so a
sentence takes more steps than in English, and generated Chinese sentences (dlplay.data.phrases_zh).
"""
import dataclasses

from dlplay.i18n import N_
from dlplay.params import Param, Table
from dlplay.params.sentiment import TABLE as ENGLISH


def _as_in_english(key: str, **changes) -> Param:
    return dataclasses.replace(ENGLISH[key], **changes)


TABLE = Table("zh", (
    _as_in_english("cell", default="gru"),
    _as_in_english("bidirectional"),
    _as_in_english("layers"),
    _as_in_english("hidden", default=64),
    _as_in_english("embedding", default=64, help=N_("Numbers per character vector.")),
    _as_in_english("dropout"),
    _as_in_english("epochs", default=4),
    _as_in_english("lr", default=0.003),
    _as_in_english("max_len", default=96, high=128, step=8, unit=N_("characters"),
                   help=N_("Training reviews are cut to this many characters, and the network reads this many.")),
    Param("train_samples", 8000, N_("Training reviews"), low=500, high=14_000, step=500, cap="MAX_TRAIN_SAMPLES",
          help=N_("How many of the 13,700 deduplicated training reviews the run learns from, drawn at random "
                  "(the highest setting takes them all); fewer train faster.")),
    _as_in_english("phrases", default=4000, high=30_000,
                   help=N_("Chinese sentences built from templates that teach negation and contrast (*一点也不贵*, "
                           "*虽然贵，但是很好用*); 0 trains on the reviews alone.")),
))
