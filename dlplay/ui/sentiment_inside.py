"""Sections 2 and 3 of the sentiment page: the verdict token by token, and the gates inside the cell."""
from __future__ import annotations

import streamlit as st

from dlplay.i18n import _, term
from dlplay.sentiment_lesson import EQUATIONS, WATCH
from dlplay.ui import sentiment_captions as captions
from dlplay.ui import sentiment_plots as plots


def token_by_token(result: dict, code: str, reader: str) -> None:
    st.markdown(_(WATCH[code]))
    st.plotly_chart(plots.running_score(result), width="stretch")
    st.caption(_("Scores of {reader}: P(positive) − P(negative) after each token.").format(reader=reader))


def _equations(gates: dict) -> None:
    """The cell's equations and what each gate does."""
    st.markdown(_("**{cell} equations** (per token $t$, $x_t$ = the token's embedding):").format(
        cell=captions.cell_name(gates["cell"])))
    st.latex(EQUATIONS[gates["cell"]])
    if not gates["gates"]:
        st.info(_("A plain RNN has no gates: every step rewrites h through tanh. Train an {lstm} or {gru} "
                  "below to see gates.").format(lstm=term("LSTM"), gru=term("GRU")), icon="🚪")
        return
    st.markdown("\n".join(_("- **{gate}**: {meaning}").format(gate=_(plots.GATE_NAMES[n]),
                                                               meaning=_(plots.GATE_HELP[n]))
                          for n in gates["gates"]))
    st.caption(_("σ squashes into (0, 1): a gate is a dimmer between *closed* (0) and *open* (1). The "
                 "memory path (c in an {lstm}, h in a {gru}) is updated by mixing, not by squashing, so a "
                 "word's effect can survive many steps; a plain RNN squashes h through tanh at every "
                 "step.").format(lstm=term("LSTM"), gru=term("GRU")))


def gates(model, text: str, reader: str) -> None:
    """The first layer's gates and hidden state after each token, beside the cell's equations."""
    values = model.gates(text)
    left, right = st.columns([3, 2])
    with right:
        _equations(values)
    with left:
        st.plotly_chart(plots.gates(values), width="stretch")
        st.caption(_("First recurrent layer of {reader}, forward direction, its first 16 hidden units (rows), "
                     "after each token (columns); computed in numpy from the weights stored in the ONNX "
                     "file.").format(reader=reader))
