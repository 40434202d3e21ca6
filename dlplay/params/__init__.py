"""Learner-settable parameters: one plain table per trainable topic, torch-free.

A `Param` says everything about one setting once: its config key, default, range or choices,
label, help and unit, and which server limit (dlplay.settings) caps it. The page's URL binding and
widgets (dlplay.ui.params), the recipe's clamping, the CLI's `--set` and the About page's limits
are all derived from the topic's `Table`, so adding a slider is one edit and page and recipe cannot
drift apart. The tables live beside this file, one module per topic, named after the topic's page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from dlplay import settings
from dlplay.i18n import _


@dataclass(frozen=True)
class Param:
    key: str  # the recipe's config key; the URL and widget key is "<table prefix>_<key>"
    default: object
    label: str
    help: str = ""
    choices: tuple = ()  # the allowed values, in the order a widget offers them
    low: float | None = None  # numeric range (inclusive); `high` may be lowered by `cap`
    high: float | None = None
    step: float | None = None
    unit: str = ""
    cap: str = ""  # name of a dlplay.settings limit that caps `high` (for example "MAX_EPOCHS")
    widget: str = ""  # slider, select_slider, selectbox, radio, toggle, multiselect; "" picks from the type
    names: dict = field(default_factory=dict)  # how choices are shown, when not as themselves

    @property
    def limit(self) -> float | None:
        """The upper bound in force: `high`, lowered by the server limit named in `cap`."""
        if self.high is None:
            return None
        if not self.cap:
            return self.high
        capped = min(self.high, getattr(settings, self.cap))
        return type(self.high)(max(self.low if self.low is not None else capped, capped))

    @property
    def bounds(self) -> tuple | None:
        return None if self.low is None else (self.low, self.limit)

    @property
    def options(self) -> tuple:
        """The choices still allowed under the server's limits (a capped list loses its large values)."""
        if not self.choices or not self.cap:
            return self.choices
        limit = getattr(settings, self.cap)
        kept = tuple(c for c in self.choices if not isinstance(c, (int, float)) or c <= limit)
        return kept or self.choices[:1]

    @property
    def kind(self) -> str:
        if self.widget:
            return self.widget
        if isinstance(self.default, bool):
            return "toggle"
        if isinstance(self.default, (list, tuple)):
            return "multiselect"
        if self.choices:
            return "selectbox" if isinstance(self.default, str) else "select_slider"
        return "slider"

    def value(self):
        """The default in force (clamped to the server's limits)."""
        return self.clamp(self.default)

    def clamp(self, value):
        """`value` made legal: a known choice (else the nearest / the default), inside the range."""
        if isinstance(self.default, bool):
            return bool(value)
        if isinstance(self.default, (list, tuple)):
            allowed = set(self.options) if self.options else None
            return [v for v in (value or []) if allowed is None or v in allowed]
        if self.options:
            if value in self.options:
                return value
            numeric = [c for c in self.options if isinstance(c, (int, float)) and not isinstance(c, bool)]
            if numeric and isinstance(value, (int, float)) and math.isfinite(value):
                if value > 0 and all(c > 0 for c in numeric):  # a ratio scale (learning rates, widths)
                    return min(numeric, key=lambda c: abs(math.log(c / value)))
                return min(numeric, key=lambda c: abs(c - value))
            return self.default if self.default in self.options else self.options[0]
        if self.low is not None and isinstance(self.default, (int, float)):
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = float(self.default)
            if not math.isfinite(number):
                number = float(self.default)
            number = min(max(number, self.low), self.limit)
            return int(round(number)) if isinstance(self.default, int) else float(number)
        return value

    def describe(self) -> str:
        """The range or choices in words (in the reader's language), for the About page and the CLI's help."""
        if self.options:
            shown = [_(str(self.names[c])) if c in self.names else str(c) for c in self.options]
            if len(shown) > 6 and not self.names:  # a long numeric scale: its ends and how many steps
                return _("{first} to {last} ({count} choices)").format(first=shown[0], last=shown[-1],
                                                                        count=len(shown))
            return ", ".join(shown)
        if self.low is not None:
            unit = f" {_(self.unit)}" if self.unit else ""
            return f"{self.low}–{self.limit}{unit}"
        return _("yes / no") if isinstance(self.default, bool) else ""


@dataclass(frozen=True)
class Table:
    """One topic's parameters. `prefix` names them in the URL (`dg` makes `?dg_epochs=4`)."""
    prefix: str
    params: tuple[Param, ...]

    def __getitem__(self, key: str) -> Param:
        for p in self.params:
            if p.key == key:
                return p
        raise KeyError(key)

    def __contains__(self, key: str) -> bool:
        return any(p.key == key for p in self.params)

    def __iter__(self):
        return iter(self.params)

    def url_key(self, key: str) -> str:
        return f"{self.prefix}_{key}"

    def defaults(self) -> dict:
        """Every parameter's default in force, by config key."""
        return {p.key: p.value() for p in self.params}

    def clamp(self, config: dict) -> dict:
        """`config` with every key this table knows made legal; other keys pass through unchanged."""
        return {k: (self[k].clamp(v) if k in self else v) for k, v in config.items()}
