"""The sidebar every page shares: where the maths runs, the limits in force, the page's source."""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

from dlplay import runtime, settings

_REGISTERED = "_dlplay_registered"


def registered() -> list[str]:
    """Url paths of the topic pages app.py registered in this run."""
    return st.session_state.get(_REGISTERED, [])


def show(page, url_paths: list[str]) -> None:
    st.session_state[_REGISTERED] = url_paths
    with st.sidebar:
        st.markdown("**Where it runs**")
        st.caption(f"Predictions: onnxruntime on **{runtime.device_summary()}**")
        if "torch" in sys.modules:
            import torch  # already loaded by a training job in this process
            train_on = "CUDA GPU" if torch.cuda.is_available() else f"CPU ({settings.TRAIN_THREADS} thread(s) per job)"
        else:
            train_on = ("CUDA GPU" if "CUDAExecutionProvider" in runtime.wanted_providers()
                        else f"CPU ({settings.TRAIN_THREADS} thread(s) per job)")
        st.caption(f"Training: torch on **{train_on}**")
        _source(page)
        with st.expander("About and limits"):
            st.caption("DL Playground teaches deep learning by touching real models. Models are served "
                       "with onnxruntime; retraining runs in a shared, bounded pool.")
            st.dataframe({"limit": [k for k, _ in settings.as_table()],
                          "value": [str(v) for _, v in settings.as_table()]}, hide_index=True)


def _source(page) -> None:
    slug = page.url_path or "home"
    rel = f"pages/{slug}.py"
    if settings.SOURCE_URL:
        st.markdown(f"[View this page's source]({settings.SOURCE_URL}/{rel})")
        return
    path = settings.ROOT / rel
    if path.is_file():
        with st.expander(f"Source of this page ({rel})"):
            st.code(Path(path).read_text(), language="python")
