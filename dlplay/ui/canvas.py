"""A drawing canvas for digits (white ink on black), shared by the digits, autoencoder and GAN pages.

The canvas's own toolbar holds Undo, Redo and "Reset canvas & history" (the bin icon).
"""
from __future__ import annotations

import base64
import io
import json
import threading

import numpy as np
import streamlit as st
from PIL import Image

DEFAULT_PEN = 18
_wrap_lock = threading.Lock()


def _canvas_without_pandas():
    """`st_canvas`, with its one nested dict sent to the browser as JSON text.

    Streamlit's component protocol checks every non-scalar value of a component's `data` for a
    dataframe, and that check imports pandas and pyarrow: about 70 MB of server memory for good,
    for the sake of one small dict (`initialDrawing`). The canvas hands that value to Fabric.js's
    `loadFromJSON`, which takes JSON text as well as an object, so sending it as a string shows the
    same drawing and leaves every value a scalar. The wrapper replaces the package's module-level
    component callable once (st_canvas looks it up at call time); tests/app/test_canvas_helper.py
    fails if the package stops sending through it or starts sending another nested value.
    """
    import streamlit_drawable_canvas as sdc

    with _wrap_lock:
        if not getattr(sdc.out, "_sends_json_drawing", False):
            component = sdc.out

            def out(*, data, **kwargs):
                if isinstance(data.get("initialDrawing"), dict):
                    data = {**data, "initialDrawing": json.dumps(data["initialDrawing"])}
                return component(data=data, **kwargs)

            out._sends_json_drawing = True
            sdc.out = out
    return sdc.st_canvas


def draw_digit(key: str, *, size: int = 280, stroke_width: int | None = None) -> np.ndarray | None:
    """Show the canvas; returns its RGBA uint8 image (size, size, 4), or None before the first stroke.

    Without `stroke_width` a "Pen width" slider (key `<key>_pen`) sits under the canvas.
    """
    # Imported here: the component registers itself on import, which needs a running Streamlit.
    st_canvas = _canvas_without_pandas()

    pen = stroke_width
    if pen is None:
        pen = int(st.session_state.get(f"{key}_pen", DEFAULT_PEN))
    result = st_canvas(stroke_width=pen, stroke_color="#FFFFFF", background_color="#000000",
                       height=size, width=size, drawing_mode="freedraw", return_image_data=True,
                       update_streamlit=True, key=key)
    if stroke_width is None:
        st.slider("Pen width", 2, 60, DEFAULT_PEN, key=f"{key}_pen",
                  help="A thick or thin pen is corrected before the network reads the drawing.")
    try:
        image = result.image_data
    except (ValueError, OSError):  # a garbled PNG from the browser: treat as no drawing yet
        return None
    if image is None:
        return None
    image = np.asarray(image)
    if image.ndim == 2:
        image = np.stack([image] * 3 + [np.full_like(image, 255)], axis=-1)
    elif image.shape[-1] == 3:
        image = np.concatenate([image, np.full(image.shape[:2] + (1,), 255, image.dtype)], axis=-1)
    return image.astype(np.uint8)


def canvas_value(rgba: np.ndarray) -> dict:
    """The widget value the canvas would send for this image: for AppTest, which cannot draw
    (`at.session_state[key] = canvas_value(img)`)."""
    buf = io.BytesIO()
    Image.fromarray(np.asarray(rgba, dtype=np.uint8)).save(buf, format="PNG")
    url = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
    return {"drawing": {"raw": {"objects": [], "background": "#000000"}, "data": url}, "backgroundFit": None}
