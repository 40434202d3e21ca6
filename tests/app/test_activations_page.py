"""The activation page: widgets drive the plots, formulas and the deep-stack verdict; the mini lab trains."""
from functools import partial

from tests.app.explorer_helpers import fresh, texts, train_to_the_end

fresh = partial(fresh, "activations.py")


def test_defaults_show_sigmoid_vanishing():
    at = fresh()
    assert not at.exception
    assert "sigma" in texts(at.latex)
    assert "vanishes" in texts(at.warning)
    assert at.session_state["act_name"] == "sigmoid"


def test_parameter_slider_changes_the_formula():
    at = fresh()
    at.selectbox(key="act_name").set_value("leaky_relu").run()
    at.slider(key="act_leaky_relu_alpha").set_value(0.3).run()
    assert not at.exception
    assert "0.3" in texts(at.latex)


def test_relu_with_negative_bias_dies_and_he_init_is_healthy():
    at = fresh()
    at.selectbox(key="act_name").set_value("relu")
    at.selectbox(key="ds_init").set_value("he")
    at.slider(key="ds_bias").set_value(-1.0).run()
    assert "dead" in texts(at.warning)
    at.slider(key="ds_bias").set_value(0.0).run()
    assert "Healthy" in texts(at.success)


def test_extremes_give_messages_not_exceptions():
    at = fresh(act_name="sigmoid", ds_depth="30", ds_width="256", ds_init="large", act_span="20.0")
    assert not at.exception
    assert at.warning or at.success
    at = fresh(act_name="nonsense", ds_depth="999")
    assert not at.exception
    assert "could not be used" in texts(at.warning)
    assert at.session_state["act_name"] == "sigmoid" and at.session_state["ds_depth"] == 12


def test_link_restores_settings():
    at = fresh(act_name="elu", act_elu_alpha="2.5", ds_depth="20")
    assert at.slider(key="act_elu_alpha").value == 2.5
    assert at.slider(key="ds_depth").value == 20
    assert "2.5" in texts(at.latex)


def test_mini_lab_trains_and_draws_the_boundary():
    at = fresh(lab_epochs="5", lab_samples="100", lab_act="relu")
    train_to_the_end(at, "activations")
    charts = [c for c in at.get("plotly_chart") if "epoch 5" in c.proto.spec]
    assert charts, "the live view shows the decision boundary after the last epoch"
