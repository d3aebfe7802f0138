"""What the dashboard's first load weighs, part by part: every response of a first visit in
headless Chromium (bytes on the wire, and unpacked), grouped by what it is, and the time until
all three main charts are drawn (cold: first visit; warm: a second visit, same server), in the
page from its navigation's start and as the driver sees it.

    python bench/first_load.py [--data DIR]
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.browser_repaint import ARGS, IDLE, drawn, serve, wait_until, wait_warm  # noqa: E402

PARTS = (("plotly.js (our bundle)", "plotly-custom"), ("Mantine", "mantine"),
         ("AG Grid", "ag_grid"), ("AG Grid", "async-community"), ("React", "react"),
         ("Dash renderer", "dash_renderer"), ("Dash renderer", "polyfill"),
         ("Dash core components", "dash_core_components"), ("Dash core components", "async-"),
         ("Dash html components", "dash_html_components"), ("instant views (data + words)",
                                                            "/instant/"),
         ("map geometry", "geojson"), ("layout", "_dash-layout"),
         ("callbacks' dependencies", "_dash-dependencies"), ("callback answers",
                                                             "_dash-update-component"),
         ("our scripts and styles", "/assets/"), ("page", "/?"))


def part(url: str) -> str:
    return next((name for name, key in PARTS if key in url), url.rsplit("/", 1)[-1][:40])


# In the page, from its navigation's start: the moment all three main charts are drawn (seen by
# a MutationObserver, so no driver's round trip is counted)
DRAWN_AT = """document.addEventListener('DOMContentLoaded', () => {
  const charts = ['chart-shares', 'chart-timeline', 'chart-map'];
  const seen = new MutationObserver(() => {
    if (charts.every(c => document.querySelector(DRAWN.replace(/CHART/g, c)))) {
      window.__drawnAt = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document.body, {childList: true, subtree: true});
});""".replace("DRAWN", repr(drawn("CHART")))


def visit(browser, url: str) -> tuple[dict, tuple[float, float]]:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls, sizes = {}, collections.defaultdict(lambda: [0, 0])
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"],
                                                                   e["response"]["url"]))
    cdp.on("Network.dataReceived", lambda e: sizes[e["requestId"]].__setitem__(
        1, sizes[e["requestId"]][1] + e["dataLength"]))
    cdp.on("Network.loadingFinished", lambda e: sizes[e["requestId"]].__setitem__(
        0, e["encodedDataLength"]))
    page.add_init_script(DRAWN_AT)
    t0 = time.perf_counter()
    page.goto(url)
    for graph in ("chart-shares", "chart-timeline", "chart-map"):
        page.wait_for_selector(drawn(graph), timeout=120_000)
    drawn_ms = (time.perf_counter() - t0) * 1000
    wait_until(page, "window.__drawnAt !== undefined", timeout=30)
    in_page = page.evaluate("window.__drawnAt")
    wait_until(page, IDLE, 120)
    page.close()
    parts = collections.defaultdict(lambda: [0, 0, 0])
    for rid, (wire, raw) in sizes.items():
        if urls.get(rid, "").startswith("data:"):  # made in the page (the heatmap's image)
            continue
        p = parts[part(urls.get(rid, "?"))]
        p[0] += wire
        p[1] += raw
        p[2] += 1
    return parts, (drawn_ms, in_page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="a dataset folder (default: the bundled one)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    proc, url = serve(args.data, extra=("--threads", "4"))
    wait_warm(url)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            parts, cold = visit(browser, f"{url}/?lang=en")
            _, warm = visit(browser, f"{url}/?lang=en")
            fresh = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            _, warm_server = visit(fresh, f"{url}/?lang=en")
            browser.close()
            fresh.close()
    finally:
        proc.terminate()
    total = [sum(v[i] for v in parts.values()) for i in range(3)]
    print(f"{'part':32s} {'on the wire':>12s} {'unpacked':>10s} responses")
    for name, (wire, raw, n) in sorted(parts.items(), key=lambda kv: -kv[1][0]):
        print(f"{name:32s} {wire / 1024:9.1f} KiB {raw / 1024:7.1f} KiB {n:5d}")
    print(f"{'total':32s} {total[0] / 1024:9.1f} KiB {total[1] / 1024:7.1f} KiB {total[2]:5d}")
    for label, (drawn_ms, in_page) in (("first visit", cold), ("new browser, warm server",
                                                           warm_server),
                                    ("second visit (browser cache)", warm)):
        print(f"charts drawn, {label}: {in_page:.0f} ms after navigation (in the page), "
              f"{drawn_ms:.0f} ms seen by the driver")


if __name__ == "__main__":
    main()
