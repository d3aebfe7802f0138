"""How much of a filter change is plotly's redraw: views ÷ floor (as bench/side_by_side.py
measures them, interleaved, one run) with the dashboard as it is, with its two bar charts'
Plotly.react skipped, and with no chart's react at all. The skipped variants do not show
correct charts: they bound what any faster way of drawing those charts could gain. With the
boundary file the main charts are no longer drawn by plotly on screen (assets/bars.js,
assets/choro.js), so the three agree; without one, the schematic map is still plotly's.

    python bench/redraw_budget.py [--changes 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import side_by_side as sbs  # noqa: E402
from bench.browser_repaint import ARGS, drawn, serve, wait_warm  # noqa: E402

# plotly's react made a no-op for the named charts (their card still says the new state)
SKIP = """async (skip) => {
  await window.bePlotly();  // loaded on first need (assets/plotly-lazy.js)
  const react = window.Plotly.react;
  window.Plotly.react = function (gd) {
    const id = gd.parentNode && gd.parentNode.id;
    return skip.indexOf(id) >= 0 ? Promise.resolve(gd) : react.apply(this, arguments);
  };
}"""
VARIANTS = (("as drawn", []), ("bar charts not redrawn", ["chart-shares", "chart-timeline"]),
            ("no chart redrawn", ["chart-shares", "chart-timeline", "chart-map"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    floor, floor_url = serve(None, "bench.floor_app:server", "/", sbs.THREADS)
    proc, url = serve(None, extra=sbs.THREADS)
    try:
        wait_warm(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for label, skip in VARIANTS:
                dash = browser.new_page(viewport={"width": 1440, "height": 900})
                other = browser.new_page(viewport={"width": 1440, "height": 900})
                sbs.first_load(dash, url + "/?lang=en", drawn("chart-map"))
                sbs.show_table(dash)
                sbs.first_load(other, floor_url + "/", "#bars .main-svg")
                time.sleep(1)
                dash.evaluate(SKIP, skip)
                views, floors = [], []
                for i in range(args.changes):  # interleaved, change by change
                    views.append(dash.evaluate(sbs.DASHBOARD_CHANGE, sbs.CHOICES[i % 3])[0])
                    floors.append(other.evaluate(sbs.FLOOR_CHANGE,
                                                 ("linked", "inspired", "all")[i % 3]))
                v, f = statistics.median(views), statistics.median(floors)
                print(f"{label:24s} views p50 {v:5.0f} ms, floor p50 {f:5.0f} ms, "
                      f"views / floor {v / f:.2f}", flush=True)
                dash.close()
                other.close()
            browser.close()
    finally:
        proc.terminate()
        floor.terminate()


if __name__ == "__main__":
    main()
