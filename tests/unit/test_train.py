import math

import torch

from dlplay import train


def _regression(lr=0.1, n=64):
    gen = train.seed_everything(0)
    x = torch.randn(n, 3, generator=gen)
    y = x @ torch.tensor([1.0, -2.0, 0.5]) + 0.3
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=lr)

    def step(idx):
        loss = ((model(x[idx]).squeeze(1) - y[idx]) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        return {"loss": loss.item()}

    def evaluate():
        with torch.no_grad():
            return {"val_loss": ((model(x).squeeze(1) - y) ** 2).mean().item()}

    return model, step, (lambda e: train.minibatches(n, 16, gen)), evaluate


def test_fit_learns_and_reports_progress():
    _, step, batches, evaluate = _regression()
    seen = []
    out = train.fit(step, batches, 20, evaluate=evaluate, callback=seen.append)
    assert out.status == "finished" and len(out.history) == 20
    assert out.history[-1]["val_loss"] < 0.01 < out.history[0]["val_loss"]
    steps = [p for p in seen if p.event == "step"]
    assert len(steps) == 20 * 4
    assert steps[-1].fraction == 1.0 and steps[0].eta is not None
    assert [p.epoch for p in seen if p.event == "epoch"] == list(range(1, 21))


def test_nan_guard_stops_with_a_readable_message():
    _, step, batches, evaluate = _regression(lr=1e6)
    out = train.fit(step, batches, 50, evaluate=evaluate)
    assert out.status == "diverged" and not out.usable
    assert "diverged at epoch" in out.message and "smaller learning rate" in out.message


def test_nan_in_step_values_is_caught_immediately():
    out = train.fit(lambda b: {"loss": float("nan")}, lambda e: [0, 1], 3)
    assert out.status == "diverged" and "epoch 1, step 1" in out.message and out.history == []


def test_stop_flag_stops_between_steps():
    calls = []
    out = train.fit(lambda b: calls.append(b) or {"loss": 1.0}, lambda e: range(10), 5,
                    should_stop=lambda: len(calls) >= 7)
    assert out.status == "stopped" and out.usable and len(calls) == 7


def test_wall_time_cap():
    out = train.fit(lambda b: {"loss": 1.0}, lambda e: range(1000), 1000, max_seconds=0.05)
    assert out.status == "timeout" and "time limit" in out.message


def test_seeding_makes_runs_identical():
    runs = []
    for _ in range(2):
        _, step, batches, evaluate = _regression()
        runs.append(train.fit(step, batches, 3, evaluate=evaluate).history[-1]["val_loss"])
    assert runs[0] == runs[1] and math.isfinite(runs[0])


def test_device_is_cuda_only_when_available():
    assert train.device().type == ("cuda" if torch.cuda.is_available() else "cpu")


def test_jobs_never_ask_for_more_threads_than_their_share(monkeypatch):
    from dlplay import settings
    monkeypatch.setattr(settings, "TRAIN_THREADS", 0)
    monkeypatch.setattr(settings, "CPU_COUNT", 4)
    for jobs, expected in [(1, 4), (2, 2), (4, 1), (8, 1)]:
        monkeypatch.setattr(settings, "MAX_CONCURRENT_JOBS", jobs)
        assert train.threads_for_job() == expected
    monkeypatch.setattr(settings, "TRAIN_THREADS", 3)
    assert train.threads_for_job() == 3
