"""Every recipe clamps what a learner (or a hostile link) asks for to the limits in dlplay.settings."""
import pytest

from dlplay import recipes, settings

WIDTHS = ("width", "hidden", "embedding", "channels")
SAMPLES = ("samples", "train_size", "train_samples", "phrases")


@pytest.mark.parametrize("name", sorted(recipes.REGISTRY))
def test_absurd_settings_are_clamped(name):
    recipe = recipes.get(name)
    huge = {k: 10**9 for k, v in recipe.DEFAULTS.items()
            if isinstance(v, int) and not isinstance(v, bool) and k != "seed"}
    c = recipe.clamp(huge)
    assert c["epochs"] <= 10 * settings.MAX_EPOCHS
    for key in WIDTHS:
        if key in c:
            assert c[key] <= settings.MAX_WIDTH, key
    for key in SAMPLES:
        if key in c:
            assert c[key] <= settings.MAX_TRAIN_SAMPLES, key


def test_limits_follow_the_environment(monkeypatch):
    import importlib
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
