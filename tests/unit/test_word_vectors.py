"""Pretrained word vectors (WordLlama) and how the sentiment model folds them into one table."""
import numpy as np
import pytest
import torch

from dlplay import export, sentiment
from dlplay.data import lexicon, word_vectors
from dlplay.nets.rnn import SentimentRNN
from dlplay.tokenizer import Vocabulary


def _cosine(a, b):
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_every_word_gets_a_vector_and_similar_words_sit_close():
    v = word_vectors.vectors(["good", "excellent", "terrible", "awful", "zqxjkvw", ""], dim=64)
    assert v.shape == (6, 64) and v.dtype == np.float32
    assert np.abs(v[4]).sum() > 0  # a made-up word still has sub-word tokens
    assert not v[5].any()  # nothing to read, no vector
    assert _cosine(v[0], v[1]) > _cosine(v[0], v[2])
    assert _cosine(v[2], v[3]) > _cosine(v[2], v[1])


def test_polarity_of_unseen_words_can_be_read_off_the_vectors():
    """A straight line through the vectors separates VADER's positive from its negative words,
    including words it was not fitted on: what lets the model judge a word training never showed."""
    from sklearn.linear_model import LogisticRegression

    w = lexicon.words()
    words = list(w.positive_adjectives + w.negative_adjectives)
    y = np.array([1] * len(w.positive_adjectives) + [0] * len(w.negative_adjectives))
    order = np.random.default_rng(0).permutation(len(words))
    fit, held_out = order[: len(words) // 2], order[len(words) // 2:]
    x = word_vectors.vectors(words)
    accuracy = LogisticRegression(max_iter=2000).fit(x[fit], y[fit]).score(x[held_out], y[held_out])
    assert accuracy > 0.7, accuracy


def test_without_the_package_training_is_told_what_to_install(monkeypatch):
    monkeypatch.setattr(word_vectors, "packaged_file", lambda *parts: None)
    word_vectors._table.cache_clear()
    try:
        assert not word_vectors.available()
        with pytest.raises(word_vectors.VectorsMissing, match="pip install wordllama"):
            word_vectors.vectors(["good"])
    finally:
        word_vectors._table.cache_clear()


def test_known_words_are_plain_lower_case_words():
    known = word_vectors.known_words()
    assert len(known) > 5000 and "hotel" in known and "terrible" in known
    assert all(k.isalpha() and k.islower() and len(k) >= 3 for k in known)


@pytest.mark.parametrize("tune_words", [True, False])
def test_folded_model_gives_the_same_scores_and_exports_plain(tune_words):
    torch.manual_seed(0)
    vocab = Vocabulary(["<pad>", "<unk>", "not", "bad", "at", "all", "great", "hotel"])
    table = torch.from_numpy(word_vectors.vectors(vocab.words, dim=32))
    net = SentimentRNN(len(vocab), 2, "lstm", embedding=8, hidden=6, bidirectional=True,
                       pretrained=table, tune_words=tune_words)
    with torch.no_grad():
        net.embedding.weight.normal_()  # as if training had corrected each word
    net.eval()
    ids = torch.from_numpy(vocab.encode(["not bad at all", "great hotel", "bad"], 6))
    before = net(ids)
    net.fold_embedding()
    assert net.project is None and not hasattr(net, "pretrained") and net.embedding.weight.shape == (len(vocab), 8)
    assert not net.embedding.weight[0].any()  # <pad> stays nothing
    torch.testing.assert_close(net(ids), before)
    data = export.to_onnx(net, ids, input_names=["tokens"], output_names=["logits"],
                          metadata={"vocab": vocab.to_json(["negative", "positive"]).decode()})
    model = sentiment.from_bytes(data, "folded model")
    out = sentiment.predict(["not bad at all"], model)[0]
    expected = torch.softmax(before[0], 0)[1].item()
    assert out["probs"]["positive"] == pytest.approx(expected, abs=1e-4)
