"""A pinned embed page at 50 clients, straight from `gunicorn app:server` (2 workers x 4
threads) and through deploy/nginx.conf (nginx's proxy_cache) in front of it. Prints pages/s and
p50/p95 latency for each. Clients keep their connection open (as browsers do), spread over
two processes so the load generator is not the bottleneck.

    python bench/embed_nginx.py [--clients 50] [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.browser_repaint import serve  # noqa: E402
from deploy import local_nginx  # noqa: E402

TOPOJSON = ROOT.parent / "shared" / "reference" / "belgium-municipalities.topojson"


def _client(port: int, path: str, until: float, out: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < until:
        start = time.perf_counter()
        conn.request("GET", path, headers={"Accept-Encoding": "br, gzip"})
        r = conn.getresponse()
        r.read()
        out.append((r.status, time.perf_counter() - start))


def _process(port: int, path: str, threads: int, seconds: float, queue) -> None:
    until = time.monotonic() + seconds
    out: list = []
    workers = [threading.Thread(target=_client, args=(port, path, until, out))
               for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(out)


def hammer(label: str, port: int, path: str, clients: int, seconds: float) -> None:
    queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_process, args=(port, path, clients // 2, seconds,
                                                            queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [r for _ in procs for r in queue.get()]
    for p in procs:
        p.join()
    times = sorted(t for _, t in results)
    statuses = {s: sum(1 for x, _ in results if x == s) for s in {s for s, _ in results}}
    print(f"{label:<22} {len(results) / seconds:8.0f} pages/s   p50 "
          f"{statistics.median(times) * 1000:6.1f} ms   p95 "
          f"{times[int(len(times) * 0.95)] * 1000:6.1f} ms   statuses {statuses}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--seconds", type=float, default=10)
    args = p.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-embed-"))
    os.environ["BEEXPLORER_CACHE"] = str(folder / "app-cache")
    (folder / "app-cache").mkdir()
    if TOPOJSON.exists():
        shutil.copy(TOPOJSON, folder / "app-cache")
    from data import load
    version = load().version
    app, url = serve(None, extra=("--threads", "4"))
    web = None
    try:
        path = f"/embed/timeline?type=attack&v={version}&lang=en"
        urllib.request.urlopen(url + path).read()
        hammer("direct (gunicorn)", int(url.rsplit(":", 1)[1]), path, args.clients,
               args.seconds)
        web, front = local_nginx.start(folder, [url.removeprefix("http://")], 4096)
        hammer("through nginx", int(front.rsplit(":", 1)[1]), path, args.clients, args.seconds)
    finally:
        for proc in (web, app):
            if proc is not None:
                proc.terminate()
                proc.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
