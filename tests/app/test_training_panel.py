"""The shared training panel: train in the background, watch progress, stop, keep and serve the model."""
import time

from streamlit.testing.v1 import AppTest

from tests import onnx_stubs


def panel_page():
    import numpy as np
    import streamlit as st

    from dlplay.ui import training

    epochs = st.number_input("epochs", 1, 500, 5, key="epochs")
    training.panel("test", "mlp", {"epochs": int(epochs), "samples": 200})
    model = training.model_choice("test")
    if model is not None:
        (logits,) = model.session().run(None, {"points": np.zeros((3, 2), np.float32)})
        st.write(f"served by {model.name}: {logits.shape}")
    training.runs("test")


def _until(at, done, timeout=120):
    end = time.time() + timeout
    while time.time() < end:
        at.run()
        if done(at):
            return at
        time.sleep(0.3)
    raise AssertionError("timed out waiting for the panel")


def test_train_shows_progress_finishes_and_serves_the_model():
    at = AppTest.from_function(panel_page, default_timeout=60).run()
    assert not at.exception
    at.button(key="_dlplay_job_test_start").click().run()
    _until(at, lambda a: any("Finished" in s.value for s in a.success))
    assert not at.exception
    assert any("served by my run" in m.value for m in at.markdown)
    assert at.get("download_button")  # the ONNX can be downloaded
    assert any(r.value != "shipped" for r in at.radio)  # the model choice lists the learner's run


def test_stop_keeps_the_model_so_far(monkeypatch):
    from dlplay import jobs, train
    from dlplay.results import Result

    def slow(recipe, config):
        def work(callback, should_stop, max_seconds):
            def step(batch):
                time.sleep(0.05)
                return {"loss": 1.0}
            outcome = train.fit(step, lambda e: range(50), 100, callback=callback, should_stop=should_stop,
                                max_seconds=max_seconds)
            return Result(outcome, config, artifacts={"m.onnx": onnx_stubs.elementwise("Identity", "points", "logits")})
        return work

    monkeypatch.setattr(jobs, "recipe_work", slow)
    at = AppTest.from_function(panel_page, default_timeout=60).run()
    at.button(key="_dlplay_job_test_start").click().run()
    _until(at, lambda a: any(p.proto.value > 0 for p in a.get("progress")), 60)
    at.button(key="_dlplay_job_test_stop").click().run()
    _until(at, lambda a: any("Stopped" in w.value for w in a.warning))
    assert any("kept" in w.value for w in at.warning)
    assert not at.exception


def test_diverging_run_keeps_nothing(monkeypatch):
    from dlplay import jobs, train
    from dlplay.results import Result

    def diverging(recipe, config):
        def work(callback, should_stop, max_seconds):
            losses = iter([1.0, 3.0, float("inf")])
            outcome = train.fit(lambda b: {"loss": next(losses)}, lambda e: range(3), 1, callback=callback,
                                should_stop=should_stop, max_seconds=max_seconds)
            return Result(outcome, config, artifacts={"never.onnx": b"x"} if outcome.usable else {})
        return work

    monkeypatch.setattr(jobs, "recipe_work", diverging)
    at = AppTest.from_function(panel_page, default_timeout=60).run()
    at.button(key="_dlplay_job_test_start").click().run()
    _until(at, lambda a: any("diverged" in e.value for e in a.error))
    assert not at.get("download_button")


def test_a_finished_run_becomes_the_model_read_with_and_names_count_per_learner():
    at = AppTest.from_function(panel_page, default_timeout=60).run()
    at.button(key="_dlplay_job_test_start").click().run()
    _until(at, lambda a: any("served by my run #1" in m.value for m in a.markdown))
    at.radio(key="_dlplay_choice_test").set_value("shipped").run()  # the learner looks at the shipped one
    assert not any("served by" in m.value for m in at.markdown)
    at.radio(key="_dlplay_choice_test").set_value(at.session_state["_dlplay_shelf"].models[-1].id).run()
    at.button(key="_dlplay_job_test_start").click().run()
    _until(at, lambda a: any("served by my run #2" in m.value for m in a.markdown))
    assert not at.exception


def test_a_run_does_not_take_over_when_the_learner_picked_another_model_meanwhile():
    at = AppTest.from_function(panel_page, default_timeout=60).run()
    at.button(key="_dlplay_job_test_start").click().run()
    _until(at, lambda a: any("served by my run #1" in m.value for m in a.markdown))
    at.number_input(key="epochs").set_value(60).run()
    at.button(key="_dlplay_job_test_start").click().run()
    at.radio(key="_dlplay_choice_test").set_value("shipped").run()  # picked while the second run trains
    _until(at, lambda a: len(a.session_state["_dlplay_shelf"].models) == 2 and a.radio(key="_dlplay_choice_test")
           and len(a.radio(key="_dlplay_choice_test").options) == 3)
    at.run()
    assert at.radio(key="_dlplay_choice_test").value == "shipped"


def _before_any_run(monkeypatch):
    """A fresh server process on a CPU: nothing trained yet, so only the cost model can speak."""
    from dlplay import estimate
    from dlplay.ui import training

    monkeypatch.setattr(estimate, "_seen", {})
    monkeypatch.setattr(estimate, "_ratios", {})
    monkeypatch.setattr(training, "_gpu", lambda: False)
    return estimate.epoch_time("mlp", {"epochs": 5, "samples": 200}).seconds


def test_settings_that_would_pass_the_time_cap_are_warned_before_the_first_run(monkeypatch):
    from dlplay import settings

    per_epoch = _before_any_run(monkeypatch)
    monkeypatch.setattr(settings, "JOB_WALL_SECONDS", per_epoch * 3.5)  # 5 epochs do not fit, 3 do
    at = AppTest.from_function(panel_page, default_timeout=60).run()
    assert not at.exception
    warned = [w.value for w in at.warning if "a job may take" in w.value]
    assert warned and "about 3 epoch(s) fit" in warned[0] and "cost model" in warned[0]


def test_settings_whose_first_epoch_passes_the_cap_are_told_so(monkeypatch):
    from dlplay import settings

    per_epoch = _before_any_run(monkeypatch)
    monkeypatch.setattr(settings, "JOB_WALL_SECONDS", per_epoch / 2)
    at = AppTest.from_function(panel_page, default_timeout=60).run()
    assert any("during its first epoch" in w.value for w in at.warning)


def test_settings_inside_the_cap_get_a_quiet_estimate(monkeypatch):
    _before_any_run(monkeypatch)
    at = AppTest.from_function(panel_page, default_timeout=60).run()
    assert not any("a job may take" in w.value for w in at.warning)
    assert any("of training with these settings" in c.value and "cost model" in c.value for c in at.caption)


def test_curves_have_whole_epoch_ticks():
    from dlplay.ui import runs
    short = runs.curves_figure([{"epoch": e, "loss": 1.0 / e} for e in (1, 2, 3)])
    long = runs.curves_figure([{"epoch": e, "loss": 1.0 / e} for e in range(1, 31)])
    assert (short.layout.xaxis.dtick, short.layout.xaxis.tick0) == (1, 1) and long.layout.xaxis.dtick == 4
