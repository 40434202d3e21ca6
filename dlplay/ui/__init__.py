"""Streamlit helpers shared by the pages (the only part of dlplay that imports streamlit)."""
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def _leave_legacy_pages_mode() -> None:
    """Make sure app.py (st.navigation, sidebar, page config) runs even for a visitor who lands on
    a page's URL first.

    Streamlit decides once per process, before any script has run, that an app with a `pages/`
    folder is a legacy multipage app; until some session executes `st.navigation`, a visitor who
    opens /optimizers directly gets that page's file run on its own (no sidebar, file names as
    navigation). Every page imports dlplay.ui, so the first such visit lands here: drop the legacy
    flag and rerun, and the rerun goes through app.py like every later visit.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


_leave_legacy_pages_mode()
