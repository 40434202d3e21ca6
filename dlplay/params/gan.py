"""The GAN page's settings: what a learner's training run takes (TABLE) and how the shipped or
trained generator is explored (EXPLORE). Read by pages/gan.py and dlplay.recipes.gan.

The training defaults are tuned for one CPU thread inside the job's time cap: a generator that
learns 5x faster than the discriminator (lr 1e-3 against 2e-4) and batches of 32 (twice the updates
of 64 for no more CPU time per epoch on one thread: about 5 s) draw digits the shipped classifier
reads within 2 or 3 epochs, and 8 epochs on the 4,000 offline digits (about 42 s of CPU) come close
to the shipped model's numbers (bench/gan_default.py prints them for three seeds). At DCGAN's equal 2e-4 the
discriminator wins the first epochs and 5 epochs give grey blobs; the shipped model keeps those rates,
batches of 64 and trains 30 epochs (dlplay.recipes.gan.SHIPPED).

Labels, help texts and option names are marked with N_() for the page's catalog; the widgets translate
them when they are drawn.
"""
from dlplay.i18n import N_
from dlplay.params import Param, Table

LEARNING_RATES = (0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05)
DIGITS = ("any",) + tuple(str(d) for d in range(10))

TABLE = Table("gan", (
    Param("arch", "dcgan", N_("Networks"), choices=("dcgan", "fc"), widget="radio",
          names={"dcgan": N_("convolutional (DCGAN)"), "fc": N_("fully connected")},
          help=N_("DCGAN: transposed convolutions draw strokes; fully connected: the original GAN of 2014.")),
    Param("conditional", True, N_("Conditional (G and D are told the digit)"),
          help=N_("G is asked for a digit and D judges the picture together with that digit.")),
    Param("objective", "non_saturating", N_("Generator loss"), choices=("non_saturating", "minimax"), widget="radio",
          names={"non_saturating": N_("non-saturating"), "minimax": N_("minimax")},
          help=N_("Minimax: G minimises log(1 − D(G(z))), whose gradient vanishes while D wins. "
                  "Non-saturating: G maximises log D(G(z)) instead (section 5).")),
    Param("lr_g", 0.001, N_("Learning rate G"), choices=LEARNING_RATES,
          help=N_("Adam's step size for the generator.")),
    Param("lr_d", 0.0002, N_("Learning rate D"), choices=LEARNING_RATES,
          help=N_("Adam's step size for the discriminator. A D that learns as fast as G wins early here.")),
    Param("beta1", 0.5, N_("Adam β₁"), low=0.0, high=0.99, step=0.05,
          help=N_("DCGAN uses 0.5; 0.9 is often unstable.")),
    Param("batch_size", 32, N_("Batch size"), choices=(32, 64, 128),
          help=N_("Digits per update: smaller batches make more (noisier) updates per epoch.")),
    Param("z_dim", 32, N_("Noise size (style)"), choices=(8, 16, 32, 64),
          help=N_("Numbers of noise G turns into a picture, beside the digit it is asked for.")),
    Param("d_steps", 1, N_("D steps per G step"), low=1, high=5),
    Param("label_smoothing", 0.0, N_("Label smoothing (real = 1 − s)"), low=0.0, high=0.3, step=0.05,
          help=N_("D is taught that real digits are only 1 − s real, which keeps it from becoming too sure.")),
    Param("epochs", 8, N_("Epochs"), low=1, high=30, cap="MAX_EPOCHS",
          help=N_("Passes over the 4,000 training digits.")),
))

EXPLORE = Table("gan", (
    Param("seed", 0, N_("Seed (the same seed always draws the same digits)"), low=0, high=999_999),
    Param("digit", "any", N_("Digit to draw"), choices=DIGITS, names={"any": N_("any")}),
    Param("a", 1, N_("From seed"), low=0, high=999_999),
    Param("b", 2, N_("To seed"), low=0, high=999_999),
    Param("steps", 9, N_("Steps"), low=3, high=15),
))

# Links shared before the table named the URL keys after the recipe's settings still open as they were.
OLD_URL_KEYS = {"gan_cond": "gan_conditional", "gan_batch": "gan_batch_size", "gan_z": "gan_z_dim",
                "gan_dsteps": "gan_d_steps", "gan_smooth": "gan_label_smoothing"}
