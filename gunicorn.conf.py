"""gunicorn settings, read automatically by `gunicorn app:server`."""

import os

bind = os.environ.get("BEEXPLORER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("BEEXPLORER_WORKERS", "2"))
threads = 4  # the three views of one filter change are drawn in parallel
worker_class = "gthread"
timeout = 60
