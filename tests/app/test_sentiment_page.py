"""The sentiment page: typing a sentence gives a verdict, the word-by-word chart and the gates; long text
is cut with a notice; unknown words get no verdict; a finished run becomes the model read with. Chinese
text is read by the Chinese model character by character, mixed text by the model of its majority
script (and the page says so); each language has its own training tab and model choice."""
import base64
import json
import re

import numpy as np
import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from dlplay import i18n, metric_names, runtime, sentiment, settings
from dlplay.data import review_sets
from dlplay.params import sentiment as sa_params
from dlplay.sentiment_lesson import EXAMPLES
from dlplay.ui import tables
from tests.app.explorer_helpers import HAN, english_words, in_chinese, texts
from tests.app.test_training_panel import _until
from tests.app.training_helpers import page_with_narrower_epochs

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
    assert "Reading with **the shipped English model**: LSTM, bidirectional, 2 layers" in captions(at)


def main_picture(app):
    """The block the page wraps its main picture in (st.container(key="main_picture"))."""
    return next(b for b in app.main.children.values() if getattr(b.proto, "id", "").endswith("-main_picture"))


def test_the_main_picture_is_the_verdict_beside_the_score_after_each_token(at):
    text = "The food was great but the waiter was incredibly rude."
    at.text_area(key="sa_text").set_value(text).run()
    picture = main_picture(at)
    assert [m.label for m in picture.metric] == ["Verdict"] and verdict(at).startswith("negative")
    (chart,) = picture.get("plotly_chart")
    strip = json.loads(chart.proto.spec)["data"][0]
    tokens = sentiment.load().predict([text])[0]["tokens"]
    assert strip["x"] == [f"{i + 1}·{t['token']}" for i, t in enumerate(tokens)]
    assert np.allclose(strip["z"], [[t["score"] for t in tokens]])
    assert strip["colorbar"]["ticktext"] == ["negative", "0", "positive"]
    assert strip["z"][0][3] > 0 > strip["z"][0][-1]  # "great" leans positive, "rude" turns it


def test_presenter_mode_shows_the_verdict_first_and_folds_the_intro():
    """On a projector the main picture follows the sentence box at once; the intro waits below it, folded."""
    def is_intro(node) -> bool:
        return ((node.type == "markdown" and node.value.startswith("A **recurrent network**"))
                or (node.type == "expander" and node.label == "What a recurrent network does"))

    def intro_and_picture(app) -> tuple[int, int]:
        nodes = list(app.main.children.values())
        return next(i for i, n in enumerate(nodes) if is_intro(n)), nodes.index(main_picture(app))

    plain = AppTest.from_file(PAGE, default_timeout=60).run()
    intro, picture = intro_and_picture(plain)
    assert intro < picture
    assert not [e for e in plain.expander if e.label == "What a recurrent network does"]
    present = AppTest.from_file(PAGE, default_timeout=60)
    present.session_state["present"] = True
    present.run()
    assert not present.exception
    intro, picture = intro_and_picture(present)
    assert picture < intro
    folded = next(e for e in present.expander if e.label == "What a recurrent network does")
    assert folded.markdown[0].value.startswith("A **recurrent network**")


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


def test_text_with_no_known_word_gets_no_verdict(at):
    at.text_area(key="sa_text").set_value("qwzxv blorptag fnargle").run()
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


def score_tables(at) -> list[str]:
    """The score tables of the English and the Chinese tab, in that order."""
    return [m.value for m in at.markdown if m.value.startswith("| Sentences it never trained on")]


def test_scores_are_one_table_that_names_its_model(at):
    tables = score_tables(at)[:1]
    assert "Accuracy of the shipped model" in tables[0]
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


def test_tight_server_limits_hold_on_every_widget_of_both_languages(monkeypatch):
    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["sa_epochs"] = app.query_params["zh_epochs"] = "10"
    app.run()
    assert not app.exception
    assert app.slider(key="sa_phrases").max == 500
    for prefix, topic, data in (("sa", "sentiment", "Training tweets"), ("zh", "sentiment_zh", "Training reviews")):
        assert app.slider(key=f"{prefix}_epochs").max == 3
        assert list(app.select_slider(key=f"{prefix}_hidden").options) == ["8", "16"]
        assert f"{data}: 500" in captions(app)  # one value left: shown, not offered
        config = submitted_config(app, monkeypatch, topic)
        assert config["epochs"] <= 3 and config["train_samples"] == 500 and config["hidden"] <= 16


def test_one_table_entry_moves_the_widget_the_link_and_the_run(monkeypatch):
    # a link beyond the table's new range is refused with a notice
    app = page_with_narrower_epochs(monkeypatch, sa_params, 5, PAGE, {"sa_epochs": "8"})
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


def submitted_config(at, monkeypatch, topic="sentiment"):
    """Press Train (of `topic`'s tab) and return the config the page hands the job pool (no job is started)."""
    from dlplay import jobs
    seen = []

    class Pool:
        def submit(self, work, **kwargs):
            seen.append(work)
            raise jobs.QueueFull("captured")

    monkeypatch.setattr(jobs, "pool", lambda: Pool())
    monkeypatch.setattr(jobs, "recipe_work", lambda recipe, config: config)
    at.button(key=f"_dlplay_job_{topic}_start").click().run()
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


def finished_run(config, artifacts, metrics, confusion):
    """Work for the job pool that hands back a ready-made model at once: what is tested is the page."""
    from dlplay.train import Outcome, Result

    def work(callback, should_stop, max_seconds):
        record = {"epoch": 1, "loss": 0.6, "val_acc": metrics["val_acc"], "elapsed": 0.1}
        return Result(Outcome("finished", "Finished 1 epoch.", [record], 0.1), config, artifacts=artifacts,
                      metrics=metrics, extras={"confusion": confusion, "labels": ["negative", "positive"]})
    return work


def test_each_finished_run_becomes_the_model_read_with(monkeypatch, learner_files):
    """Training is replaced by work that hands back ready-made models: what is tested is the page."""
    from dlplay import jobs

    scores = {"lstm": 0.61, "rnn": 0.57}

    def fake_work(recipe, config):
        cell = config["cell"]
        return finished_run(config, {sentiment.MODEL_FILE: learner_files[cell]},
                            {"val_acc": scores[cell], "fifth_acc": scores[cell] - 0.1},
                            [[9, 1], [2, 8]] if cell == "rnn" else [[5, 5], [5, 5]])

    monkeypatch.setattr(jobs, "recipe_work", fake_work)
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    app.text_area(key="sa_text").set_value("not bad at all").run()
    app.button(key="_dlplay_job_sentiment_start").click().run()
    _until(app, lambda a: "Reading with **my run #1** (English): LSTM" in captions(a))
    app.radio(key="sa_cell").set_value("rnn").run()
    app.button(key="_dlplay_job_sentiment_start").click().run()
    _until(app, lambda a: "Reading with **my run #2** (English): RNN" in captions(a))
    assert not app.exception
    assert app.radio(key="_dlplay_choice_sentiment").value == app.session_state["_dlplay_shelf"].models[-1].id
    assert "Scores of my run #2" in captions(app)  # under the token-by-token chart
    assert "h_t = \\tanh" in app.latex[0].value  # the gates section reads the RNN, not the LSTM
    assert "How well it reads: my run #2" in [s.value for s in app.subheader]
    table = score_tables(app)[0]
    assert "Accuracy of my run #2" in table and "57.0%" in table and "61.0%" not in table
    assert any("Confusion matrix of my run #2" in m.value for m in app.markdown)
    confusion = next(json.loads(c.proto.spec) for c in app.get("plotly_chart") if "the model said" in c.proto.spec)
    z = confusion["data"][0]["z"]  # plotly sends arrays as typed binary data
    assert np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).tolist() == [9, 1, 2, 8]


# --- Chinese: detection, the Chinese model, its tab ---------------------------------------------------

def test_a_chinese_sentence_is_read_by_the_chinese_model_character_by_character(at):
    at.text_area(key="sa_text").set_value("质量太差了，用了两天就坏了，非常失望。").run()
    assert not at.exception
    assert verdict(at).startswith("negative")
    assert "Reading with **the shipped Chinese model**: GRU" in captions(at)
    assert "Scores of the shipped Chinese model" in captions(at)
    assert at.code[0].value == "质 量 太 差 了 , 用 了 两 天 就 坏 了 , 非 常 失 望 。"
    assert any(m.value.startswith("**Characters the model read**") for m in at.markdown)
    assert [h.value for h in at.header][1] == "2 · The verdict, character by character"
    gates = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "update gate" in c.proto.spec)
    assert "1·质" in json.dumps(gates["data"][0]["x"], ensure_ascii=False)  # the gate view reads characters
    assert not [i for i in at.info if "mixes" in i.value]
    at.text_area(key="sa_text").set_value("质量很好，物流也很快，非常满意，推荐购买！").run()
    assert verdict(at).startswith("positive")


@pytest.mark.parametrize("text, reader", [("I bought it on 淘宝 and it was great", "English"),
                                          ("质量很好，物流也很快，就是 box 有点破", "Chinese")])
def test_mixed_text_is_read_by_the_majority_script_and_the_page_says_so(at, text, reader):
    at.text_area(key="sa_text").set_value(text).run()
    assert not at.exception
    mixed = [i.value for i in at.info if "mixes" in i.value]
    assert len(mixed) == 1 and f"The {reader} model reads it" in mixed[0]
    assert f"Reading with **the shipped {reader} model**" in captions(at)


BAD_CHINESE = ["這家飯店的服務很好，下次還來", "好评👍🏻😍😍", "ＯＫ，質量不錯！！", "iPhone很好用 but 太贵了 😅",
               "质量很好" * 250_000, "！？。，、……", "《》「」【】", "１２３４５"]


@pytest.mark.parametrize("text", BAD_CHINESE, ids=range(len(BAD_CHINESE)))
def test_awkward_chinese_input_gets_a_verdict_or_a_clear_message(at, text):
    at.text_area(key="sa_text").set_value(text).run()
    assert not at.exception
    verdicts = [m for m in at.metric if m.label == "Verdict"]
    if not verdicts:
        assert any("no words to read" in i.value or "knows none" in i.value for i in at.info)
    if len(text) > settings.MAX_TEXT_CHARS:
        assert any("characters; the page kept" in i.value for i in at.info)


def test_examples_offer_chinese_negation_and_contrast(at):
    options = at.selectbox(key="sa_example").options
    chinese = [o for o in options if sentiment.language_of(o) == "zh"]
    assert len(chinese) >= 4 and any("不好" in o for o in chinese) and any("一点也不" in o for o in chinese)
    assert any("虽然" in o and "但是" in o for o in chinese)
    at.selectbox(key="sa_example").set_value(chinese[0]).run()
    assert not at.exception and "Reading with **the shipped Chinese model**" in captions(at)


def test_the_training_tabs_follow_the_language_of_the_text(at):
    assert [t.label for t in at.tabs] == ["English model", "Chinese model (中文)"]
    assert len(score_tables(at)) == 2
    chinese_table = score_tables(at)[1]
    metrics = runtime.manifest()[sentiment.LANGUAGES["zh"].model_file]["metrics"]
    for key in ("val_acc", "test_acc", "handwritten_acc", "blind_acc"):
        assert f"{metrics[key]:.1%}" in chinese_table, key
    assert "hand-written sentences, set 1 (development)" in chinese_table and "test reviews (held out)" in chinese_table
    assert "hand-written sentences, set 3 (written blind, held out)" in chinese_table


def test_a_new_hand_written_set_in_the_manifest_gets_a_row_in_plain_words(monkeypatch):
    """A score the page has no set for still shows, named by dlplay.metric_names."""
    shipped = runtime.manifest()
    shipped[sentiment.LANGUAGES["zh"].model_file]["metrics"]["drawings_acc"] = 0.777
    monkeypatch.setattr(runtime, "manifest", lambda: shipped)
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not app.exception
    chinese_table = score_tables(app)[1]
    assert f"| {tables.escape(metric_names.label('drawings_acc'))} | – | 77.7% |" in chinese_table
    assert "drawings_acc" not in chinese_table and "77.7%" not in score_tables(app)[0]


@pytest.fixture(scope="module")
def chinese_learner_file():
    """A small exported Chinese model, as a finished run would hand it back."""
    import torch

    from dlplay import export, tokenizer_zh
    from dlplay.nets.rnn import SentimentRNN
    from dlplay.tokenizer import Vocabulary

    torch.manual_seed(0)
    vocab = Vocabulary.build(["很好很好", "太差太差", "质量质量"], min_count=1, tokenize=tokenizer_zh.tokenize)
    net = SentimentRNN(len(vocab), 2, "gru", embedding=8, hidden=6).eval()
    ids = torch.from_numpy(vocab.encode(["很好", "太差"], 16, tokenizer_zh.tokenize))
    vocab_json = vocab.to_json(["negative", "positive"], tokenizer_zh.TOKENIZER).decode()
    return export.to_onnx(net, ids, input_names=["tokens"], output_names=["logits"],
                          metadata={"config": {"cell": "gru"}, "vocab": vocab_json})


def test_a_finished_chinese_run_reads_chinese_and_the_english_model_stays(monkeypatch, chinese_learner_file):
    from dlplay import jobs

    def fake_work(recipe, config):
        assert recipe == "sentiment_zh"
        return finished_run(config, {sentiment.LANGUAGES["zh"].model_file: chinese_learner_file},
                            {"val_acc": 0.71, "test_acc": 0.7, "handwritten_acc": 0.55}, [[7, 3], [2, 8]])

    monkeypatch.setattr(jobs, "recipe_work", fake_work)
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    app.text_area(key="sa_text").set_value("质量很好").run()
    app.button(key="_dlplay_job_sentiment_zh_start").click().run()
    _until(app, lambda a: "Reading with **my run #1** (Chinese): GRU" in captions(a))
    assert not app.exception
    assert app.radio(key="_dlplay_choice_sentiment_zh").value == app.session_state["_dlplay_shelf"].models[-1].id
    assert "_dlplay_choice_sentiment" not in [r.key for r in app.radio]  # no English run: nothing to choose
    chinese_table = score_tables(app)[1]
    assert "Accuracy of my run #1" in chinese_table and "71.0%" in chinese_table and "55.0%" in chinese_table
    assert "How well it reads: my run #1" in [s.value for s in app.subheader]
    assert any("Confusion matrix of my run #1" in m.value for m in app.markdown)
    app.text_area(key="sa_text").set_value("not bad at all").run()
    assert "Reading with **the shipped English model**" in captions(app)
    app.radio(key="_dlplay_choice_sentiment_zh").set_value("shipped").run()
    app.text_area(key="sa_text").set_value("质量很好").run()
    assert "Reading with **the shipped Chinese model**" in captions(app)


# --- the page in Chinese ------------------------------------------------------------------------------

# English a Chinese page keeps on purpose: a dataset's name.
KEPT_ENGLISH = ("Data for Everyone",)


def without_what_stays_english(text: str) -> str:
    """Chinese text less what is meant to stay English: formulas, code, quoted names and a glossary term's
    English after its Chinese."""
    for english in i18n.glossary():
        text = text.replace(f"（{english}）", "")
    for kept in KEPT_ENGLISH:
        text = text.replace(kept, "")
    return re.sub(r"\$[^$]*\$|`[^`]*`", "", text)


def test_the_page_in_chinese_reads_a_chinese_sentence_with_a_chinese_verdict():
    """Opened from a ?lang=zh link that carries a Chinese sentence: the Chinese model reads it and every heading,
    explanation, verdict, chart word and widget label is Chinese; glossary terms name their English once.
    (The sentence comes through the link: AppTest cannot rerun a Chinese page after setting a widget whose
    option names are translated.)"""
    app = in_chinese("sentiment.py", sa_text="质量太差了，用了两天就坏了，非常失望。")
    assert not app.exception, app.exception
    assert app.title[0].value == "💬 RNN：读懂我的句子"
    headers = [h.value for h in app.header]
    assert len(headers) == 4 and all(HAN.search(h) for h in headers), headers
    assert headers[0] == "1 · 你的句子" and headers[2] == "3 · 循环单元内部：门（gate）"
    metric = next(m for m in app.metric if m.label == "判断")
    assert metric.value.startswith("负面") and metric.proto.delta.startswith("把握")
    caption_text = "\n".join(c.value for c in app.caption)
    assert "正在用**内置的中文模型**阅读：门控循环单元（GRU）" in caption_text  # read by the Chinese model
    assert app.code[0].value.startswith("质 量 太 差")
    strip, running, gates = (json.loads(c.proto.spec) for c in app.get("plotly_chart"))
    assert strip["data"][0]["colorbar"]["ticktext"] == ["负面", "0", "正面"]
    assert {t.get("name") for t in running["data"]} >= {"负面", "正面"}
    assert [a["text"] for a in gates["layout"]["annotations"]] == ["更新门", "重置门", "隐藏状态 h"]

    prose = " ".join(texts(app.get(kind)) for kind in ("markdown", "caption", "info", "warning", "error"))
    shown = " ".join([prose, *headers, texts(app.subheader)])
    for first_use in ("循环神经网络（recurrent neural network）", "词元（token）", "隐藏状态（hidden state）",
                      "词表（vocabulary）", "门（gate）", "词嵌入（embedding）", "门控循环单元（GRU）",
                      "长短期记忆网络（LSTM）"):
        assert shown.replace("**", "").count(first_use) == 1, first_use
    labels = [w.label for kind in ("slider", "select_slider", "selectbox", "radio", "toggle", "text_area", "button")
              for w in app.get(kind)]
    labels += [t.label for t in app.tabs] + [o for w in app.radio for o in w.options]
    left = [words for text in [shown, *labels] for words in english_words(without_what_stays_english(text))]
    assert not left, left
