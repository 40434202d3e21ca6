"""Presenter mode: the app as a class sees it on a projector (`?present=1`, or the sidebar toggle).

Body text of at least 18 px, chart ticks of at least 14 px in a dark grey, a collapsed sidebar, and
less padding so that a page's main picture sits above the fold at 1280x720. Done with one style sheet
per session, so pages need no changes and other learners on the server are not affected.
"""
from __future__ import annotations

import streamlit as st

KEY = "present"

# Plotly writes its tick labels as SVG text with inline styles; `!important` in a style sheet wins
# over them, so the charts grow without each page rebuilding its figures.
CSS = """
<style>
[data-testid="stMain"] .stMarkdown p, [data-testid="stMain"] .stMarkdown li,
[data-testid="stMain"] label, [data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stAlert"] p { font-size: 20px !important; line-height: 1.45; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { color: #333 !important; }
[data-testid="stMain"] h1 { font-size: 2.4rem !important; }
[data-testid="stMain"] h2 { font-size: 1.9rem !important; }
[data-testid="stMain"] [data-testid="stMetricValue"] { font-size: 2.6rem !important; }
[data-testid="stMainBlockContainer"] { padding-top: 3.2rem !important; max-width: 100% !important; }
.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .colorbar text {
  font-size: 15px !important; fill: #222 !important; }
.js-plotly-plot .g-xtitle text, .js-plotly-plot .g-ytitle text, .js-plotly-plot .legendtext,
.js-plotly-plot .annotation-text, .js-plotly-plot .gtitle { font-size: 16px !important; fill: #111 !important; }
</style>
"""


# The sizes the style sheet draws chart text at; `fit` lays figures out at them.
TICK_PX, LABEL_PX = 15, 16


def fit(fig):
    """In presenter mode, lay a figure's text out at the projector's sizes. The style sheet enlarges
    text only after plotly has placed it, so legend entries overlap and the ticks of a second panel
    (which its selectors miss) stay small unless the figure itself is sized."""
    if is_on():
        fig.update_layout(font_size=TICK_PX, legend_font_size=LABEL_PX)
        fig.update_xaxes(tickfont_size=TICK_PX)
        fig.update_yaxes(tickfont_size=TICK_PX)
    return fig


def is_on() -> bool:
    return bool(st.session_state.get(KEY, False))


def apply() -> None:
    """Style this run for a projector when presenter mode is on."""
    if is_on():
        st.html(CSS)
