"""What pretrained word vectors are worth to a learner's run on the sentiment page.

    python -m dlplay bench sentiment_vectors [--seeds N]     (or: python bench/sentiment_vectors.py)

Trains the page's default run (the recipe's DEFAULTS: a 3-epoch LSTM on a few thousand tweets and
generated sentences) with and without WordLlama vectors, on one thread as a page job gets on this
2-core machine, and prints training time and accuracy on the tweets and the four hand-written sets.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from dlplay.recipes import sentiment as recipe  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(1)
    columns = ["val_acc", *recipe.EVAL_SETS]
    print(f"{'vectors':8s}{'seed':>5s}{'train s':>9s}{'vocab':>7s}" + "".join(f"{c:>13s}" for c in columns))
    for seed in range(args.seeds):
        for pretrained in (False, True):
            result = recipe.train({"pretrained": pretrained, "seed": seed})
            print(f"{'on' if pretrained else 'off':8s}{seed:5d}{result.outcome.elapsed:9.1f}{result.extras['vocab_size']:7d}"
                  + "".join(f"{result.metrics.get(c, float('nan')):13.3f}" for c in columns), flush=True)


if __name__ == "__main__":
    main()
