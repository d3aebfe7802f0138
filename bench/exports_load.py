"""Exports under load: N clients asking at once for the briefing pack (or another export URL) of
one view, then of N different views, against `gunicorn app:server` (2 workers x 4 threads, the
boundary file in a private cache, an empty render cache), while one more client loads the page's
layout every 100 ms. Prints when the last file arrived, one file's time alone, the layout
request's p50/p99 meanwhile, statuses, and the workers' memory.

    python bench/exports_load.py [--clients 20] [--export pack.zip]
    python bench/exports_load.py --clients 50 --distinct 200   # 200 different packs, 50 clients
    python bench/exports_load.py --urls 20      # each format from its URL: drawn, then cached
    python bench/exports_load.py --celery 2 ...  # renders by 2 Celery processes through Redis

With --celery, Debian's redis-server runs on a free port and `celery -A
components.web.renderers worker --concurrency N` draws (BEEXPLORER_RENDER_POOL=celery); the
memory printed is then the app's workers' and the renderers'.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.browser_repaint import serve  # noqa: E402

TOPOJSON = ROOT.parent / "shared" / "reference" / "belgium-municipalities.topojson"
VIEWS = ["type=attack", "type=arrest_action", "connection=inspired", "connection=linked",
         "place=brussels", "place=antwerp", "place=charleroi", "place=elsewhere",
         "from=2015-01&to=2015-12", "from=2016-01&to=2016-12", "plot=yes", "plot=no",
         "province=10000", "province=60000", "province=04000", "citizenship=MA",
         "citizenship=BE", "link=local_cell", "type=arrest_action&plot=yes",
         "type=arrest_action&connection=linked", "place=brussels&type=arrest_action",
         "from=2017-01", "to=2014-12", "province=50000"]


def fetch(url: str) -> tuple[int, float]:
    """The final status and the time to it: a 202 (being drawn) or 503 (busy) is asked again
    after its Retry-After, as the page and a polite script do."""
    start = time.perf_counter()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=600) as r:
                r.read()
                status, retry = r.status, r.headers.get("Retry-After")
        except urllib.error.HTTPError as err:
            status, retry = err.code, err.headers.get("Retry-After")
        if status not in (202, 503) or time.perf_counter() - start > 900:
            return status, time.perf_counter() - start
        time.sleep(float(retry or 2))


RENDERERS: list = []  # the Celery worker, with --celery


def rss_mb(pid: int) -> float:
    """Resident memory of a process's children (the workers, their Chromium), and of the Celery
    renderers with --celery, in MB."""
    pids = [str(pid)] + [str(p.pid) for p in RENDERERS]
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", ",".join(pids)], capture_output=True,
                         text=True).stdout.split()
    return sum(int(x) for x in out) / 1024


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def timed_get(url: str) -> tuple[int, float, str]:
    """One GET: its status, its time in ms and how the app says it answered."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as r:
            r.read()
            status, how = r.status, r.headers.get("X-Export-Cache", "")
    except urllib.error.HTTPError as err:
        status, how = err.code, ""
    return status, (time.perf_counter() - start) * 1000, how


def formats(url: str, count: int) -> None:
    """Each format from its URL: count different views drawn (the renderer warm), then the same
    count asked again (from the render cache)."""
    print(f"each format, {count} different views, one at a time (ms):")
    for name in ("timeline.png", "timeline.svg", "timeline.pdf", "timeline.csv",
                 "timeline.xlsx", "rows.csv", "rows.xlsx"):
        paths = [f"{url}/export/{name}?{v}" for v in distinct(count)]
        drawn = [fetch(p) for p in paths]
        hits = [timed_get(p) for p in paths]
        assert all(s == 200 for s, _ in drawn) and all(h[0] == 200 for h in hits), name
        ms = [t * 1000 for _, t in drawn]
        hit = [t for _, t, _ in hits]
        print(f"  {name:14} drawn p50 {statistics.median(ms):6.0f} p95 {pct(ms, .95):6.0f}; "
              f"cached p50 {statistics.median(hit):5.1f} p95 {pct(hit, .95):5.1f} "
              f"({Counter(h for *_, h in hits)})")


def celery(count: int, cache: Path) -> None:
    """Redis on a free port, and a Celery worker of count processes drawing through it."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    RENDERERS.append(redis)
    time.sleep(0.5)
    os.environ.update(BEEXPLORER_REDIS_URL=f"redis://127.0.0.1:{port}/0",
                      BEEXPLORER_RENDER_POOL="celery")
    log = (cache / "renderers.log").open("wb")
    RENDERERS.append(subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "components.web.renderers", "worker", "--queues",
         "exports", "--concurrency", str(count), "--loglevel", "WARNING", "--without-mingle",
         "--without-gossip"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))


def distinct(count: int) -> list[str]:
    """count different views: each view in each language, with three sets of chart options."""
    views = [v + extra for extra in ("", "&freq=month", "&by=incident_type&metric=per_100k")
             for v in VIEWS]
    return [f"{v}&lang={lang}" for lang in ("en", "fr", "nl") for v in views][:count]


def run(url: str, paths: list[str], proc, clients: int = 0) -> None:
    """paths asked for at once, or by clients clients each asking for its share in turn."""
    layout, stop, memory = [], threading.Event(), [0.0]

    def poll_layout():
        while not stop.is_set():
            layout.append(fetch(f"{url}/_dash-layout")[1])
            memory[0] = max(memory[0], rss_mb(proc.pid))
            time.sleep(0.1)

    poller = threading.Thread(target=poll_layout)
    poller.start()
    results, start = [], time.perf_counter()

    def client(mine: list[str]) -> None:
        for path in mine:
            results.append(fetch(url + path))

    shares = ([paths[i::clients] for i in range(clients)] if clients else [[p] for p in paths])
    threads = [threading.Thread(target=client, args=(mine,)) for mine in shares]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    last = time.perf_counter() - start
    stop.set()
    poller.join()
    ms = sorted(x * 1000 for x in layout)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(f"  {len(paths)} requests: last after {last:.1f} s; statuses "
          f"{dict(Counter(s for s, _ in results))}; layout request p50 "
          f"{statistics.median(ms):.0f} ms, p99 {p99:.0f} ms ({len(ms)} loads); workers "
          f"{rss_mb(proc.pid):.0f} MB at the end, {memory[0]:.0f} MB at most")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--export", default="pack.zip", help="what to ask for (default pack.zip)")
    p.add_argument("--distinct", type=int, default=0,
                   help="instead: this many different views, asked for by --clients clients")
    p.add_argument("--urls", type=int, default=0,
                   help="instead: each format for this many views, drawn then cached")
    p.add_argument("--celery", type=int, default=0,
                   help="renders by a Celery worker of this many processes, through Redis")
    a = p.parse_args(argv)
    cache = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    shutil.copy(TOPOJSON, cache / TOPOJSON.name)
    os.environ["BEEXPLORER_CACHE"] = str(cache)
    # every client of this bench is 127.0.0.1: the per-client limit would refuse most of it
    os.environ.setdefault("BEEXPLORER_RENDER_LIMIT", "10000/minute")
    if a.celery:
        celery(a.celery, cache)
    proc, url = serve(None, extra=("--threads", "4", "-k", "gthread"))
    try:
        if a.urls:
            for view in VIEWS[:4]:  # every worker's Chromium started (sizes not measured)
                for name in ("timeline.png", "map.png"):
                    fetch(f"{url}/export/{name}?{view}&lang=en&size=screen")
            formats(url, a.urls)
            return 0
        one = f"/export/{a.export}?lang=en&probe=1"  # refused: warms the workers only
        fetch(url + one)
        status, alone = fetch(f"{url}/export/{a.export}?type=attack&freq=month&lang=en")
        print(f"one {a.export} alone: {alone:.1f} s (status {status})")
        if a.distinct:
            paths = [f"/export/{a.export}?{v}" for v in distinct(a.distinct)]
            print(f"{len(paths)} different views from {a.clients} clients:")
            run(url, paths, proc, a.clients)
            return 0
        print(f"{a.clients} clients, the same view (one render, the others wait for it):")
        run(url, [f"/export/{a.export}?type=arrest_action&lang=en"] * a.clients, proc)
        print(f"{a.clients} clients, {a.clients} different views (one render each):")
        run(url, [f"/export/{a.export}?{v}&lang=fr" for v in (VIEWS * 4)[:a.clients]], proc)
        print(f"the same {a.clients} again (from the render cache):")
        run(url, [f"/export/{a.export}?{v}&lang=fr" for v in (VIEWS * 4)[:a.clients]], proc)
    finally:
        for server in (proc, *reversed(RENDERERS)):
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
