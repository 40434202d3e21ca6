"""dlplay.sentiment: load (shipped and learner models), predict on hostile inputs, texts with no known
word, ONNX/torch parity, numpy gates, torch-free serving."""
import json
import subprocess
import sys
import time

import numpy as np
import pytest
import torch

from dlplay import export, rnn_cells, runtime, sentiment, settings, store
from dlplay.data import review_sets
from dlplay.nets.rnn import SentimentRNN
from dlplay.tokenizer import Vocabulary

WORDS = "the film was not bad at all but service terrible great never buy again i love hate".split()


def make(cell="lstm", bidirectional=False, layers=1, length=12, seed=0):
    torch.manual_seed(seed)
    vocab = Vocabulary(["<pad>", "<unk>"] + WORDS)
    net = SentimentRNN(len(vocab), 2, cell, embedding=8, hidden=6, layers=layers, bidirectional=bidirectional).eval()
    with torch.no_grad():  # untrained weights are tiny; make the gates and scores move visibly
        for p in net.parameters():
            p.mul_(3)
    example = torch.from_numpy(vocab.encode(["the film was great", "i hate it", "never"], length))
    vocab_json = vocab.to_json(["negative", "positive"])
    data = export.to_onnx(net, example, input_names=["tokens"], output_names=["logits"],
                          metadata={"config": {"cell": cell}, "vocab": vocab_json.decode()})
    return net, vocab, sentiment.from_bytes(data, "test model")


@pytest.fixture(scope="module")
def lstm():
    return make()


HOSTILE = ["", "   \n\t", "x" * 1_000_000, "word " * 50_000, "😀😡🎉" * 10,
           "<script>alert('x')</script><b>hi</b>", "\x00\x01\x1b[31m\u202e\u200d", "这部电影非常好看",
           "هذا الفيلم رائع", "not bad at all", 12345, None,
           "\ud800 lone surrogate", "a" * 5000 + " great"]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_predict_survives_hostile_text(lstm, text):
    _, _, model = lstm
    start = time.perf_counter()
    out = sentiment.predict([text], model)[0]
    assert time.perf_counter() - start < 5  # bounded even for 1 MB (a hang would be caught here)
    assert out["language"] == "en"
    if out["label"] is None:  # no word the model knows: no verdict, and a notice that says why
        assert out["probs"] == {} and out["tokens"] == [] and out["notices"]
    else:
        assert out["label"] in ("positive", "negative")
        assert set(out["probs"]) == {"negative", "positive"}
        assert abs(sum(out["probs"].values()) - 1) < 1e-5
    assert len(out["tokens"]) <= min(model.length, settings.MAX_TOKENS)
    assert len(out["text"]) <= settings.MAX_TEXT_CHARS
    for t in out["tokens"]:
        assert -1 <= t["score"] <= 1 and isinstance(t["token"], str)


def test_empty_and_long_text_say_why(lstm):
    _, _, model = lstm
    empty, huge = sentiment.predict(["  ", "great " * 5000], model)
    assert empty["tokens"] == [] and empty["label"] is None and "no words" in empty["notices"][0]
    assert huge["truncated"] and any("characters" in n for n in huge["notices"])
    assert any(f"first {model.length}" in n for n in huge["notices"])
    assert len(huge["tokens"]) == model.length


def test_unknown_words_are_reported(lstm):
    _, _, model = lstm
    out = sentiment.predict(["the zorblax was great"], model)[0]
    assert out["unknown"] == ["zorblax"] and [t["unk"] for t in out["tokens"]] == [False, True, False, False]
    assert out["label"] in ("positive", "negative")  # one unknown word among known ones still gets a verdict


@pytest.mark.parametrize("text", ["这部电影非常好看", "qwzxv blorptag", "zzkq!!! ???", "zorblax 12345 @someone"])
def test_text_with_no_known_word_gets_no_verdict(lstm, text):
    _, _, model = lstm
    out = sentiment.predict([text], model)[0]
    assert out["label"] is None and out["probs"] == {} and out["tokens"] == []
    assert out["words"] and any("knows none of these words" in n and "English" in n for n in out["notices"])


def test_each_text_is_read_by_the_shipped_model_of_its_language():
    chinese, letters, english = sentiment.predict(["这部电影非常好看", "qwzxv asdfgh jklpo", "not bad at all"])
    assert chinese["language"] == "zh" and chinese["label"] == "positive" and chinese["words"] == list("这部电影非常好看")
    assert letters["language"] == "en" and letters["label"] is None
    assert english["language"] == "en" and english["label"] == "positive"
    # The English model asked to read Chinese knows none of it: no verdict, and it says which language it reads.
    out = sentiment.load(language="en").predict(["这部电影非常好看"])[0]
    assert out["label"] is None and any("English" in n for n in out["notices"])


@pytest.mark.parametrize("text", ["!!! ???", "12345", "12,345.6 !", "！？。，、……", "《》「」", "http://x.org/a?b=1 42 www.x.cn"])
def test_punctuation_numbers_and_links_alone_get_no_verdict(text):
    for language in sentiment.LANGUAGES:
        out = sentiment.load(language=language).predict([text])[0]
        assert out["label"] is None and out["probs"] == {} and out["tokens"] == []
        assert any("no words to read" in n for n in out["notices"]) and not out["truncated"]


def test_a_word_among_punctuation_gets_a_verdict():
    for out in sentiment.predict(["！！好评！！", "great!!! 100 %"]):
        assert out["label"] in ("positive", "negative") and len(out["tokens"]) == len(out["words"])


def test_load_gives_the_shipped_model_once_per_process():
    model = sentiment.load()
    assert model is sentiment.load() and model.name == "shipped model" and model.language.code == "en"
    assert model.cell == runtime.manifest()[sentiment.MODEL_FILE]["config"]["cell"]
    with pytest.raises(runtime.ModelFileError, match="no sentiment model"):
        sentiment.load(language="tlh")


def _learner(data: bytes, config=None) -> store.LearnerModel:
    return store.LearnerModel("sentiment", "sentiment", config or {"cell": "lstm"}, {sentiment.MODEL_FILE: data},
                              {"val_acc": 0.5}, [], number=2)


def test_load_gives_a_learner_model_named_after_its_run(lstm):
    net, vocab, shipped_like = lstm
    learner = _learner(shipped_like.onnx_source)
    model = sentiment.load(learner)
    assert model.name == learner.name == "my run #2" and model is sentiment.load(learner)
    assert model.session is learner.session(sentiment.MODEL_FILE)  # one onnxruntime session per run
    out = model.predict(["not bad at all"])[0]
    expected = sentiment.predict(["not bad at all"], shipped_like)[0]
    assert out["probs"] == pytest.approx(expected["probs"])
    learner.drop("my run #2 was removed to make room.")
    with pytest.raises(runtime.ModelFileError, match="removed"):
        sentiment.load(learner)


def test_a_learner_model_without_its_file_is_a_clear_error():
    learner = store.LearnerModel("sentiment", "sentiment", {}, {"other.onnx": b"x"}, {}, [], number=1)
    with pytest.raises(runtime.ModelFileError, match="rnn_sentiment.onnx"):
        sentiment.load(learner)


def test_language_of_falls_back_to_english():
    assert sentiment.language_of("") == "en" and sentiment.language_of("12345 !!") == "en"
    assert sentiment.language_of("not bad") == "en" and sentiment.language_of("😍！？") == "en"


@pytest.mark.parametrize("text, language", [
    ("这部电影非常好看", "zh"), ("這部電影非常好看", "zh"),  # traditional characters are Chinese too
    ("ＯＫ，这个不错！", "zh"),  # full-width letters count as Latin, but fewer than the characters
    ("这个iPhone真的很好用", "zh"), ("这个iPhone很好用", "en"),  # 7 or 5 characters against 6 letters
    ("ok好看", "en"),  # a tie: the first language listed
    ("I bought it on 淘宝 and it was great", "en"),
    ("质量很好，but the delivery was slow", "en"),
    ("质量很好，物流也很快，就是 box 有点破", "zh"),
    ("very good 很好很好很好很好很好", "zh"),
    ("😍😍😍 好", "zh"), ("12345 好", "zh"), ("ok 好", "en"),
])
def test_language_of_is_the_majority_script(text, language):
    assert sentiment.language_of(text) == language


def test_scripts_counts_letters_of_each_language_in_what_is_read(monkeypatch):
    assert sentiment.scripts("这个iPhone很好用") == {"en": 6, "zh": 5}
    assert sentiment.scripts("") == {"en": 0, "zh": 0} and sentiment.scripts(None) == {"en": 0, "zh": 0}
    monkeypatch.setattr(settings, "MAX_TEXT_CHARS", 10)
    assert sentiment.scripts("abcdefghij" + "好" * 1000) == {"en": 10, "zh": 0}
    assert sentiment.language_of("abcdefghij" + "好" * 1000) == "en"  # the model reads only the letters


def test_language_detection_is_bounded_on_a_megabyte():
    start = time.perf_counter()
    assert sentiment.language_of("这部电影真好看" * 150_000) == "zh"
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize("cell,bidirectional,layers", [("lstm", False, 1), ("gru", True, 2), ("rnn", False, 1)])
def test_running_score_matches_torch_on_every_prefix(cell, bidirectional, layers):
    net, vocab, model = make(cell, bidirectional, layers)
    text = "i love the film but service was terrible"
    out = sentiment.predict([text], model)[0]
    words = text.split()
    for k, tok in enumerate(out["tokens"], start=1):
        with torch.no_grad():
            p = torch.softmax(net(torch.from_numpy(vocab.encode([" ".join(words[:k])], model.length))), 1)[0]
        assert tok["token"] == words[k - 1]
        assert abs(tok["probs"]["positive"] - float(p[1])) < 1e-4
        assert abs(tok["score"] - float(p[1] - p[0])) < 1e-4
    assert out["probs"] == out["tokens"][-1]["probs"]
    assert len({round(t["score"], 4) for t in out["tokens"]}) > 1  # the score really moves word by word


@pytest.mark.parametrize("cell,bidirectional", [("lstm", False), ("gru", False), ("rnn", False), ("lstm", True)])
def test_numpy_gates_replay_the_first_layer(cell, bidirectional):
    net, vocab, model = make(cell, bidirectional)
    text = "the film was not bad at all"
    g = sentiment.gates(text, model)
    ids = torch.from_numpy(vocab.encode([text], model.length))
    with torch.no_grad():
        out, _ = net.rnn(net.embedding(ids))
    expected = out[0, -len(g["tokens"]):, :net.hidden_size].numpy()
    np.testing.assert_allclose(g["hidden"], expected, atol=1e-5)
    assert g["cell"] == cell
    assert sorted(g["gates"]) == sorted(rnn_cells.GATE_NAMES[cell.upper()])
    for values in g["gates"].values():
        assert values.shape == (7, 6) and values.min() >= 0 and values.max() <= 1


def test_gates_of_empty_text(lstm):
    g = sentiment.gates("", lstm[2])
    assert g["tokens"] == [] and g["hidden"].shape == (0, 6)


def test_serving_path_never_imports_torch():
    code = ("import sys; from dlplay import sentiment, sentiment_lesson, tokenizer, rnn_cells; "
            "from dlplay.params import sentiment as table; from dlplay.data import tweets, phrases, review_sets; "
            "sentiment.predict(['not bad']); "
            "assert 'torch' not in sys.modules, 'torch imported'; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.ROOT, timeout=60)
    assert done.returncode == 0 and "ok" in done.stdout, done.stderr


@pytest.mark.parametrize("metric", ["reviews_acc", "fifth_acc"])
def test_shipped_model_reads_reviews_far_better_than_chance(metric):
    texts, labels = review_sets.texts_and_labels(metric)
    out = sentiment.predict(texts)
    accuracy = np.mean([o["label"] == g for o, g in zip(out, labels)])
    assert accuracy >= 0.75, accuracy  # a regression guard; the measured number is in bench/sentiment.py


@pytest.mark.parametrize("classes, pretrained", [(2, True), (3, False)])
def test_recipe_trains_a_self_contained_learner_model(classes, pretrained):
    from dlplay.recipes import sentiment as recipe

    res = recipe.train({"cell": "gru", "epochs": 1, "train_samples": 400, "phrases": 100, "hidden": 8,
                        "embedding": 8, "max_len": 16, "classes": classes, "pretrained": pretrained})
    assert res.outcome.status == "finished" and set(res.files) == {recipe.VOCAB_FILE}
    assert 0 <= res.metrics["val_acc"] <= 1
    assert set(recipe.EVAL_SETS) <= set(res.metrics) and len(recipe.EVAL_SETS) == 5
    # Pretrained vectors bring words no training text used: "flawless" is in the lexicon, not in 500 texts.
    assert ("flawless" in json.loads(res.files[recipe.VOCAB_FILE])["words"]) == pretrained
    assert len(res.extras["confusion"]) == classes
    model = sentiment.from_bytes(res.artifacts[recipe.MODEL_FILE], "run")  # vocabulary travels in the metadata
    out = sentiment.predict(["not bad at all"], model)[0]
    assert len(out["probs"]) == classes and ("neutral" in out["probs"]) == (classes == 3)
    assert list(sentiment.gates("not bad", model)["gates"]) == ["update", "reset"]


def test_distillation_learns_from_teachers_trained_with_the_next_seeds(monkeypatch):
    from dlplay.recipes import sentiment as recipe

    tiny = {"cell": "gru", "epochs": 1, "train_samples": 400, "phrases": 100, "hidden": 8, "embedding": 8,
            "max_len": 16, "pretrained": False, "seed": 5}
    seeds = []
    train = recipe.train
    monkeypatch.setattr(recipe, "train", lambda config, **kw: seeds.append(config["seed"]) or train(config, **kw))
    texts = ["not bad at all", "a total waste of money", "loved it"]
    probs = recipe.teacher_probabilities(recipe.clamp({**tiny, "teachers": 2}), texts)
    assert seeds == [6, 7] and probs.shape == (3, 2) and np.allclose(probs.sum(1), 1)
    assert recipe.teacher_probabilities(recipe.clamp(tiny), texts) is None
    student = recipe.train({**tiny, "teachers": 1})
    assert student.outcome.status == "finished" and seeds == [6, 7, 5, 6]
    # The teachers' soft targets change what the student learns: not the model trained without them.
    alone = recipe.train(tiny)
    assert student.artifacts[recipe.MODEL_FILE] != alone.artifacts[recipe.MODEL_FILE]


def test_recipe_clamps_hostile_config():
    from dlplay.params.sentiment import TABLE
    from dlplay.recipes.sentiment import clamp

    c = clamp({"cell": "transformer", "hidden": 10**6, "epochs": -3, "max_len": 10**5, "classes": 7, "lr": 50,
               "train_samples": 10**9, "imdb": -5, "batch_size": 10**6})
    assert c["cell"] == "lstm" and c["hidden"] == max(TABLE["hidden"].options) and c["epochs"] == 1
    assert c["max_len"] == min(64, settings.MAX_TOKENS) and c["classes"] == 3 and c["lr"] == 0.02
    assert c["train_samples"] == min(30_000, settings.MAX_TRAIN_SAMPLES) and c["imdb"] == 0 and c["batch_size"] == 512


def test_recipe_obeys_tight_server_limits(monkeypatch):
    from dlplay.recipes.sentiment import DEFAULTS, SHIPPED, clamp

    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    c = clamp({**DEFAULTS, **SHIPPED})
    assert c["epochs"] == 3 and c["train_samples"] == c["phrases"] == 500 and c["hidden"] == c["embedding"] == 16


def test_learner_defaults_come_from_the_table_and_the_shipped_config_is_unchanged():
    from dlplay.params.sentiment import TABLE
    from dlplay.recipes.sentiment import DEFAULTS, SHIPPED, clamp

    assert {k: DEFAULTS[k] for k in TABLE.defaults()} == TABLE.defaults()
    assert clamp({**DEFAULTS, **SHIPPED}) == runtime.manifest()[sentiment.MODEL_FILE]["config"]


@pytest.mark.parametrize("language, key, high, asked", [("", "epochs", 2, 9), ("_zh", "max_len", 16, 96)])
def test_a_table_entry_change_reaches_the_recipe_clamp(monkeypatch, language, key, high, asked):
    import dataclasses
    import importlib

    table = importlib.import_module(f"dlplay.params.sentiment{language}").TABLE
    recipe = importlib.import_module(f"dlplay.recipes.sentiment{language}")
    narrowed = dataclasses.replace(table[key], high=high)
    monkeypatch.setattr(recipe, "TABLE", dataclasses.replace(
        table, params=tuple(narrowed if p.key == key else p for p in table)))
    assert recipe.clamp({key: asked})[key] == high


def test_page_examples_are_no_evaluation_sentences():
    from dlplay.data import chinese_reviews
    from dlplay.sentiment_lesson import EXAMPLES

    english = {t for s in review_sets.SETS for t in review_sets.texts_and_labels(s.metric)[0]}
    chinese = {t for s in chinese_reviews.SENTENCE_SETS for t in chinese_reviews.sentences(s.metric)[0]}
    assert not set(EXAMPLES) & (english | chinese)
    assert {sentiment.language_of(t) for t in EXAMPLES} == {"en", "zh"}
