"""GAN: a generator and a discriminator fighting, and digits appearing from noise."""
import streamlit as st

from dlplay import gan, topics
from dlplay.i18n import _, tr
from dlplay.params.gan import EXPLORE, OLD_URL_KEYS, TABLE
from dlplay.ui import gan_explore, gan_judge, gan_lesson, gan_training, model_loading, params, share, training

for old, new in OLD_URL_KEYS.items():
    if old in st.query_params and new not in st.query_params:
        st.query_params[new] = st.query_params[old]
params.bind(TABLE, EXPLORE)

TOPIC = topics.BY_SLUG["gan"]
st.title(f"{TOPIC.icon} {_(TOPIC.title)}")
gan_lesson.intro()
learner, model = model_loading.load_or_stop("gan", gan.load, label=_("Generator"))
for notice in model.notices:
    st.warning(tr(notice), icon="📦")
by = _("the shipped model") if learner is None else model.name  # under every picture: which model drew it


@st.fragment
def play():
    """Sections 1 to 4 depend on the seed, the sliders and the drawing; a click or a stroke there
    reruns only them, not the maths and the training panel below (nor the sidebar)."""
    st.header(_("1 · Noise in, digits out"))
    seed, samples = gan_explore.samples(model, by)
    st.header(_("2 · Walk from one sample to another"))
    gan_explore.walk(model, by)
    st.header(_("3 · Directions in the noise"))
    gan_explore.directions(model, by, seed)
    st.header(_("4 · What does the discriminator think?"))
    gan_judge.section(model, by, samples[0])
    share.sync()  # the seed and the sliders above are part of the shareable address


play()

st.header(_("5 · The game, in maths"))
gan_lesson.maths()

st.header(_("6 · Train your own GAN and watch it learn"))
config = gan_training.settings()
training.panel("gan", "gan", config, live_view=gan_training.live_view(config))
training.runs("gan")
share.sync()
