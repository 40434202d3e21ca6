"""RNN sentiment: type a sentence, in English or Chinese, and watch a recurrent network build its verdict
token by token."""
import streamlit as st

from dlplay import topics
from dlplay.i18n import _
from dlplay.params.sentiment import TABLE
from dlplay.params.sentiment_zh import TABLE as ZH_TABLE
from dlplay.sentiment_lesson import EXAMPLES, STEPS
from dlplay.ui import params, presenter, share
from dlplay.ui import sentiment_captions as captions
from dlplay.ui import sentiment_inside as inside
from dlplay.ui import sentiment_reading as reading
from dlplay.ui import sentiment_retrain as retrain
from dlplay.ui import sentiment_verdict as verdict

params.bind(TABLE, ZH_TABLE, extra={"sa_text": EXAMPLES[0], "sa_imdb_on": False})

TOPIC = topics.BY_SLUG["sentiment"]
st.title(f"{TOPIC.icon} {_(TOPIC.title)}")
if not presenter.is_on():
    reading.intro()
learners = reading.model_choices()

st.header(_("1 · Your sentence"))
text = reading.sentence_box()
code, model, result = reading.read(text, learners)
if result["label"] is not None:
    verdict.main_picture(result)
reader = captions.reader_name(model, code)
if model is not None:
    st.caption(captions.reading_with(model, code, learners[code]))
if result["label"] is not None:
    verdict.confidence_note()
if result["words"]:
    reading.tokens_read(result, code)
if presenter.is_on():  # on a projector the verdict comes first; the intro waits below it, folded
    with st.expander(_("What a recurrent network does")):
        reading.intro()

if result["label"] is not None:
    st.header(_(STEPS[code]))
    inside.token_by_token(result, code, reader)
    st.header(_("3 · Inside the cell: gates"))
    inside.gates(model, text, reader)
elif model is not None and not result["words"]:
    st.info(_("Type a sentence above to see the verdict."), icon="⌨️")

st.header(_("4 · Train your own"))
retrain.tabs(learners, code, TABLE, ZH_TABLE)
share.sync()
