"""The digits page in AppTest: the example before the first stroke, drawings (set through
session_state), drawings that are no digit, the model read with after each run, server limits,
the settings table, the full MNIST offered only when it can be had, and the page in Chinese."""
import dataclasses
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dlplay import i18n, settings
from dlplay.data import digits as data
from dlplay.data import strokes
from dlplay.params import digits as digit_params
from dlplay.ui.canvas import canvas_value
from tests.app.explorer_helpers import HAN, in_chinese

PAGE = "../../pages/digits.py"
ENGLISH = re.compile(r"[A-Za-z]{3,}(?:[ ,'-]+[A-Za-z]{3,}){2,}")  # three English words in a row


def page():
    return AppTest.from_file(PAGE, default_timeout=60)


def metric(at, label):
    return next(m for m in at.metric if m.label == label)


def captions(at) -> str:
    return "\n".join([c.value for c in at.caption] + [c for img in at.image for c in (img.captions or [])])


def zigzag(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return strokes.render([[(rng.uniform(50, 230), rng.uniform(50, 230)) for _ in range(24)]], pen=14)


def test_before_the_first_stroke_the_lesson_reads_an_example():
    at = page().run()
    assert not at.exception
    assert "Prediction" not in [m.label for m in at.metric]  # only ever for the learner's own drawing
    assert metric(at, "Example digit read as").value == str(data.load().test.labels[152])
    assert any("example digit from the test set" in i.value for i in at.info)
    headers = [h.value for h in at.header]
    for n in range(1, 6):
        assert any(h.startswith(f"{n} ·") for h in headers), headers
    assert "the example on a canvas and the ink's box" in captions(at)
    assert next(b for b in at.button if b.label.startswith("Add this drawing")).disabled
    assert any(b.label == "Train" for b in at.button)


@pytest.mark.parametrize("digit,kw", [(3, {}), (7, {"cx": 70, "cy": 200, "size": 90, "pen": 10}),
                                      (0, {"cx": 200, "cy": 80, "size": 70, "pen": 6})])
def test_a_drawing_is_read(digit, kw):
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(digit, **kw))
    at.run()
    assert not at.exception
    assert metric(at, "Prediction").value == str(digit)
    assert "Example digit read as" not in [m.label for m in at.metric]
    assert "your canvas and the ink's box" in captions(at)
    assert "Read with: shipped model." in captions(at) and "not that it is right" in captions(at)


def test_conv_by_hand_widgets_work():
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(5))
    at.run()
    at.selectbox(key="dg_hand_kernel").select_index(7).run()  # a learned kernel
    at.slider(key="dg_hand_row").set_value(0).run()
    assert not at.exception
    numbers = next(h.proto.body for h in at.get("html") if "dg-conv" in h.proto.body)
    assert "sum = <b>" in numbers and numbers.count("<td") == 3 * 9  # window, kernel, products of a 3x3 kernel


@pytest.mark.parametrize("drawing,says", [
    (strokes.render([[(140, 140), (141, 141)]], pen=6), "dot"),
    (strokes.render([[(140, 140), (141, 141)]], pen=18), "dot"),  # as wide as the pen: still a dot
    (np.full((280, 280, 4), 255, np.uint8), "mostly ink"),
    (zigzag(0), "not a recognition"),
])
def test_no_digit_gets_a_warning_instead_of_a_sure_answer(drawing, says):
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(drawing)
    at.run()
    assert not at.exception
    assert any(says in w.value for w in at.warning), [w.value for w in at.warning]
    assert metric(at, "Prediction").value == "?"


def test_wrong_drawing_goes_into_my_set():
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(4, 1))
    at.run()
    at.selectbox(key="dg_label").select(9).run()
    next(b for b in at.button if b.label.startswith("Add this drawing")).click().run()
    assert not at.exception
    own = at.session_state["digits_own"]
    assert len(own) == 1 and own[0][1] == 9 and own[0][0].shape == (28, 28)


def test_tight_server_limits_render_and_hold(monkeypatch):
    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    at = page().run()
    assert not at.exception
    assert at.slider(key="dg_epochs").max == 3 and at.slider(key="dg_epochs").value == 3
    assert at.slider(key="dg_train_size").max == 500 and at.slider(key="dg_train_size").value <= 500
    assert at.select_slider(key="dg_channels").options == ["4", "8"]  # two blocks: 8 doubles to 16
    assert at.select_slider(key="dg_channels").value == 8
    at.slider(key="dg_blocks").set_value(1).run()
    assert at.select_slider(key="dg_channels").options == ["4", "8", "16"]
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(2))
    at.run()
    assert not at.exception and metric(at, "Prediction").value == "2"


def test_training_digits_end_at_the_size_of_the_chosen_set(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "OFFLINE", True)
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path)  # nothing cached there
    at = page()
    at.query_params["dg_data"] = "mnist"
    at.query_params["dg_train_size"] = "20000"
    at.run()
    assert not at.exception
    assert at.selectbox(key="dg_data").value == "offline" and len(at.selectbox(key="dg_data").options) == 1
    assert any("set to work offline" in c.value for c in at.caption)
    assert at.slider(key="dg_train_size").max == data.TRAIN_DIGITS["offline"]
    assert at.slider(key="dg_train_size").value <= data.TRAIN_DIGITS["offline"]


def test_one_table_entry_moves_the_widget_and_the_link(monkeypatch):
    fewer = dataclasses.replace(digit_params.TABLE, params=tuple(
        dataclasses.replace(p, high=7) if p.key == "epochs" else p for p in digit_params.TABLE))
    monkeypatch.setattr(digit_params, "TABLE", fewer)
    at = page()
    at.query_params["dg_epochs"] = "9"
    at.run()
    assert not at.exception
    assert at.slider(key="dg_epochs").max == 7 and at.slider(key="dg_epochs").value == 4  # 9 is refused
    assert any("dg_epochs" in w.value for w in at.warning)
    at.slider(key="dg_epochs").set_value(6).run()
    assert at.query_params["dg_epochs"] == "6"


@pytest.fixture(scope="module")
def learner_files():
    """Two small untrained CNNs exported the way a run exports them (1 block of 4 and of 8 channels)."""
    import torch
    from dlplay.recipes import cnn

    torch.manual_seed(0)
    example = torch.from_numpy(data.load().val.images[:2]).unsqueeze(1)
    return {ch: cnn.export_files(cnn.build(cnn.clamp({"channels": ch, "blocks": 1, "hidden": 8})), {}, {}, example)
            for ch in (4, 8)}


def test_each_finished_run_becomes_the_model_read_with(monkeypatch, learner_files):
    """Training is replaced by a fake that hands back ready-made models: what is tested is the page."""
    from dlplay import jobs
    from dlplay.recipes import cnn
    from dlplay.results import Outcome, Result

    def fake_train(config):
        val = data.load().val
        extras = {"confusion": np.eye(10, dtype=np.int64) * 50, "confused_images": val.images[:2],
                  "confused_true": val.labels[:2], "confused_pred": (val.labels[:2] + 1) % 10,
                  "confused_prob": np.array([0.9, 0.8])}
        record = {"epoch": 1, "loss": 1.0, "val_loss": 1.0, "val_acc": 0.5, "elapsed": 0.1}
        return Result(Outcome("finished", "Finished 1 epoch.", [record], 0.1), cnn.clamp(config),
                      artifacts=learner_files[config["channels"]], metrics={"val_acc": 0.5, "test_acc": 0.4},
                      extras=extras)

    monkeypatch.setattr(jobs, "recipe_work", lambda name, config: (
        lambda callback, should_stop, max_seconds: fake_train(config)))
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(1))
    for run, channels in ((1, 4), (2, 8)):
        at.select_slider(key="dg_channels").set_value(channels).run()
        at.button(key="_dlplay_job_digits_start").click().run()
        assert at.session_state["_dlplay_job_digits"].wait(timeout=60)
        at.run()  # the panel puts the finished model on the shelf ...
        at.run()  # ... and the next run reads with it (the browser reruns by itself)
        assert not at.exception
        assert any(s.value.startswith(f"my run #{run}:") for s in at.subheader)
        newest = at.session_state["_dlplay_shelf"].models[-1]
        assert at.radio(key="_dlplay_choice_digits").value == newest.id
        assert f"Read with: my run #{run}." in captions(at)
        assert f"Conv layer 1 (my run #{run}): {channels} feature maps" in captions(at)
        assert any(f"layer 1 (my run #{run};" in s.value for s in at.subheader)
        assert metric(at, "Shipped model says").value == "1"
    at.radio(key="_dlplay_choice_digits").set_value(at.session_state["_dlplay_shelf"].models[0].id).run()
    assert any(s.value.startswith("my run #1:") for s in at.subheader)  # the blocks follow the model read with
    assert "Read with: my run #1." in captions(at)


def test_retrain_for_real_and_compare_with_the_shipped_model():
    at = page()
    for key, value in {"dg_epochs": 1, "dg_train_size": 200, "dg_channels": 4, "dg_blocks": 1}.items():
        at.session_state[key] = value
    at.run()
    next(b for b in at.button if b.label == "Train").click().run()
    job = at.session_state["_dlplay_job_digits"]
    assert job.wait(timeout=300), "training did not finish"
    assert job.state == "finished", job.message
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(1))
    at.run()  # the panel puts the finished model on the shelf ...
    at.run()  # ... and the next run reads with it (the browser reruns by itself)
    assert not at.exception
    assert any(s.value.startswith("my run #1:") and "held-out test digits" in s.value for s in at.subheader)
    labels = [m.label for m in at.metric]
    assert "Prediction" in labels and "Shipped model says" in labels  # side by side with the shipped model
    assert metric(at, "Shipped model says").value == "1"


def test_fine_tune_on_my_drawings():
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(1, 1, pen=8))
    at.run()
    at.selectbox(key="dg_label").select(1).run()
    next(b for b in at.button if b.label.startswith("Add this drawing")).click().run()
    at.radio(key="dg_mode").set_value("finetune").run()
    next(b for b in at.button if b.label == "Train").click().run()
    job = at.session_state["_dlplay_job_digits"]
    assert job.wait(timeout=300) and job.state == "finished", job.message
    cfg = job.result.config
    assert cfg["finetune"] and cfg["own_drawings"] == 1 and cfg["epochs"] == 3
    assert job.result.metrics["test_acc"] > 0.95


def untranslated(text: str) -> list[str]:
    """English sentences left in Chinese text (a glossary term's English after its Chinese is meant)."""
    for english in i18n.glossary():
        text = text.replace(f"（{english}）", "")
    return ENGLISH.findall(text)


def test_the_page_in_chinese_from_a_link():
    at = in_chinese("digits.py", dg_epochs="2", dg_kernel="5")
    assert not at.exception, at.exception
    assert at.title[0].value == "✍️ CNN：识别我写的数字"
    headers = [h.value for h in at.header]
    assert len(headers) == 5 and all(HAN.search(h) for h in headers), headers
    prose = "\n".join(m.value.replace("**", "") for m in at.markdown)
    for first_use in ("卷积神经网络（convolutional neural network）", "质心（centre of mass）", "卷积核（kernel）",
                      "特征图（feature map）", "最大池化（max pooling）", "随机失活（dropout）",
                      "数据增强（data augmentation）"):
        assert first_use in prose, first_use
    assert "微调（fine-tuning）" in captions(at)
    assert metric(at, "示例数字被识别为").value == str(data.load().test.labels[152])
    assert "Example digit read as" not in [m.label for m in at.metric]
    assert at.slider(key="dg_epochs").value == 2 and at.select_slider(key="dg_kernel").value == 5  # the link's
    shown = [prose, captions(at), *headers, *(s.value for s in at.subheader), *(i.value for i in at.info),
             *(m.label for m in at.metric)]
    shown += [w.label for kind in ("slider", "select_slider", "selectbox", "radio", "toggle", "button")
              for w in at.get(kind)]
    left = [run for text in shown for run in untranslated(text)]
    assert not left, left


def test_a_drawing_is_read_in_chinese(monkeypatch):
    at = in_chinese("digits.py")
    # AppTest works out widget values outside the session, where the language would be English, and then
    # cannot find them among the Chinese option names: from here on the whole test process reads Chinese.
    monkeypatch.setattr(i18n, "language", lambda: "zh")
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(3))
    at.run()
    assert not at.exception, at.exception
    assert metric(at, "预测").value == "3"
    assert "Prediction" not in [m.label for m in at.metric]
    assert "识别所用模型：内置模型。" in captions(at) and "你的画布和笔迹的边框" in captions(at)
    at.session_state["digits_canvas"] = canvas_value(strokes.render([[(140, 140), (141, 141)]], pen=6))
    at.run()
    assert not at.exception, at.exception
    assert metric(at, "预测").value == "?"
    dot = i18n.catalog("zh").gettext("That is a dot, not a digit: the network will guess, but the guess means little.")
    assert [w.value for w in at.warning] == [dot]  # the message in the reader's language, where the catalog has it


def test_bold_in_the_chinese_texts_can_close():
    """Markdown closes ** only where it may: after a full-width bracket, a Chinese character following
    the ** would leave the stars showing, so bold ends before a term's English in brackets."""
    from dlplay import i18n_tools

    stuck = [m.string for m in i18n_tools.read("digits") if m.string and re.search(r"[）」》]\*\*[^\s\W]", m.string)]
    assert not stuck, stuck
