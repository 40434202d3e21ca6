"""The optimizer page: the race reacts to every knob, explains each step, flags divergence, plays through the
steps, and races on a network with its own learning rates; widgets, links and the recipe follow the table."""
from functools import partial

from dlplay.params import optimizers as table_module
from dlplay.recipes import optrace
from tests.app.explorer_helpers import fresh, reads_chinese, table_entry_follows, texts, tighten, train_to_the_end

fresh = partial(fresh, "optimizers.py")


def test_defaults_race_without_divergence_and_explain_the_last_step():
    at = fresh()
    assert not at.exception and not at.error
    assert "g_{300}" in texts(at.latex)
    assert len([c for c in at.get("plotly_chart")]) == 2


def test_eps_is_written_as_a_power_of_ten():
    at = fresh()
    text = texts(at.latex)
    assert r"\sqrt{\hat v} + 10^{-8}" in text and "1e-08" not in text
    assert at.select_slider(key="opt_eps").format_func(1e-8) == "10⁻⁸"


def test_step_slider_and_optimizer_choice_change_the_explanation():
    at = fresh()
    at.slider(key="opt_step").set_value(7).run()
    assert "g_{7}" in texts(at.latex)
    at.selectbox(key="opt_explain").set_value("adam").run()
    text = texts(at.latex)
    assert r"\hat m" in text and "g_{7}" in text


def test_play_runs_through_the_steps_from_the_start():
    at = fresh(opt_steps="120")
    assert at.session_state["opt_step"] == 120
    at.button(key="opt_play").click().run()  # at the end: play starts again from 0
    first = at.session_state["opt_step"]
    assert at.session_state["_opt_playing"] and 0 < first <= 16  # a frame is 2 steps, at most 8 if late
    at.run()
    second = at.session_state["opt_step"]
    assert second > first and f"g_{{{second}}}" in texts(at.latex)
    assert at.button(key="opt_play").label == "Pause"
    at.button(key="opt_play").click().run()
    assert not at.session_state["_opt_playing"] and at.button(key="opt_play").label == "Play"
    step = at.session_state["opt_step"]
    at.run()
    assert at.session_state["opt_step"] == step  # paused: the step stays


def test_large_learning_rate_says_diverged_at_step():
    at = fresh()
    at.select_slider(key="opt_lr").set_value(0.05).run()
    assert not at.exception
    assert "SGD diverged at step" in texts(at.error)


def test_new_surface_resets_start_and_learning_rates():
    at = fresh()
    at.selectbox(key="opt_surface").set_value("himmelblau").run()
    assert (at.session_state["opt_x0"], at.session_state["opt_y0"]) == (-0.3, -0.6)
    assert at.session_state["opt_lr"] == 0.01
    assert not at.exception


def test_a_link_naming_a_surface_starts_where_that_surface_starts():
    at = fresh(opt_surface="saddle")
    assert (at.session_state["opt_x0"], at.session_state["opt_y0"]) == (-2.0, 0.01)
    assert (at.session_state["opt_lr"], at.session_state["opt_lr_adaptive"]) == (0.1, 0.05)
    at = fresh(opt_surface="saddle", opt_x0="1.5", opt_lr="0.02")  # what the link says wins
    assert at.session_state["opt_x0"] == 1.5 and at.session_state["opt_lr"] == 0.02


def test_extreme_settings_never_crash():
    at = fresh(opt_names="sgd,momentum,momentum_ema,nesterov,adagrad,rmsprop,adam,adamw", opt_lr="10.0",
               opt_lr_adaptive="10.0", opt_beta="0.999999", opt_beta1="0.999999", opt_beta2="0.999999",
               opt_noise="20.0", opt_steps="1000", opt_surface="beale")
    assert not at.exception
    assert "diverged at step" in texts(at.error)
    at.multiselect(key="opt_names").set_value([]).run()
    assert "Pick at least one" in texts(at.info)


def test_ema_note_relates_the_learning_rates():
    at = fresh(opt_lr="0.1", opt_beta="0.9")
    assert "lr 0.01" in texts(at.markdown)


def test_race_has_its_own_learning_rate_per_optimizer_in_the_link():
    at = fresh(opt_names="sgd,adam", race_lr_adam="0.02")
    assert at.select_slider(key="race_lr_adam").value == 0.02
    assert at.select_slider(key="race_lr_sgd").value == optrace.DEFAULTS["lr_sgd"]
    assert at.query_params["race_lr_adam"] in ("0.02", ["0.02"]) and "opt_lr" in at.query_params
    assert not at.select_slider(key="opt_lr").value == at.select_slider(key="race_lr_sgd").value


def test_tight_limits_bound_the_race(monkeypatch):
    tighten(monkeypatch)
    at = fresh(race_epochs="100")
    assert not at.exception
    assert at.slider(key="race_epochs").max == 3 and at.session_state["race_epochs"] <= 3


def test_one_table_entry_moves_widget_link_and_recipe(monkeypatch):
    table_entry_follows(monkeypatch, "optimizers.py", table_module, optrace, "epochs", 12, "Epochs of the race")


def test_race_on_a_network_finishes_with_a_curve_per_optimizer():
    at = fresh(opt_names="sgd,adam", race_epochs="2")
    train_to_the_end(at, "optimizers")
    race = [c for c in at.get("plotly_chart") if "validation accuracy" in c.proto.spec and "Adam" in c.proto.spec]
    assert race, "the race chart names each optimizer"


def test_a_chinese_link_shows_the_page_in_chinese():
    at = reads_chinese("optimizers.py", "🏔️ 优化器", 2, "损失曲面（loss surface）")
    assert at.select_slider(key="race_lr_momentum").label == "学习率：动量（PyTorch）"
    at = reads_chinese("optimizers.py", "🏔️ 优化器", 2, "损失曲面（loss surface）", opt_lr="0.05")
    assert "SGD 在第" in texts(at.error) and "发散" in texts(at.error)  # SGD runs away on Rosenbrock
