"""Autoencoder latent explorer: the map a network draws of all digits, and walks on it."""
import streamlit as st

from dlplay.i18n import _
from dlplay.params.autoencoder import EXPLORE, TABLE
from dlplay.ui import (autoencoder_drawing, autoencoder_lesson, autoencoder_map, autoencoder_models,
                       autoencoder_quality, autoencoder_training, autoencoder_walks, model_loading, params,
                       presenter, share, training)

params.bind(TABLE, EXPLORE)
# On a projector the map comes first, on the first screen; the intro (which the teacher tells anyway) and the
# note on which model is explored follow it.
presenting = presenter.is_on()

st.title("🗺️ " + _("Autoencoder: the map of all digits"))
if not presenting:
    autoencoder_lesson.intro()
learner, shown = model_loading.load_or_stop("autoencoder", autoencoder_models.load, label=_("Explore"))
if not presenting:
    autoencoder_models.caption(shown)

st.header(_("1 · The latent map"))
with st.container(key="main_picture"):
    spot = autoencoder_map.pick(shown)  # the map itself is drawn last, with the path and drawing from below
if presenting:
    autoencoder_lesson.intro()
    autoencoder_models.caption(shown)

st.header(_("2 · Everything the decoder can draw"))
autoencoder_walks.grid(shown, spot.box)

st.header(_("3 · Morph one digit into another"))
path = autoencoder_walks.morph(shown)

st.header(_("4 · How good are the reconstructions? (vs PCA)"))
ten_digits = autoencoder_quality.reconstructions(shown)

st.header(_("5 · Encode my drawing"))
drawing = autoencoder_drawing.encode_drawing(shown)

st.header(_("6 · Noise in, digit out"))
autoencoder_quality.denoising(shown, ten_digits)

autoencoder_map.draw(spot, shown, drawing=drawing, path=path)

st.header(_("7 · The maths"))
autoencoder_lesson.maths()

st.header(_("8 · Train your own and watch the clusters form"))
config = autoencoder_training.settings()
training.panel("autoencoder", "autoencoder", config, live_view=autoencoder_training.live_view)
training.runs("autoencoder")
share.sync()
