"""Several learners on one server: isolated models, and memory given back when they leave."""
import re

from dlplay.devtools import free_port, start_server, stop_server
from tests.e2e.helpers import open_page, wait_idle

LAB = "activations?lab_epochs=5&lab_samples=100"


def _train(page):
    page.get_by_role("button", name="Train").click()
    page.get_by_text("Finished 5 epochs").first.wait_for(timeout=120_000)
    wait_idle(page)


def test_one_learners_model_never_appears_for_another(browser, app_url):
    a, b = browser.new_context(), browser.new_context()
    try:
        pa, pb = a.new_page(), b.new_page()
        open_page(pa, app_url, LAB)
        open_page(pb, app_url, LAB)
        _train(pa)
        assert pa.get_by_role("button", name=re.compile(r"Download .*\.onnx")).count() >= 1
        pa.get_by_text("Compare runs by").wait_for(timeout=30_000)  # A's run is on A's shelf
        pb.reload()
        open_page(pb, app_url, LAB)
        assert pb.get_by_role("button", name=re.compile(r"Download .*\.onnx")).count() == 0
        assert pb.get_by_text("Compare runs by").count() == 0
    finally:
        a.close()
        b.close()


def _models_in_memory(page, url) -> int:
    open_page(page, url, "about")
    metric = page.locator("[data-testid=stMetric]", has_text="Learner models in memory")
    return int(re.findall(r"\d+", metric.inner_text().split("memory")[-1])[0])


def test_models_of_ended_sessions_are_freed(browser):
    """Three learners train and leave; all their models are freed (training runs in separate
    processes, so nothing in the server pins a session)."""
    port = free_port()
    proc = start_server(port, args=["--server.disconnectedSessionTTL", "1"])
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(3):
            ctx = browser.new_context()
            page = ctx.new_page()
            open_page(page, url, LAB)
            _train(page)
            ctx.close()
        viewer = browser.new_context()
        page = viewer.new_page()
        for _ in range(30):  # sessions are swept a few seconds after their TTL
            if _models_in_memory(page, url) == 0:
                break
            page.wait_for_timeout(1000)
        assert _models_in_memory(page, url) == 0
        viewer.close()
    finally:
        stop_server(proc)
