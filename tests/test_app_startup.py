"""Starting the app: an invalid dataset stops start-up with its problems listed, no traceback."""

from __future__ import annotations

import subprocess
import sys

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
