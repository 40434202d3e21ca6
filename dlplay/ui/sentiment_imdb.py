"""The optional IMDB movie reviews in the English training tab: offered when they can be had (on this
server already, or one download away), and the page says why not otherwise."""
from __future__ import annotations

import streamlit as st

from dlplay import settings
from dlplay.data import imdb
from dlplay.i18n import _, tr
from dlplay.ui import params

IMDB_START = 4000  # reviews offered when the learner first adds IMDB


@st.cache_data(ttl=300, show_spinner=_("Checking the internet connection…"))
def _online() -> bool:
    """One network probe (at most ~2 s) per process every 5 minutes, however many learners open the page."""
    return imdb.online()


def _download() -> None:
    bar = st.progress(0.0, text=_("Downloading the IMDB reviews…"))
    step = _("Downloading: {done} of {total} MB")
    try:
        imdb.download(lambda done, total: bar.progress(min(done / total, 1.0),
                                                       text=step.format(done=done >> 20, total=total >> 20)))
    except imdb.CorpusUnavailable as e:
        bar.empty()
        st.error(tr(e.args[0]), icon="📴")
        return
    st.rerun()


def _start(table):
    if st.session_state.get("sa_imdb_on") and not st.session_state.get("sa_imdb"):
        st.session_state["sa_imdb"] = table["imdb"].clamp(IMDB_START)


def reviews(table) -> int:
    """How many IMDB reviews the next run adds (0 unless the learner switched them on and they are here);
    `table`: the English settings table, which holds the slider's range."""
    if not st.toggle(_("Add IMDB movie reviews (online only)"), key="sa_imdb_on", on_change=_start, args=(table,),
                     help=_("Film reviews labelled positive/negative by Stanford (Maas et al., 2011): longer, "
                            "plainer English than tweets. Needs internet once, for an 80 MB download shared by "
                            "every learner.")):
        return 0
    if imdb.cached():
        return params.widget(table, "imdb", help=_(table["imdb"].help).format(chars=imdb.MAX_CHARS))
    if settings.OFFLINE or not _online():
        st.info(_("This machine is offline, so the IMDB reviews cannot be downloaded. Training uses the tweets "
                  "and the generated review sentences, and works as before."), icon="📴")
    else:
        st.caption(_("The reviews are not on this server yet: one download of about 80 MB, then every learner "
                     "here can use them."))
        if st.button(_("Download IMDB reviews (80 MB)"), key="sa_imdb_get", icon="⬇️"):
            _download()
    return 0
