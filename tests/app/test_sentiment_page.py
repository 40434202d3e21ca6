"""The sentiment page: typing a sentence gives a verdict, the word-by-word chart and the gates; long text
is cut with a notice; unknown words get no verdict; a finished run becomes the model read with."""
import base64
import dataclasses
import json

import numpy as np
import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from dlplay import runtime, sentiment, settings
from dlplay.data import review_sets
from dlplay.params import sentiment as sa_params
from dlplay.sentiment_lesson import EXAMPLES
from tests.app.test_training_panel import _until

PAGE = "../../pages/sentiment.py"


@pytest.fixture
def at():
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not app.exception, app.exception
    return app


def verdict(at):
    return next(m for m in at.metric if m.label == "Verdict").value


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_typing_a_sentence_gives_a_verdict(at):
    at.text_area(key="sa_text").set_value("I would never buy this again, it broke after a day.").run()
    assert not at.exception
    assert verdict(at).startswith("negative")
    at.text_area(key="sa_text").set_value("Not bad at all, I really enjoyed it!").run()
    assert verdict(at).startswith("positive")
    assert [h.value for h in at.header][:3] == ["1 · Your sentence", "2 · The verdict, word by word",
                                                "3 · Inside the cell: gates"]
    assert len(at.latex) == 1 and "f_t" in at.latex[0].value  # the shipped model is an LSTM: forget gate
    assert "Reading with **the shipped model**: LSTM, bidirectional, 2 layers" in captions(at)


def test_a_negative_verdict_has_no_up_arrow_and_confidence_is_explained(at):
    at.text_area(key="sa_text").set_value("The waiter was rude and the soup was cold.").run()
    metric = next(m for m in at.metric if m.label == "Verdict")
    assert metric.value.startswith("negative") and metric.proto.delta.endswith("sure")
    assert metric.proto.direction == MetricProto.MetricDirection.NONE
    assert "not how often it is right" in captions(at)


def test_markup_is_shown_as_text_and_unknown_words_are_named(at):
    at.text_area(key="sa_text").set_value("<script>alert('x')</script> qwzxv great").run()
    assert not at.exception
    assert "script alert x script qwzxv great" in at.code[0].value
    assert any("qwzxv" in c.value and "<unk>" in c.value for c in at.caption)
    assert not any("<script>" in m.value for m in at.markdown)


@pytest.mark.parametrize("text", ["这部电影非常好看，我很喜欢", "qwzxv blorptag fnargle"])
def test_text_with_no_known_word_gets_no_verdict(at, text):
    at.text_area(key="sa_text").set_value(text).run()
    assert not at.exception
    assert not [m for m in at.metric if m.label == "Verdict"]
    assert any("knows none of these words" in i.value and "English" in i.value for i in at.info)
    assert "2 · The verdict, word by word" not in [h.value for h in at.header]
    assert at.code  # the tokens it could not read are still shown


def test_empty_text_explains_itself(at):
    at.text_area(key="sa_text").set_value("   ").run()
    assert not at.exception
    assert any("no words" in i.value for i in at.info)
    assert not [m for m in at.metric if m.label == "Verdict"]


@pytest.mark.parametrize("length", [2_500, 1_000_000])
def test_a_long_paste_is_cut_with_a_notice(at, length):
    at.text_area(key="sa_text").set_value(("lovely " * (length // 7 + 1))[:length]).run()
    assert not at.exception
    assert len(at.text_area(key="sa_text").value) == settings.MAX_TEXT_CHARS
    assert any(f"had {length:,} characters" in i.value and f"first {settings.MAX_TEXT_CHARS:,}" in i.value
               for i in at.info)
    assert verdict(at).startswith("positive")
    assert "sa_text" not in at.query_params  # too long for a link: not written into it
    at.text_area(key="sa_text").set_value("short again").run()
    assert not any("characters; the page kept" in i.value for i in at.info)
    assert at.query_params["sa_text"] == "short again"


def test_the_box_does_not_block_a_long_paste_in_the_browser(at):
    # Streamlit's text box silently ignores a paste longer than max_chars; the page cuts it instead.
    assert at.text_area(key="sa_text").proto.max_chars == 0


def test_example_picker_fills_the_text_box(at):
    at.selectbox(key="sa_example").set_value(EXAMPLES[2]).run()
    assert at.text_area(key="sa_text").value == EXAMPLES[2]
    assert verdict(at).startswith("negative")


def test_gate_heat_maps_have_colour_scales_and_axis_titles(at):
    figure = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "forget gate" in c.proto.spec)
    bars = [t["colorbar"] for t in figure["data"] if t.get("showscale")]
    assert [b["title"]["text"] for b in bars] == ["gate opening", "value of h"]
    assert bars[0]["ticktext"] == ["0 closed", "0.5", "1 open"]
    assert figure["layout"]["yaxis"]["title"]["text"] == "unit"


def test_scores_are_one_table_that_names_its_model(at):
    tables = [m.value for m in at.markdown if m.value.startswith("| Sentences it never trained on")]
    assert len(tables) == 1 and "Accuracy of the shipped model" in tables[0]
    metrics = runtime.manifest()[sentiment.MODEL_FILE]["metrics"]
    for key in ("val_acc", *(s.metric for s in review_sets.SETS)):
        assert f"{metrics[key]:.1%}" in tables[0], key
    assert "hand-written reviews 5 (held out)" in tables[0] and "validation tweets" in tables[0]
    assert "val_acc" not in tables[0] and "reviews_acc" not in tables[0]
    assert "written blind" in captions(at)


def test_the_run_caption_follows_the_sliders(at):
    assert f"This run trains on {sa_params.TABLE['train_samples'].default:,} tweets" in captions(at)
    at.slider(key="sa_train_samples").set_value(2000).run()
    assert "This run trains on 2,000 tweets" in captions(at)


# --- settings: the table, links and server limits -------------------------------------------------

def test_a_link_keeps_a_listed_learning_rate_and_moves_an_unlisted_one_with_a_notice():
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["sa_lr"] = "0.003"
    app.run()
    assert not app.exception and app.select_slider(key="sa_lr").value == 0.003 and not app.info
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["sa_lr"] = "0.004"
    app.run()
    assert app.select_slider(key="sa_lr").value == 0.005
    assert any("nearest choice" in i.value and "sa_lr" in i.value for i in app.info)


def test_tight_server_limits_hold_on_every_widget(monkeypatch):
    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["sa_epochs"] = "10"
    app.run()
    assert not app.exception
    assert app.slider(key="sa_epochs").max == 3
    assert list(app.select_slider(key="sa_hidden").options) == ["8", "16"]
    assert "Training tweets: 500" in captions(app)  # one value left: shown, not offered
    assert app.slider(key="sa_phrases").max == 500
    config = submitted_config(app, monkeypatch)
    assert config["epochs"] <= 3 and config["train_samples"] == 500 and config["hidden"] <= 16


def test_one_table_entry_moves_the_widget_the_link_and_the_run(monkeypatch):
    table = sa_params.TABLE
    monkeypatch.setattr(sa_params, "TABLE", dataclasses.replace(table, params=tuple(
        dataclasses.replace(p, high=5) if p.key == "epochs" else p for p in table)))
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["sa_epochs"] = "8"  # beyond the table's new range: refused with a notice
    app.run()
    assert not app.exception and any("sa_epochs" in w.value for w in app.warning)
    assert app.slider(key="sa_epochs").max == 5 and app.slider(key="sa_epochs").value == 3
    app.slider(key="sa_epochs").set_value(5).run()
    assert submitted_config(app, monkeypatch)["epochs"] == 5


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
    at.toggle(key="sa_imdb_on").set_value(False).run()
    assert submitted_config(at, monkeypatch)["imdb"] == 0


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
    assert at.toggle(key="sa_pretrained").value is True
    assert submitted_config(at, monkeypatch)["pretrained"] is True
    at.toggle(key="sa_pretrained").set_value(False).run()
    assert submitted_config(at, monkeypatch)["pretrained"] is False


# --- the model you just trained is the one you see -------------------------------------------------

@pytest.fixture(scope="module")
def learner_files():
    """Small exported models as a run would hand them back, by cell."""
    from tests.unit.test_sentiment_predict import make
    return {cell: make(cell)[2].onnx_source for cell in ("lstm", "rnn")}


def test_each_finished_run_becomes_the_model_read_with(monkeypatch, learner_files):
    """Training is replaced by work that hands back ready-made models: what is tested is the page."""
    from dlplay import jobs
    from dlplay.train import Outcome, Result

    scores = {"lstm": 0.61, "rnn": 0.57}

    def fake_work(recipe, config):
        def work(callback, should_stop, max_seconds):
            cell = config["cell"]
            record = {"epoch": 1, "loss": 0.6, "val_acc": scores[cell], "elapsed": 0.1}
            return Result(Outcome("finished", "Finished 1 epoch.", [record], 0.1), config,
                          artifacts={sentiment.MODEL_FILE: learner_files[cell]},
                          metrics={"val_acc": scores[cell], "fifth_acc": scores[cell] - 0.1},
                          extras={"confusion": [[9, 1], [2, 8]] if cell == "rnn" else [[5, 5], [5, 5]],
                                  "labels": ["negative", "positive"]})
        return work

    monkeypatch.setattr(jobs, "recipe_work", fake_work)
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    app.text_area(key="sa_text").set_value("not bad at all").run()
    app.button(key="_dlplay_job_sentiment_start").click().run()
    _until(app, lambda a: "Reading with **my run #1**: LSTM" in captions(a))
    app.radio(key="sa_cell").set_value("rnn").run()
    app.button(key="_dlplay_job_sentiment_start").click().run()
    _until(app, lambda a: "Reading with **my run #2**: RNN" in captions(a))
    assert not app.exception
    assert app.radio(key="_dlplay_choice_sentiment").value == app.session_state["_dlplay_shelf"].models[-1].id
    assert "Read by **my run #2**" in captions(app)
    assert "h_t = \\tanh" in app.latex[0].value  # the gates section reads the RNN, not the LSTM
    assert "How well it reads: my run #2" in [s.value for s in app.subheader]
    table = next(m.value for m in app.markdown if m.value.startswith("| Sentences it never trained on"))
    assert "Accuracy of my run #2" in table and "57.0%" in table and "61.0%" not in table
    assert any("Confusion matrix of my run #2" in m.value for m in app.markdown)
    confusion = next(json.loads(c.proto.spec) for c in app.get("plotly_chart") if "the model said" in c.proto.spec)
    z = confusion["data"][0]["z"]  # plotly sends arrays as typed binary data
    assert np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).tolist() == [9, 1, 2, 8]
