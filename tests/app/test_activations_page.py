"""The activation page: widgets drive the plots, formulas and the deep-stack verdict; the mini lab trains;
its widgets, link and recipe all follow the parameter table and the server's limits."""
from functools import partial

from dlplay.params import activations as table_module
from dlplay.recipes import mlp
from tests.app.explorer_helpers import fresh, reads_chinese, table_entry_follows, texts, tighten, train_to_the_end

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
    assert r"0.3\,x" in texts(at.latex)


def test_formulas_and_range_are_written_at_the_current_values():
    at = fresh(act_name="softplus")
    assert r"\mathrm{softplus}(x) = \log\left(1 + e^{x}\right)" in texts(at.latex)
    at = fresh(act_name="elu", act_elu_alpha="2.5")
    assert r"**Output range** $(-2.5, \infty)$" in texts(at.markdown)
    assert r"2.5\,(e^{x} - 1)" in texts(at.latex)


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
    at = fresh(act_name="elu", act_elu_alpha="2.5", ds_depth="20", lab_activation="relu", lab_optimizer="sgd")
    assert at.slider(key="act_elu_alpha").value == 2.5
    assert at.slider(key="ds_depth").value == 20
    assert at.selectbox(key="lab_activation").value == "relu" and at.selectbox(key="lab_optimizer").value == "sgd"
    assert "2.5" in texts(at.latex)


def test_tight_limits_bound_every_lab_widget(monkeypatch):
    tighten(monkeypatch)
    at = fresh()
    assert not at.exception
    assert at.slider(key="lab_epochs").max == 3 and at.slider(key="lab_epochs").value == 3
    assert at.slider(key="lab_samples").max == 500 and at.slider(key="lab_width").max == 16
    assert at.slider(key="lab_depth").max == 2
    at = fresh(lab_epochs="200")  # a link from a roomier server
    assert not at.exception and at.session_state["lab_epochs"] <= 3


def test_one_table_entry_moves_widget_link_and_recipe(monkeypatch):
    table_entry_follows(monkeypatch, "activations.py", table_module, mlp, "width", 24, "Neurons per layer")


def test_mini_lab_trains_and_draws_the_boundary():
    at = fresh(lab_epochs="5", lab_samples="100", lab_activation="relu")
    train_to_the_end(at, "activations")
    charts = [c for c in at.get("plotly_chart") if "epoch 5" in c.proto.spec]
    assert charts, "the live view shows the decision boundary after the last epoch"
    assert "validation accuracy" in charts[0].proto.spec


def test_a_chinese_link_shows_the_page_in_chinese():
    at = reads_chinese("activations.py", "📈 激活函数", 3, "激活函数（activation function）")
    assert "梯度消失" in texts(at.warning)  # the deep stack's verdict (sigmoid vanishes at the defaults)
    assert "双月形" in at.selectbox(key="lab_dataset").options  # option names, as the widget shows them
    assert at.slider(key="lab_epochs").label == "轮次"
