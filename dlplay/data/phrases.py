"""Generated review sentences that teach negation and contrast (training data only).

The tweets rarely say "not bad at all" or "I expected it to be bad but it was great", so a model
trained on them alone reads such sentences word by word and gets them wrong. These templates compose
positive and negative words (partly from VADER's lexicon, dlplay/data/lexicon.py) with negations
("not", "never", "wasn't") and contrasts ("X, but Y": Y decides) over products, films, restaurants,
service, travel, courses, apps, tradespeople and shops. They also cover events that did or never
happened ("it never broke"), aspects ("the battery", "the crew"), praise by denial ("never slept
better", "wouldn't change a thing") and its complaints ("could not have cared less"), the verdict
first and a concession after it ("a great stay, despite the noisy street"), verdicts without a verb
("what a gripping story"), problems solved ("fixed the leak"), present-tense habits ("the printer
jams"), how well a thing does ("flies beautifully"), superlatives and nouns that judge alone ("a
blast", "a rip-off").

What the templates cover was chosen after reading the mistakes on hand-written review sets 1 to 3
(dlplay/data/review_sets.py), so those sets flatter a model trained on these sentences; set 5 played
no part. A unit test checks that no generated sentence equals a hand-written one.
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
    "course": ["the course", "the class", "the workshop", "the lecture", "the tutorial", "the textbook",
               "the instructor", "the teacher", "the lessons", "the training", "the bootcamp", "the seminar"],
    "app": ["the app", "this software", "the website", "the update", "the program", "the platform", "the tool",
            "this plugin", "the new version", "the online shop", "the game", "the browser"],
    "home": ["the plumber", "the electrician", "the movers", "the builder", "the gardener", "the locksmith",
             "the painter", "the installer", "the cleaning service", "the landlord", "the roofer", "the handyman"],
    "shop": ["the shop", "the store", "the bookshop", "the shop assistant", "the cafe", "the market",
             "the pharmacy", "the boutique", "the garage", "the gym", "the bakery", "the florist"],
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
    "course": ["the exercises", "the homework", "the explanations", "the examples", "the quizzes", "the slides",
               "the feedback", "the schedule", "the materials", "the pace", "the videos", "the exam"],
    "app": ["the interface", "the menus", "the search", "the login", "the notifications", "the sync",
            "the settings", "the loading times", "the layout", "the subscription", "the checkout", "the ads"],
    "home": ["the quote", "the invoice", "the work", "the finish", "the repair", "the cleanup", "the paperwork",
             "the visit", "the price", "the estimate", "the new boiler", "the tiling"],
    "shop": ["the checkout", "the queue", "the selection", "the shelves", "the opening hours", "the returns",
             "the changing rooms", "the parking", "the staff", "the loyalty card", "the cakes", "the prices"],
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
               ("held up well", "hold up well"), ("paid off", "pay off"),
               ("lived up to the hype", "live up to the hype"),
               ("kept me hooked", "keep me hooked"), ("gave me chills", "give me chills"),
               ("was a breeze", "make things easy"), ("fixed it quickly", "fix it"), ("blew me away", "blow me away"),
               ("made me smile", "make me smile"), ("saved me hours", "save me any time"),
               ("felt like home", "feel like home"), ("explained everything clearly", "explain anything"),
               ("taught me a lot", "teach me anything"), ("answered every question", "answer my questions"),
               ("turned up within an hour", "turn up"), ("got it done in a day", "get it done"),
               ("went above and beyond", "go out of their way")]
BAD_EVENTS = [("broke", "break"), ("crashed", "crash"), ("failed", "fail"), ("leaked", "leak"),
              ("stopped working", "stop working"), ("let me down", "let me down"), ("overheated", "overheat"),
              ("disappointed me", "disappoint"), ("gave me trouble", "give me any trouble"),
              ("fell apart", "fall apart"), ("ran late", "run late"), ("caused problems", "cause problems"),
              ("smelled of smoke", "smell"), ("got stained", "stain"), ("started to sag", "sag"),
              ("dragged on", "drag on"), ("fell flat", "fall flat"), ("wasted my evening", "waste my time"),
              ("gave me a headache", "give me a headache"), ("went downhill", "go downhill"),
              ("ripped", "rip"), ("cracked", "crack"), ("drained my battery", "drain the battery"),
              ("melted", "melt"), ("froze", "freeze"), ("lost my booking", "lose my booking"),
              ("charged me twice", "charge me twice"), ("ignored my emails", "ignore my emails"),
              ("cancelled on me", "cancel on me"), ("showed up late", "show up late"), ("jammed", "jam")]
# What a thing does again and again, in the present: "the printer jams", "the kettle boils in a minute".
GOOD_HABITS = ["works like a charm", "just works", "does exactly what it says", "runs smoothly", "lasts all day",
               "fits perfectly", "saves me time", "sounds great", "charges fast", "keeps me coming back",
               "makes every morning easier", "gets better every week", "starts first time", "feels brand new"]
BAD_HABITS = ["jams", "crashes", "leaks", "drains the battery", "overheats", "freezes", "lags", "sags", "squeaks",
              "rattles", "keeps disconnecting", "smells", "falls apart", "logs me out", "takes forever to load"]
OFTEN = ["", "", " all the time", " every day", " constantly", " after a week", " every third time", " again"]
DOES = ["works", "runs", "plays", "performs", "handles", "cooks", "drives", "fits", "flies", "cleans", "ages",
        "was made", "was run", "was written", "was explained", "was organised", "was packed", "was cooked"]
WELL = ["beautifully", "perfectly", "flawlessly", "smoothly", "brilliantly", "reliably", "well", "nicely",
        "wonderfully", "superbly", "clearly", "carefully", "like a dream", "better than expected"]
BADLY = ["poorly", "badly", "terribly", "awkwardly", "sluggishly", "noisily", "horribly", "clumsily", "miserably",
         "worse than expected", "like a toy", "carelessly", "sloppily", "painfully slowly"]
# Fixing a problem praises whoever fixed it; leaving it, or making it, complains.
FIXED = ["fixed", "solved", "sorted out", "resolved", "repaired", "took care of", "dealt with", "got rid of"]
TROUBLE = ["the leak", "the problem", "my issue", "the fault", "the bug", "the noise", "the damage", "my complaint",
           "the mess", "the crack", "the error", "my billing issue", "the broken lock", "the delay"]
FIX_HOW = ["", "", " in minutes", " straight away", " on the first call", " within an hour", " for a fair price",
           " at no extra cost", " quickly", " the same day"]
NOT_DID = ["did not", "didn't", "has not once", "does not", "won't", "has not", "still has not"]
# How long something has (not) gone on: "the bank has not replied in three weeks".
SINCE = ["", "", "", " in three weeks", " for days", " since march", " after two months", " all year",
         " the whole time", " even once"]
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
    r = rng.random()
    if r < 0.25:  # plain: "the kettle broke"
        past, _ = rng.choice(GOOD_EVENTS if label == "positive" else BAD_EVENTS)
        return f"{subj} {past}"
    if r < 0.4:
        return f"{subj} {rng.choice(GOOD_HABITS if label == 'positive' else BAD_HABITS)}{rng.choice(OFTEN)}"
    if r < 0.55:
        return _fix_clause(rng, label, subj)
    if r < 0.65:  # "the drone flies beautifully"
        how = rng.choice(WELL if label == "positive" else BADLY)
        return f"{subj} {rng.choice(DOES)} {how}"
    past, base = rng.choice(BAD_EVENTS if label == "positive" else GOOD_EVENTS)
    r = rng.random()
    if r < 0.4:
        return f"{subj} never {past}"
    if r < 0.7:
        return f"{subj} {rng.choice(NOT_DID)} {base}{rng.choice(SINCE)}"
    if label == "positive":
        return rng.choice([f"never had a single {rng.choice(PROBLEMS)} with {subj}",
                           f"you won't be {_adj(rng, 'negative')} with {subj}",
                           f"not one {rng.choice(PROBLEMS)} with {subj}"])
    return rng.choice([f"you won't be {_adj(rng, 'positive')} with {subj}",
                       f"not a single thing {_adj(rng, 'positive')} about {subj}",
                       f"never once did {subj} {base}"])


def _fix_clause(rng: random.Random, label: str, subj: str) -> str:
    trouble, fixed = rng.choice(TROUBLE), rng.choice(FIXED)
    if label == "positive":
        return f"{subj} {fixed} {trouble}{rng.choice(FIX_HOW)}"
    return rng.choice([f"{subj} never {fixed} {trouble}", f"{subj} made {trouble} worse", f"{trouble} is still there",
                       f"{subj} caused {trouble}", f"{subj} ignored {trouble}", f"{trouble} was never {fixed}",
                       f"it took {subj} {rng.choice(['weeks', 'a month', 'three visits'])} to fix {trouble}"])


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
NONE_OF = ["nothing on", "nothing in", "nothing about", "none of", "not one thing in", "nothing from"]
# Nouns that praise or damn alone: "what a story", "the festival was a blast".
GOOD_NOUNS = ["story", "blast", "gem", "treat", "joy", "delight", "triumph", "masterpiece", "bargain", "lifesaver",
              "winner", "find", "ride", "experience", "keeper", "classic"]
BAD_NOUNS = ["mess", "joke", "rip-off", "scam", "shambles", "fiasco", "flop", "letdown", "chore", "headache",
             "waste", "nightmare", "dud", "farce", "trainwreck", "ordeal"]
# "the best hotel i have ever stayed in" / "the worst airline i have ever flown with"
EVER = [("hotel", "stayed in"), ("meal", "eaten"), ("film", "seen"), ("airline", "flown with"), ("app", "used"),
        ("phone", "owned"), ("course", "taken"), ("book", "read"), ("service", "had"), ("coffee", "tasted"),
        ("shop", "been to"), ("mattress", "slept on"), ("game", "played"), ("plumber", "hired"), ("car", "rented")]
BETTER = ["better", "friendlier", "nicer", "cheaper", "cosier", "more reliable", "kinder", "faster", "tastier"]
CARING = [("care", "cared"), ("help", "helped"), ("listen", "listened"), ("answer", "answered"),
          ("bother to call back", "bothered to call back"), ("apologise", "apologised")]


def _noun(subj: str) -> str:
    """'the hotel' -> 'hotel', for phrases that need their own article."""
    return subj.split(" ", 1)[1] if subj.startswith(("the ", "this ", "these ")) else subj


def _ever(rng: random.Random) -> str:
    noun, verb = rng.choice(EVER)
    return f"{noun} i have {rng.choice(['ever ', ''])}{verb}"


def _plain_adj(rng: random.Random, label: str) -> str:
    """A one-word sentiment word, so it can stand before a noun ("a truly awful hotel")."""
    word = _adj(rng, label)
    return word if " " not in word else rng.choice([w for w in (POSITIVE if label == "positive" else NEGATIVE)
                                                    if " " not in w])


def _verdict_phrase(rng: random.Random, label: str, subj: str) -> str:
    """A verdict without a verb, as reviews open: "disappointing hotel", "a truly great stay overall"."""
    adj, noun = _plain_adj(rng, label), _noun(subj)
    r = rng.random()
    if r < 0.2:  # a list that agrees: "fresh bread, perfect steak and a lovely dessert"
        others = [f"{_plain_adj(rng, label)} {_noun(rng.choice(ASPECTS[rng.choice(list(ASPECTS))]))}" for _ in range(2)]
        return f"{adj} {noun}, {others[0]} and {others[1]}"
    if r < 0.3:
        return f"what {_a(adj)} {adj} {noun}"
    if r < 0.4:  # the noun alone carries it: "what a story", "an absolute gem"
        word = rng.choice(GOOD_NOUNS if label == "positive" else BAD_NOUNS)
        return rng.choice([f"what {_a(word)} {word}", f"{subj} was {_a(word)} {word}", f"{subj} is {_a(word)} "
                           f"{rng.choice(['real', 'total', 'complete', 'absolute'])} {word}", f"{_a(word)} {word}"])
    return rng.choice([f"{adj} {noun}", f"a {rng.choice(['really', 'truly', 'very', 'rather'])} {adj} {noun}",
                       f"{adj} {noun} overall"])


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _concession(rng: random.Random, label: str, subj: str, subj2: str) -> str:
    """The verdict and a concession the other way, either order; the concession never decides:
    "a great stay, despite the noisy street" and "even though the staff were kind, the room was awful"."""
    main = _verdict_phrase(rng, label, subj) if rng.random() < 0.3 else _clause(rng, label, subj)
    other = _other(label)
    if rng.random() < 0.4:
        what = rng.choice([f"the {_plain_adj(rng, other)} {_noun(subj2)}", f"{subj2} being {_adj(rng, other)}",
                           f"{subj2}"]) if subj2 not in ("it", "everything else", "the rest") else "all that"
        return rng.choice([f"{main}, despite {what}", f"{main} despite {what}", f"despite {what}, {main}",
                           f"in spite of {what}, {main}"])
    aside = _clause(rng, other, subj2)
    word = rng.choice(["even though", "although", "though", "even if", "while"])
    if word == "while" or rng.random() < 0.4:
        return f"{word} {aside}, {main}"
    return f"{main}{rng.choice([', ', ' '])}{word} {aside}"


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
            f"{nobody} seemed {bad}, {person} was {good}", "nothing to complain about",
            f"not a single thing i {rng.choice(['disliked', 'hated', 'would change'])} about {subj}",
            f"{subj} has not missed a beat", f"{rng.choice(NONE_OF)} {subj} was {bad}",
            f"no {rng.choice(PROBLEMS)}s {rng.choice(['whatsoever', 'at all', 'of any kind'])} with {subj}",
            f"{subj} {could_not} have been better",
            f"{person} {could_not} have been {rng.choice(['nicer', 'kinder', 'more helpful', 'more patient'])}",
            f"{person} {past} straight away", f"i {could_not} put {subj} down", f"i can't fault {subj}",
            f"i can't stop {rng.choice(['using', 'playing', 'listening to', 'watching', 'talking about'])} {subj}",
            f"i can't imagine {rng.choice(['my week', 'working', 'travelling', 'cooking'])} without {subj}",
            f"you won't find a {rng.choice(BETTER)} {_noun(subj)} "
            f"{rng.choice(['in town', 'anywhere', 'at this price'])}",
            f"{subj} {rng.choice(['was not', 'wasnt', 'is not', 'was not nearly'])} as {bad} as i feared",
            f"{subj} is never {bad}", f"i couldn't be happier with {subj}", f"i have nothing but praise for {subj}",
            f"{rng.choice(['the best', 'by far the best', 'easily the best'])} {_ever(rng)}"])
    never = rng.choice(["did not", "didn't", "never"])
    return rng.choice([
        f"i would never {rng.choice(['buy', 'book', 'recommend', 'choose'])} {subj} again",
        f"nothing {_adj(rng, 'positive')} about {subj}", f"never again, {subj} {rng.choice(NEGATIVE)}",
        f"{subj} never worked properly", f"no one would enjoy {subj}",
        f"i have never {verb} a worse {thing.split()[-1]}", f"{subj} {could_not} have been worse",
        f"i {rng.choice(['can not', 'could not', 'would not'])} recommend {subj} to anyone",
        f"i regret {rng.choice(['every penny', 'buying it', 'booking it', 'ever going'])}",
        f"{person} {never} {past if never == 'never' else base}", f"{nobody} {past}",
        f"{nobody} was {_adj(rng, 'positive')}", f"{rng.choice(NONE_OF)} {subj} was {_adj(rng, 'positive')}",
        f"{rng.choice(NONE_OF)} {subj} was worth {rng.choice(['the price', 'the money', 'it', 'the wait'])}",
        f"not a single thing i {rng.choice(['liked', 'enjoyed', 'would keep'])} about {subj}",
        f"{subj} is not what i paid for",
        f"{subj} was not worth {rng.choice(['it', 'the money', 'the wait', 'the hype'])}",
        f"{person} {could_not} have cared less",
        f"{subj} {rng.choice(['was not', 'wasnt', 'is not', 'was not nearly'])} as {_adj(rng, 'positive')} as i hoped",
        f"{subj} is not half as {_adj(rng, 'positive')} as "
        f"{rng.choice(['the first one', 'the original', 'they claim'])}",
        f"nothing about {subj} went the way it should have", f"i couldn't wait for {subj} to end",
        f"i {could_not} finish {subj}", f"i won't be going back to {subj}", f"i can't say i enjoyed {subj}",
        f"{rng.choice(['the worst', 'by far the worst', 'easily the worst'])} {_ever(rng)}",
        f"i can not believe how {rng.choice(['poorly', 'badly', 'cheaply'])} {subj} was "
        f"{rng.choice(['made', 'run', 'built', 'organised'])}"])


def sentence(rng: random.Random, label: str) -> str:
    """A sentence with sentiment `label`: a clause alone, or a contrast the last clause decides."""
    domain = rng.choice(list(SUBJECTS))
    subj = rng.choice(SUBJECTS[domain] + ASPECTS[domain])
    subj2 = rng.choice(SUBJECTS[domain] + ASPECTS[domain] + ["it", "it", "everything else", "the rest"])
    r = rng.random()
    if r < 0.29:
        text = _clause(rng, label, subj)
    elif r < 0.33:
        text = _verdict_phrase(rng, label, subj)
    elif r < 0.42:  # details that agree: "the bed was comfy and the breakfast never ran late"
        text = f"{_clause(rng, label, subj)}{rng.choice([' and ', ', ', '; '])}{_clause(rng, label, subj2)}"
    elif r < 0.64:
        first, second = _clause(rng, _other(label), subj), _clause(rng, label, subj2)
        joint = rng.choice([", but ", " but ", ", yet ", ". however, ", ", however ", ". still, ", " but then "])
        text = f"{first}{joint}{second}"
        if rng.random() < 0.25:
            text = f"although {first}, {second}"
    elif r < 0.8:
        text = _concession(rng, label, subj, subj2)
    else:
        a, b = _adj(rng, _other(label)), _adj(rng, label)
        text = rng.choice([f"i expected {subj} to be {a} but it was {b}",
                           f"i expected {_a(a)} {a} {_noun(subj)}, but {_clause(rng, label, 'it')}",
                           f"{_verdict_phrase(rng, _other(label), subj)}, {_verdict_phrase(rng, label, subj2)}",
                           f"{_verdict_phrase(rng, _other(label), subj)} but {_verdict_phrase(rng, label, subj2)}",
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
