"""IMDB movie reviews: an optional, larger sentiment corpus that needs internet once.

The Stanford Large Movie Review Dataset (Andrew L. Maas et al., "Learning Word Vectors for
Sentiment Analysis", ACL 2011; https://ai.stanford.edu/~amaas/data/sentiment/) holds 50,000
labelled reviews, 25,000 for training (12,500 positive, 12,500 negative). It is distributed by the
Stanford AI Lab for research use; the page states no other licence. The archive (about 80 MB) is
fetched only when a learner asks, into ``settings.DATA_DIR / "imdb"``, and reviews are read
straight from the tar.gz: nothing is unpacked to disk.

The tweets and the generated sentences (dlplay/data/phrases.py) keep working without it: every
way this corpus can be missing (offline, not downloaded yet, damaged) raises `CorpusUnavailable`
with a message a learner can act on. Standard library and numpy only (no torch, no streamlit).
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import tarfile
import tempfile
import threading
import urllib.request
import zlib
from pathlib import Path

import numpy as np

from dlplay import settings
from dlplay.data import DataMissing
from dlplay.i18n import Msg, N_

URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
FILE_NAME = "aclImdb_v1.tar.gz"
SIZE = 84_125_825  # bytes, as served since 2011
SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"
TRAIN_REVIEWS = 25_000  # 12,500 per class in aclImdb/train/{pos,neg}
MAX_CHARS = 400  # per review: the RNN reads at most a few dozen tokens, so the rest would be dead weight
SOURCE = "IMDB movie reviews (Maas et al., ACL 2011; Stanford AI Lab)"

_MEMBER = re.compile(r"(?:^|/)aclImdb/train/(pos|neg)/([^/]+\.txt)$")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_CHUNK = 1 << 20
_MAX_MEMBER_BYTES = 8 * MAX_CHARS  # read no more of one review than its capped text can need (UTF-8)
_download_lock = threading.Lock()


class CorpusUnavailable(DataMissing):
    """The IMDB reviews cannot be used right now (offline, not downloaded, or a damaged file)."""


def path() -> Path:
    """Where the archive lives once downloaded."""
    return settings.DATA_DIR / "imdb" / FILE_NAME


def cached() -> bool:
    """True when the archive has been downloaded (it is only ever written complete and verified)."""
    p = path()
    return p.is_file() and p.stat().st_size > 0


def online(timeout: float = 2.0) -> bool:
    """True when the archive's host answers within `timeout` seconds; False offline or with DLPLAY_OFFLINE=1.

    The probe (an HTTP HEAD request) runs in a daemon thread that we wait on for at most `timeout`
    seconds, so even a stuck DNS lookup cannot hold a page longer than that.
    """
    if settings.OFFLINE:
        return False
    answer: list[bool] = []

    def probe() -> None:
        try:
            with urllib.request.urlopen(urllib.request.Request(URL, method="HEAD"), timeout=timeout) as r:
                answer.append(r.status < 400)
        except Exception:  # URLError, timeouts, TLS errors, HTTP errors: all mean "not reachable now"
            answer.append(False)

    worker = threading.Thread(target=probe, name="dlplay-imdb-online", daemon=True)
    worker.start()
    worker.join(timeout)
    return bool(answer and answer[0])


def download(progress=None) -> Path:
    """Fetch the archive once (about 80 MB) and return its path.

    `progress(done_bytes, total_bytes)` is called after every chunk, for a progress bar. The bytes go
    to a temporary file in the same folder, are checked (size, SHA-256) and only then renamed into
    place, so a broken or partial download never looks cached. One download at a time per process:
    a second caller waits for the first and then finds the file there.
    """
    with _download_lock:
        if cached():
            return path()
        if settings.OFFLINE:
            raise CorpusUnavailable(Msg(N_("This server is set to work offline (DLPLAY_OFFLINE), so the IMDB reviews "
                                           "cannot be downloaded. The tweets and generated reviews still train a model.")))
        target = path()
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".download-", suffix=".part", dir=target.parent)
        try:
            digest = hashlib.sha256()
            done = 0
            with os.fdopen(fd, "wb") as out, urllib.request.urlopen(URL, timeout=30) as response:
                total = int(response.headers.get("Content-Length") or SIZE)
                if total > SIZE:
                    raise CorpusUnavailable(Msg(N_("The server offers {offered:,} bytes for the IMDB archive, more than "
                                                   "the {expected:,} expected; not downloading it."),
                                                offered=total, expected=SIZE))
                while chunk := response.read(_CHUNK):
                    done += len(chunk)
                    if done > SIZE:
                        raise CorpusUnavailable(Msg(N_("The IMDB download is larger than expected; stopped.")))
                    out.write(chunk)
                    digest.update(chunk)
                    if progress is not None:
                        progress(done, total)
            if done != SIZE or digest.hexdigest() != SHA256:
                raise CorpusUnavailable(Msg(N_("The IMDB download arrived damaged ({done:,} of {expected:,} bytes, or a "
                                               "different checksum); nothing was kept. Try again."),
                                            done=done, expected=SIZE))
            os.replace(tmp, target)
            return target
        except CorpusUnavailable:
            raise
        except (OSError, ValueError) as e:  # URLError and timeouts are OSErrors
            raise CorpusUnavailable(Msg(N_("The IMDB reviews could not be downloaded (no internet?): {error}. The tweets "
                                           "and generated reviews still train a model."), error=str(e))) from e
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)


def clean(raw: str, max_chars: int = MAX_CHARS) -> str:
    """One review as plain text: `<br />` line breaks become spaces, whitespace collapses, and the text is
    cut at a word boundary to at most `max_chars` characters."""
    text = _SPACE.sub(" ", _BREAK.sub(" ", raw)).strip()
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = cut.rfind(" ")
    return cut[:space] if space > max_chars // 2 else cut


def load(max_reviews: int, seed: int = 0, archive: Path | None = None) -> tuple[list[str], list[int]]:
    """Up to `max_reviews` training reviews, half positive and half negative; labels 0 = negative, 1 = positive.

    The choice and the order depend only on `seed`. Raises CorpusUnavailable when the archive is not
    downloaded or cannot be read.
    """
    archive = Path(archive) if archive is not None else path()
    if not archive.is_file():
        raise CorpusUnavailable(Msg(N_("The IMDB reviews are not downloaded yet: on the sentiment page, add the "
                                       "IMDB movie reviews and press Download (needs internet, about 80 MB).")))
    stat = archive.stat()
    pos, neg = _train_reviews(str(archive), stat.st_size, stat.st_mtime_ns)
    per_class = min(max(0, int(max_reviews)) // 2, len(pos), len(neg))
    rng = np.random.default_rng(seed)
    chosen = [(pos[i], 1) for i in rng.permutation(len(pos))[:per_class]]
    chosen += [(neg[i], 0) for i in rng.permutation(len(neg))[:per_class]]
    chosen = [chosen[i] for i in rng.permutation(len(chosen))]
    return [t for t, _ in chosen], [y for _, y in chosen]


@functools.lru_cache(maxsize=1)
def _train_reviews(archive: str, size: int, mtime_ns: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every cleaned training review, (positive, negative), each sorted by file name; read once per file version."""
    found: dict[str, list[tuple[str, str]]] = {"pos": [], "neg": []}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                match = _MEMBER.search(member.name)
                if match is None or not member.isfile():
                    continue
                f = tar.extractfile(member)
                if f is None:
                    continue
                raw = f.read(_MAX_MEMBER_BYTES).decode("utf-8", errors="replace")
                found[match.group(1)].append((match.group(2), clean(raw)))
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise CorpusUnavailable(Msg(N_("The IMDB archive {archive} is damaged ({error}); delete it and "
                                       "download it again."), archive=archive, error=type(e).__name__)) from e
    if not found["pos"] or not found["neg"]:
        raise CorpusUnavailable(Msg(N_("{archive} holds no aclImdb/train/pos and aclImdb/train/neg reviews; delete it "
                                       "and download it again."), archive=archive))
    return tuple(t for _, t in sorted(found["pos"]) if t), tuple(t for _, t in sorted(found["neg"]) if t)
