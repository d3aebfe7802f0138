"""The dashboard in one file (`python app.py bundle`): what each part weighs, how long it takes to
open from file:// until every main chart is drawn, and how long a filter change takes to
repaint, for the bundled data and generated data sets. Prints numbers; asserts nothing.

    python bench/offline_file.py [--incidents 100000 1000000] [--changes 20]
        [--boundaries FILE]   # with a boundary file (else the schematic map and plotly.js)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
FRAGMENTS = ["type=attack", "connection=linked", "from=2016-01&to=2016-12", "",
             "place=brussels", "type=arrest_action&connection=inspired"]


def parts(html: str) -> dict[str, int]:
    """Bytes of each part of the file: each inline JSON document and the scripts."""
    out: dict[str, int] = {}
    for key, body in re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>',
                                html, re.S):
        out[key] = len(body.encode())
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    big = [len(s.encode()) for s in scripts]
    out["scripts (plotly.js)"] = sum(b for b in big if b > 1_000_000)
    out["scripts (the app's)"] = sum(b for b in big if b <= 1_000_000)
    out["page and styles"] = len(html.encode()) - sum(out.values())
    return out


def measure(label: str, path: Path, changes: int) -> None:
    from playwright.sync_api import sync_playwright
    html = path.read_text(encoding="utf-8")
    print(f"{label}: file {len(html.encode()) / 1e6:.2f} MB")
    for key, size in parts(html).items():
        print(f"    {key:24} {size / 1e3:9.1f} kB")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        opens = []
        for _ in range(5):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                       else r.abort())
            started = time.perf_counter()
            page.goto(f"file://{path}")
            page.wait_for_function(
                "['chart-shares','chart-timeline','chart-map'].every(id => document.querySelector("
                "'#' + id + ' .bars, #' + id + ' .choro-place, #' + id + ' .main-svg'))",
                timeout=60_000, polling=16)
            opens.append((time.perf_counter() - started) * 1000)
            page.close()
        print(f"{label}: open to every chart drawn: median {statistics.median(opens):.0f} ms "
              f"(of 5: {', '.join(f'{t:.0f}' for t in opens)})")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"file://{path}")
        page.wait_for_selector("#kpi-incidents .kpi-value", timeout=60_000)
        times = []
        for i in range(changes):
            fragment = FRAGMENTS[i % len(FRAGMENTS)] or "lang=en"
            took = page.evaluate("""f => new Promise(done => {
                window.__instantMs = undefined;
                const start = performance.now();
                location.hash = f;
                const check = () => {
                    if (window.__instantMs === undefined) { setTimeout(check, 1); return; }
                    requestAnimationFrame(() => setTimeout(() => done(performance.now() - start)));
                };
                check();
            })""", fragment)
            times.append(took)
        q = statistics.quantiles(times, n=20)
        print(f"{label}: filter change to repainted: p50 {statistics.median(times):.0f} ms, "
              f"p95 {q[18]:.0f} ms over {changes} changes")
        browser.close()


def bundle(out: Path, data: str | None, cache: str) -> None:
    cmd = [sys.executable, "app.py", "bundle", "--out", str(out)]
    if data:
        cmd += ["--data", data]
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "BEEXPLORER_CACHE": cache})
    took = time.perf_counter() - started
    print(done.stdout.strip() or done.stderr.strip(), f"(made in {took:.1f} s)")
    if done.returncode:
        raise SystemExit(done.returncode)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--incidents", type=int, nargs="*", default=[100_000])
    p.add_argument("--changes", type=int, default=20)
    p.add_argument("--cache", help="a cache folder holding the boundary file (else none)")
    args = p.parse_args()
    from data.synthetic import write_synthetic
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or str(Path(tmp) / "no-cache")
        out = Path(tmp) / "bundled.html"
        bundle(out, None, cache)
        measure("bundled (107)", out, args.changes)
        for n in args.incidents:
            folder = write_synthetic(Path(tmp) / f"data-{n}", n)
            out = Path(tmp) / f"generated-{n}.html"
            bundle(out, str(folder), cache)
            measure(f"generated ({n:,})", out, args.changes)
    print(json.dumps({"note": "times on this machine; see docs/deploying.md for the sizes"}))


if __name__ == "__main__":
    main()
