"""The shared digit canvas: returns the drawing as RGBA, None before the first stroke."""
import numpy as np
import pytest
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
    drawing = json.loads(data["initialDrawing"])
    assert drawing["objects"] == [] and drawing["background"] == "#000000"
    assert not [k for k, v in data.items() if isinstance(v, (dict, list))]


# --- Forged values: the canvas's value comes from the browser and may be anything -----------------

def _png_url(img) -> str:
    import base64, io
    from PIL import Image
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _bomb_url() -> str:
    import base64
    from tests.unit.test_canvas_input import png_claiming
    return "data:image/png;base64," + base64.b64encode(png_claiming(20000, 20000)).decode("ascii")


FORGED = [
    lambda: {"drawing": {"raw": {"objects": []}, "data": _png_url(np.full((800, 800, 4), 255, np.uint8))}},
    lambda: {"drawing": {"raw": {"objects": []}, "data": _bomb_url()}},
    lambda: {"drawing": {"raw": None, "data": "data:image/png;base64,!!!"}},
    lambda: {"drawing": 5, "backgroundFit": None},
    lambda: {"drawing": {"raw": {"objects": []}, "data": None}, "backgroundFit": {"x": 1}},
    lambda: {"drawing": ["a", "list"]},
    lambda: "not even a dict",
]


def _shown(at) -> str:
    return at.markdown[0].value


@pytest.mark.parametrize("forged", FORGED)
def test_forged_values_give_a_calm_message_and_no_drawing(forged):
    from dlplay.drawing_input import MESSAGE
    at = AppTest.from_function(_script, default_timeout=30).run()
    at.session_state["pad"] = forged()
    at.run()
    assert not at.exception
    assert _shown(at) == "none"
    warned = [w.value for w in at.warning]
    assert warned in ([], [MESSAGE])  # a value with no picture at all is no drawing yet
    at.session_state["pad"] = canvas_value(strokes.draw(5))  # the next real stroke is read again
    at.run()
    assert not at.exception and not at.warning
    assert _shown(at) == "(280, 280, 4) uint8 255"


def test_a_forged_picture_is_named_as_unreadable():
    from dlplay.drawing_input import MESSAGE
    at = AppTest.from_function(_script, default_timeout=30).run()
    at.session_state["pad"] = FORGED[1]()
    at.run()
    assert [w.value for w in at.warning] == [MESSAGE]


PAGES = [("pages/digits.py", "digits_canvas", 280), ("pages/autoencoder.py", "ae_canvas", 200),
         ("pages/gan.py", "gan_canvas", 200)]


@pytest.mark.parametrize("page,key,size", PAGES)
def test_every_page_with_a_canvas_refuses_a_forged_picture(page, key, size):
    from dlplay.drawing_input import MESSAGE
    at = AppTest.from_file(f"../../{page}", default_timeout=60).run()
    for forged in (np.full((800, 800, 4), 255, np.uint8), np.full((size + 1, size, 4), 255, np.uint8)):
        at.session_state[key] = {"drawing": {"raw": {"objects": []}, "data": _png_url(forged)}}
        at.run()
        assert not at.exception
        assert MESSAGE in [w.value for w in at.warning]
        assert not [m for m in at.metric if m.label == "Prediction"]


# --- Undo, Clear, and a drawing that survives leaving the page ------------------------------------

STROKE = {"type": "path", "path": [["M", 100, 100], ["L", 180, 180]], "stroke": "#FFFFFF", "strokeWidth": 18}


def _initial_drawing(at) -> dict:
    import json
    return json.loads(json.loads(at.get("bidi_component")[0].proto.json)["initialDrawing"])


def test_undo_and_clear_are_buttons_under_the_canvas():
    at = AppTest.from_function(_script, default_timeout=30).run()
    assert [b.label for b in at.button] == ["Undo", "Clear"]
    assert at.button(key="pad_undo").disabled  # nothing to take back yet
    at.session_state["pad"] = canvas_value(strokes.draw(5), objects=[STROKE, {**STROKE, "left": 3}])
    at.run()
    assert not at.button(key="pad_undo").disabled
    at.button(key="pad_undo").click().run()
    assert not at.exception
    assert _initial_drawing(at)["objects"] == [STROKE]  # the canvas is told to drop the last stroke
    assert _shown(at) == "none"  # the old picture is not read while the canvas catches up
    at.session_state["pad"] = canvas_value(strokes.draw(1), objects=[STROKE])  # what the canvas sends back
    at.run()
    assert _shown(at) == "(280, 280, 4) uint8 255"
    at.button(key="pad_clear").click().run()
    assert _initial_drawing(at)["objects"] == [] and _shown(at) == "none"
    before = _initial_drawing(at)
    at.button(key="pad_clear").click().run()  # a second Clear is a new request, not the same JSON
    assert _initial_drawing(at) != before


def _maybe_canvas():
    import streamlit as st
    from dlplay.ui.canvas import draw_digit
    if st.toggle("on the canvas page", value=True, key="here"):
        img = draw_digit("pad")
        st.write("none" if img is None else f"{img.shape} {img.dtype} {int(img[..., 0].max())}")
    else:
        st.write("elsewhere")


def test_the_drawing_and_pen_survive_leaving_the_page():
    """Streamlit drops a widget's state once a run does not draw it (another page); the canvas gets
    its strokes back as its initial drawing, and the page reads the picture it had."""
    at = AppTest.from_function(_maybe_canvas, default_timeout=30).run()
    at.session_state["pad"] = canvas_value(strokes.draw(5), objects=[STROKE])
    at.slider(key="pad_pen").set_value(30)
    at.run()
    at.toggle(key="here").set_value(False).run()
    assert _shown(at) == "elsewhere" and "pad" not in at.session_state
    at.toggle(key="here").set_value(True).run()
    assert not at.exception
    assert _initial_drawing(at)["objects"] == [STROKE]
    assert _shown(at) == "(280, 280, 4) uint8 255"
    assert at.slider(key="pad_pen").value == 30
    at.run()  # reruns hand the canvas the same JSON, so it does not reload (or flicker)
    assert _initial_drawing(at)["objects"] == [STROKE]
