"""The topics of the playground, in the order a learner should visit them (used by app.py and home)."""
from __future__ import annotations

from dataclasses import dataclass

from dlplay.i18n import N_


@dataclass(frozen=True)
class Topic:
    slug: str  # url path and file name in pages/
    title: str  # in English; shown through dlplay.i18n._()
    icon: str
    teaches: str


TOPICS = [
    Topic("backprop", N_("Neurons and backpropagation"), "🔗",
          N_("One neuron, the chain rule on a graph, a small network stepped forward and backward with every "
          "number shown, what each loss sends back, and gradient descent learning XOR.")),
    Topic("activations", N_("Activation functions"), "📈",
          N_("What a non-linearity does, its gradient, why deep sigmoid stacks stop learning and ReLUs die; "
          "a small network learning a 2-D pattern live.")),
    Topic("optimizers", N_("Optimizers"), "🏔️",
          N_("How SGD, momentum, RMSprop and Adam move over a loss surface, step by step with the numbers, "
          "and what happens when the learning rate is too large.")),
    Topic("digits", N_("CNN: read my digit"), "✍️",
          N_("Draw a digit; see how it is prepared like MNIST, what each convolution layer sees, and retrain "
          "the network from sliders.")),
    Topic("sentiment", N_("RNN: read my sentence"), "💬",
          N_("Type a sentence; watch a recurrent network build its verdict word by word, and what LSTM/GRU "
          "gates do.")),
    Topic("autoencoder", N_("Autoencoder latent space"), "🗺️",
          N_("The map an autoencoder draws of all digits: click anywhere to decode, morph one digit into "
          "another, compare with PCA.")),
    Topic("gan", N_("GAN: dream up digits"), "🎲",
          N_("A generator and a discriminator fighting: sample digits from noise, walk the noise space, train "
          "a GAN and watch for mode collapse.")),
]

BY_SLUG = {t.slug: t for t in TOPICS}
