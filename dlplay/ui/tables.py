"""Small tables as Markdown.

st.table and st.dataframe convert through pandas and pyarrow, which cost the server about 70 MB
the first time any learner opened a page with a table; these tables are a few rows of text.
"""
from __future__ import annotations

import streamlit as st


class Markdown(str):
    """A cell the page wrote in Markdown (code spans, bold): shown as written, only kept on its row."""


def escape(value) -> str:
    """Plain text as Markdown that shows it literally."""
    text = str(value).replace("\\", "\\\\")
    for ch in "`*_[]<>$":
        text = text.replace(ch, "\\" + ch)
    return text


def _cell(value) -> str:
    text = str(value) if isinstance(value, Markdown) else escape(value)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(columns: dict[str, list]) -> str:
    names = list(columns)
    rows = zip(*columns.values())
    lines = ["| " + " | ".join(_cell(n) for n in names) + " |", "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def table(columns: dict[str, list]) -> None:
    """Show a small table (column name -> values)."""
    st.markdown(markdown_table(columns))
