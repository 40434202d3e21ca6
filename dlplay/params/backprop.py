"""The backprop page's settings: one neuron, the expression graph, the small network, the loss
lesson and the training lab. Keys are named after the page's section (`neuron_`, `expr_`, `net_`,
`loss_`, `ce_`, `train_`); in the URL each gets the prefix `bp_`, so a link restores the lesson.
"""
from dlplay import activations
from dlplay.i18n import N_
from dlplay.params import Param, Table

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu", "softplus")
ACTIVATION_NAMES = {n: activations.ACTIVATIONS[n].label for n in ACTIVATIONS}
LOSS_NAMES = {"mse": N_("Mean squared error"), "bce": N_("Binary cross-entropy (sigmoid output)"),
              "ce": N_("Cross-entropy (softmax output)")}
LOSS_SHORT = {"mse": N_("Mean squared error"), "bce": N_("Binary cross-entropy"),  # the network picture's loss box
              "ce": N_("Cross-entropy")}
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0)
DATASETS = ("and", "or", "xor", "moons")
DATASET_NAMES = {"and": "AND", "or": "OR", "xor": "XOR", "moons": N_("Two moons")}


def _number(key, default, label, low, high, step, help=""):
    return Param(key, default, label, help, low=low, high=high, step=step)


def _activation(key, default, help=N_("The non-linearity f applied after each hidden layer.")):
    return Param(key, default, N_("Activation f"), help, choices=ACTIVATIONS, names=ACTIVATION_NAMES)


TABLE = Table("bp", (
    # 1. One neuron
    _number("neuron_x1", 1.0, N_("Input x₁"), -2.0, 2.0, 0.1),
    _number("neuron_x2", 0.5, N_("Input x₂"), -2.0, 2.0, 0.1),
    _number("neuron_w1", 0.8, N_("Weight w₁"), -10.0, 10.0, 0.1),
    _number("neuron_w2", -0.5, N_("Weight w₂"), -10.0, 10.0, 0.1),
    _number("neuron_b", 0.1, N_("Bias b"), -10.0, 10.0, 0.1),
    _activation("neuron_act", "sigmoid", N_("The neuron's activation f: a = f(z).")),
    # 2. Expression graph
    _number("expr_a", 2.0, "a", -3.0, 3.0, 0.1),
    _number("expr_b", -1.0, "b", -3.0, 3.0, 0.1),
    _number("expr_c", 3.0, "c", -3.0, 3.0, 0.1),
    _number("expr_d", 0.5, "d", -3.0, 3.0, 0.1),
    # 3. A small network, step by step
    Param("net_hidden", 1, N_("Hidden layers"), N_("How many hidden layers between the inputs and the outputs."),
          low=1, high=2, cap="MAX_DEPTH"),
    Param("net_units", 3, N_("Units per hidden layer"), low=2, high=4, cap="MAX_WIDTH"),
    Param("net_outputs", 1, N_("Outputs"), N_("Cross-entropy over classes needs two outputs."), low=1, high=2),
    _activation("net_act", "tanh"),
    Param("net_loss", "mse", N_("Loss"), N_("What the output is scored with (and which head the last layer has)."),
          choices=tuple(LOSS_NAMES), names=LOSS_NAMES),
    _number("net_x1", 1.0, N_("Input x₁"), -2.0, 2.0, 0.1),
    _number("net_x2", -0.5, N_("Input x₂"), -2.0, 2.0, 0.1),
    _number("net_y1", 1.0, N_("Target y₁"), 0.0, 1.0, 0.05, N_("What output 1 should be.")),
    _number("net_y2", 0.0, N_("Target y₂"), 0.0, 1.0, 0.05, N_("What output 2 should be.")),
    Param("net_class", 1, N_("Target class"), N_("The class the example belongs to (cross-entropy)."),
          choices=(1, 2), widget="radio"),
    Param("net_lr", 0.3, N_("Learning rate"), N_("How far one update moves every weight: -lr × gradient."),
          choices=LEARNING_RATES),
    Param("net_scale", 1.0, N_("Weight scale"), N_("Multiplies the random starting weights (1: Xavier). "
          "Large weights saturate tanh and sigmoid units."), low=0.1, high=10.0, step=0.1),
    Param("net_seed", 0, N_("Random start"), N_("Which random starting weights."), low=0, high=99),
    # 4. Loss functions
    Param("loss_target", 1, N_("True label y"), choices=(0, 1), widget="radio"),
    _number("loss_z", -4.0, N_("Output neuron's input z"), -10.0, 10.0, 0.5,
            N_("The last layer's pre-activation; the prediction is σ(z).")),
    _number("ce_z1", 2.0, N_("Logit z₁"), -6.0, 6.0, 0.5),
    _number("ce_z2", 0.5, N_("Logit z₂"), -6.0, 6.0, 0.5),
    _number("ce_z3", -1.0, N_("Logit z₃"), -6.0, 6.0, 0.5),
    Param("ce_class", 2, N_("True class"), choices=(1, 2, 3), widget="radio"),
    # 5. Train it
    Param("train_data", "xor", N_("Data"), N_("AND and OR can be split by one line; XOR and the moons cannot."),
          choices=DATASETS, names=DATASET_NAMES),
    Param("train_points", 40, N_("Points"), low=20, high=50, step=2, cap="MAX_TRAIN_SAMPLES"),
    Param("train_hidden", 1, N_("Hidden layers"),
          N_("0: the inputs feed the output neuron directly (one straight line)."), low=0, high=2, cap="MAX_DEPTH"),
    Param("train_units", 4, N_("Units per hidden layer"), low=2, high=8, cap="MAX_WIDTH"),
    _activation("train_act", "tanh"),
    Param("train_lr", 1.0, N_("Learning rate"), choices=LEARNING_RATES),
    Param("train_seed", 0, N_("Random start"), N_("Which random starting weights (and noise of the points)."),
          low=0, high=99),
))
