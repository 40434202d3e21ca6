"""Shared by the page tests that train: press a topic's Train button and let the page take in the result."""
import time

from streamlit.testing.v1 import AppTest


def train_and_wait(app: AppTest, topic: str, timeout: float = 60) -> AppTest:
    """Press Train on `topic`'s training panel, wait for the background job to end, then rerun the page so
    that it takes in the job's result."""
    app.button(key=f"_dlplay_job_{topic}_start").click().run()
    job, end = app.session_state[f"_dlplay_job_{topic}"], time.time() + timeout
    while not job.done and time.time() < end:
        time.sleep(0.1)
    assert job.done, "the run did not end"
    return app.run()
