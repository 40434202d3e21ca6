"""The activation page's settings: the mini lab's training run (`TABLE`, recipe mlp, `?lab_...`),
and the explorers above it: shape and slope (`SHAPE`, `?act_...`) and the deep stack (`STACK`, `?ds_...`).

The lab's epochs obey MAX_EPOCHS like every other job: measured on the defaults' network (2 tanh layers
of 16), moons, circles and XOR reach their best validation accuracy within 30 epochs, and 200 epochs
gained nothing (bench/explorers.py --lab prints the table).
"""
from dlplay import activations, deepstack, optimizers
from dlplay.data import toy
from dlplay.i18n import N_
from dlplay.params import Param, Table

LAB_ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid", "elu", "gelu", "silu", "softplus")
ACTIVATION_NAMES = {n: a.label for n, a in activations.ACTIVATIONS.items()}
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
# The generated 2-D sets as a learner reads them (this page and the optimizer page's race).
TOY_NAMES = {"moons": N_("moons"), "circles": N_("circles"), "spirals": N_("spirals"), "xor": N_("XOR")}
# An activation's own parameters are Greek letters in its formula; the slider says the same.
SYMBOLS = {"alpha": "α", "beta": "β"}

TABLE = Table("lab", (
    Param("dataset", "moons", N_("Data"), N_("A generated 2-D set with two classes."), choices=toy.NAMES,
          names=TOY_NAMES),
    Param("samples", 400, N_("Points"), N_("Training points; a quarter as many again are drawn for validation."),
          low=50, high=1000, step=50, cap="MAX_TRAIN_SAMPLES"),
    Param("noise", 0.15, N_("Noise"), N_("How far points stray from the pattern (standard deviation)."),
          low=0.0, high=0.5, step=0.01),
    Param("activation", "tanh", N_("Activation"), N_("The non-linearity after each hidden layer."),
          choices=LAB_ACTIVATIONS, names=ACTIVATION_NAMES),
    Param("depth", 2, N_("Hidden layers"), low=1, high=6, cap="MAX_DEPTH"),
    Param("width", 16, N_("Units per layer"), low=2, high=64, cap="MAX_WIDTH"),
    Param("optimizer", "adam", N_("Optimizer"), N_("The update rule (see the optimizers page)."),
          choices=optimizers.FOR_NETWORKS, names=optimizers.LABELS),
    Param("lr", 0.03, N_("Learning rate"), choices=LEARNING_RATES),
    Param("epochs", 30, N_("Epochs"), N_("Passes over the training points."), low=1, high=200, cap="MAX_EPOCHS"),
))

# Each activation's own parameters (Leaky ReLU's and ELU's alpha, softplus's beta): default and range
# are the ones dlplay.activations declares, keyed "<activation>_<parameter>".
SHAPE = Table("act", (
    Param("name", "sigmoid", N_("Activation"), choices=activations.NAMES, names=ACTIVATION_NAMES),
    Param("compare", ("tanh", "relu"), N_("Compare with"), choices=activations.NAMES, names=ACTIVATION_NAMES),
    Param("span", 6.0, N_("x range ±"), low=1.0, high=20.0, step=0.5),
    *(Param(f"{n}_{p}", default, f"{a.label}: {SYMBOLS.get(p, p)}", low=low, high=high, step=0.01)
      for n, a in activations.ACTIVATIONS.items() for p, (default, low, high) in a.params.items()),
))

STACK = Table("ds", (
    Param("depth", 12, N_("Depth (layers)"), low=2, high=deepstack.MAX_DEPTH),
    Param("width", 64, N_("Width"), choices=(16, 32, 64, 128, deepstack.MAX_WIDTH)),
    Param("init", "xavier", N_("Weight init"), choices=tuple(deepstack.INITS),
          names={k: label for k, (label, _fn) in deepstack.INITS.items()}),
    Param("bias", 0.0, N_("Bias init"), low=-2.0, high=2.0, step=0.1),
))
