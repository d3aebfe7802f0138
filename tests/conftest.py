"""Shared fixtures: the reference figures, the bundled dataset, and a dataset builder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from data import BUNDLED, geography, load
from data.study.compare import reference_figures

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE_YAML = SHARED / "reference" / "published-figures.yaml"
TOPOJSON = SHARED / "reference" / "belgium-municipalities.topojson"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Tests never write into the project's own cache folder."""
    import os

    from data.geography import CACHE_ENV
    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if old is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = old


@pytest.fixture(scope="session")
def reference() -> dict[str, dict]:
    return reference_figures(REFERENCE_YAML)


@pytest.fixture(scope="session")
def bundled():
    return load()


@pytest.fixture(scope="module")
def app_data():
    """The app's data with the shared boundary file, installed as the running app's."""
    from components.runtime import AppData, install
    from data.geography import load_municipalities
    data = AppData(load(), load_municipalities(TOPOJSON))
    install(data)
    return data


@pytest.fixture(scope="module")
def offline_data():
    """The app's data with no boundary file (the schematic map)."""
    from components.runtime import AppData
    return AppData(load(), None)


@pytest.fixture
def make_dataset(tmp_path) -> Callable[..., Path]:
    """Copy the bundled CSVs into tmp, let a function change the raw tables, return the folder."""

    def build(change: Callable[[dict[str, pd.DataFrame]], None] | None = None) -> Path:
        folder = tmp_path / "dataset"
        shutil.copytree(BUNDLED, folder)
        if change:
            tables = {n: pd.read_csv(folder / f"{n}.csv", dtype=str, keep_default_na=False)
                      for n in ("incidents", "people", "networks")}
            change(tables)
            for name, frame in tables.items():
                frame.to_csv(folder / f"{name}.csv", index=False)
        return folder

    return build


# --- the real app, started as production starts it --------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {server_log_tail()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


SERVER_LOGS: list[Path] = []  # every test server's log, read back when a browser test fails


def start_server(cmd: list[str], env: dict, port: int):
    """Start a server; its output goes to a log file (a pipe nobody reads would fill up and
    stall the server), which server_log_tail() shows when a test fails."""
    log = Path(tempfile.mkstemp(prefix=f"server-{port}-", suffix=".log")[1])
    SERVER_LOGS.append(log)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env},
                                stdout=out, stderr=subprocess.STDOUT)
    proc.log = log  # what the server printed, for tests that read it
    url = f"http://127.0.0.1:{port}"
    _wait(url, proc)
    return proc, url


def server_log_tail(lines: int = 40) -> str:
    """The last error lines of the test servers' logs (requests answered 200 left out)."""
    out = []
    for log in SERVER_LOGS:
        text = [line for line in log.read_text(errors="replace").splitlines()
                if '" 200 ' not in line and '" 304 ' not in line]
        out += [f"--- {log.name}", *text[-lines:]]
    return "\n".join(out)


@pytest.fixture(scope="session")
def boundary_cache(tmp_path_factory) -> Path:
    """A cache holding the boundary file, fetched through the real download path."""
    import functools
    import http.server
    import threading
    root = tmp_path_factory.mktemp("www")
    (root / "belgium.json").write_bytes(TOPOJSON.read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    cache = tmp_path_factory.mktemp("cache")
    geography.fetch(f"http://127.0.0.1:{httpd.server_address[1]}/belgium.json", cache)
    httpd.shutdown()
    return cache


@pytest.fixture(scope="session")
def app_url(boundary_cache):
    """The production server: gunicorn app:server, with the boundary file in its cache."""
    port = free_port()
    proc, url = start_server(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "app:server"], {"BEEXPLORER_CACHE": str(boundary_cache),
                         # every test asks from one address: the limit has tests of its own
                         "BEEXPLORER_RENDER_LIMIT": "600/minute"}, port)
    yield url
    proc.terminate()
    proc.wait(10)


