"""The digits page in AppTest: no drawing, a drawing (set through session_state), bad drawings."""
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dlplay import settings
from dlplay.data import strokes
from dlplay.ui.canvas import canvas_value

pytestmark = pytest.mark.skipif(not (settings.MODELS_DIR / "cnn_digits.onnx").exists(),
                                reason="models/cnn_digits.onnx not built yet (python -m dlplay train cnn)")


def page():
    return AppTest.from_file("../../pages/digits.py", default_timeout=60)


def metric(at, label):
    return next(m for m in at.metric if m.label == label)


def test_blank_canvas_shows_a_hint_and_the_retrain_panel():
    at = page().run()
    assert not at.exception
    assert not [m for m in at.metric if m.label == "Prediction"]
    assert any("Draw a digit" in i.value for i in at.info)
    assert any(b.label == "Train" for b in at.button)


@pytest.mark.parametrize("digit,kw", [(3, {}), (7, {"cx": 70, "cy": 200, "size": 90, "pen": 10}),
                                      (0, {"cx": 200, "cy": 80, "size": 70, "pen": 6})])
def test_a_drawing_is_read(digit, kw):
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(digit, **kw))
    at.run()
    assert not at.exception
    assert metric(at, "Prediction").value == str(digit)
    headers = [h.value for h in at.header]
    assert any("What the network sees" in h for h in headers) and any("by hand" in h for h in headers)


def test_conv_by_hand_widgets_work():
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(5))
    at.run()
    at.selectbox(key="dg_hand_kernel").select_index(7).run()  # a learned kernel
    at.slider(key="dg_hand_row").set_value(0).run()
    assert not at.exception


def test_dot_and_scribble_warn_instead_of_failing():
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.render([[(140, 140), (141, 141)]], pen=6))
    at.run()
    assert not at.exception and any("dot" in w.value for w in at.warning)
    at.session_state["digits_canvas"] = canvas_value(np.full((280, 280, 4), 255, np.uint8))
    at.run()
    assert not at.exception and any("mostly ink" in w.value for w in at.warning)


def test_wrong_drawing_goes_into_my_set():
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(4, 1))
    at.run()
    at.selectbox(key="dg_label").select(9).run()
    next(b for b in at.button if b.label.startswith("Add this drawing")).click().run()
    assert not at.exception
    own = at.session_state["digits_own"]
    assert len(own) == 1 and own[0][1] == 9 and own[0][0].shape == (28, 28)


def test_retrain_shows_confusion_and_side_by_side():
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
    at.run()  # ... and the next run offers it (the browser reruns by itself)
    assert not at.exception
    assert any("held-out test digits" in s.value for s in at.subheader)
    labels = [m.label for m in at.metric]
    assert "Prediction" in labels and "Shipped model says" in labels  # side by side with the shipped model
    assert metric(at, "Shipped model says").value == "1"


def test_fine_tune_on_my_drawings():
    at = page().run()
    at.session_state["digits_canvas"] = canvas_value(strokes.draw(1, 1, pen=8))
    at.run()
    at.selectbox(key="dg_label").select(1).run()
    next(b for b in at.button if b.label.startswith("Add this drawing")).click().run()
    at.radio(key="dg_mode").set_value("fine-tune the shipped model on my drawings").run()
    next(b for b in at.button if b.label == "Train").click().run()
    job = at.session_state["_dlplay_job_digits"]
    assert job.wait(timeout=300) and job.state == "finished", job.message
    cfg = job.result.config
    assert cfg["finetune"] and cfg["own_drawings"] == 1 and cfg["epochs"] == 3
    assert job.result.metrics["test_acc"] > 0.95
