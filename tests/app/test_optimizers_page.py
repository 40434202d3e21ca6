"""The optimizer page: the race reacts to every knob, explains each step, flags divergence, races on a network."""
from functools import partial

from tests.app.explorer_helpers import fresh, texts, train_to_the_end

fresh = partial(fresh, "optimizers.py")


def test_defaults_race_without_divergence_and_explain_the_last_step():
    at = fresh()
    assert not at.exception and not at.error
    assert "g_{300}" in texts(at.latex)
    assert len([c for c in at.get("plotly_chart")]) == 2


def test_step_slider_and_optimizer_choice_change_the_explanation():
    at = fresh()
    at.slider(key="opt_step").set_value(7).run()
    assert "g_{7}" in texts(at.latex)
    at.selectbox(key="opt_explain").set_value("adam").run()
    text = texts(at.latex)
    assert r"\hat m" in text and "g_{7}" in text


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


def test_race_on_a_network_finishes_with_a_curve_per_optimizer():
    at = fresh(opt_names="sgd,adam", race_epochs="2")
    train_to_the_end(at, "optimizers")
    curves = [c for c in at.get("plotly_chart") if "loss_sgd" in c.proto.spec and "loss_adam" in c.proto.spec]
    assert curves
