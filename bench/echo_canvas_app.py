"""The smallest page with the same canvas: it only echoes the drawing (a baseline for bench/canvas_latency.py)."""
import numpy as np
import streamlit as st
from streamlit_drawable_canvas import st_canvas

result = st_canvas(stroke_width=18, stroke_color="#FFFFFF", background_color="#000000", height=280, width=280,
                   drawing_mode="freedraw", return_image_data=True, update_streamlit=True, key="echo")
image = result.image_data
if image is not None and np.asarray(image)[..., 0].max() > 0:
    st.metric("Prediction", int(np.count_nonzero(np.asarray(image)[..., 0] > 127)) % 10)
