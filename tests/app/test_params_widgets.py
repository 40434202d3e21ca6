"""Widgets and the URL binding derive from the parameter table: change the table, the page follows."""
from streamlit.testing.v1 import AppTest


def page():
    import streamlit as st

    from dlplay.params import Param, Table
    from dlplay.ui import params, share

    high = st.session_state.get("_test_high", 30)
    table = Table("t", (Param("epochs", 8, "Epochs", low=1, high=high, cap="MAX_EPOCHS"),
                        Param("lr", 0.003, "Learning rate", choices=(0.001, 0.003, 0.01))))
    params.bind(table)
    params.widget(table, "epochs")
    params.widget(table, "lr")
    st.write(f"config {params.values(table)}")
    share.sync()


def test_widget_url_and_config_follow_one_table_entry():
    at = AppTest.from_function(page)
    at.session_state["_test_high"] = 12
    at.query_params.update({"t_epochs": "20"})  # beyond the table's high: refused with a notice
    at.run()
    assert not at.exception and "could not be used" in at.warning[0].value
    assert at.slider(key="t_epochs").max == 12 and at.slider(key="t_epochs").value == 8
    at.slider(key="t_epochs").set_value(11).run()
    assert any("'epochs': 11" in m.value for m in at.markdown)
    assert at.query_params["t_epochs"] in (["11"], "11")


def test_a_tight_server_limit_never_makes_a_widget_raise(monkeypatch):
    from dlplay import settings
    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    at = AppTest.from_function(page)
    at.query_params.update({"t_epochs": "2"})
    at.run()
    assert not at.exception
    assert at.slider(key="t_epochs").max == 3 and at.slider(key="t_epochs").value == 2
