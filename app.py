"""DL Playground: entry point. Page config, navigation over pages/, and the shared sidebar."""
import streamlit as st
from threadpoolctl import threadpool_limits

from dlplay import i18n, memory
from dlplay.i18n import _
from dlplay.topics import BY_SLUG
from dlplay.ui import language, presenter, share, sidebar


@st.cache_resource
def single_threaded_blas():
    # numpy's BLAS pool spreads the pages' tiny matrix products over every core and made them up to
    # 70x slower under load; serving maths runs on one thread (training sets torch's threads itself).
    return threadpool_limits(1, user_api="blas")


single_threaded_blas()


@st.cache_resource
def small_heap():
    # Large freed buffers leave the process instead of fragmenting its heap (dlplay/memory.py):
    # about 60-80 MB less after a visit to every page. Undone when a training job starts.
    return memory.for_serving()


small_heap()

share.bind_app({presenter.KEY: False, language.KEY: language.browser_default()},
               choices={language.KEY: list(i18n.LANGUAGES)})
language.install()
st.set_page_config(page_title=_("DL Playground"), page_icon="🧠", layout="wide",
                   initial_sidebar_state="collapsed" if presenter.is_on() else "auto")
presenter.apply()


def topic_page(slug: str) -> st.Page:
    t = BY_SLUG[slug]
    return st.Page(f"pages/{slug}.py", title=_(t.title), icon=t.icon, url_path=slug)


# Only pages that work are registered; home lists exactly these.
PAGES = [
    st.Page("pages/home.py", title=_("Start here"), icon="🧠", default=True),
    topic_page("backprop"),
    topic_page("activations"),
    topic_page("optimizers"),
    topic_page("digits"),
    topic_page("sentiment"),
    topic_page("autoencoder"),
    topic_page("gan"),
    st.Page("pages/about.py", title=_("About and limits"), icon="ℹ️", url_path="about"),
]

page = st.navigation(PAGES)
sidebar.show(page, [p.url_path for p in PAGES if p.url_path])
try:
    page.run()
    share.sync()  # app-wide settings stay in the URL on pages without settings of their own too
finally:
    memory.trim()  # what the page freed goes back to the system, not into a heap's free lists
