"""Shared by the activation and optimizer page tests: open a page with a link's settings, train to the end."""
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGES = Path(__file__).resolve().parents[2] / "pages"


def fresh(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(PAGES / page), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def texts(elements) -> str:
    return " ".join(e.value for e in elements)


def train_to_the_end(at: AppTest, topic: str, timeout: float = 180) -> AppTest:
    at.button(key=f"_dlplay_job_{topic}_start").click().run()
    end = time.time() + timeout
    while time.time() < end and not any("Finished" in s.value for s in at.success):
        time.sleep(0.5)
        at.run()
    assert not at.exception
    assert any("Finished" in s.value for s in at.success), "training did not finish in time"
    return at
