"""The sentiment page's retrain settings: what a learner's run takes. Read by pages/sentiment.py and
dlplay.recipes.sentiment (whose DEFAULTS start from this table; the shipped model's own settings
are the recipe's SHIPPED)."""
from dlplay.data import imdb
from dlplay.i18n import N_
from dlplay.params import Param, Table

WIDTHS = (8, 16, 32, 48, 64, 96, 128)

TABLE = Table("sa", (
    Param("cell", "lstm", N_("Cell"), choices=("lstm", "gru", "rnn"), widget="radio",
          names={"lstm": "LSTM", "gru": "GRU", "rnn": "RNN"},
          help=N_("RNN: one tanh per step. LSTM and GRU add gates that decide what to keep, so a word's effect "
                  "can survive many steps.")),
    Param("bidirectional", False, N_("Bidirectional (also read right to left)"),
          help=N_("A second layer reads the sentence backwards; the verdict sees both.")),
    Param("layers", 1, N_("Layers"), choices=(1, 2, 3), cap="MAX_DEPTH"),
    Param("classes", 2, N_("Labels"), choices=(2, 3), widget="radio",
          names={2: N_("negative / positive"), 3: N_("+ neutral")},
          help=N_("Two labels drop the neutral tweets; three keep them and add a neutral verdict.")),
    Param("hidden", 48, N_("Hidden size"), choices=WIDTHS, cap="MAX_WIDTH",
          help=N_("Numbers in the hidden state h: the network's memory of what it has read.")),
    Param("embedding", 48, N_("Embedding size"), choices=WIDTHS, cap="MAX_WIDTH",
          help=N_("Numbers per word vector.")),
    Param("dropout", 0.2, N_("Dropout"), low=0.0, high=0.6, step=0.05,
          help=N_("Share of the hidden numbers hidden at random while training, so no single one is relied on.")),
    Param("pretrained", True, N_("Start from pretrained word vectors"),
          help=N_("Transfer learning: each word starts at its WordLlama vector (learned by others from billions "
                  "of words), so *flawless* starts near *perfect* even if no tweet used it. Switch it off and "
                  "train again to see what the vectors are worth.")),
    Param("epochs", 3, N_("Epochs"), low=1, high=20, cap="MAX_EPOCHS", help=N_("Passes over the training sentences.")),
    Param("lr", 0.005, N_("Learning rate"), choices=(0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.02),
          help=N_("Adam's step size.")),
    Param("max_len", 40, N_("Max length"), low=8, high=64, step=4, unit=N_("tokens"), cap="MAX_TOKENS",
          help=N_("Training sentences are cut to this many tokens (the last ones are kept when reading).")),
    Param("train_samples", 8000, N_("Training tweets"), low=500, high=30_000, step=500, cap="MAX_TRAIN_SAMPLES",
          help=N_("How many of the labelled tweets the run learns from, drawn at random; fewer train faster.")),
    Param("phrases", 4000, N_("Generated review sentences"), low=0, high=40_000, step=1000, cap="MAX_TRAIN_SAMPLES",
          help=N_("Sentences built from templates that teach negation and contrast (*not bad at all*, *good "
                  "but too loud*); 0 trains on tweets alone.")),
    # 0 unless the learner adds IMDB reviews (they need one download; the page offers it when online).
    # The page fills in {chars} (imdb.MAX_CHARS) after translating, so the number lives once, in dlplay.data.imdb.
    Param("imdb", 0, N_("IMDB reviews to add"), low=0, high=imdb.TRAIN_REVIEWS, step=1000, cap="MAX_TRAIN_SAMPLES",
          help=N_("Half positive, half negative, each cut to {chars} characters (the network reads only "
                  "the first tokens anyway).")),
))
