"""Time estimates before a run: the cost model before any run, then what finished runs on this server teach."""
import pytest

from dlplay import estimate, recipes, training_costs


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch):
    """No run has finished yet in this process."""
    monkeypatch.setattr(estimate, "_seen", {})
    monkeypatch.setattr(estimate, "_ratios", {})


def _finished(recipe, config, per_epoch, epochs=2):
    estimate.record(recipe, config, [{"epoch": e, "elapsed": per_epoch * e} for e in range(1, epochs + 1)])


@pytest.mark.parametrize("recipe", sorted(recipes.REGISTRY))
def test_the_first_run_of_every_recipe_is_estimated_by_the_cost_model(recipe):
    found = estimate.epoch_time(recipe, {})  # a page sends its table's values; an empty config means the defaults
    assert found is not None and found.source == estimate.COST_MODEL
    assert 0 < found.seconds < 600


def test_every_recipe_has_one_formula_and_a_measured_rate():
    assert set(training_costs.FORMULAS) == set(recipes.REGISTRY)
    assert set(training_costs.fitted()["madds_per_second"]) == set(recipes.REGISTRY)


@pytest.mark.parametrize("recipe, key", [("mlp", "samples"), ("cnn", "train_size"), ("autoencoder", "samples"),
                                         ("gan", "samples"), ("sentiment", "train_samples"),
                                         ("sentiment_zh", "train_samples")])
def test_more_examples_cost_more(recipe, key):
    small = training_costs.settings_for(recipe, {})[key] // 2
    assert estimate.epoch_time(recipe, {key: small}).seconds < estimate.epoch_time(recipe, {}).seconds


@pytest.mark.parametrize("recipe, bigger", [
    ("mlp", {"width": 64, "depth": 4}), ("optrace", {"optimizers": ["sgd", "momentum", "adagrad", "rmsprop", "adam"]}),
    ("cnn", {"channels": 32, "kernel": 5}), ("autoencoder", {"width": 32}), ("gan", {"d_steps": 3}),
    ("sentiment", {"layers": 2, "bidirectional": True}), ("sentiment_zh", {"max_len": 128, "hidden": 128})])
def test_bigger_networks_cost_more(recipe, bigger):
    assert estimate.epoch_time(recipe, bigger).seconds > estimate.epoch_time(recipe, {}).seconds


def test_the_same_settings_are_estimated_from_the_last_run():
    config = {"samples": 600, "width": 32, "epochs": 2, "seed": 0}
    _finished("mlp", config, 5.0)
    found = estimate.epoch_time("mlp", {**config, "epochs": 30, "seed": 3})
    assert found == estimate.Estimate(5.0, estimate.SAME_SETTINGS)


def test_one_finished_run_scales_its_recipe_and_every_other_recipe():
    model_cnn = estimate.epoch_time("cnn", {}).seconds
    model_mlp = estimate.epoch_time("mlp", {"samples": 800}).seconds
    _finished("mlp", {"samples": 400}, 3 * training_costs.predict("mlp", {"samples": 400}))  # a host 3x slower
    same_recipe = estimate.epoch_time("mlp", {"samples": 800})
    assert same_recipe.source == estimate.THIS_RECIPE
    assert same_recipe.seconds == pytest.approx(3 * model_mlp)
    other_recipe = estimate.epoch_time("cnn", {})
    assert other_recipe.source == estimate.THIS_HOST
    assert other_recipe.seconds == pytest.approx(3 * model_cnn)


def test_the_host_ratio_is_the_geometric_mean_of_each_recipes_last_run():
    _finished("mlp", {}, 4 * training_costs.predict("mlp", {}))
    _finished("cnn", {}, 1 * training_costs.predict("cnn", {}))
    assert estimate.host_ratio() == pytest.approx(2.0)


def test_on_a_gpu_the_cpu_cost_model_waits_for_a_run_there():
    assert estimate.epoch_time("cnn", {}, on_gpu=True) is None
    _finished("mlp", {}, 0.5 * training_costs.predict("mlp", {}))
    assert estimate.epoch_time("cnn", {}, on_gpu=True).seconds == pytest.approx(0.5 * training_costs.predict("cnn", {}))


def test_a_recipe_without_a_formula_is_estimated_only_from_its_own_runs():
    assert estimate.epoch_time("toy_recipe", {"size": 3}) is None
    _finished("toy_recipe", {"size": 3}, 7.0)
    assert estimate.epoch_time("toy_recipe", {"size": 3}).seconds == 7.0
    assert estimate.epoch_time("toy_recipe", {"size": 4}) is None


def test_epochs_that_fit_leave_a_margin():
    assert estimate.epochs_that_fit(20.0, 180) == 8
    assert estimate.epochs_that_fit(20.0, 180, margin=1.0) == 9


def test_the_cost_models_copies_of_recipe_settings_match_the_recipes():
    from dlplay.data import word_vectors
    from dlplay.recipes import cnn, gan, optrace

    for name in training_costs.RECIPE_DEFAULTS:
        defaults = recipes.get(name).DEFAULTS
        assert {k: defaults[k] for k in training_costs.RECIPE_DEFAULTS[name]} == training_costs.RECIPE_DEFAULTS[name]
    assert {k: optrace.NETWORK[k] for k in training_costs.RACE_NETWORK} == training_costs.RACE_NETWORK
    assert (training_costs.CNN_FINETUNE_SAMPLES, training_costs.CNN_EXTRA_REPEAT) == (cnn.FINETUNE_SAMPLES,
                                                                                        cnn.EXTRA_REPEAT)
    assert {k: cnn.SHIPPED[k] for k in training_costs.GAN_JUDGE} == training_costs.GAN_JUDGE
    assert (training_costs.GAN_JUDGED, training_costs.GAN_GRID) == (gan.COVERAGE_SAMPLES, gan.GRID_PER_CLASS * 10)
    assert training_costs.PRETRAINED_DIM == word_vectors.FULL_DIM


def test_the_cost_model_is_torch_free():
    import subprocess
    import sys

    code = "import sys, dlplay.estimate; print('torch' in sys.modules)"
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert answer.strip() == "False"
