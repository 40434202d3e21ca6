"""Shared by the page tests that train: press a topic's Train button and let the page take in the result."""
import time

from streamlit.testing.v1 import AppTest

from tests.app.explorer_helpers import with_param


def train_and_wait(app: AppTest, topic: str, timeout: float = 60) -> AppTest:
    """Press Train on `topic`'s training panel, wait for the background job to end, then rerun the page so
    that it takes in the job's result."""
    app.button(key=f"_dlplay_job_{topic}_start").click().run()
    job, end = app.session_state[f"_dlplay_job_{topic}"], time.time() + timeout
    while not job.done and time.time() < end:
        time.sleep(0.1)
    assert job.done, "the run did not end"
    return app.run()


def page_with_narrower_epochs(monkeypatch, table_module, high: int, page: str, link: dict) -> AppTest:
    """Narrow the epochs entry of a topic's parameter table (the one place it is written), open `page`
    with `link` as its query parameters, and return the page after its first run."""
    monkeypatch.setattr(table_module, "TABLE", with_param(table_module.TABLE, "epochs", high=high))
    app = AppTest.from_file(page, default_timeout=60)
    app.query_params.update(link)
    return app.run()
