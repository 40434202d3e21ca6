"""The backprop page: every section renders, the step buttons walk the network, an update lowers the loss,
XOR needs a hidden layer, wild settings give a message (never NaN or an exception), links restore settings."""
import dataclasses
import json
import re
from functools import partial

from streamlit.testing.v1 import AppTest

from dlplay import i18n, settings
from dlplay.params import Param, Table
from dlplay.params import backprop as table_module
from tests.app.explorer_helpers import HAN, PAGES, english_words, fresh, in_chinese, texts

fresh = partial(fresh, "backprop.py")


def everything_said(at) -> str:
    parts = [texts(at.markdown), texts(at.latex), texts(at.caption), texts(at.error), texts(at.info),
             " ".join(f"{m.label} {m.value} {m.delta}" for m in at.metric)]
    parts += [c.proto.spec for c in at.get("graphviz_chart")]
    return " ".join(parts)


def click(at, key, times=1):
    for __ in range(times):
        at.button(key=key).click().run()
    assert not at.exception
    return at


def test_every_section_renders():
    at = fresh()
    assert not at.exception and not at.error
    headers = texts(at.header)
    for number in "12345":
        assert f"{number} ·" in headers
    assert len(at.get("graphviz_chart")) == 2  # the expression graph and the network
    assert len(at.get("plotly_chart")) == 6
    said = everything_said(at)
    assert r"\tanh" in said and "finite differences" in said and "softmax" in said
    assert "nan" not in said.lower()


def plane_height(at) -> int:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["height"]


def test_presenter_mode_folds_the_intro_away_so_the_neuron_fits_a_projector_screen():
    at = fresh()
    assert at.markdown[0].value.startswith("A network is many small units") and not at.expander[0].label.startswith(
        "What this page")
    normal_height = plane_height(at)
    at = AppTest.from_file(str(PAGES / "backprop.py"), default_timeout=60)
    at.session_state["present"] = True  # what app.py sets from ?present=1 or the sidebar toggle
    at.run()
    assert not at.exception
    folded = at.expander[0]
    assert folded.label == "What this page teaches" and "**neurons**" in folded.markdown[0].value
    assert at.header[0].value == "1 · One neuron"
    assert plane_height(at) < normal_height


def test_the_neuron_writes_relu_in_z_and_keeps_max():
    at = fresh(bp_neuron_act="relu")
    said = texts(at.latex)
    assert r"\mathrm{ReLU}(z) = \max(0, z)" in said and r"\maz" not in said


def test_forward_and_backward_buttons_reveal_the_network_layer_by_layer():
    at = fresh()
    net = at.get("graphviz_chart")[1].proto.spec
    assert "L = ?" in net and "δ =" not in net
    assert at.button(key="bp_backward").disabled  # no backward pass before the forward pass
    click(at, "bp_forward")
    assert "1 of 2 layers computed" in texts(at.markdown)
    click(at, "bp_forward")
    assert "Forward pass done" in texts(at.markdown) and "L = ?" not in at.get("graphviz_chart")[1].proto.spec
    assert at.button(key="bp_forward").disabled
    click(at, "bp_backward", 2)
    net = at.get("graphviz_chart")[1].proto.spec
    assert "Backward pass done" in texts(at.markdown) and net.count("∂L/∂w") == 9  # 2x3 + 3x1 weights


def test_update_lowers_the_loss_on_the_default_network():
    at = click(fresh(), "bp_update")
    metric = at.metric[0]
    assert metric.label == "Loss after update 1"
    before, after = at.session_state["_bp_net"].last
    assert after < before
    assert metric.delta.startswith("-")
    click(at, "bp_update", 3)
    assert at.session_state["_bp_net"].updates == 4 and at.session_state["_bp_net"].last[1] < after


def test_picked_weight_shows_the_chain_rule_and_finite_differences_agree():
    at = fresh()
    at.selectbox(key="bp_net_pick").set_value("w,1,2,1").run()
    said = texts(at.latex)
    assert r"w^{(1)}_{21}" in said and r"\underbrace" in said
    walk = at.session_state["_bp_net"]
    assert walk.layers[0][0].shape == (3, 2)
    assert "Backpropagation says" in texts(at.markdown) and "They differ by" in texts(at.caption)


def test_finite_differences_are_said_to_agree_only_when_they_do():
    at = fresh()
    assert "agrees with the chain rule" in texts(at.caption)
    at = fresh(bp_net_loss="bce", bp_net_scale="10.0", bp_net_act="relu")  # a saturated sigmoid output
    said = texts(at.caption)
    assert "agrees" not in said and "the output is saturated" in said
    assert r"\max" in texts(at.latex)


def test_xor_without_hidden_layer_stays_near_chance_and_with_one_reaches_every_point():
    at = fresh(bp_train_data="xor", bp_train_hidden="0")
    click(at, "bp_train_100", 3)
    lab = at.session_state["_bp_train"]
    assert lab.steps == 300 and lab.accuracy[-1] <= 0.6
    assert "no hidden layer" in texts(at.info)
    at.slider(key="bp_train_hidden").set_value(1).run()
    assert at.session_state["_bp_train"].steps == 0  # a new network starts from scratch
    click(at, "bp_train_100")
    assert at.session_state["_bp_train"].accuracy[-1] == 1.0
    assert "Every point is on the right side" in texts(at.success)


def test_wild_settings_say_overflow_in_words_never_nan_or_exception():
    at = fresh(bp_net_act="relu", bp_net_scale="10.0", bp_net_lr="10.0", bp_net_hidden="2", bp_net_units="4",
               bp_net_x1="2.0", bp_net_x2="2.0", bp_neuron_w1="10.0", bp_neuron_b="-10.0", bp_loss_z="-10.0",
               bp_train_lr="10.0", bp_train_act="relu", bp_train_units="8", bp_train_hidden="2")
    for _ in range(300):
        click(at, "bp_update")
        if at.error:
            break
    assert "became inf at update" in texts(at.error) or "overflowed at update" in texts(at.error)
    click(at, "bp_train_100", 2)
    assert "nan" not in everything_said(at).lower()


def test_a_shared_link_restores_the_network_and_the_settings_go_back_into_the_link():
    at = fresh(bp_net_hidden="2", bp_net_units="4", bp_net_outputs="2", bp_net_loss="ce", bp_net_pick="b,3,2")
    walk = at.session_state["_bp_net"]
    assert [w.shape for w, _ in walk.layers] == [(4, 2), (4, 4), (2, 4)]
    assert at.selectbox(key="bp_net_pick").value == "b,3,2"
    at.slider(key="bp_net_seed").set_value(7).run()
    assert at.query_params["bp_net_seed"] == "7" and at.query_params["bp_net_loss"] == "ce"


def test_tight_server_limits_still_render(monkeypatch):
    for name, value in (("MAX_EPOCHS", 3), ("MAX_TRAIN_SAMPLES", 500), ("MAX_WIDTH", 16), ("MAX_DEPTH", 1)):
        monkeypatch.setattr(settings, name, value)
    at = fresh()
    assert not at.exception
    assert at.slider(key="bp_train_hidden").max == 1
    assert "Hidden layers: 1" in texts(at.caption)  # one value left: shown, not offered
    assert len(at.session_state["_bp_net"].layers) == 2


def test_a_changed_table_entry_reaches_widget_link_and_clamp(monkeypatch):
    old = table_module.TABLE
    narrower = dataclasses.replace(old["train_points"], default=30, high=36)
    monkeypatch.setattr(table_module, "TABLE", Table(old.prefix, tuple(
        narrower if p.key == "train_points" else p for p in old)))
    at = fresh(bp_train_points="50")
    slider = at.slider(key="bp_train_points")
    assert slider.max == 36 and slider.value == 30  # 50 is out of range now: the default, with a notice
    assert "bp_train_points" in texts(at.warning)
    assert table_module.TABLE.clamp({"train_points": 50}) == {"train_points": 36}
    assert isinstance(narrower, Param)


def chinese_prose(at) -> str:
    """What the page says in words, glossary terms' English (in brackets after the Chinese) left out."""
    said = " ".join(texts(at.get(kind)) for kind in ("markdown", "caption", "info", "warning", "error", "success"))
    return re.sub(r"（[^）]*）", "", said)


def hold_chinese(monkeypatch):
    """AppTest reads every selectbox's value back through its format function outside the session, where the
    language is English, and then cannot find it among the Chinese options; hold the language at Chinese."""
    monkeypatch.setattr(i18n, "language", lambda: "zh")


def test_in_chinese_every_section_reads_chinese_and_the_step_buttons_still_work(monkeypatch):
    at = in_chinese("backprop.py")
    assert not at.exception
    assert at.title[0].value == "🔗 神经元与反向传播"
    headers = [h.value for h in at.header]
    assert len(headers) == 5 and all(HAN.search(h) for h in headers), headers
    prose = chinese_prose(at)
    assert not english_words(prose), english_words(prose)
    assert "**神经元**（neuron）" in at.markdown[0].value  # first use names the English term
    expression, network = (c.proto.spec for c in at.get("graphviz_chart"))
    assert "值 2" in expression and "value" not in expression
    assert "均方误差" in network
    assert at.button(key="bp_forward").label == "前向 ▶ 一层"
    hold_chinese(monkeypatch)
    click(at, "bp_forward", 2)
    click(at, "bp_backward", 2)
    assert "反向传播完成" in texts(at.markdown)
    click(at, "bp_update")
    before, after = at.session_state["_bp_net"].last
    assert after < before and at.metric[0].label == "第 1 次更新后的损失"
    click(at, "bp_train_100")
    assert at.session_state["_bp_train"].steps == 100 and "每个点都落在了正确的一侧" in texts(at.success)


def test_in_chinese_a_stopped_run_says_why_in_chinese(monkeypatch):
    at = in_chinese("backprop.py", bp_net_act="relu", bp_net_scale="10.0", bp_net_lr="10.0", bp_net_hidden="2",
                    bp_net_units="4", bp_net_x1="2.0", bp_net_x2="2.0")
    hold_chinese(monkeypatch)
    for __ in range(300):
        click(at, "bp_update")
        if at.error:
            break
    said = texts(at.error)
    assert "权重没有改变" in said and "update" not in said and "nan" not in said.lower(), said
