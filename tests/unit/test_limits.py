"""A limit is one number: every recipe whose settings come from a parameter table (dlplay.params) clamps
what a learner, a link or the CLI asks for to that table's ranges and to the limits in dlplay.settings,
exactly, not to some multiple of them.

A recipe joins these tests by clamping with its table and exposing it as `TABLE` (the convention of
dlplay.params): the list below is built from the registry, so nothing needs to be added here.
"""
import importlib

import pytest

from dlplay import params, recipes, settings

TIGHT = {"MAX_EPOCHS": 3, "MAX_TRAIN_SAMPLES": 500, "MAX_WIDTH": 16, "MAX_DEPTH": 2}
WITH_TABLES = sorted(n for n in recipes.REGISTRY if isinstance(getattr(recipes.get(n), "TABLE", None), params.Table))


def test_the_explorer_recipes_have_tables():
    # the two recipes of the activation and optimizer pages; others join as their tables land
    assert {"mlp", "optrace"} <= set(WITH_TABLES)


def _within_cap(p: params.Param, value) -> bool:
    """At most the server limit, unless the table's smallest allowed value is already above it."""
    floor = p.low if p.low is not None else min(p.options)
    return value <= max(getattr(settings, p.cap), floor)


def _absurd(table: params.Table, sign: int) -> dict:
    """Every numeric setting of the table far out of range (sign 1: huge, -1: hugely negative)."""
    out = {}
    for p in table:
        if isinstance(p.default, bool) or not isinstance(p.default, (int, float)):
            continue
        out[p.key] = type(p.default)(sign * 10**9)
    return out


@pytest.mark.parametrize("name", WITH_TABLES)
@pytest.mark.parametrize("tight", [False, True], ids=["default limits", "tight limits"])
def test_absurd_settings_are_clamped_to_the_table_and_the_limits(name, tight, monkeypatch):
    if tight:
        for limit, value in TIGHT.items():
            monkeypatch.setattr(settings, limit, value)
    recipe = recipes.get(name)
    for sign in (1, -1):
        c = recipe.clamp(_absurd(recipe.TABLE, sign))
        for p in recipe.TABLE:
            if p.bounds is not None:
                low, high = p.bounds
                assert low <= c[p.key] <= high, (p.key, c[p.key])
            if p.cap:
                assert _within_cap(p, c[p.key]), (p.key, p.cap, c[p.key])
            if p.options:
                assert c[p.key] in p.options, p.key
        if "epochs" in c:
            assert c["epochs"] <= settings.MAX_EPOCHS  # one number: never 2x or 10x the limit


@pytest.mark.parametrize("name", WITH_TABLES)
def test_defaults_obey_tight_limits(name, monkeypatch):
    for limit, value in TIGHT.items():
        monkeypatch.setattr(settings, limit, value)
    recipe = recipes.get(name)
    c = recipe.clamp({})
    for p in recipe.TABLE:
        if p.cap:
            assert _within_cap(p, c[p.key]), (p.key, p.cap, c[p.key])
        assert p.clamp(c[p.key]) == c[p.key], p.key  # the clamped config is already legal


@pytest.mark.parametrize("name", WITH_TABLES)
def test_unknown_choices_fall_back_to_legal_ones(name):
    recipe = recipes.get(name)
    asked = {p.key: "<script>" for p in recipe.TABLE if p.options and isinstance(p.default, str)}
    c = recipe.clamp(asked)
    for key in asked:
        assert c[key] in recipe.TABLE[key].options, key


def test_limits_follow_the_environment(monkeypatch):
    monkeypatch.setenv("DLPLAY_MAX_CONCURRENT_JOBS", "5")
    monkeypatch.setenv("DLPLAY_MAX_TEXT_CHARS", "not a number")
    reloaded = importlib.reload(settings)
    try:
        assert reloaded.MAX_CONCURRENT_JOBS == 5
        assert reloaded.MAX_TEXT_CHARS == 2_000  # a bad value keeps the default
    finally:
        monkeypatch.delenv("DLPLAY_MAX_CONCURRENT_JOBS")
        monkeypatch.delenv("DLPLAY_MAX_TEXT_CHARS")
        importlib.reload(settings)
