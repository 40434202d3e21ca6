"""IMDB reviews (dlplay.data.imdb), all offline: a tiny fake aclImdb archive and a local HTTP server."""
import functools
import hashlib
import http.server
import io
import socket
import tarfile
import threading
import time

import numpy as np
import pytest

from dlplay import settings
from dlplay.data import imdb

LONG = "This film is a slow burn that pays off. " * 40


def make_archive(path, n_pos=6, n_neg=4):
    """A gzipped tar laid out like aclImdb_v1: train/pos, train/neg (used), test/ and train/unsup (ignored)."""
    files = {f"aclImdb/train/pos/{i}_9.txt": f"Great movie number {i}.<br /><br />Loved   it." for i in range(n_pos)}
    files |= {f"aclImdb/train/neg/{i}_2.txt": f"Awful movie number {i}.<br/>Hated it." for i in range(n_neg)}
    files |= {"aclImdb/train/pos/long_10.txt": LONG, "aclImdb/test/pos/0_10.txt": "TESTSET review",
              "aclImdb/train/unsup/0_0.txt": "UNSUP review", "aclImdb/README": "not a review"}
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path / "data")
    monkeypatch.setattr(settings, "OFFLINE", False)
    return tmp_path / "data"


@pytest.fixture
def archive(data_dir):
    imdb.path().parent.mkdir(parents=True)
    return make_archive(imdb.path(), n_pos=19, n_neg=20)  # + the long review: 20 per class


@pytest.fixture
def server(tmp_path):
    """A local HTTP server for tmp_path/www; yields its base URL."""
    (tmp_path / "www").mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=tmp_path / "www"))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/aclImdb_v1.tar.gz"  # nothing listens there once the socket is closed


def test_load_is_balanced_cleaned_and_ignores_test_and_unsup(archive):
    texts, labels = imdb.load(100, seed=0)
    assert len(texts) == len(labels) == 40  # all of them: asking for more than there are is fine
    assert labels.count(1) == labels.count(0) == 20
    assert not any("<br" in t or "  " in t for t in texts)
    assert not any("TESTSET" in t or "UNSUP" in t or "not a review" in t for t in texts)
    assert "Great movie number 3. Loved it." in texts
    assert all(t.startswith(("Great", "This film")) == (y == 1) for t, y in zip(texts, labels))


def test_load_is_deterministic_per_seed_and_respects_the_cap(archive):
    assert imdb.load(6, seed=1) == imdb.load(6, seed=1)
    assert len({tuple(imdb.load(6, seed=s)[0]) for s in range(5)}) > 1
    texts, labels = imdb.load(7, seed=3)
    assert len(texts) == 6 and sum(labels) == 3  # an odd request stays balanced
    assert imdb.load(0) == ([], [])
    texts, _ = imdb.load(100, seed=0)
    long = next(t for t in texts if t.startswith("This film"))
    assert imdb.MAX_CHARS // 2 < len(long) <= imdb.MAX_CHARS and long.endswith("off.")  # cut between words


def test_clean_strips_line_breaks_and_cuts_long_text():
    assert imdb.clean("A<br />B<BR>C<br/>  D\n") == "A B C D"
    assert imdb.clean("word " * 500, max_chars=50) == " ".join(["word"] * 10)
    assert len(imdb.clean("x" * 1000, max_chars=50)) == 50  # no space to cut at: a hard cut


def test_missing_and_damaged_archives_raise_a_plain_error(data_dir, tmp_path):
    assert not imdb.cached()
    with pytest.raises(imdb.CorpusUnavailable, match="not downloaded yet"):
        imdb.load(10)
    whole = make_archive(tmp_path / "whole.tar.gz").read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(whole[: len(whole) // 2])
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"this is not a gzip file" * 100)
    for bad in (truncated, garbage):
        with pytest.raises(imdb.CorpusUnavailable, match="damaged"):
            imdb.load(10, archive=bad)
    empty = tmp_path / "empty.tar.gz"
    with tarfile.open(empty, "w:gz"):
        pass
    with pytest.raises(imdb.CorpusUnavailable, match="no aclImdb/train/pos"):
        imdb.load(10, archive=empty)


def test_online_is_false_quickly_when_the_host_cannot_be_reached(monkeypatch):
    monkeypatch.setattr(settings, "OFFLINE", False)
    monkeypatch.setattr(imdb, "URL", closed_port_url())
    start = time.monotonic()
    assert imdb.online(timeout=2.0) is False
    monkeypatch.setattr(imdb, "URL", "http://10.255.255.1/aclImdb_v1.tar.gz")  # unroutable: the probe hangs
    assert imdb.online(timeout=0.5) is False
    assert time.monotonic() - start < 2.5


def test_online_is_true_for_a_live_host_unless_the_host_says_offline(server, monkeypatch):
    monkeypatch.setattr(imdb, "URL", server + "/")
    monkeypatch.setattr(settings, "OFFLINE", False)
    assert imdb.online() is True
    monkeypatch.setattr(settings, "OFFLINE", True)
    assert imdb.online() is False


def _serve_archive(server, tmp_path, monkeypatch):
    blob = make_archive(tmp_path / "www" / imdb.FILE_NAME).read_bytes()
    monkeypatch.setattr(imdb, "URL", f"{server}/{imdb.FILE_NAME}")
    monkeypatch.setattr(imdb, "SIZE", len(blob))
    monkeypatch.setattr(imdb, "SHA256", hashlib.sha256(blob).hexdigest())
    monkeypatch.setattr(imdb, "_CHUNK", 64)
    return blob


def test_download_reports_progress_and_lands_atomically(data_dir, server, tmp_path, monkeypatch):
    blob = _serve_archive(server, tmp_path, monkeypatch)
    seen = []
    assert imdb.download(lambda done, total: seen.append((done, total))) == imdb.path()
    assert imdb.cached() and imdb.path().read_bytes() == blob
    assert len(seen) > 2 and seen[-1] == (len(blob), len(blob))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert [p.name for p in imdb.path().parent.iterdir()] == [imdb.FILE_NAME]  # no temporary file left
    assert len(imdb.load(100)[0]) == 8
    monkeypatch.setattr(imdb, "URL", closed_port_url())
    assert imdb.download() == imdb.path()  # cached: no network needed


@pytest.mark.parametrize("damage", ["checksum", "too_big"])
def test_a_damaged_or_oversized_download_keeps_nothing(damage, data_dir, server, tmp_path, monkeypatch):
    blob = _serve_archive(server, tmp_path, monkeypatch)
    if damage == "checksum":
        monkeypatch.setattr(imdb, "SHA256", "0" * 64)
    else:
        monkeypatch.setattr(imdb, "SIZE", len(blob) - 10)
    with pytest.raises(imdb.CorpusUnavailable, match="damaged" if damage == "checksum" else "expected"):
        imdb.download()
    assert not imdb.cached() and list(imdb.path().parent.iterdir()) == []


def test_dlplay_offline_environment_variable(monkeypatch):
    import importlib
    try:
        for value, offline in (("1", True), ("yes", True), ("0", False), ("", False)):
            monkeypatch.setenv("DLPLAY_OFFLINE", value)
            assert importlib.reload(settings).OFFLINE is offline, value
    finally:
        monkeypatch.delenv("DLPLAY_OFFLINE")
        importlib.reload(settings)


def test_download_offline_is_a_plain_error(data_dir, monkeypatch):
    monkeypatch.setattr(imdb, "URL", closed_port_url())
    with pytest.raises(imdb.CorpusUnavailable, match="could not be downloaded"):
        imdb.download()
    monkeypatch.setattr(settings, "OFFLINE", True)
    with pytest.raises(imdb.CorpusUnavailable, match="DLPLAY_OFFLINE"):
        imdb.download()
    assert not imdb.cached()


def test_serving_imports_neither_torch_nor_streamlit():
    import subprocess
    import sys
    code = "import sys, dlplay.data.imdb; print('torch' in sys.modules, 'streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- the sentiment recipe ---------------------------------------------------------------------------

@pytest.fixture
def recipe():
    from dlplay.recipes import sentiment
    return sentiment


def tiny_tweets(classes=2):
    from dlplay.data import tweets
    names = tweets.LABELS[classes]
    split = tweets.Split(["a tweet", "another tweet"], np.array([0, len(names) - 1]))
    return tweets.Tweets(split, split, split, names, "test")


def test_recipe_clamps_imdb(recipe):
    assert recipe.clamp({})["imdb"] == 0
    assert recipe.clamp({"imdb": -5})["imdb"] == 0
    assert recipe.clamp({"imdb": 10**9})["imdb"] == min(settings.MAX_TRAIN_SAMPLES, imdb.TRAIN_REVIEWS)


def test_recipe_raises_the_plain_error_when_imdb_is_asked_but_missing(recipe, data_dir):
    c = recipe.clamp({"imdb": 1000, "augment": False})
    with pytest.raises(imdb.CorpusUnavailable, match="not downloaded yet"):
        recipe.training_texts(c, tiny_tweets())
    texts, labels = recipe.training_texts(recipe.clamp({"augment": False}), tiny_tweets())
    assert len(texts) == 2  # without IMDB nothing needs the network or the archive


@pytest.mark.parametrize("classes", [2, 3])
def test_recipe_adds_imdb_reviews_with_the_right_labels(recipe, archive, classes):
    data = tiny_tweets(classes)
    texts, labels = recipe.training_texts(recipe.clamp({"imdb": 10, "augment": False, "classes": classes}), data)
    assert len(texts) == 12 and labels.dtype == np.int64
    for text, y in zip(texts[2:], labels[2:]):
        assert data.labels[y] == ("positive" if text.startswith(("Great", "This film")) else "negative")
