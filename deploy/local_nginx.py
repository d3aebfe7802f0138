"""deploy/nginx.conf as shipped, run by Debian's nginx on a loopback port for the tests and the
benches: only its upstreams, its port and its cache folder are swapped, and nginx's own files
(pid, logs, temporary files) are kept in a folder of the caller's.

    proc, url = start(folder, ["127.0.0.1:8001", "127.0.0.1:8002"])
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

SITE = Path(__file__).resolve().parent / "nginx.conf"
SHIPPED_UPSTREAMS = "    server app1:8000;\n    server app2:8000;"


def binary() -> str | None:
    """Debian's nginx, if installed (`make test-setup` installs nginx-light)."""
    found = shutil.which("nginx")
    return found or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def site(upstreams: list[str], port: int, cache: Path) -> str:
    """The shipped site with the caller's upstreams, port and cache folder; ValueError if the
    shipped file no longer has the lines swapped (the tests would then run another site)."""
    text = SITE.read_text()
    servers = "\n".join(f"    server {u};" for u in upstreams)
    if SHIPPED_UPSTREAMS not in text or "listen 80;" not in text or (
            "listen 80 default_server;" not in text or "/var/cache/nginx/beexplorer" not in text):
        raise ValueError(f"{SITE} no longer has the upstream, listen or cache lines swapped here")
    return (text.replace(SHIPPED_UPSTREAMS, servers)
            .replace("listen 80;", f"listen 127.0.0.1:{port};")
            .replace("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;")
            .replace("/var/cache/nginx/beexplorer", str(cache)))


def start(folder: Path, upstreams: list[str], connections: int = 1024
          ) -> tuple[subprocess.Popen, str]:
    """nginx serving the site in the foreground, once its port answers: (process, base URL)."""
    nginx = binary()
    if nginx is None:
        raise RuntimeError("nginx is not installed: run `make test-setup`")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (folder / "site.conf").write_text(site(upstreams, port, folder / "cache"))
    temp = " ".join(f"{kind}_temp_path {folder}/{kind};" for kind in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        f"user root;\nworker_processes 2;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{ worker_connections {connections}; }}\n"
        f"http {{ access_log off; {temp}\n include {folder}/site.conf; }}\n")
    proc = subprocess.Popen([nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g",
                             "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {(folder / 'error.log')}") from None
            time.sleep(0.1)
