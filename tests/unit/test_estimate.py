"""Time estimates before a run: from earlier runs with the same settings, or scaled by data size."""
from dlplay import estimate


def test_same_settings_are_estimated_from_the_last_run_and_other_sizes_scale():
    config = {"train_size": 1000, "channels": 16, "epochs": 2, "seed": 0}
    estimate.record("toy_recipe", config, [{"epoch": 1, "elapsed": 5.0}, {"epoch": 2, "elapsed": 10.0}])
    assert estimate.seconds_per_epoch("toy_recipe", {**config, "epochs": 30, "seed": 3}) == 5.0
    assert estimate.seconds_per_epoch("toy_recipe", {**config, "train_size": 4000}) == 20.0
    assert estimate.seconds_per_epoch("never_run", config) is None
    assert estimate.epochs_that_fit(20.0, 180) == 8
