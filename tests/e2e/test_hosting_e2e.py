"""The Docker image's start command and hosting config, run outside Docker (no engine on these machines)."""
import json
import re
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.request

from dlplay.devtools import free_port, stop_server
from dlplay.settings import ROOT
from tests.e2e.helpers import open_page


def _image_tree(tmp_path):
    """What the Dockerfile's COPY/RUN steps produce: the app with deploy/config.toml as its config."""
    app = tmp_path / "app"
    shutil.copytree(ROOT, app, ignore=shutil.ignore_patterns(".git", "tests", "bench", "__pycache__", ".pytest_cache",
                                                             "*.png"))
    (app / ".streamlit").mkdir(exist_ok=True)
    shutil.copy(ROOT / "deploy" / "config.toml", app / ".streamlit" / "config.toml")
    return app


def test_hosting_config_is_locked_down():
    cfg = tomllib.loads((ROOT / "deploy" / "config.toml").read_text())
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["fileWatcherType"] == "none"
    assert cfg["server"]["maxUploadSize"] <= 5
    assert cfg["browser"]["gatherUsageStats"] is False


def test_dockerfile_basics():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", text, re.M)
    assert re.search(r"^USER (?!root)\w+", text, re.M)
    assert "HEALTHCHECK" in text and "/_stcore/health" in text
    assert "download.pytorch.org/whl/cpu" in text  # CPU wheels by default


def test_image_start_command_serves_the_app(page, tmp_path):
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), re.M).group(1))
    port = free_port()
    cmd = [sys.executable, "-m", *cmd] if cmd[0] == "streamlit" else cmd
    cmd = [c.replace("8501", str(port)).replace("0.0.0.0", "127.0.0.1") for c in cmd]
    app = _image_tree(tmp_path)
    proc = subprocess.Popen(cmd, cwd=app, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("the image's start command did not serve the health endpoint")
        open_page(page, f"http://127.0.0.1:{port}", "")
        assert page.locator("h1", has_text="DL Playground").count() == 1
        # Hosting mode: the developer toolbar (Deploy, rerun, clear cache) is hidden from visitors.
        assert page.get_by_text("Deploy", exact=True).count() == 0
    finally:
        stop_server(proc)
