"""The dashboard, the floor (bench/floor_app.py, a minimal Dash app) and a Streamlit version
(bench/streamlit_app.py) served side by side and timed in one headless Chromium, change by change
(A B C A B C): a filter change until the views have repainted. For the dashboard, three times:
*views* (the key figures, each main chart's plot and subtitle and the address show the new state),
*settled* (Dash has been told the state and has written it: nothing outside the table is loading)
and *table* (its new first page is in). Timed inside the page (click to repainted, polled every
frame's worth of milliseconds), so the driver's own round trips are not counted for any of them.
Prints p50/p95 of each, the ratios dashboard / floor and dashboard / Streamlit, and first-load
bytes and time to drawn of each.

    make bench-setup      # once: Streamlit in its own environment (.venv-bench)
    python bench/side_by_side.py [--changes 30] [--incidents 100000 1000000]
    python bench/side_by_side.py --compare vs.place=brussels   # the dashboard in compare mode
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.browser_repaint import (  # noqa: E402
    ARGS,
    IDLE,
    drawn,
    serve,
    wait_health,
    wait_until,
    wait_warm,
)

THREADS = ("--threads", "4")
STREAMLIT = ROOT / ".venv-bench" / "bin" / "streamlit"
CHOICES = ("Yes", "No", "Any")

# Each change: click the choice's label, then poll (setTimeout 2 ms) until the views show it: the
# key figures, the URL and each main chart's plot.
DASHBOARD_CHANGE = """async (choice) => {
  const kpi = () => document.querySelector('#kpi-incidents .kpi-value').innerText;
  // every main chart redrawn too: its plot drawn for the state its subtitle names (instant.js
  // marks the plot with it once plotly has drawn it)
  const subtitles = () => ['shares', 'timeline', 'map'].map(c => {
    const plot = document.querySelector('#chart-' + c + ' .chart-plot');
    const said = document.querySelector('#chart-' + c + ' .chart-subtitle')?.textContent;
    return plot && plot.getAttribute('data-drawn-for') === said ? said : null;
  });
  const paging = () => document.querySelector('#table-incidents .ag-paging-row-summary-panel')
    .innerText;
  const want = choice === 'Any' ? null : 'plot=' + choice.toLowerCase();
  // Dash not told yet (assets/filters.js tells it once the page has painted), or loading
  const busy = () => window.beFilters.telling() ||
    [...document.querySelectorAll('[data-dash-is-loading="true"]')]
    .some(e => !e.closest('#table-incidents'));
  const idle = () => !document.querySelector('[data-dash-is-loading="true"]');
  const frame = () => new Promise(r => requestAnimationFrame(() => r()));
  const tick = () => new Promise(r => setTimeout(r, 2));
  const label = [...document.querySelectorAll('#filter-plot label')]
    .find(l => l.innerText.trim() === choice);
  const before = kpi(), chartsBefore = subtitles(), pagesBefore = paging();
  const t0 = performance.now();
  label.click();
  let views = null, settled = null;
  for (;;) {
    await tick();
    const search = location.search;
    // views: what the reader sees (key figures, every main chart, the address) is the new state
    if (views === null && kpi() !== before &&
        subtitles().every((s, i) => s !== null && s !== chartsBefore[i]) &&
        (want ? search.includes(want) : !search.includes('plot='))) {
      await frame();
      views = performance.now() - t0;
    }
    // settled: Dash has written the state too (nothing outside the table is loading)
    if (views !== null && settled === null && !busy()) {
      await frame();
      settled = performance.now() - t0;
    }
    if (settled !== null && paging() !== pagesBefore && idle()) {
      await frame();
      return [views, settled, performance.now() - t0];
    }
    if (performance.now() - t0 > 60000) { throw new Error('no repaint in 60 s'); }
  }
}"""
# Floor and Streamlit: click, then wait until the text shows a new count and the app is idle.
OTHER_CHANGE = """async (choice) => {
  const text = () => document.querySelector('TEXT').innerText;
  const idle = () => IDLE;
  const label = [...document.querySelectorAll('LABELS')].find(l => l.innerText.trim() === choice);
  const before = text(), t0 = performance.now();
  label.click();
  for (;;) {
    await new Promise(r => setTimeout(r, 2));
    if (text() !== before && idle()) {
      await new Promise(r => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    }
    if (performance.now() - t0 > 60000) { throw new Error('no repaint in 60 s'); }
  }
}"""
FLOOR_CHANGE = OTHER_CHANGE.replace("TEXT", "#text").replace("LABELS", "#choice label").replace(
    "IDLE", "!document.querySelector('[data-dash-is-loading=\"true\"]')")
STREAMLIT_CHANGE = OTHER_CHANGE.replace("TEXT", "#st-count").replace("LABELS", "label").replace(
    "IDLE", "document.querySelector('[data-test-script-state]').getAttribute("
    "'data-test-script-state') === 'notRunning'"
    " && !document.querySelector('[data-stale=\"true\"]')")


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


def show_table(page) -> None:
    page.locator("#table-slot").scroll_into_view_if_needed()
    page.wait_for_selector("#table-incidents .ag-paging-row-summary-panel", timeout=120_000)
    page.evaluate("window.scrollTo(0, 0)")


def serve_streamlit(data: str, geojson: str):
    """The Streamlit version on a free loopback port, once it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [str(STREAMLIT), "run", str(ROOT / "bench" / "streamlit_app.py"), "--server.port",
         str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--", data, geojson],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_health(url, "/_stcore/health", "streamlit")
    return proc, url


def _stats(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), statistics.quantiles(values, n=20)[18]


def run(label: str, urls: dict[str, str], changes: int, compare: str = "") -> dict:
    """compare: B's `vs.` filters (compare mode: each change redraws both slices' key figures
    too, from the same cube, in the same pass as the views it waits for)."""
    from playwright.sync_api import sync_playwright
    start = f"/?{compare}&lang=en" if compare else "/?lang=en"
    drawn_at = {"dashboard": (start, drawn("chart-map")),
             "floor": ("/", "#bars .main-svg"), "streamlit": ("/", "#st-count")}
    scripts = {"floor": FLOOR_CHANGE, "streamlit": STREAMLIT_CHANGE}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        pages, loads = {}, {}
        for name, url in urls.items():
            pages[name] = browser.new_page(viewport={"width": 1440, "height": 900})
            path, selector = drawn_at[name]
            loads[name] = first_load(pages[name], url + path, selector)
            if name == "dashboard":  # the table mounts as it comes near the screen
                show_table(pages[name])
            if name == "streamlit":  # its charts are drawn after the count
                wait_until(pages[name], "document.querySelectorAll('.js-plotly-plot').length >= 3"
                           " && document.querySelector('[data-test-script-state]').getAttribute("
                           "'data-test-script-state') === 'notRunning'", 120)
        times: dict[str, list[float]] = {"views": [], "settled": [], "table": [],
                                         **{n: [] for n in scripts if n in urls}}
        for i in range(changes):  # interleaved: the machine's load falls on all alike
            choice = CHOICES[i % 3]
            views, settled, table = pages["dashboard"].evaluate(DASHBOARD_CHANGE, choice)
            times["views"].append(views)
            times["settled"].append(settled)
            times["table"].append(table)
            for name in scripts:
                if name in urls:
                    pick = ("linked", "inspired", "all")[i % 3] if name == "floor" else choice
                    times[name].append(pages[name].evaluate(scripts[name], pick))
        browser.close()
    for name, (kib, ms) in loads.items():
        print(f"{label}: first load {name:9s} {kib:6.0f} KiB, drawn in {ms:5.0f} ms")
    stats = {name: _stats(values) for name, values in times.items()}
    names = {"views": "dashboard views", "settled": "dashboard settled",
             "table": "dashboard table", "floor": "floor (Dash)", "streamlit": "Streamlit"}
    for name, (p50, p95) in stats.items():
        print(f"{label}: {names[name]:16s} change to repainted: p50 {p50:6.0f} ms, "
              f"p95 {p95:6.0f} ms ({changes} changes)")
    for other in ("floor", "streamlit"):
        if other in stats:
            for part in ("views", "settled", "table"):
                print(f"{label}: ratio dashboard {part} / {names[other]}: "
                      f"p50 {stats[part][0] / stats[other][0]:.2f}, "
                      f"p95 {stats[part][1] / stats[other][1]:.2f}")
    return {"label": label, "loads": loads, "stats": stats}


def geojson_file(folder: str) -> str:
    """The municipalities as the dashboard serves them, for the Streamlit version's map."""
    from data.geography import boundary_file, geojson, load_municipalities
    target = Path(folder) / "municipalities.geojson"
    source = boundary_file()
    munis = load_municipalities(source) if source else None
    target.write_text(json.dumps(geojson(munis)) if munis is not None else "")
    return str(target) if munis is not None else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--incidents", type=int, nargs="*", default=[100_000],
                        help="sizes of generated datasets to run after the bundled one")
    parser.add_argument("--compare", default="",
                        help="the dashboard in compare mode, B's filters: vs.place=brussels")
    args = parser.parse_args()
    if not STREAMLIT.exists():
        print("Streamlit is not installed: run `make bench-setup` (the floor only)")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        geo = geojson_file(tmp)
        sets = [("bundled (107)", None, str(ROOT / "data" / "bundled"))]
        for n in args.incidents:
            folder = Path(tmp) / f"gen{n}"
            subprocess.run([sys.executable, "-m", "data", "generate", "--incidents", str(n),
                            "--out", str(folder)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            sets.append((f"generated ({n:,})", str(folder), str(folder)))
        # the floor started once the data is made (started before a 1M generation, its page
        # was twice seen never to draw)
        floor, floor_url = serve(None, "bench.floor_app:server", "/", THREADS)
        try:
            for label, data, csv_folder in sets:
                proc, url = serve(data, extra=THREADS)
                wait_warm(url)
                urls = {"dashboard": url, "floor": floor_url}
                st = None
                if STREAMLIT.exists():
                    st, urls["streamlit"] = serve_streamlit(csv_folder, geo)
                try:
                    results.append(run(label + (f" [{args.compare}]" if args.compare else ""),
                                       urls, args.changes, args.compare))
                finally:
                    proc.terminate()
                    if st:
                        st.terminate()
        finally:
            floor.terminate()
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
