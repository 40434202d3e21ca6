"""Generated Chinese review sentences: balanced, reproducible, from word lists that never disagree, teaching
negation and contrast across eight domains, and never equal to a sentence that scores a model."""
import random

import pytest

from dlplay.data import chinese_reviews, phrases_zh
from dlplay.sentiment_lesson import EXAMPLES


def _words(side: str) -> set[str]:
    good = side == "positive"
    return (set(phrases_zh.GOOD if good else phrases_zh.BAD) | set(phrases_zh.GOOD_SET if good else phrases_zh.BAD_SET)
            | set(phrases_zh.PEOPLE_GOOD if good else phrases_zh.PEOPLE_BAD)
            | {w for pair in phrases_zh.DOMAIN_WORDS.values() for w in pair[not good]})


def test_word_lists_are_large_and_never_on_both_sides():
    good, bad = _words("positive"), _words("negative")
    assert len(good) >= 100 and len(bad) >= 100 and not good & bad
    domains = set(phrases_zh.SUBJECTS)
    assert domains == {"product", "food", "film", "book", "hotel", "travel", "app", "course"}
    for table in (phrases_zh.ASPECTS, phrases_zh.PEOPLE):
        assert set(table) == domains and all(table.values())
    for table in (phrases_zh.DOMAIN_WORDS, phrases_zh.FACTS):  # (positive, negative) by domain
        assert set(table) == domains and all(good and bad for good, bad in table.values())


def test_generate_is_balanced_reproducible_and_varied():
    texts, labels = phrases_zh.generate(4000, seed=3)
    assert len(texts) == 4000 and labels.count(1) == labels.count(0) == 2000
    assert (texts, labels) == phrases_zh.generate(4000, seed=3) and texts != phrases_zh.generate(4000, seed=4)[0]
    assert len(set(texts)) > 3900 and all(2 <= len(t) <= 80 for t in texts)
    negated = sum(any(n in t for n in ("不", "没", "从不")) for t in texts)
    turned = sum(any(w in t for w in phrases_zh.BUT + phrases_zh.THOUGH + ["没想到", "除了"]) for t in texts)
    assert negated > 0.4 * len(texts) and turned > 0.3 * len(texts)


@pytest.mark.parametrize("label", ["positive", "negative"])
def test_a_negated_clause_negates_a_word_of_the_other_side(label):
    rng = random.Random(0)
    other = _words("negative" if label == "positive" else "positive")
    nots = phrases_zh.NOT + phrases_zh.NOT_GOOD_ONLY
    for __ in range(300):
        clause = phrases_zh._negated(rng, label, rng.choice(list(phrases_zh.SUBJECTS)), "房间")
        rest = clause[len("房间"):]
        assert any(rest.startswith(n) and rest[len(n):] in other for n in nots), clause


def test_a_contrast_is_decided_by_its_last_clause_or_by_the_verdict_before_a_concession(monkeypatch):
    # Every clause and word is replaced by a mark of its side, so the sentence's shape is all that is left.
    monkeypatch.setattr(phrases_zh, "_clause", lambda rng, label, domain, subj=None, inner=False: f"[{label}]")
    monkeypatch.setattr(phrases_zh, "_plain", lambda rng, label, domain, subj: f"[{label}]")
    monkeypatch.setattr(phrases_zh, "_negated", lambda rng, label, domain, subj: f"[{label}]")
    monkeypatch.setattr(phrases_zh, "_word", lambda rng, label, domain, negatable=True: f"[{label}]")
    rng = random.Random(1)
    shapes = set()
    for label in ("positive", "negative") * 200:
        text, other = phrases_zh._contrast(rng, label, "hotel"), phrases_zh._other(label)
        assert text.count(f"[{label}]") == text.count(f"[{other}]") == 1, text
        if text.startswith(f"[{label}]"):  # the verdict, then a concession: 房间很干净，虽然小了点
            assert text.split("，")[1].startswith(("虽然", "尽管", "就算")), text
        else:
            assert text.endswith(f"[{label}]"), text
        shapes.add(text.replace(f"[{label}]", "A").replace(f"[{other}]", "B")[:4])
    assert len(shapes) > 15


def test_no_generated_sentence_is_an_evaluation_sentence_or_an_example():
    texts = set(phrases_zh.generate(60_000, seed=7)[0]) | set(phrases_zh.generate(30_000, seed=8)[0])
    texts = {chinese_reviews.skeleton(t) for t in texts}
    scored = [t for s in chinese_reviews.SENTENCE_SETS for t in chinese_reviews.sentences(s.metric)[0]] + EXAMPLES
    assert not [t for t in scored if chinese_reviews.skeleton(t) in texts]
