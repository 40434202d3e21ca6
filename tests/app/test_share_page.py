"""URL-bound widgets: a shared link restores settings; hostile values fall back with a notice."""
from streamlit.testing.v1 import AppTest


def lesson():
    import streamlit as st

    from dlplay.ui import share

    share.bind({"lr": 0.01, "act": "tanh", "depth": 3}, choices={"act": ["tanh", "relu"]}, ranges={"depth": (1, 30)})
    st.slider("lr", 0.0001, 1.0, key="lr")
    st.selectbox("act", ["tanh", "relu"], key="act")
    st.number_input("depth", 1, 30, key="depth")
    share.sync()


def test_link_values_restore_the_widgets():
    at = AppTest.from_function(lesson)
    at.query_params.update({"lr": "0.5", "act": "relu", "depth": "12"})
    at.run()
    assert not at.exception and not at.warning
    assert at.slider(key="lr").value == 0.5 and at.selectbox(key="act").value == "relu"
    assert at.number_input(key="depth").value == 12


def test_hostile_values_fall_back_with_a_notice():
    at = AppTest.from_function(lesson)
    at.query_params.update({"lr": "<script>alert(1)</script>", "act": "rm -rf", "depth": "1e9"})
    at.run()
    assert not at.exception
    assert "could not be used" in at.warning[0].value
    assert at.slider(key="lr").value == 0.01 and at.selectbox(key="act").value == "tanh"
    assert at.number_input(key="depth").value == 3


def test_moving_a_widget_updates_the_link():
    at = AppTest.from_function(lesson).run()
    at.selectbox(key="act").set_value("relu").run()
    assert at.query_params["act"] == ["relu"] or at.query_params["act"] == "relu"
