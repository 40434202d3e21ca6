"""Sentiment page in Chromium: type a sentence, read the verdict; markup stays text."""

from dlplay.tokenizer import tokenize
from tests.e2e.helpers import open_page, wait_idle


def type_sentence(page, text):
    box = page.locator("[data-testid=stTextArea] textarea").first
    box.fill(text)
    box.press("Control+Enter")  # Streamlit applies a text area's value on Ctrl+Enter (or on blur)
    # The page echoes the tokens it read: wait for this sentence's, not the previous one's.
    page.locator("[data-testid=stCode]").filter(has_text=" ".join(tokenize(text))).first.wait_for(timeout=30_000)
    wait_idle(page)


def read_verdict(page):
    metric = page.locator("[data-testid=stMetric]").filter(has_text="Verdict").first
    return metric.locator("[data-testid=stMetricValue]").inner_text()


def test_type_a_sentence_and_read_the_verdict(page, app_url):
    open_page(page, app_url, "sentiment")
    type_sentence(page, "The waiter was rude and the soup was cold.")
    assert read_verdict(page).startswith("negative")
    type_sentence(page, "I expected it to be bad but it was great.")
    assert read_verdict(page).startswith("positive")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.get_by_role("heading", name="The verdict, word by word").count() == 1


def test_markup_is_never_rendered(page, app_url):
    open_page(page, app_url, "sentiment")
    type_sentence(page, "<img src=x onerror=alert(1)><b>bold</b> lovely")
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("[data-testid=stMain] b", has_text="bold").count() == 0
    assert not page.errors
