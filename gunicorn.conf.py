"""gunicorn settings, read automatically by `gunicorn app:server`."""

import os
import subprocess
import sys
from pathlib import Path

bind = os.environ.get("BEEXPLORER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("BEEXPLORER_WORKERS", "2"))
threads = 4  # requests of one page load are served in parallel
worker_class = "gthread"
timeout = 60


def on_starting(server):
    """Check a user's dataset before any worker starts: its problems, then exit 1.

    In a subprocess, not here: pandas/pyarrow thread pools do not survive the fork to workers.
    (Workers exiting with the boot-error code instead can race inside gunicorn's own halt.)
    """
    data = os.environ.get("BEEXPLORER_DATA")
    if not data:
        return  # the bundled dataset, checked by the tests
    run = subprocess.run([sys.executable, "-m", "data", "validate", data],
                         cwd=Path(__file__).parent, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write("The dataset cannot be loaded:\n" + run.stdout + run.stderr)
        raise SystemExit(1)
