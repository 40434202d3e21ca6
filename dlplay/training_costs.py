"""What one epoch of each recipe costs, worked out from its settings alone (torch-free).

`work(recipe, config)` counts an epoch's optimizer updates and multiply-adds: the forward and backward
passes over the training examples (backward about twice the forward), each update's arithmetic over the
trained parameters, and the evaluation the recipe runs after every epoch. `predict` turns that into
seconds with two measured numbers, fitted by bench/training_cost.py and kept in training_costs.json
beside this file: each recipe's rate (multiply-adds per second, which differ by kind of layer), and two
fixed costs shared by all, counted in multiply-adds: one per update (Python, small kernels) and one per
recurrent cell step (a recurrent layer reads a text one token after another).

Each recipe's formula is here and only here. The settings a page does not send (batch sizes, the optimizer
race's network) are the recipe's own defaults; tests/unit/test_estimate.py checks them against the recipes.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from dlplay.data import chinese_reviews, digits, toy, tweets
from dlplay.params import autoencoder as autoencoder_params
from dlplay.params import digits as digits_params
from dlplay.params import gan as gan_params
from dlplay.params import optimizers as optimizers_params
from dlplay.params import sentiment as sentiment_params
from dlplay.params import sentiment_zh as sentiment_zh_params
from dlplay.params.activations import TABLE as LAB

FITTED = Path(__file__).with_name("training_costs.json")
BACKWARD = 2.0  # a backward pass costs about twice its forward pass
ADAM_PER_PARAMETER = 5.0  # an Adam update's arithmetic per parameter, in multiply-adds

# Settings the recipes keep out of the learner's tables (their DEFAULTS), as the formulas need them.
RECIPE_DEFAULTS = {
    "mlp": {"batch_size": 32},
    "optrace": {"batch_size": 32},
    "cnn": {"hidden": 64, "batch_size": 64, "finetune": False},
    "autoencoder": {"hidden": 128, "batch_size": 64},
    "gan": {"width": 32, "samples": 4000, "dataset": "offline"},
    "sentiment": {"batch_size": 64, "augment": True, "tune_words": True},
    "sentiment_zh": {"batch_size": 64},
}
RACE_NETWORK = {"samples": 1000, "depth": 3, "width": 64}  # dlplay.recipes.optrace.NETWORK, the race's MLP
CNN_FINETUNE_SAMPLES = 1000  # dlplay.recipes.cnn.FINETUNE_SAMPLES
CNN_EXTRA_REPEAT = 8  # dlplay.recipes.cnn.EXTRA_REPEAT: each own drawing is seen this often per epoch
GAN_JUDGE = {"channels": 32, "hidden": 128}  # the shipped digit CNN (dlplay.recipes.cnn.SHIPPED) judges samples
GAN_JUDGED = 500  # dlplay.recipes.gan.COVERAGE_SAMPLES
GAN_GRID = 40  # dlplay.recipes.gan: GRID_PER_CLASS rows of ten digits
# The random warp and pens of one digit took as long as about 2.4 million multiply-adds of the CNN's
# layers (bench/training_cost.py: 76 us per digit, a third of the default network's training step).
AUGMENT = 2_400_000
# Words in the English vocabulary: with pretrained vectors every word they or the lexicon know (about
# 15,000) joins the training words; without, the training words seen twice. Each update's Adam step
# covers the whole table.
ENGLISH_VOCABULARY = {True: 18_000, False: 6_000}
CHINESE_VOCABULARY = 3_500  # characters seen at least twice
PRETRAINED_DIM = 256  # dlplay.data.word_vectors.FULL_DIM, projected to the embedding size
GENERATED_CHARACTERS = 18  # a generated Chinese sentence's length (dlplay.data.phrases_zh)
# Characters read per review at max_len m (batches are cut to their longest text): m * (1 - m / 435)
# is within 3 % of the training reviews' mean for m from 16 to 128.
REVIEW_CUT = 435


@dataclass(frozen=True)
class Work:
    updates: float  # optimizer updates per epoch
    madds: float  # multiply-adds per epoch
    cell_steps: float = 0.0  # recurrent cell steps per epoch (batches x time steps x layers x directions)


def _dense(*sizes: int) -> float:
    """Multiply-adds of a chain of fully connected layers with these sizes, for one example."""
    return float(sum(a * b for a, b in zip(sizes, sizes[1:])))


def _epoch(examples: float, batch: int, forward: float, parameters: float, evaluated: float = 0.0,
           models: int = 1) -> Work:
    """An epoch of `models` networks (each `forward` multiply-adds per example, `parameters` weights)
    over `examples`, then `evaluated` multiply-adds of evaluation."""
    updates = math.ceil(examples / max(1, batch)) * models
    madds = models * examples * forward * (1 + BACKWARD) + updates * parameters * ADAM_PER_PARAMETER + evaluated
    return Work(updates, madds)


def _mlp(c: dict) -> Work:
    n, sizes = c["samples"], (2, *[c["width"]] * c["depth"], 2)
    forward = _dense(*sizes)
    grid = len(toy.grid()[2])
    # Each epoch: validation (a quarter as many points), the boundary grid, and the dead-unit count on the training set.
    return _epoch(n, min(c["batch_size"], n), forward, forward, forward * (max(100, n // 4) + grid + n))


def _optrace(c: dict) -> Work:
    n, sizes = RACE_NETWORK["samples"], (2, *[RACE_NETWORK["width"]] * RACE_NETWORK["depth"], 2)
    forward, racers = _dense(*sizes), max(1, len(c["optimizers"]))
    return _epoch(n, c["batch_size"], forward, forward, racers * forward * max(100, n // 4), models=racers)


def _cnn_forward(c: dict) -> tuple[float, float]:
    """The digit CNN's multiply-adds per image and its parameters."""
    madds = params = 0.0
    c_in, side = 1, 28
    for i in range(c["blocks"]):
        c_out = c["channels"] * 2 ** i
        weights = c_in * c_out * c["kernel"] ** 2
        madds, params = madds + side * side * weights, params + weights
        c_in, side = c_out, side // 2
    head = _dense(c_in * side * side, c["hidden"], 10)
    return madds + head, params + head


def _cnn(c: dict) -> Work:
    full = c["data"] == "mnist"
    n = min(c["train_size"], digits.TRAIN_DIGITS["mnist" if full else "offline"])
    if c["finetune"]:
        n = min(n, CNN_FINETUNE_SAMPLES)
    n += CNN_EXTRA_REPEAT * len(c.get("extra_labels", ()))
    forward, params = _cnn_forward(c)
    if c["augment"]:
        forward += AUGMENT
    val = digits.FULL_VAL if full else round(digits.SAMPLE_SIZE * digits.VAL_FRACTION)
    return _epoch(n, c["batch_size"], forward, params, val * _cnn_forward(c)[0])


def _autoencoder(c: dict) -> Work:
    w, hidden, latent = c["width"], c["hidden"], c["latent"]
    codes = 2 if c["kind"] == "vae" else 1
    convs = 14 * 14 * w * 16 + 7 * 7 * w * 2 * w * 16  # two 4x4 stride-2 convolutions, mirrored by the decoder
    dense = _dense(2 * w * 49, hidden) + codes * hidden * latent + _dense(latent, hidden, 2 * w * 49)
    forward = 2 * convs + dense
    val = round(digits.SAMPLE_SIZE * digits.VAL_FRACTION)
    return _epoch(c["samples"], c["batch_size"], forward, 2 * (1 + 2 * w) * w * 16 + dense, val * forward)


def _gan_networks(c: dict) -> tuple[float, float]:
    """Multiply-adds per image of the generator and of the discriminator."""
    w, labels = c["width"], 10 if c["conditional"] else 0
    if c["arch"] == "fc":
        h = 4 * w
        return _dense(c["z_dim"] + labels, h, 2 * h, 28 * 28), _dense(28 * 28 + labels, 2 * h, h, 1)
    generator = _dense(c["z_dim"] + labels, 2 * w * 49) + 49 * 2 * w * w * 16 + 196 * w * 16
    discriminator = 196 * (1 + labels) * w * 16 + 49 * w * 2 * w * 16 + 2 * w * 49
    return generator, discriminator


def _gan(c: dict) -> Work:
    available = digits.TRAIN_DIGITS["mnist" if c["dataset"] == "mnist" else "offline"]
    n, (g, d) = min(c["samples"], available), _gan_networks(c)
    # Per real image: each D step makes a fake (G forward) and trains D on the real and the fake one,
    # then G trains through D.
    per_image = c["d_steps"] * (g + 2 * d * (1 + BACKWARD)) + (g + d) * (1 + BACKWARD)
    judge = _cnn_forward({**digits_params.TABLE.defaults(), **GAN_JUDGE})[0]
    # Each epoch ends with the live grid and GAN_JUDGED samples read by the digit CNN. Adam's arithmetic
    # is left out: the networks' weights are few next to a batch's convolutions.
    updates = math.ceil(n / c["batch_size"]) * (c["d_steps"] + 1)
    return Work(updates, n * per_image + (GAN_GRID + GAN_JUDGED) * g + GAN_JUDGED * judge)


def _recurrent(c: dict, inputs: int) -> tuple[float, float, int]:
    """A recurrent stack's multiply-adds per token, its parameters and its cells per token (layers x directions)."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[c["cell"]]
    directions = 2 if c["bidirectional"] else 1
    madds = 0.0
    for layer in range(c["layers"]):
        madds += directions * gates * (inputs + c["hidden"]) * c["hidden"]
        inputs = directions * c["hidden"]
    return madds, madds, c["layers"] * directions


def _read(work: Work, texts: float, batch: int, length: float, evaluated: float, evaluated_length: float,
          cells: int) -> Work:
    """`work` plus its recurrent cell steps: each training batch steps through `length` tokens forward and
    back, evaluation through `evaluated` texts of `evaluated_length` in batches of 512, forward only."""
    steps = (math.ceil(texts / max(1, batch)) * length * (1 + BACKWARD)
             + math.ceil(evaluated / 512) * evaluated_length)
    return Work(work.updates, work.madds, work.cell_steps + steps * cells)


def _sentiment(c: dict) -> Work:
    texts = min(c["train_samples"], tweets.TRAIN_TWEETS[c["classes"]]) + c["imdb"]
    texts += c["phrases"] if c["augment"] else 0
    per_token, params, cells = _recurrent(c, c["embedding"])
    if c["pretrained"]:  # the frozen vectors are projected to the embedding size, token by token
        per_token += PRETRAINED_DIM * c["embedding"]
        params += PRETRAINED_DIM * c["embedding"]
    trained_table = c["tune_words"] or not c["pretrained"]
    table = ENGLISH_VOCABULARY[bool(c["pretrained"])] * c["embedding"] if trained_table else 0
    forward, val = c["max_len"] * per_token, tweets.VAL_TWEETS[c["classes"]]  # every text is padded to max_len
    work = _epoch(texts, c["batch_size"], forward, params + table, val * forward)
    return _read(work, texts, c["batch_size"], c["max_len"], val, c["max_len"], cells)


def _sentiment_zh(c: dict) -> Work:
    per_token, params, cells = _recurrent(c, c["embedding"])
    reviews, m = min(c["train_samples"], chinese_reviews.TRAIN_REVIEWS), c["max_len"]
    if c["bidirectional"] and c["layers"] > 1:  # padding is read too (see the recipe's exact_cut)
        characters = (reviews + c["phrases"]) * m
    else:
        characters = reviews * m * (1 - m / REVIEW_CUT) + c["phrases"] * min(m, GENERATED_CHARACTERS)
    texts, val = reviews + c["phrases"], chinese_reviews.VAL_REVIEWS
    length = characters / max(1, texts)  # batches hold texts of about the same length
    work = _epoch(texts, c["batch_size"], length * per_token, params + CHINESE_VOCABULARY * c["embedding"],
                  val * m * per_token)
    return _read(work, texts, c["batch_size"], length, val, m, cells)


FORMULAS = {
    "mlp": (LAB, _mlp),
    "optrace": (optimizers_params.TABLE, _optrace),
    "cnn": (digits_params.TABLE, _cnn),
    "autoencoder": (autoencoder_params.TABLE, _autoencoder),
    "gan": (gan_params.TABLE, _gan),
    "sentiment": (sentiment_params.TABLE, _sentiment),
    "sentiment_zh": (sentiment_zh_params.TABLE, _sentiment_zh),
}


def settings_for(recipe: str, config: dict) -> dict:
    """`config` completed the way the recipe completes it: its table's defaults and limits, its own defaults."""
    table = FORMULAS[recipe][0]
    extra = {"optimizers": list(optimizers_params.EXPLORER["names"].value())} if recipe == "optrace" else {}
    return table.clamp({**table.defaults(), **RECIPE_DEFAULTS[recipe], **extra, **config})


def work(recipe: str, config: dict) -> Work | None:
    """One epoch's updates and multiply-adds, or None for a recipe without a formula."""
    if recipe not in FORMULAS:
        return None
    return FORMULAS[recipe][1](settings_for(recipe, config))


@functools.lru_cache(maxsize=1)
def fitted() -> dict:
    """The constants bench/training_cost.py measured, with when and where; {} when the file is missing."""
    try:
        return json.loads(FITTED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def predict(recipe: str, config: dict, constants: dict | None = None) -> float | None:
    """Seconds per epoch on the machine the constants were measured on; None without a formula or a rate."""
    constants = fitted() if constants is None else constants
    rate = constants.get("madds_per_second", {}).get(recipe)
    w = work(recipe, config)
    if not rate or w is None:
        return None
    return priced(w, constants) / rate


def priced(w: Work, constants: dict) -> float:
    """An epoch's work in multiply-adds, its updates and cell steps priced by the fixed costs in `constants`."""
    return w.madds + constants["madds_per_update"] * w.updates + constants["madds_per_cell_step"] * w.cell_steps
