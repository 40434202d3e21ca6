"""The optimizer page's settings: the race on a real network (`TABLE`, recipe optrace, `?race_...`) and
the surface explorer above it (`EXPLORER`, `?opt_...`).

The network race has its own learning rate per optimizer: a surface's learning rates suit that
surface, not a network (Rosenbrock's SGD rate of 0.001 leaves a network at chance). The defaults
below are the rates at which each optimizer learns the default race's data; bench/explorers.py
--race prints each one's validation accuracy over three seeds.
"""
from dlplay import optimizers
from dlplay.data import toy
from dlplay.formulas import plain
from dlplay.i18n import N_
from dlplay.params import Param, Table
from dlplay.params.activations import TOY_NAMES

LEARNING_RATES = (1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.09, 0.1, 0.2, 0.3, 0.5,
                  1.0, 2.0, 5.0, 10.0)
BETAS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999, 0.999999)
EPSILONS = (1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 0.1, 1.0)
EPSILON_NAMES = {e: plain(e) for e in EPSILONS}  # 10⁻⁸, as the update rule writes it, not "1e-08"

RACE_LEARNING_RATES = {"sgd": 0.5, "momentum": 0.05, "momentum_ema": 0.5, "nesterov": 0.05, "adagrad": 0.05,
                       "rmsprop": 0.002, "adam": 0.005, "adamw": 0.005}
HYPER_PARAMETERS = ("beta", "alpha", "beta1", "beta2", "eps", "weight_decay")  # shared by surface and race
# Written out, not built from optimizers.LABELS, so that the translation catalogs can read them.
RACE_LABELS = {"sgd": N_("lr: SGD"), "momentum": N_("lr: Momentum (PyTorch)"),
               "momentum_ema": N_("lr: Momentum (EMA, textbook)"), "nesterov": N_("lr: Nesterov"),
               "adagrad": N_("lr: Adagrad"), "rmsprop": N_("lr: RMSprop"), "adam": N_("lr: Adam"),
               "adamw": N_("lr: AdamW")}

TABLE = Table("race", (
    Param("dataset", "spirals", N_("Data"), N_("The 2-D set the small network learns."), choices=toy.NAMES,
          names=TOY_NAMES),
    Param("epochs", 30, N_("Epochs"), low=1, high=100, cap="MAX_EPOCHS"),
    *(Param(f"lr_{n}", RACE_LEARNING_RATES[n], RACE_LABELS[n],
            N_("This optimizer's learning rate on the network (the surface's rates suit the surface)."),
            choices=LEARNING_RATES) for n in optimizers.NAMES),
))

_START = optimizers.SURFACES["rosenbrock"]
EXPLORER = Table("opt", (
    Param("surface", _START.name, N_("Surface"), choices=tuple(optimizers.SURFACES),
          names={n: s.label for n, s in optimizers.SURFACES.items()}),
    Param("names", ("sgd", "momentum", "rmsprop", "adam"), N_("Optimizers"), choices=optimizers.NAMES,
          names=optimizers.LABELS),
    Param("lr", _START.lr[0], N_("lr: SGD, momentum, Nesterov"), choices=LEARNING_RATES),
    Param("lr_adaptive", _START.lr[1], N_("lr: Adagrad, RMSprop, Adam(W)"), choices=LEARNING_RATES),
    Param("steps", 300, N_("Steps"), low=10, high=1000, step=10),
    Param("noise", 0.0, N_("Mini-batch noise (σ of g)"), N_("Random noise added to every gradient, as a "
          "mini-batch gives."), low=0.0, high=20.0, step=0.1),
    Param("beta", 0.9, N_("β momentum"), choices=BETAS),
    Param("alpha", 0.99, N_("α RMSprop"), choices=BETAS),
    Param("beta1", 0.9, N_("β₁ Adam"), choices=BETAS),
    Param("beta2", 0.999, N_("β₂ Adam"), choices=BETAS),
    Param("eps", 1e-8, "ε", choices=EPSILONS, names=EPSILON_NAMES),
    Param("weight_decay", 0.0, N_("Weight decay"), low=0.0, high=0.5, step=0.01),
    Param("step", 300, N_("Show step"), N_("Scrub through the race, or press play."), low=0, high=1000),
    Param("x0", _START.start[0], N_("start x"), low=-5.0, high=5.0, step=0.01),
    Param("y0", _START.start[1], N_("start y"), low=-5.0, high=5.0, step=0.01),
))
