"""The sidebar every page shares: where the maths runs, the limits in force, the page's source."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from dlplay import runtime, settings
from dlplay.i18n import _
from dlplay.ui import language, presenter

_REGISTERED = "_dlplay_registered"


def registered() -> list[str]:
    """Url paths of the topic pages app.py registered in this run."""
    return st.session_state.get(_REGISTERED, [])


def show(page, url_paths: list[str]) -> None:
    st.session_state[_REGISTERED] = [p for p in url_paths if p != "about"]
    with st.sidebar:
        language.switch()
        st.toggle(_("Presenter mode"), key=presenter.KEY,
                  help=_("Large text and chart labels for a projector; kept in the link (?present=true)."))
        st.markdown("**" + _("Where it runs") + "**")
        st.caption(_("Predictions: onnxruntime on **{device}**").format(device=runtime.device_summary()))
        cpu = _("CPU ({cores} cores shared by at most {jobs} jobs)").format(
            cores=settings.CPU_COUNT, jobs=settings.MAX_CONCURRENT_JOBS)
        # Training happens in separate processes (dlplay.workers); the server never imports torch,
        # so it judges the GPU the way onnxruntime does (a real NVIDIA driver present).
        train_on = _("CUDA GPU") if "CUDAExecutionProvider" in runtime.wanted_providers() else cpu
        st.caption(_("Training: PyTorch on **{device}**").format(device=train_on))
        _source(page)


def _source(page) -> None:
    slug = page.url_path or "home"
    rel = f"pages/{slug}.py"
    if settings.SOURCE_URL:
        st.markdown("[" + _("View this page's source") + f"]({settings.SOURCE_URL}/{rel})")
        return
    path = settings.ROOT / rel
    # A toggle, not an expander: an expander's content is sent and syntax-highlighted on every
    # page load even while collapsed (0.2-0.5 s of browser CPU per page, in Chrome's profiler).
    # One toggle per page, so reading one page's source does not weigh down every page after it.
    if path.is_file() and st.toggle(_("Show the source of this page ({file})").format(file=rel),
                                    key=f"_dlplay_show_source_{slug}"):
        st.code(Path(path).read_text(), language="python")
