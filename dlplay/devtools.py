"""Start the app on a free port and find Chromium: shared by the e2e tests and the bench scripts."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import numpy as np

from dlplay.settings import ROOT

CHROMIUM = os.environ.get("DLPLAY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, extra_env: dict | None = None, args: list[str] | None = None,
                 script: str = "app.py") -> subprocess.Popen:
    """Serve `script` (a path relative to the project) with Streamlit on `port`; returns once healthy."""
    env = {**os.environ, **(extra_env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port), "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
         *(args or [])],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited:\n" + proc.stdout.read().decode()[-3000:])
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("streamlit did not answer its health check within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def has_torch_loaded(pid: int) -> bool:
    """Whether a process has torch's C++ library mapped (it was imported)."""
    with open(f"/proc/{pid}/maps") as f:
        return any("libtorch" in line for line in f)


def timed(fn, n: int, warmup: int = 20) -> tuple[float, float]:
    """Median and p90 milliseconds of n calls of fn, after a warm-up (for bench scripts)."""
    for _ in range(warmup):
        fn()
    t = []
    for _ in range(n):
        s = time.perf_counter()
        fn()
        t.append(time.perf_counter() - s)
    return float(np.median(t)) * 1e3, float(np.percentile(t, 90)) * 1e3


@contextlib.contextmanager
def app_in_chromium(width: int = 1400, height: int = 1000):
    """Serve the app on a free port and open one Chromium page: yields (page, base_url, server)."""
    from playwright.sync_api import sync_playwright  # a development requirement; the server helpers need none

    port = free_port()
    proc = start_server(port)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser.new_page(viewport={"width": width, "height": height}), f"http://127.0.0.1:{port}", proc
            browser.close()
    finally:
        stop_server(proc)
