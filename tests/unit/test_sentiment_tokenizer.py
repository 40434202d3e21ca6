"""Tokenizer, vocabulary and the two data sources of the sentiment model (no torch needed)."""
import numpy as np
import pytest

from dlplay.data import phrases, review_sets, tweets
from dlplay.tokenizer import PAD, UNK, Vocabulary, tokenize


@pytest.mark.parametrize("text, expected", [
    ("Not BAD at all!", ["not", "bad", "at", "all", "!"]),
    ("I don't like it", ["i", "do", "not", "like", "it"]),
    ("I can't, I won't", ["i", "can", "not", "i", "will", "not"]),
    ("dont wasnt", ["do", "not", "was", "not"]),
    ("soooo goooood", ["soo", "good"]),
    ("@united thanks http://t.co/abc #love", ["<user>", "thanks", "<url>", "love"]),
    ("great :) sad :( ;-)", ["great", ":)", "sad", ":(", ":)"]),
    ("😀 ok👍", ["😀", "ok", "👍"]),
    ("it was 12.50 in 2024", ["it", "was", "<num>", "in", "<num>"]),
    ("<b>bold</b>", ["b", "bold", "b"]),
    ("", []),
    ("   \n\t ", []),
    ("\x00\x07\u200b\u202e", []),
])
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_other_scripts_stay_words():
    assert tokenize("这部电影很好") == ["这部电影很好"]
    assert tokenize("فيلم رائع") == ["فيلم", "رائع"]


def test_vocabulary_specials_counts_and_roundtrip():
    v = Vocabulary.build(["good good bad", "good fine"], min_count=2)
    assert v.words[:2] == [PAD, UNK] and v.words[2] == "good" and "fine" not in v.index
    assert v.ids(["good", "fine"]) == [2, 1]
    back, labels = Vocabulary.from_json(v.to_json(["negative", "positive"]))
    assert back.words == v.words and labels == ["negative", "positive"]
    with pytest.raises(ValueError):
        Vocabulary.from_json(b'{"format": "other", "words": []}')


def test_encode_left_pads_and_truncates():
    v = Vocabulary.build(["a b c d"], min_count=1)
    out = v.encode(["a b", "a b c d", ""], length=3)
    assert out.dtype == np.int64 and out.shape == (3, 3)
    assert out[0].tolist() == [0, v.index["a"], v.index["b"]]
    assert out[1].tolist() == [v.index[w] for w in "abc"]
    assert out[2].tolist() == [0, 0, 0]


def test_tweets_split_is_fixed_disjoint_and_stratified():
    t = tweets.load(2)
    assert t.labels == ["negative", "positive"]
    sizes = [len(s.texts) for s in (t.train, t.val, t.test)]
    assert sum(sizes) == 16186 + 6954
    assert abs(t.val.labels.mean() - t.train.labels.mean()) < 0.01
    assert not set(t.val.texts[:200]) & set(t.test.texts[:200]) - {""}
    three = tweets.load(3)
    assert three.labels == ["negative", "neutral", "positive"] and set(np.unique(three.train.labels)) == {0, 1, 2}


@pytest.fixture(scope="module")
def shipped_generated_sentences():
    return phrases.generate(40_000, seed=7)[0]  # what the shipped recipe trains on (seed 0 + 7)


def test_every_english_eval_file_is_a_named_review_set():
    files = {p.name for p in review_sets.FOLDER.glob("sentiment_eval*.csv")}
    assert files == {s.file for s in review_sets.SETS} and len(files) == 5
    assert [s.metric for s in review_sets.SETS if s.held_out] == ["fifth_acc"]


@pytest.mark.parametrize("metric", [s.metric for s in review_sets.SETS])
def test_eval_sets_are_balanced_and_never_generated(metric, shipped_generated_sentences):
    rows = review_sets.rows(metric)
    assert review_sets.size(metric) == len(rows)
    assert len(rows) >= 80 and {r["kind"] for r in rows} == {"plain", "negation", "contrast"}
    labels = [r["label"] for r in rows]
    assert labels.count("positive") == labels.count("negative")
    generated = shipped_generated_sentences
    seen = {tuple(tokenize(t)) for t in generated}
    assert not [r["text"] for r in rows if tuple(tokenize(r["text"])) in seen]


def test_phrases_are_balanced_and_reproducible():
    a, ya = phrases.generate(50, seed=3)
    b, yb = phrases.generate(50, seed=3)
    assert a == b and ya == yb and sum(ya) == 25


def test_shipped_recipe_names_the_tweets_it_really_uses():
    from dlplay.recipes.sentiment import SHIPPED  # torch-side module; fine in a test
    assert SHIPPED["train_samples"] == len(tweets.load(2).train.texts) == tweets.TRAIN_TWEETS[2]


@pytest.mark.parametrize("classes", [2, 3])
def test_split_sizes_quoted_without_reading_the_corpus_are_right(classes):
    data = tweets.load(classes)
    assert (len(data.train.texts), len(data.val.texts)) == (tweets.TRAIN_TWEETS[classes], tweets.VAL_TWEETS[classes])
