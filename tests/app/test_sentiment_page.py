"""The sentiment page: typing a sentence gives a verdict, the word-by-word chart and the gates."""
import pytest
from streamlit.testing.v1 import AppTest

from dlplay import sentiment, settings

pytestmark = pytest.mark.skipif(
    not all((settings.MODELS_DIR / f).is_file() for f in (sentiment.MODEL_FILE, sentiment.VOCAB_FILE)),
    reason="shipped sentiment model missing: run `python -m dlplay train sentiment`")


@pytest.fixture
def at():
    app = AppTest.from_file("../../pages/sentiment.py", default_timeout=60).run()
    assert not app.exception, app.exception
    return app


def verdict(at):
    return next(m for m in at.metric if m.label == "Verdict").value


def test_typing_a_sentence_gives_a_verdict(at):
    at.text_area(key="sa_text").set_value("I would never buy this again, it broke after a day.").run()
    assert not at.exception
    assert verdict(at).startswith("negative")
    at.text_area(key="sa_text").set_value("Not bad at all, I really enjoyed it!").run()
    assert verdict(at).startswith("positive")
    assert [h.value for h in at.header][:3] == ["1 · Your sentence", "2 · The verdict, word by word",
                                                "3 · Inside the cell: gates"]
    assert len(at.latex) == 1 and "f_t" in at.latex[0].value  # the shipped model is an LSTM: forget gate


def test_markup_is_shown_as_text_and_unknown_words_are_named(at):
    at.text_area(key="sa_text").set_value("<script>alert('x')</script> qwzxv great").run()
    assert not at.exception
    assert "script alert x script qwzxv great" in at.code[0].value
    assert any("qwzxv" in c.value and "<unk>" in c.value for c in at.caption)
    assert not any("<script>" in m.value for m in at.markdown)


def test_empty_text_explains_itself(at):
    at.text_area(key="sa_text").set_value("   ").run()
    assert not at.exception
    assert any("no words" in i.value for i in at.info)
    assert not [m for m in at.metric if m.label == "Verdict"]


def test_example_picker_fills_the_text_box(at):
    at.selectbox(key="sa_example").set_value(sentiment.EXAMPLES[2]).run()
    assert at.text_area(key="sa_text").value == sentiment.EXAMPLES[2]
    assert verdict(at).startswith("negative")
