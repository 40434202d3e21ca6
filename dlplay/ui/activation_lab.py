"""Section 3 of the activation page, the mini lab: a small network with the learner's activation learns a 2-D
toy set; while it trains, its decision boundary and the dead units per layer are drawn."""
from __future__ import annotations

import streamlit as st

from dlplay.data import toy
from dlplay.i18n import _
from dlplay.params import activations as tables
from dlplay.ui import activation_figs as figs
from dlplay.ui import params, training


@st.cache_data(max_entries=32, show_spinner=False)
def lab_data(name, samples, noise, seed=0):
    return toy.make(name, samples, noise, seed=seed)


def _dead_units(record: dict, width: int) -> None:
    dead = record.get("_dead", [])
    if any(dead):
        units = record.get("_width", width)
        layers = _(", ").join(_("layer {layer}: {dead} of {units}").format(layer=i + 1, dead=d, units=units)
                              for i, d in enumerate(dead))
        st.warning(_("Dead units per hidden layer: {layers}").format(layers=layers), icon="💀")
    elif dead:
        st.caption(_("No dead units: every hidden unit still responds to the data."))


def section() -> None:
    """The lab's knobs on the left; the data, the training panel and the network's view on the right."""
    st.header(_("3 · Mini lab: a small network learns a 2-D pattern"))
    table = tables.TABLE  # looked up per run, as the pages' own imports are
    left, right = st.columns([1, 2])
    with left:
        for p in table:
            params.widget(table, p.key)
    config = params.values(table)
    points, labels = lab_data(config["dataset"], config["samples"], config["noise"])
    xs = toy.grid()[0]

    def live_view(progress, job):
        record = None
        if job.result is not None and job.result.outcome.history:
            record = job.result.outcome.history[-1]
        elif progress is not None and progress.history:
            record = progress.history[-1]
        if record is None:
            return
        title = _("epoch {epoch}: validation accuracy {accuracy:.0%}").format(epoch=record["epoch"],
                                                                              accuracy=record.get("val_acc", 0))
        # The run's own points: the sliders may have moved since it started.
        run_points, run_labels = lab_data(*record["_data"]) if "_data" in record else (points, labels)
        st.plotly_chart(figs.lab(run_points, run_labels, record.get("_grid"), xs, title), width="stretch",
                        key="lab_live")
        _dead_units(record, config["width"])

    with right:
        st.caption(_("Your data (the network's view appears once it trains; the boundary is drawn where "
                     "P(class 1) = 0.5). Try ReLU with learning rate 3 and watch units die."))
        training.panel("activations", "mlp", config, live_view=live_view)
        with st.expander(_("The data"), expanded=True):
            title = _("{dataset}: {samples} points").format(dataset=_(tables.TOY_NAMES[config["dataset"]]),
                                                             samples=config["samples"])
            st.plotly_chart(figs.lab(points, labels, None, xs, title), width="stretch", key="lab_data")
