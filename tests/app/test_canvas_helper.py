"""The shared digit canvas: returns the drawing as RGBA, None before the first stroke."""
import numpy as np
from streamlit.testing.v1 import AppTest

from dlplay.data import strokes
from dlplay.ui.canvas import canvas_value


def _script():
    import streamlit as st
    from dlplay.ui.canvas import draw_digit
    img = draw_digit("pad")
    st.write("none" if img is None else f"{img.shape} {img.dtype} {int(img[..., 0].max())}")


def test_draw_digit_returns_the_drawing():
    at = AppTest.from_function(_script, default_timeout=30).run()
    assert not at.exception
    assert at.markdown[0].value == "none"
    assert at.slider(key="pad_pen").value == 18
    at.session_state["pad"] = canvas_value(strokes.draw(5))
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "(280, 280, 4) uint8 255"


def test_canvas_value_round_trips():
    import base64, io
    from PIL import Image
    img = strokes.draw(2)
    url = canvas_value(img)["drawing"]["data"]
    back = np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))
    assert np.array_equal(back, img)


def _bare_canvas():
    from dlplay.ui.canvas import draw_digit
    draw_digit("pad")


def test_canvas_data_holds_no_nested_values():
    """Streamlit's component protocol imports pandas and pyarrow (~70 MB of server memory) to check
    any dict or list in a component's data for a dataframe; dlplay.ui.canvas sends the one nested
    value, the initial drawing, as JSON text instead (Fabric.js's loadFromJSON reads both). This
    fails if streamlit-drawable-canvas changes how it sends its data and the wrapper stops applying."""
    import json

    at = AppTest.from_function(_bare_canvas, default_timeout=30).run()
    assert not at.exception
    proto = at.get("bidi_component")[0].proto
    assert proto.WhichOneof("data") == "json"  # not "mixed": no dataframe check found anything
    data = json.loads(proto.json)
    assert json.loads(data["initialDrawing"]) == {"objects": [], "background": "#000000"}
    assert not [k for k, v in data.items() if isinstance(v, (dict, list))]
