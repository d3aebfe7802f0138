"""The dashboard and the floor (bench/floor_app.py), served side by side by gunicorn and timed
in one headless Chromium, change by change (A B A B): a filter change until every view has
repainted. Prints p50/p95 of each and the ratio dashboard / floor, and first-load bytes and
time to drawn of each. (Issue 10's baseline; the Streamlit comparison is not built yet.)

    python bench/side_by_side.py [--changes 30] [--incidents 100000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.browser_repaint import ARGS, IDLE, serve, wait_until  # noqa: E402

THREADS = ("--threads", "4")


def first_load(page, url: str, drawn: str) -> tuple[float, float]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: list[int] = []
    cdp.on("Network.loadingFinished", lambda e: sizes.append(e["encodedDataLength"]))
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(drawn, timeout=120_000)
    wait_until(page, IDLE, 120)
    return sum(sizes) / 1024, (time.perf_counter() - t0) * 1000


def change_dashboard(page, i: int) -> float:
    before = page.inner_text("#kpi-incidents .kpi-value")
    t0 = page.evaluate("performance.now()")
    page.locator("#filter-plot label", has_text=["Yes", "No", "Any"][i % 3]).click()
    wait_until(page, "document.querySelector('#kpi-incidents .kpi-value').innerText !== "
               f"'{before}' && {IDLE}", 60, poll_ms=5)
    page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")
    return page.evaluate("performance.now()") - t0


def change_floor(page, i: int) -> float:
    before = page.inner_text("#text")
    t0 = page.evaluate("performance.now()")
    page.locator("#choice label", has_text=["linked", "inspired", "all"][i % 3]).click()
    wait_until(page, f"document.querySelector('#text').innerText !== '{before}' && {IDLE}", 60,
               poll_ms=5)
    page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")
    return page.evaluate("performance.now()") - t0


def run(label: str, dash_url: str, floor_url: str, changes: int) -> None:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        a = browser.new_page(viewport={"width": 1440, "height": 900})
        b = browser.new_page(viewport={"width": 1440, "height": 900})
        kib_a, ms_a = first_load(a, f"{dash_url}/?lang=en", "#chart-map .main-svg")
        kib_b, ms_b = first_load(b, floor_url, "#bars .main-svg")
        times: dict[str, list[float]] = {"dashboard": [], "floor": []}
        for i in range(changes):  # interleaved: the machine's load falls on both alike
            times["dashboard"].append(change_dashboard(a, i))
            times["floor"].append(change_floor(b, i))
        browser.close()
    print(f"{label}: first load dashboard {kib_a:.0f} KiB, drawn in {ms_a:.0f} ms; "
          f"floor {kib_b:.0f} KiB, drawn in {ms_b:.0f} ms")
    stats = {}
    for name, values in times.items():
        stats[name] = (statistics.median(values), statistics.quantiles(values, n=20)[18])
        print(f"{label}: {name:9s} filter change to repainted: p50 {stats[name][0]:.0f} ms, "
              f"p95 {stats[name][1]:.0f} ms ({changes} changes)")
    print(f"{label}: ratio dashboard / floor: p50 {stats['dashboard'][0] / stats['floor'][0]:.2f}"
          f", p95 {stats['dashboard'][1] / stats['floor'][1]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--incidents", type=int, default=100_000,
                        help="size of the generated dataset (0: bundled only)")
    args = parser.parse_args()
    floor, floor_url = serve(None, "bench.floor_app:server", "/", THREADS)
    try:
        proc, url = serve(None, extra=THREADS)
        try:
            run("bundled (107)", url, floor_url, args.changes)
        finally:
            proc.terminate()
        if args.incidents:
            from data.synthetic import write_synthetic
            with tempfile.TemporaryDirectory() as tmp:
                write_synthetic(Path(tmp), args.incidents)
                proc, url = serve(tmp, extra=THREADS)
                try:
                    run(f"generated ({args.incidents:,})", url, floor_url, args.changes)
                finally:
                    proc.terminate()
    finally:
        floor.terminate()


if __name__ == "__main__":
    main()
