"""The autoencoder page's settings: what a learner's training run takes (TABLE) and how the
shipped or trained model is explored (EXPLORE). Read by pages/autoencoder.py and
dlplay.recipes.autoencoder. Labels, help texts and option names are marked with N_() for the
page's catalog; the widgets translate them when they are drawn."""
from dlplay.i18n import N_
from dlplay.params import Param, Table

TABLE = Table("ae", (
    Param("kind", "vae", N_("Kind"), choices=("ae", "vae"), widget="radio", names={"ae": "AE", "vae": "VAE"},
          help=N_("AE: each digit gets one code. VAE: each digit gets a small cloud of codes, pulled towards "
                  "the centre, which fills the map without holes.")),
    Param("latent", 2, N_("Latent size"), choices=(2, 4, 8, 16, 32),
          help=N_("Numbers per code. 2 can be drawn as a map as it is; larger codes rebuild digits better and "
                  "are shown through their two main directions.")),
    Param("beta", 1.0, N_("β (KL weight, VAE only)"), low=0.0, high=4.0, step=0.1,
          help=N_("How hard the VAE pulls codes towards the centre: more gives a tidier map and blurrier digits.")),
    Param("width", 16, N_("Width (conv channels)"), choices=(8, 16, 32), cap="MAX_WIDTH"),
    Param("noise", 0.0, N_("Input noise while training (denoising AE)"), low=0.0, high=0.5, step=0.05,
          help=N_("Each training digit gets pixel noise of up to this standard deviation; the target stays clean.")),
    Param("samples", 4000, N_("Training digits"), low=500, high=4000, step=500, cap="MAX_TRAIN_SAMPLES",
          help=N_("How many of the 4,000 offline training digits the network learns from; fewer train faster.")),
    Param("epochs", 8, N_("Epochs"), low=1, high=30, cap="MAX_EPOCHS"),
    Param("lr", 0.002, N_("Learning rate"), choices=(0.0001, 0.0003, 0.001, 0.002, 0.003, 0.01),
          help=N_("Adam's step size.")),
))

# The default morph: the typical 0 and the typical 6 of the shipped 2-D map both decode to digits
# the shipped CNN reads with 100 % confidence, and every frame of the straight path between them is
# read as a 0 or a 6 (3 to 15 steps; bench/autoencoder.py prints the frames' readings).
EXPLORE = Table("ae", (
    Param("grid", 12, N_("Grid size"), low=5, high=20),
    Param("a", 0, N_("From"), choices=tuple(range(10)), widget="selectbox"),
    Param("b", 6, N_("To"), choices=tuple(range(10)), widget="selectbox"),
    Param("steps", 9, N_("Steps"), low=3, high=15),
    Param("method", "linear", N_("Path"), choices=("linear", "spherical"), widget="radio",
          names={"linear": N_("straight"), "spherical": N_("spherical")},
          help=N_("Straight: the line between the two codes. Spherical (VAE only): an arc that keeps the path "
                  "where the VAE's prior puts its mass, instead of dipping towards the centre.")),
    Param("denoise", 0.3, N_("Noise (standard deviation added to every pixel)"), low=0.0, high=1.0, step=0.05),
))
