"""How the backprop page lays its sections out: each section a fragment with its header and introduction,
charts drawn one way, and network pictures that stay readable on a phone."""
from __future__ import annotations

import functools

import streamlit as st

from dlplay.i18n import _
from dlplay.params import backprop as bp_params  # TABLE looked up at each run: a swapped table is the one used
from dlplay.ui import presenter, share
from dlplay.ui.params import widget

PLOT_CONFIG = {"displayModeBar": False}  # on a phone the tool bar covers the titles

# A graph of layers drawn left to right shrinks to a phone's width until its numbers cannot be read; there
# it keeps a readable width and scrolls sideways instead. Only pictures in a `graph_box` are affected.
_PHONE_CSS = """
<style>
@media (max-width: 640px) {
  [class*="st-key-bp_graph_"] [data-testid="stGraphVizChart"] { overflow-x: auto; }
  [class*="st-key-bp_graph_"] [data-testid="stGraphVizChart"] svg { min-width: 860px; height: auto; }
}
</style>
"""


def section(header: str, intro: str):
    """Make `body` a section of the page: a fragment (moving one of its widgets reruns it alone) that draws
    `header` and `intro` (N_-marked strings, shown translated), then the body, then writes the section's
    settings into the link."""
    def wrap(body):
        @functools.wraps(body)  # the fragment is named after the section, not after this helper
        def draw():
            st.header(_(header))
            st.markdown(_(intro))
            body()
            share.sync()  # a fragment's own rerun writes its settings into the link too
        return st.fragment(draw)
    return wrap


def intro(text: str) -> None:
    """The page's introduction: in presenter mode folded away, so that the first section's picture fits
    on a projector's first screen."""
    if presenter.is_on():
        with st.expander(_("What this page teaches")):
            st.markdown(text)
    else:
        st.markdown(text)


def chart(fig, key: str, where=st) -> None:
    where.plotly_chart(fig, width="stretch", key=key, config=PLOT_CONFIG)


def graph_box(name: str):
    """A container for a graphviz picture, marked so that phones draw it at a readable width."""
    box = st.container(key=f"bp_graph_{name}")
    box.html(_PHONE_CSS)
    return box


def setting(key: str, where=None):
    """The widget of one of the page's settings (`key` in dlplay.params.backprop), drawn in `where`."""
    return widget(bp_params.TABLE, key, where)


def default(key: str):
    """A setting's default, for a setting the page does not offer in this state."""
    return bp_params.TABLE[key].value()
