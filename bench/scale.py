"""How the dashboard grows with the data: for each dataset, the worker's memory (RSS) after
loading and after building the browser's views payload, the payload (rows, bytes raw and
brotli, build time), and in headless Chromium the first paint (navigation to all three charts
drawn, warm server), the views' repaint on 30 filter changes (p50/p95), and the page's
JavaScript heap.

    python bench/scale.py DATA_DIR [DATA_DIR ...]     (e.g. made by `python -m data generate`)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.browser_repaint import ARGS, drawn, serve, wait_warm  # noqa: E402
from bench.side_by_side import CHOICES, DASHBOARD_CHANGE, show_table  # noqa: E402


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(c) for c in children]


def measure(folder: str | None, changes: int) -> None:
    from playwright.sync_api import sync_playwright
    label = folder or "bundled"
    t0 = time.perf_counter()
    proc, url = serve(folder, extra=("--threads", "4", "--timeout", "600"))
    try:
        started = time.perf_counter() - t0
        rss_loaded = [rss_mib(w) for w in workers(proc.pid)]
        t1 = time.perf_counter()
        request = urllib.request.Request(f"{url}/instant/en.json",
                                         headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(request, timeout=600) as response:
            wire = len(response.read())
        waited = time.perf_counter() - t1
        wait_warm(url)  # each worker builds its own payload and compresses its static files
        rss_built = [rss_mib(w) for w in workers(proc.pid)]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            t2 = time.perf_counter()
            page.goto(f"{url}/?lang=en")
            for graph in ("chart-shares", "chart-timeline", "chart-map"):
                page.wait_for_selector(drawn(graph), timeout=600_000)
            page.wait_for_selector("#kpi-incidents .kpi-value", timeout=600_000)
            first_paint = (time.perf_counter() - t2) * 1000
            show_table(page)
            page.wait_for_timeout(1000)
            views = [page.evaluate(DASHBOARD_CHANGE, CHOICES[i % 3])[0] for i in range(changes)]
            cdp = page.context.new_cdp_session(page)
            heap = cdp.send("Runtime.getHeapUsage")["usedSize"] / 2**20
            draw_ms = page.evaluate("window.__instantMs")
            browser.close()
    finally:
        proc.terminate()
    print(f"{label}: server up in {started:.1f} s; worker RSS after loading "
          f"{', '.join(f'{r:.0f}' for r in rss_loaded)} MiB, with the payload built "
          f"{', '.join(f'{r:.0f}' for r in rss_built)} MiB")
    print(f"{label}: payload {wire / 1024:.0f} KiB brotli, first answer after {waited:.1f} s")
    print(f"{label}: first paint (warm server) {first_paint:.0f} ms; views repainted p50 "
          f"{statistics.median(views):.0f} ms, p95 {statistics.quantiles(views, n=20)[18]:.0f}"
          f" ms ({changes} changes); JS heap {heap:.0f} MiB; last draw {draw_ms:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", help="dataset folders (none: the bundled data)")
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    for folder in args.data or [None]:
        measure(folder, args.changes)


if __name__ == "__main__":
    main()
