"""Starting the app: an invalid dataset stops start-up with its problems listed, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.test_validate import _set


def test_dev_server_refuses_an_invalid_dataset(make_dataset):
    folder = make_dataset(_set("incidents", 3, "connection", "maybe"))
    run = subprocess.run([sys.executable, "app.py", "--data", str(folder), "--port", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "incidents.csv:5: connection: must be one of linked, inspired ('maybe')" in run.stderr
    assert "Traceback" not in run.stderr


def test_gunicorn_refuses_an_invalid_dataset(make_dataset):
    import os
    folder = make_dataset(_set("people", 0, "role", "suspect"))
    run = subprocess.run([sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0",
                          "app:server"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "BEEXPLORER_DATA": str(folder)})
    assert run.returncode != 0
    assert "people.csv:2: role: must be one of arrested, attacker ('suspect')" in run.stderr
    assert "Traceback" not in run.stderr


def _start_and_read(env: dict, tmp_path) -> tuple[dict, str]:
    """Start the dev server with env, read /health, stop it, return (health, stderr)."""
    import json
    import urllib.request

    from tests.conftest import free_port, start_server
    port = free_port()
    proc, url = start_server([sys.executable, "app.py", "--port", str(port)], env, port)
    with urllib.request.urlopen(f"{url}/health", timeout=5) as r:
        health = json.loads(r.read())
    proc.terminate()
    proc.wait(timeout=10)
    return health, proc.log.read_text(errors="replace")


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 3],  # a download cut short
    lambda b: b"garbage",
])
def test_a_damaged_cached_boundary_file_falls_back_to_the_schematic_map(tmp_path, damage):
    from data.geography import BOUNDARY_NAME
    from tests.conftest import TOPOJSON
    (tmp_path / BOUNDARY_NAME).write_bytes(damage(TOPOJSON.read_bytes()))
    health, err = _start_and_read({"BEEXPLORER_CACHE": str(tmp_path)}, tmp_path)
    assert health["boundaries"] is False and health["incidents"] == 107
    assert "the cached boundary file is damaged or truncated" in err
    assert "python -m data geometry fetch" in err and "Traceback" not in err


def test_a_damaged_derived_map_file_is_rebuilt(tmp_path):
    from data.geography import BOUNDARY_NAME
    from tests.conftest import TOPOJSON
    (tmp_path / BOUNDARY_NAME).write_bytes(TOPOJSON.read_bytes())
    health, _ = _start_and_read({"BEEXPLORER_CACHE": str(tmp_path)}, tmp_path)
    derived = next(tmp_path.glob("municipalities-*.geojson"))
    derived.write_text('{"type": "FeatureCollection", "features": [')
    health, err = _start_and_read({"BEEXPLORER_CACHE": str(tmp_path)}, tmp_path)
    assert health["boundaries"] is True and "Traceback" not in err


def test_a_cache_path_that_is_not_a_folder_is_said_once(tmp_path):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("")
    health, err = _start_and_read({"BEEXPLORER_CACHE": str(not_a_folder)}, tmp_path)
    assert health["boundaries"] is False
    assert f"cache folder {not_a_folder} is not a folder" in err and "Traceback" not in err


@pytest.mark.parametrize("server", ["dev", "gunicorn"])
def test_a_missing_dataset_path_is_one_line_and_exit_1(tmp_path, server):
    import os
    missing = tmp_path / "nope"
    cmd = ([sys.executable, "app.py", "--data", str(missing), "--port", "1"] if server == "dev"
           else [sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "app:server"])
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "BEEXPLORER_DATA": str(missing)})
    assert run.returncode == 1 if server == "dev" else run.returncode != 0
    assert f"{missing}: no such file or folder" in run.stderr and "Traceback" not in run.stderr
