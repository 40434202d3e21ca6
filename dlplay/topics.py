"""The topics of the playground, in the order a learner should visit them (used by app.py and home)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    slug: str  # url path and file name in pages/
    title: str
    icon: str
    teaches: str


TOPICS = [
    Topic("backprop", "Neurons and backpropagation", "🔗",
          "One neuron, the chain rule on a graph, a small network stepped forward and backward with every "
          "number shown, what each loss sends back, and gradient descent learning XOR."),
    Topic("activations", "Activation functions", "📈",
          "What a non-linearity does, its gradient, why deep sigmoid stacks stop learning and ReLUs die; "
          "a small network learning a 2-D pattern live."),
    Topic("optimizers", "Optimizers", "🏔️",
          "How SGD, momentum, RMSprop and Adam move over a loss surface, step by step with the numbers, "
          "and what happens when the learning rate is too large."),
    Topic("digits", "CNN: read my digit", "✍️",
          "Draw a digit; see how it is prepared like MNIST, what each convolution layer sees, and retrain "
          "the network from sliders."),
    Topic("sentiment", "RNN: read my sentence", "💬",
          "Type a sentence; watch a recurrent network build its verdict word by word, and what LSTM/GRU "
          "gates do."),
    Topic("autoencoder", "Autoencoder latent space", "🗺️",
          "The map an autoencoder draws of all digits: click anywhere to decode, morph one digit into "
          "another, compare with PCA."),
    Topic("gan", "GAN: dream up digits", "🎲",
          "A generator and a discriminator fighting: sample digits from noise, walk the noise space, train "
          "a GAN and watch for mode collapse."),
]

BY_SLUG = {t.slug: t for t in TOPICS}
