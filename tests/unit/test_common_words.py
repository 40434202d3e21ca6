"""The common-words list (wordfreq) that widens the sentiment vocabulary."""
import pytest

from dlplay.data import common_words


def test_top_words_come_most_frequent_first_and_are_plain_words():
    words = common_words.top(10_000)
    assert len(words) == 10_000 == len(set(words))
    assert words[0] == "the" and words.index("good") < words.index("excellent") < words.index("superb")
    assert all(w.isascii() and w.isalpha() and w.islower() and len(w) >= 3 for w in words)
    assert common_words.top(0) == () and common_words.top(10) == words[:10]


def test_everyday_review_words_are_in_the_top_fifty_thousand():
    """The point of the list: words reviews use that no other source of the vocabulary has."""
    top = set(common_words.top(50_000))
    assert {"pricey", "comfy", "muddy", "tasteless", "overcooked"} <= top


def test_without_the_package_training_is_told_what_to_install(monkeypatch):
    from dlplay.data import DataMissing

    monkeypatch.setattr(common_words, "packaged_file", lambda *parts: None)
    common_words._ranked.cache_clear()
    try:
        assert not common_words.available()
        with pytest.raises(DataMissing, match="pip install wordfreq"):
            common_words.top(10)
    finally:
        common_words._ranked.cache_clear()
