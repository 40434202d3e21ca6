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


# --- the optional IMDB reviews in "Train your own" ----------------------------------------------

@pytest.fixture
def no_imdb(tmp_path, monkeypatch):
    """No archive on this host, and the online check forgotten (the page caches it per process)."""
    import streamlit as st
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path)
    monkeypatch.setattr(settings, "OFFLINE", False)
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def submitted_config(at, monkeypatch):
    """Press Train and return the config the page hands the job pool (no job is started)."""
    from dlplay import jobs
    seen = []

    class Pool:
        def submit(self, work, **kwargs):
            seen.append(work)
            raise jobs.QueueFull("captured")

    monkeypatch.setattr(jobs, "pool", lambda: Pool())
    monkeypatch.setattr(jobs, "recipe_work", lambda recipe, config: config)
    at.button(key="_dlplay_job_sentiment_start").click().run()
    assert not at.exception and seen
    return seen[-1]


def test_offline_host_says_so_and_trains_without_imdb(at, no_imdb, monkeypatch):
    monkeypatch.setattr(settings, "OFFLINE", True)  # what DLPLAY_OFFLINE=1 sets
    at.toggle(key="sa_imdb_on").set_value(True).run()
    assert not at.exception
    assert any("offline" in i.value and "tweets" in i.value for i in at.info)
    assert "sa_imdb_get" not in [b.key for b in at.button]
    assert "sa_imdb" not in [s.key for s in at.slider]
    assert submitted_config(at, monkeypatch)["imdb"] == 0


def test_online_host_downloads_with_progress_then_offers_a_slider(at, no_imdb, monkeypatch):
    from dlplay.data import imdb
    from tests.unit.test_imdb import make_archive
    monkeypatch.setattr(imdb, "online", lambda *a, **k: True)
    at.toggle(key="sa_imdb_on").set_value(True).run()
    assert not at.exception and "sa_imdb" not in [s.key for s in at.slider]
    calls = []

    def fake_download(progress=None):
        for done in (10, 60, 100):
            progress(done, 100)
            calls.append(done)
        imdb.path().parent.mkdir(parents=True, exist_ok=True)
        return make_archive(imdb.path())

    monkeypatch.setattr(imdb, "download", fake_download)
    at.button(key="sa_imdb_get").click().run()
    assert not at.exception and calls == [10, 60, 100]
    assert at.slider(key="sa_imdb").value == 4000
    assert any("4,000 IMDB reviews" in c.value for c in at.caption)
    assert submitted_config(at, monkeypatch)["imdb"] == 4000


def test_a_failed_download_is_a_message_not_a_traceback(at, no_imdb, monkeypatch):
    from dlplay.data import imdb
    monkeypatch.setattr(imdb, "online", lambda *a, **k: True)

    def broken(progress=None):
        raise imdb.CorpusUnavailable("The IMDB reviews could not be downloaded (no internet?)")

    monkeypatch.setattr(imdb, "download", broken)
    at.toggle(key="sa_imdb_on").set_value(True).run()
    at.button(key="sa_imdb_get").click().run()
    assert not at.exception
    assert any("could not be downloaded" in e.value for e in at.error)
    assert "sa_imdb" not in [s.key for s in at.slider]


def test_pretrained_vectors_are_on_by_default_and_can_be_switched_off(at, monkeypatch):
    assert at.checkbox(key="sa_pretrained").value is True
    assert submitted_config(at, monkeypatch)["pretrained"] is True
    at.checkbox(key="sa_pretrained").uncheck().run()
    assert submitted_config(at, monkeypatch)["pretrained"] is False


def test_the_honest_numbers_come_from_the_manifest(at):
    from dlplay import runtime
    metrics = runtime.manifest()[sentiment.MODEL_FILE]["metrics"]
    text = " ".join(m.value for m in at.markdown)
    for key in ("val_acc", "reviews_acc", "fresh_acc", "third_acc", "fourth_acc", "fifth_acc"):
        assert f"{metrics[key]:.1%}" in text, key
    assert "written blind" in text and "held out" in text
    caption = " ".join(c.value for c in at.caption)
    assert f"{sentiment.LEARNER_DATA['train_samples']:,} tweets" in caption
