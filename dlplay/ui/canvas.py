"""A drawing canvas for digits (white ink on black), shared by the digits, autoencoder and GAN pages.

What the canvas sends is untrusted: its picture is decoded by dlplay.drawing_input, which refuses
anything but a PNG of the size asked for, before a pixel is expanded. Undo and Clear are buttons of
our own under the canvas: the component's toolbar appears only while the mouse hovers over it (never
on a touch screen), and it renders in a shadow DOM that page CSS does not reach. The strokes are kept
in the session and handed back to the canvas when it mounts again, so a drawing survives leaving the
page and coming back.
"""
from __future__ import annotations

import base64
import io
import json
import threading

import numpy as np
import streamlit as st
from PIL import Image

from dlplay import drawing_input
from dlplay.i18n import _

DEFAULT_PEN = 18
_wrap_lock = threading.Lock()


def _canvas_component():
    """`st_canvas`, with its one nested dict sent to the browser as JSON text, and its returned
    state reduced to the shape st_canvas can read without raising.

    Streamlit's component protocol checks every non-scalar value of a component's `data` for a
    dataframe, and that check imports pandas and pyarrow: about 70 MB of server memory for good,
    for the sake of one small dict (`initialDrawing`). The canvas hands that value to Fabric.js's
    `loadFromJSON`, which takes JSON text as well as an object, so sending it as a string shows the
    same drawing and leaves every value a scalar. The state coming back is whatever the browser
    sent: st_canvas would raise on a "drawing" that is not a dict or a "backgroundFit" without its
    keys (this canvas has no background image), so those become None here, and draw_digit reads
    the drawing itself from the widget value through dlplay.drawing_input. The wrapper replaces the
    package's module-level component callable once (st_canvas looks it up at call time);
    tests/app/test_canvas_helper.py fails if the package stops calling through it.
    """
    # Imported here, not at the top: the package registers its component on import, which raises
    # outside a running Streamlit (its asset folder is known only once the runtime has scanned the
    # installed components), and tests import this module for `canvas_value` without one.
    import streamlit_drawable_canvas as sdc

    with _wrap_lock:
        if not getattr(sdc.out, "_sends_json_drawing", False):
            component = sdc.out

            def out(*, data, **kwargs):
                if isinstance(data.get("initialDrawing"), dict):
                    data = {**data, "initialDrawing": json.dumps(data["initialDrawing"])}
                state = component(data=data, **kwargs)
                drawing = state.get("drawing") if isinstance(state, dict) else None
                return {"drawing": drawing if isinstance(drawing, dict) else None, "backgroundFit": None}

            out._sends_json_drawing = True
            sdc.out = out
    return sdc.st_canvas


def _kept(key: str) -> dict:
    """What this canvas keeps between reruns and page visits, in a plain session key (Streamlit
    drops a widget's own state when its page is left)."""
    return st.session_state.setdefault(f"_{key}_kept", {
        "shown": {"objects": [], "revision": 0},  # what the canvas is told to show when it (re)loads
        "objects": [],  # the strokes of the last drawing read
        "image": None,  # ... and its PNG data URL, for a canvas that remounts without sending one
        "stale": None,  # the picture on screen before Undo/Clear, until the canvas sends the new one
        "pen": DEFAULT_PEN,
    })


def _show(key: str, objects: list) -> None:
    """Tell the canvas to show these strokes; the revision makes each request new to the browser,
    which reloads its drawing only when the JSON it is given changes."""
    kept = _kept(key)
    __, on_screen = drawing_input.parts(st.session_state.get(key))
    kept.update(shown={"objects": objects, "revision": kept["shown"]["revision"] + 1},
                objects=objects, image=None, stale=on_screen)


def _undo(key: str) -> None:
    # The kept strokes, not the widget's: after a first Undo the widget still holds the strokes from
    # before it until the browser sends the new drawing.
    _show(key, _kept(key)["objects"][:-1])


def _clear(key: str) -> None:
    _show(key, [])


def draw_digit(key: str, *, size: int = 280, stroke_width: int | None = None) -> np.ndarray | None:
    """Show the canvas with Undo and Clear under it; returns its RGBA uint8 image (size, size, 4), or
    None before the first stroke and when what the browser sent could not be read (then a calm
    warning says so).

    Without `stroke_width` a "Pen width" slider (key `<key>_pen`) sits under the canvas.
    """
    st_canvas = _canvas_component()
    kept = _kept(key)
    if key not in st.session_state:  # the canvas mounts afresh (first visit, or back from another page)
        kept["shown"] = {"objects": kept["objects"], "revision": kept["shown"]["revision"] + 1}
    pen_key = f"{key}_pen"
    if stroke_width is None and pen_key not in st.session_state:
        st.session_state[pen_key] = kept["pen"]
    pen = stroke_width if stroke_width is not None else int(st.session_state[pen_key])
    st_canvas(stroke_width=pen, stroke_color="#FFFFFF", background_color="#000000", height=size, width=size,
              drawing_mode="freedraw", initial_drawing=kept["shown"], return_image_data=True,
              update_streamlit=True, key=key)
    image = _read(key, size)
    with st.container(horizontal=True, gap="small"):
        st.button(_("Undo"), key=f"{key}_undo", icon=":material/undo:", on_click=_undo, args=(key,),
                  help=_("Take back the last stroke."), disabled=not kept["objects"])
        st.button(_("Clear"), key=f"{key}_clear", icon=":material/delete:", on_click=_clear, args=(key,),
                  help=_("Empty the canvas."))
    if stroke_width is None:
        kept["pen"] = st.slider(_("Pen width"), 2, 60, key=pen_key,
                                help=_("A thick or thin pen is corrected before the network reads the drawing."))
    return image


def _read(key: str, size: int) -> np.ndarray | None:
    kept = _kept(key)
    objects, data_url = drawing_input.parts(st.session_state.get(key))
    if data_url is not None and data_url == kept["stale"]:
        return None  # Undo/Clear was pressed; the canvas has not sent what it shows now yet
    if data_url is None:
        data_url = kept["image"]  # a remounted canvas shows the kept strokes but sends no picture
    try:
        image = drawing_input.decode(data_url, size)
    except drawing_input.DrawingError:
        st.warning(_(drawing_input.MESSAGE), icon="🖍️")
        return None
    if image is not None and data_url != kept["image"]:
        strokes = drawing_input.keepable(objects)
        # Kept for a remount only with its strokes: a picture the canvas could not redraw would be
        # read while the canvas shows nothing.
        kept.update(objects=strokes or [], image=data_url if strokes else None, stale=None)
    return image


def canvas_value(rgba: np.ndarray, objects: list | None = None) -> dict:
    """The widget value the canvas would send for this image: for AppTest, which cannot draw
    (`at.session_state[key] = canvas_value(img)`)."""
    buf = io.BytesIO()
    Image.fromarray(np.asarray(rgba, dtype=np.uint8)).save(buf, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
    return {"drawing": {"raw": {"objects": list(objects or []), "background": "#000000"}, "data": url},
            "backgroundFit": None}
