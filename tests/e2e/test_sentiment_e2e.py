"""Sentiment page in Chromium: type a sentence (English or Chinese), read the verdict; markup stays text."""

from dlplay import sentiment
from tests.e2e.helpers import open_page, wait_idle


def type_sentence(page, text):
    box = page.locator("[data-testid=stTextArea] textarea").first
    box.fill(text)
    box.press("Control+Enter")  # Streamlit applies a text area's value on Ctrl+Enter (or on blur)
    # The page echoes the tokens it read: wait for this sentence's, not the previous one's.
    tokens = sentiment.LANGUAGES[sentiment.language_of(text)].tokenize(text)
    page.locator("[data-testid=stCode]").filter(has_text=" ".join(tokens)).first.wait_for(timeout=30_000)
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


def test_type_a_chinese_sentence_and_read_it_character_by_character(page, app_url):
    open_page(page, app_url, "sentiment")
    type_sentence(page, "质量太差了，用了两天就坏了，非常失望。")
    assert read_verdict(page).startswith("negative")
    assert page.get_by_text("Reading with the shipped Chinese model").count() == 1
    assert page.get_by_role("heading", name="The verdict, character by character").count() == 1
    type_sentence(page, "I bought it on 淘宝 and it was great")
    assert read_verdict(page).startswith("positive")
    assert page.get_by_text("The English model reads it").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0


def test_markup_is_never_rendered(page, app_url):
    open_page(page, app_url, "sentiment")
    type_sentence(page, "<img src=x onerror=alert(1)><b>bold</b> lovely")
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("[data-testid=stMain] b", has_text="bold").count() == 0
    assert not page.errors
