import threading
import time
from types import SimpleNamespace

import pytest

from dlplay import jobs, settings, store


def _work(gate: threading.Event, ran: list):
    """A test double that 'trains' until released or stopped."""
    def work(callback, should_stop, max_seconds):
        ran.append(1)
        while not gate.is_set():
            if should_stop():
                return SimpleNamespace(outcome=SimpleNamespace(status="stopped", message="stopped"))
            time.sleep(0.01)
        return SimpleNamespace(outcome=SimpleNamespace(status="finished", message="done"))
    return work


def test_pool_bounds_concurrency_and_reports_queue_position():
    pool = jobs.JobPool(max_concurrent=1)
    gate, ran = threading.Event(), []
    first = pool.submit(_work(gate, ran), owner="a", label="a")
    second = pool.submit(_work(gate, ran), owner="b", label="b")
    third = pool.submit(_work(gate, ran), owner="c", label="c")
    time.sleep(0.2)
    assert first.state == "running" and len(ran) == 1
    assert second.queue_position() == 1 and third.queue_position() == 2
    assert pool.counts() == (1, 2)
    gate.set()
    assert third.wait(5) and [j.state for j in (first, second, third)] == ["finished"] * 3


def test_stop_while_queued_and_while_running():
    pool = jobs.JobPool(max_concurrent=1)
    gate, ran = threading.Event(), []
    running = pool.submit(_work(gate, ran), owner="a", label="a")
    queued = pool.submit(_work(gate, ran), owner="b", label="b")
    time.sleep(0.1)
    queued.stop()
    assert queued.wait(3) and queued.state == "stopped" and len(ran) == 1
    running.stop()
    assert running.wait(3) and running.state == "stopped"


def test_a_failing_job_is_reported_not_raised():
    pool = jobs.JobPool(max_concurrent=1)

    def boom(callback, should_stop, max_seconds):
        raise ValueError("bad setting")

    job = pool.submit(boom, owner="a", label="a")
    assert job.wait(3) and job.state == "failed" and "bad setting" in job.message
    assert pool.counts() == (0, 0)


@pytest.mark.parametrize("missing", ["imdb.CorpusUnavailable", "tweets.CorpusMissing", "word_vectors.VectorsMissing"])
def test_missing_data_fails_with_its_message_and_no_traceback(capsys, missing):
    import importlib
    module, name = missing.split(".")
    error = getattr(importlib.import_module(f"dlplay.data.{module}"), name)
    pool = jobs.JobPool(max_concurrent=1)

    def needs_data(callback, should_stop, max_seconds):
        raise error("The data is not on this machine.")

    job = pool.submit(needs_data, owner="a", label="a")
    assert job.wait(3) and job.state == "failed"
    assert job.message == "Training could not start: The data is not on this machine."
    assert "Traceback" not in capsys.readouterr().err


def test_queue_limit():
    pool = jobs.JobPool(max_concurrent=1, max_queued=1)
    gate, ran = threading.Event(), []
    pool.submit(_work(gate, ran), owner="a", label="a")
    time.sleep(0.1)
    pool.submit(_work(gate, ran), owner="b", label="b")
    with pytest.raises(jobs.QueueFull):
        pool.submit(_work(gate, ran), owner="c", label="c")
    gate.set()


def test_real_training_job_produces_a_servable_model():
    pool = jobs.JobPool(max_concurrent=1)
    job = pool.submit(jobs.recipe_work("mlp", {"epochs": 3, "samples": 100}), owner="a", label="mlp")
    assert job.wait(120) and job.state == "finished", job.message
    assert job.progress is not None and job.progress.fraction == 1.0 and job.trace
    model = store.LearnerModel("t", "mlp", job.result.config, job.result.artifacts, job.result.metrics,
                               job.result.outcome.history)
    import numpy as np
    (logits,) = model.session().run(None, {"points": np.zeros((4, 2), np.float32)})
    assert logits.shape == (4, 2)


def _model(topic="t"):
    return store.LearnerModel(topic, "mlp", {}, {"m.onnx": b"x"}, {}, [])


def test_shelf_keeps_a_few_per_topic_and_says_so(monkeypatch):
    monkeypatch.setattr(settings, "MAX_MODELS_PER_SESSION", 2)
    shelf = store.Shelf()
    models = [shelf.add(_model()) for _ in range(3)]
    assert shelf.for_topic("t") == models[1:]
    assert any("removed" in n for n in shelf.pop_notices())


def test_total_cap_drops_the_oldest_anywhere(monkeypatch):
    import weakref
    monkeypatch.setattr(store, "_alive", weakref.WeakSet())  # models from other tests may still be alive
    monkeypatch.setattr(settings, "MAX_MODELS_TOTAL", 2)
    a, b = store.Shelf(), store.Shelf()
    first = a.add(_model())
    b.add(_model())
    b.add(_model())
    assert first.dropped and first.artifacts == {}
    notes = a.pop_notices()
    assert any("at most" in n for n in notes) and a.for_topic("t") == []


def test_one_learner_cannot_fill_the_queue(monkeypatch):
    monkeypatch.setattr(settings, "MAX_JOBS_PER_SESSION", 2)
    pool = jobs.JobPool(max_concurrent=1)
    gate, ran = threading.Event(), []
    mine = [pool.submit(_work(gate, ran), owner="tabs", label=str(i)) for i in range(2)]
    with pytest.raises(jobs.TooManyJobs, match="most one learner"):
        pool.submit(_work(gate, ran), owner="tabs", label="third")
    other = pool.submit(_work(gate, ran), owner="someone else", label="x")  # others still get in
    mine[1].stop()
    assert mine[1].wait(3)
    pool.submit(_work(gate, ran), owner="tabs", label="after a stop")  # a stopped job frees a place
    gate.set()
    assert other.wait(5)


def test_jobs_of_a_learner_who_left_are_dropped_and_stopped():
    class Token:
        pass

    pool = jobs.JobPool(max_concurrent=1)
    gate, ran = threading.Event(), []
    token = Token()
    running = pool.submit(_work(gate, ran), owner="gone", label="a", liveness=token)
    queued = pool.submit(_work(gate, ran), owner="gone", label="b", liveness=token)
    time.sleep(0.1)
    assert running.state == "running" and queued.state == "queued"
    del token  # the learner's session is freed
    import gc
    gc.collect()
    assert running.wait(5) and running.state == "stopped"
    assert queued.wait(5) and queued.state == "stopped" and "left" in queued.message
    assert len(ran) == 1  # the queued job never started


def test_training_runs_in_a_separate_process_and_the_server_never_imports_torch():
    import subprocess
    import sys
    code = ("import sys; from dlplay import jobs;"
            "job = jobs.JobPool(max_concurrent=1).submit(jobs.recipe_work('mlp', {'epochs': 2, 'samples': 100}),"
            " owner='a', label='mlp'); job.wait(120);"
            "print(job.state, 'torch' in sys.modules, len(job.result.artifacts), len(job.progress.history))")
    out = subprocess.run([sys.executable, "-c", code], cwd=settings.ROOT, capture_output=True, text=True, timeout=180)
    assert out.stdout.split() == ["finished", "False", "1", "2"], out.stderr[-2000:]


def test_a_failure_inside_the_training_process_is_reported_by_name():
    pool = jobs.JobPool(max_concurrent=1)
    job = pool.submit(jobs.recipe_work("cnn", {"data": "mnist", "epochs": 1}), owner="a", label="cnn")
    assert job.wait(180) and job.state == "failed"
    assert job.message.startswith("Training could not start") or "Training failed" in job.message
