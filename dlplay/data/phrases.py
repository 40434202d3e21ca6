"""Generated review sentences that teach negation and contrast (training data only).

The tweets rarely say "not bad at all" or "I expected it to be bad but it was great", so a model
trained on them alone reads such sentences word by word and gets them wrong. These small
templates compose positive and negative words with negations ("not", "never", "wasn't") and
contrasts ("X, but Y": Y decides) over products, films, service and travel. They were written
after, and separately from, the hand-written evaluation set in tests/data/sentiment_eval.csv;
a unit test checks that no generated sentence equals one of those. A second round (2026-11-25)
added words from VADER's lexicon (dlplay/data/lexicon.py), events that did or never happened ("it
never broke"), aspects ("the battery", "the crew"), agreeing details and closing verdicts; its author
had seen the mistakes on both hand-written sets, so neither set is blind (README says so). A third
round (same day, same author, after a third set was written blind by someone else and before it was
scored) added ways of praising by denying ("never slept better", "wouldn't change a thing", "nobody was
rude") and their complaints ("could not have cared less"), and more events ("kept me hooked", "sags").
"""
from __future__ import annotations

import random

from dlplay.data import lexicon

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
# Parts that reviews judge one by one ("the battery is weak, the screen is lovely").
ASPECTS = {
    "product": ["the battery", "the screen", "the sound", "the price", "the design", "the build quality",
                "the setup", "the instructions", "the app", "the lid", "the buttons", "the fabric"],
    "film": ["the ending", "the characters", "the dialogue", "the cast", "the script", "the pacing",
             "the first half", "the finale", "the jokes", "the visuals", "the sequel", "the last episode"],
    "service": ["the food", "the service", "the portions", "the menu", "the coffee", "the dessert",
                "the prices", "the booking", "the wait", "the refund", "the receptionist", "the cleaner"],
    "travel": ["the location", "the bed", "the crew", "the breakfast", "the pool", "the guide",
               "the check-in", "the bathroom", "the seats", "the ferry", "the tour", "the shuttle"],
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
# Things that happen to a product or a trip: (past, base). Negating a bad event praises
# ("it never broke"), negating a good one complains ("it didn't work").
GOOD_EVENTS = [("worked perfectly", "work"), ("impressed me", "impress me"), ("made my day", "make my day"),
               ("exceeded my expectations", "exceed my expectations"), ("did the job", "do the job"),
               ("kept its promise", "keep its promise"), ("arrived on time", "arrive on time"),
               ("held up well", "hold up well"), ("paid off", "pay off"), ("lived up to the hype", "live up to the hype"),
               ("kept me hooked", "keep me hooked"), ("gave me chills", "give me chills"),
               ("was a breeze", "make things easy"), ("fixed it quickly", "fix it"), ("blew me away", "blow me away"),
               ("made me smile", "make me smile"), ("saved me hours", "save me any time"),
               ("felt like home", "feel like home")]
BAD_EVENTS = [("broke", "break"), ("crashed", "crash"), ("failed", "fail"), ("leaked", "leak"),
              ("stopped working", "stop working"), ("let me down", "let me down"), ("overheated", "overheat"),
              ("disappointed me", "disappoint"), ("gave me trouble", "give me any trouble"),
              ("fell apart", "fall apart"), ("ran late", "run late"), ("caused problems", "cause problems"),
              ("smelled of smoke", "smell"), ("got stained", "stain"), ("started to sag", "sag"),
              ("dragged on", "drag on"), ("fell flat", "fall flat"), ("wasted my evening", "waste my time"),
              ("gave me a headache", "give me a headache"), ("went downhill", "go downhill"),
              ("ripped", "rip"), ("cracked", "crack")]
NOT_DID = ["did not", "didn't", "has not once", "does not", "won't"]
PROBLEMS = ["issue", "problem", "complaint", "fault", "glitch", "delay", "hiccup", "regret"]
# A verdict a reviewer adds after the details: "... five stars." / "... save your money."
VERDICTS = {"positive": ["five stars", "highly recommended", "would buy again", "worth every penny",
                         "money well spent", "ten out of ten", "a must", "no regrets", "can't wait to go back"],
            "negative": ["one star", "avoid it", "stay away", "save your money", "never again", "zero stars",
                         "what a waste", "returned it", "lesson learned"]}
ENDINGS = [".", ".", "!", "", " overall.", " to be honest.", " honestly.", "!!", " in the end."]
LABELS = ("negative", "positive")
# Share of sentiment words drawn from VADER's lexicon (dlplay/data/lexicon.py) instead of the lists above:
# the lists teach the sentence patterns, the lexicon the breadth of words reviewers use.
LEXICON_SHARE = 0.5


def _adj(rng: random.Random, label):
    words = lexicon.words()
    pool = words.positive_adjectives if label == "positive" else words.negative_adjectives
    if pool and rng.random() < LEXICON_SHARE:
        return rng.choice(pool)
    return rng.choice(POSITIVE if label == "positive" else NEGATIVE)


def _event_clause(rng: random.Random, label: str, subj: str) -> str:
    """A clause about something that happened (or never did)."""
    if rng.random() < 0.5:  # plain: "the kettle broke"
        past, _ = rng.choice(GOOD_EVENTS if label == "positive" else BAD_EVENTS)
        return f"{subj} {past}"
    past, base = rng.choice(BAD_EVENTS if label == "positive" else GOOD_EVENTS)
    r = rng.random()
    if r < 0.4:
        return f"{subj} never {past}"
    if r < 0.7:
        return f"{subj} {rng.choice(NOT_DID)} {base}"
    if label == "positive":
        return rng.choice([f"never had a single {rng.choice(PROBLEMS)} with {subj}",
                           f"you won't be {_adj(rng, 'negative')} with {subj}",
                           f"not one {rng.choice(PROBLEMS)} with {subj}"])
    return rng.choice([f"you won't be {_adj(rng, 'positive')} with {subj}",
                       f"not a single thing {_adj(rng, 'positive')} about {subj}",
                       f"never once did {subj} {base}"])


def _word_clause(rng: random.Random, label: str, subj: str) -> str:
    """A lexicon word that is not adjective-like, in a frame loose enough for any part of speech."""
    words = lexicon.words()
    pool = words.positive_other if label == "positive" else words.negative_other
    if not pool:
        return f"{subj} {rng.choice(['was', 'is'])} {_adj(rng, label)}"
    w = rng.choice(pool)
    return rng.choice([f"{subj}: {w}", f"{w}, that is {subj}", f"{subj}, in a word: {w}", f"{w}. {subj}",
                       f"one word for {subj}: {w}"])


def _other(label):
    return "negative" if label == "positive" else "positive"


def _clause(rng: random.Random, label: str, subj: str) -> str:
    """One clause whose sentiment is `label`, plain or negated."""
    kind = rng.random()
    cop, neg_cop = rng.choice(COPULA)
    if kind < 0.3:
        return f"{subj} {cop} {rng.choice(INTENS)}{_adj(rng, label)}"
    if kind < 0.55:  # negating the opposite word: "not bad" is positive, "not good" negative
        neg = rng.choice([f"{cop} not", neg_cop, f"{cop} never", f"{cop} not at all", f"{cop} far from",
                          f"{cop} hardly", f"{cop} not very", f"{cop} not really"])
        tail = rng.choice(["", "", " at all", " in any way"])
        return f"{subj} {neg} {_adj(rng, _other(label))}{tail}"
    if kind < 0.64:
        verb = rng.choice(POS_VERBS if label == "positive" else NEG_VERBS)
        return f"i {rng.choice(['', 'really ', 'honestly ', 'truly '])}{verb} {subj}"
    if kind < 0.72:
        return _event_clause(rng, label, subj)
    if kind < 0.8:
        return _word_clause(rng, label, subj)
    if kind < 0.85:
        past, base = rng.choice(NEG_BASE if label == "positive" else POS_BASE)
        did = rng.choice(["didn't", "did not", "never", "don't", "do not", "won't", "will not", "wouldn't"])
        return f"i {did} {base if did != 'never' else past} {subj}"
    return _idiom_clause(rng, label, subj)


# Fixed ways of praising by denying the opposite, or of complaining by denying praise.
PEOPLE = ["the staff", "the crew", "the guide", "the team", "the owner", "the waiter", "the driver", "the host",
          "the teacher", "the agent", "the nurse", "the landlord", "the cleaner", "the mechanic"]
NOBODY = ["nobody", "no one", "none of the staff", "not one person"]
BETTER_VERBS = [("slept", "a better night"), ("eaten", "a better meal"), ("had", "a better time"),
                ("seen", "a better film"), ("stayed in", "a better hotel"), ("used", "a better app"),
                ("owned", "a better phone"), ("met", "a kinder host"), ("taken", "a better course")]
CARING = [("care", "cared"), ("help", "helped"), ("listen", "listened"), ("answer", "answered"),
          ("bother to call back", "bothered to call back"), ("apologise", "apologised")]


def _idiom_clause(rng: random.Random, label: str, subj: str) -> str:
    """Comparisons that deny ("never slept better"), nobody/nothing/not a single, regret and change."""
    verb, thing = rng.choice(BETTER_VERBS)
    person, nobody = rng.choice(PEOPLE), rng.choice(NOBODY)
    base, past = rng.choice(CARING)
    could_not, would_not = rng.choice(["could not", "couldn't"]), rng.choice(["would not", "wouldn't"])
    if label == "positive":
        bad, good = _adj(rng, "negative"), _adj(rng, "positive")
        how, buy = rng.choice(["happily ", "definitely ", ""]), rng.choice(["buy", "book", "recommend", "choose"])
        regret = rng.choice(["do not", "don't", "never"])
        what = rng.choice(["it", "buying it", "booking it", "a penny"]) + rng.choice(["", " one bit", " for a second"])
        return rng.choice([
            f"no complaints about {subj}", f"nothing {bad} about {subj}", f"i would {how}{buy} {subj} again",
            f"{subj} never let me down", f"no problems with {subj}", f"i have never {verb} {thing}",
            f"i {could_not} ask for {thing}", f"i have never {verb} better", f"it does not get better than {subj}",
            f"i {would_not} change a thing about {subj}", f"i {regret} regret {what}", f"{nobody} was {bad}",
            f"{nobody} seemed {bad}, {person} was {good}", f"nothing to complain about",
            f"not a single thing i {rng.choice(['disliked', 'hated', 'would change'])} about {subj}",
            f"{subj} has not missed a beat", f"{subj} {could_not} have been better",
            f"{person} {could_not} have been {rng.choice(['nicer', 'kinder', 'more helpful', 'more patient'])}",
            f"{person} {past} straight away"])
    never = rng.choice(["did not", "didn't", "never"])
    return rng.choice([
        f"i would never {rng.choice(['buy', 'book', 'recommend', 'choose'])} {subj} again",
        f"nothing {_adj(rng, 'positive')} about {subj}", f"never again, {subj} {rng.choice(NEGATIVE)}",
        f"{subj} never worked properly", f"no one would enjoy {subj}",
        f"i have never {verb} a worse {thing.split()[-1]}", f"{subj} {could_not} have been worse",
        f"i {rng.choice(['can not', 'could not', 'would not'])} recommend {subj} to anyone",
        f"i regret {rng.choice(['every penny', 'buying it', 'booking it', 'ever going'])}",
        f"{person} {never} {past if never == 'never' else base}", f"{nobody} {past}",
        f"{nobody} was {_adj(rng, 'positive')}",
        f"not a single thing i {rng.choice(['liked', 'enjoyed', 'would keep'])} about {subj}",
        f"{subj} is not what i paid for",
        f"{subj} was not worth {rng.choice(['it', 'the money', 'the wait', 'the hype'])}",
        f"{person} {could_not} have cared less",
        f"i can not believe how {rng.choice(['poorly', 'badly', 'cheaply'])} {subj} was "
        f"{rng.choice(['made', 'run', 'built', 'organised'])}"])


def sentence(rng: random.Random, label: str) -> str:
    """A sentence with sentiment `label`: a clause alone, or a contrast the last clause decides."""
    domain = rng.choice(list(SUBJECTS))
    subj = rng.choice(SUBJECTS[domain] + ASPECTS[domain])
    subj2 = rng.choice(SUBJECTS[domain] + ASPECTS[domain] + ["it", "it", "everything else", "the rest"])
    r = rng.random()
    if r < 0.35:
        text = _clause(rng, label, subj)
    elif r < 0.45:  # details that agree: "the bed was comfy and the breakfast never ran late"
        text = f"{_clause(rng, label, subj)}{rng.choice([' and ', ', ', '; '])}{_clause(rng, label, subj2)}"
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
    if rng.random() < 0.15:
        text = f"{text.rstrip('.!')}. {rng.choice(VERDICTS[label])}{rng.choice(['.', '!', ''])}"
    return text[0].upper() + text[1:]


def generate(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """n sentences, balanced; labels are 0 = negative, 1 = positive."""
    rng = random.Random(seed)
    labels = [i % 2 for i in range(n)]
    return [sentence(rng, LABELS[y]) for y in labels], labels
