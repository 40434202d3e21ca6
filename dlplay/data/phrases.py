"""Generated review sentences that teach negation and contrast (training data only).

The tweets rarely say "not bad at all" or "I expected it to be bad but it was great", so a model
trained on them alone reads such sentences word by word and gets them wrong. These small
templates compose positive and negative words with negations ("not", "never", "wasn't") and
contrasts ("X, but Y": Y decides) over products, films, service and travel. They were written
after, and separately from, the hand-written evaluation set in tests/data/sentiment_eval.csv;
a unit test checks that no generated sentence equals one of those.
"""
from __future__ import annotations

import random

SUBJECTS = {
    "product": ["the phone", "this laptop", "the charger", "these earbuds", "the kettle", "this printer",
                "the camera", "the keyboard", "the mattress", "the backpack", "this tablet", "the speaker",
                "the watch", "the mouse", "this monitor", "the drill", "the toaster", "the sofa"],
    "film": ["the movie", "this film", "the show", "the series", "the plot", "the soundtrack", "the acting",
             "the story", "this novel", "the documentary", "the concert", "the album", "the game", "the play"],
    "service": ["the staff", "the waiter", "customer service", "the support team", "the manager",
                "the delivery", "the restaurant", "the dinner", "the pasta", "the bakery", "the salon",
                "the repair shop", "the dentist", "the bank"],
    "travel": ["the hotel", "the flight", "the room", "the trip", "the beach", "the train", "the airport",
               "the cruise", "the view", "the hostel", "the airline", "the rental car", "the resort", "the museum"],
}
POSITIVE = ["good", "great", "excellent", "amazing", "wonderful", "fantastic", "lovely", "nice", "perfect",
            "brilliant", "superb", "pleasant", "comfortable", "clean", "friendly", "helpful", "reliable",
            "delicious", "impressive", "enjoyable", "fun", "beautiful", "awesome", "solid", "outstanding",
            "decent", "worth it", "charming", "cozy", "fast", "smooth", "a pleasure", "a joy", "gorgeous",
            "tasty", "well made", "spotless", "exciting", "memorable", "stunning", "sturdy", "fine"]
NEGATIVE = ["bad", "terrible", "awful", "horrible", "poor", "disappointing", "boring", "dirty", "rude",
            "slow", "broken", "useless", "noisy", "uncomfortable", "bland", "overpriced", "unreliable",
            "annoying", "mediocre", "dull", "unhelpful", "buggy", "flimsy", "painful", "frustrating",
            "worthless", "a waste of money", "a mess", "a disaster", "a letdown", "ugly", "greasy", "stale",
            "pathetic", "a nightmare", "cramped", "faulty", "lousy", "shabby", "tedious", "awkward", "weak"]
POS_VERBS = ["loved", "enjoyed", "liked", "adored", "appreciated", "recommend", "was happy with"]
NEG_VERBS = ["hated", "disliked", "regret buying", "regretted", "can't stand", "returned", "gave up on"]
# (past, base) pairs for "i didn't enjoy it" and "i never enjoyed it"
POS_BASE = [("loved", "love"), ("enjoyed", "enjoy"), ("liked", "like"), ("trusted", "trust")]
NEG_BASE = [("hated", "hate"), ("disliked", "dislike"), ("regretted", "regret"), ("minded", "mind")]
INTENS = ["", "", "really ", "very ", "so ", "absolutely ", "quite ", "pretty ", "extremely ", "truly "]
COPULA = [("was", "wasn't"), ("is", "isn't"), ("felt", "didn't feel"), ("looked", "didn't look"),
          ("seemed", "didn't seem"), ("will be", "won't be"), ("feels", "doesn't feel")]
ENDINGS = [".", ".", "!", "", " overall.", " to be honest.", " honestly.", "!!", " in the end."]
LABELS = ("negative", "positive")


def _adj(rng: random.Random, label):
    return rng.choice(POSITIVE if label == "positive" else NEGATIVE)


def _other(label):
    return "negative" if label == "positive" else "positive"


def _clause(rng: random.Random, label: str, subj: str) -> str:
    """One clause whose sentiment is `label`, plain or negated."""
    kind = rng.random()
    cop, neg_cop = rng.choice(COPULA)
    if kind < 0.35:
        return f"{subj} {cop} {rng.choice(INTENS)}{_adj(rng, label)}"
    if kind < 0.65:  # negating the opposite word: "not bad" is positive, "not good" negative
        neg = rng.choice([f"{cop} not", neg_cop, f"{cop} never", f"{cop} not at all", f"{cop} far from",
                          f"{cop} hardly", f"{cop} not very", f"{cop} not really"])
        tail = rng.choice(["", "", " at all", " in any way"])
        return f"{subj} {neg} {_adj(rng, _other(label))}{tail}"
    if kind < 0.8:
        verb = rng.choice(POS_VERBS if label == "positive" else NEG_VERBS)
        return f"i {rng.choice(['', 'really ', 'honestly ', 'truly '])}{verb} {subj}"
    if kind < 0.9:
        past, base = rng.choice(NEG_BASE if label == "positive" else POS_BASE)
        did = rng.choice(["didn't", "did not", "never", "don't", "do not", "won't", "will not", "wouldn't"])
        return f"i {did} {base if did != 'never' else past} {subj}"
    if label == "positive":
        bad = _adj(rng, "negative")  # drawn in this order so the generated data stays the same
        how, verb = rng.choice(["happily ", "definitely ", ""]), rng.choice(["buy", "book", "recommend", "choose"])
        return rng.choice([f"no complaints about {subj}", f"nothing {bad} about {subj}",
                           f"i would {how}{verb} {subj} again",
                           f"{subj} never let me down", f"no problems with {subj}"])
    return rng.choice([f"i would never {rng.choice(['buy', 'book', 'recommend', 'choose'])} {subj} again",
                       f"nothing {_adj(rng, 'positive')} about {subj}", f"never again, {subj} {rng.choice(NEGATIVE)}",
                       f"{subj} never worked properly", f"no one would enjoy {subj}"])


def sentence(rng: random.Random, label: str) -> str:
    """A sentence with sentiment `label`: a clause alone, or a contrast the last clause decides."""
    domain = rng.choice(list(SUBJECTS))
    subj = rng.choice(SUBJECTS[domain])
    subj2 = rng.choice(SUBJECTS[domain] + ["it", "it", "everything else", "the rest"])
    r = rng.random()
    if r < 0.45:
        text = _clause(rng, label, subj)
    elif r < 0.8:
        first, second = _clause(rng, _other(label), subj), _clause(rng, label, subj2)
        joint = rng.choice([", but ", " but ", ", yet ", ". however, ", ", however ", ". still, ", " but then "])
        text = f"{first}{joint}{second}"
        if rng.random() < 0.25:
            text = f"although {first}, {second}"
    else:
        a, b = _adj(rng, _other(label)), _adj(rng, label)
        text = rng.choice([f"i expected {subj} to be {a} but it was {b}",
                           f"i thought {subj} would be {a}, but it turned out {b}",
                           f"everyone said {subj} was {a}, but it is {b}",
                           f"i was told {subj} is {a}, it was actually {b}",
                           f"{subj} looked {a} at first, but it was {b}"])
    text = text + rng.choice(ENDINGS)
    return text[0].upper() + text[1:]


def generate(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """n sentences, balanced; labels are 0 = negative, 1 = positive."""
    rng = random.Random(seed)
    labels = [i % 2 for i in range(n)]
    return [sentence(rng, LABELS[y]) for y in labels], labels
