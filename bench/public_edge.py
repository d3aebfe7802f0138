"""What one reader can cost the others on a public deployment: `gunicorn app:server` (2 workers)
with the boundary file, alone and behind deploy/nginx.conf, on loopback. Prints:

1. distinct CSV exports one address starts before its first 429 (2 workers: one count);
2. 20 distinct packs from one address, then another address's CSV and PNG of a new view:
   the statuses the first gets, the seconds the second waits (directly and through nginx);
3. 40 cache-busting map embeds (v= junk): bytes per page, seconds, the workers' CPU seconds,
   against one canonical embed;
4. /offline.html: the cold build, then the next five answers (brotli), in ms;
5. /health's answer time while 12 clients send their headers a line at a time (every 2 s),
   straight to gunicorn and through nginx.

    python bench/public_edge.py
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.fuzz import workers_of  # noqa: E402
from deploy import local_nginx  # noqa: E402

TOPOJSON = ROOT.parent / "shared" / "reference" / "belgium-municipalities.topojson"


def ask(url: str, path: str, source: str = "127.0.0.1") -> tuple[int, bytes]:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120, source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "br"})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def fetched(url: str, path: str, source: str) -> tuple[int, float]:
    started = time.monotonic()
    while True:
        status, _ = ask(url, path, source)
        if status != 202:
            return status, time.monotonic() - started
        time.sleep(0.25)


def cpu(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def boundary_cache(folder: Path) -> None:
    import functools
    import http.server
    import threading

    from data import geography
    www = folder / "www"
    www.mkdir()
    (www / "belgium.json").write_bytes(TOPOJSON.read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    geography.fetch(f"http://127.0.0.1:{httpd.server_address[1]}/belgium.json", folder / "c")
    httpd.shutdown()


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="public-edge-"))
    boundary_cache(tmp)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "app:server"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "BEEXPLORER_CACHE": str(tmp / "c"), "BEEXPLORER_PROXIES": "1",
             "BEEXPLORER_PUBLIC_URL": "https://explorer.example.org/"})
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    (tmp / "nginx").mkdir()
    web, front = local_nginx.start(tmp / "nginx", [f"127.0.0.1:{port}"])
    try:
        months = [f"{y}-{m:02d}" for y in (2014, 2015, 2016, 2017) for m in range(1, 13)]
        statuses = [ask(url, f"/export/shares.csv?from={m}&lang=en", "127.0.0.3")[0]
                    for m in months[5:]]
        first = statuses.index(429) if 429 in statuses else None
        print(f"1. new CSV exports from one address before its first 429 (2 workers): {first}")

        for label, where in (("directly", url), ("through nginx", front)):
            tag = "en" if where == url else "fr"
            got = [ask(where, f"/export/pack.zip?from={a}&to={b}&lang={tag}", "127.0.0.4")[0]
                   for a, b in zip(months[5:25], months[17:37], strict=True)]
            csv = fetched(where, f"/export/rows.csv?place=antwerp&lang={tag}", "127.0.0.5")
            png = fetched(where, f"/export/shares.png?from=2016-01&type=attack&lang={tag}",
                          "127.0.0.5")
            counts = {s: got.count(s) for s in sorted(set(got))}
            print(f"2. {label}: 20 packs from one address -> {counts}; another address's CSV "
                  f"{csv[0]} in {csv[1]:.2f} s, PNG {png[0]} in {png[1]:.2f} s")
            for status, (a, b) in zip(got, zip(months[5:25], months[17:37], strict=True),
                                      strict=True):
                if status == 202:  # the packs it was granted, drawn before what follows
                    fetched(where, f"/export/pack.zip?from={a}&to={b}&lang={tag}", "127.0.0.4")

        pids = workers_of(app.pid)
        version = urllib.request.urlopen(url + "/health").read().decode().split(
            '"dataset_version":"')[1].split('"')[0]
        canonical = f"/embed/map?panel=belgium&v={version}&lang=en"
        before = cpu(pids)
        started = time.monotonic()
        status, page = ask(url, canonical)
        one = (time.monotonic() - started, cpu(pids) - before, len(page))
        before = cpu(pids)
        started = time.monotonic()
        sizes: list[int] = []

        def bust() -> None:
            sizes.extend(len(ask(url, f"/embed/map?panel=belgium&v=junk-{i}&lang=en")[1])
                         for i in range(40))

        busting = threading.Thread(target=bust)
        busting.start()
        layouts = []
        while busting.is_alive():
            at = time.monotonic()
            ask(url, "/_dash-layout?lang=en", "127.0.0.6")
            layouts.append((time.monotonic() - at) * 1000)
        took, spent = time.monotonic() - started, cpu(pids) - before
        layout_p95 = statistics.quantiles(layouts, n=20)[-1] if len(layouts) > 1 else layouts[0]
        geo = len(ask(url, "/geo/belgium.json")[1])
        print(f"3. a canonical map embed: {one[2]:,} bytes (br), {one[0]:.2f} s, "
              f"{one[1]:.2f} CPU s; 40 cache-busting ones: {max(sizes):,} bytes each at most, "
              f"{took:.2f} s, "
              f"{spent:.2f} CPU s in all; the outlines, once: {geo:,} bytes (br); meanwhile "
              f"{len(layouts)} page layouts, p95 {layout_p95:.0f} ms")

        times = []
        for _ in range(6):
            started = time.monotonic()
            ask(url, "/offline.html?lang=nl")
            times.append((time.monotonic() - started) * 1000)
        print(f"4. /offline.html (br): cold {times[0]:.0f} ms (one worker), then "
              + ", ".join(f"{t:.0f}" for t in times[1:]) + " ms")

        for label, where in (("gunicorn alone", url), ("through nginx", front)):
            p = int(where.rsplit(":", 1)[1])
            slow = [socket.create_connection(("127.0.0.1", p)) for _ in range(12)]
            for s in slow:
                s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            took = []
            for line in range(4):
                time.sleep(2)
                for s in slow:
                    with contextlib.suppress(OSError):  # gunicorn may have given up on it
                        s.sendall(f"X-Slow-{line}: 1\r\n".encode())
                started = time.monotonic()
                try:
                    ask(where, "/health")
                    took.append(f"{(time.monotonic() - started) * 1000:.0f} ms")
                except OSError as err:
                    took.append(type(err).__name__)
            for s in slow:
                s.close()
            print(f"5. /health with 12 slow-header clients, {label}: " + ", ".join(took))
    finally:
        web.terminate()
        app.terminate()
        app.wait(20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
