"""Filter change -> every view repainted, in headless Chromium (p50/p95), and first-load bytes.

Starts the real app with gunicorn (bundled data, then a generated 100,000-incident dataset).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = "!document.querySelector('[data-dash-is-loading=\"true\"]')"


def drawn(chart: str) -> str:
    """A main chart's drawn marks: plotly's SVG, or our own (assets/bars.js, assets/choro.js)."""
    return f"#{chart} .main-svg, #{chart} .bars, #{chart} .choro-place"


def wait_until(page, expression: str, timeout: float, poll_ms: int = 50) -> None:
    """Poll through the DevTools protocol: the app's CSP blocks wait_for_function's eval."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {expression}")
        page.wait_for_timeout(poll_ms)


def wait_warm(url: str, timeout: float = 900) -> None:
    """Until every worker says its caches are warm (/health's "warm", five answers in a row)."""
    import json
    deadline, in_a_row = time.monotonic() + timeout, 0
    while in_a_row < 5 and time.monotonic() < deadline:
        warm = json.loads(urllib.request.urlopen(f"{url}/health", timeout=600).read()).get(
            "warm", True)
        in_a_row = in_a_row + 1 if warm else 0
        time.sleep(0.2 if warm else 1)


def serve(data: str | None, target: str = "app:server", health: str = "/health",
          extra: tuple[str, ...] = ()):
    """gunicorn (2 workers) serving target on a free loopback port, once health answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, **({"BEEXPLORER_DATA": data} if data else {})}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "2", *extra, "-b",
                             f"127.0.0.1:{port}", "--timeout", "120", target], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_health(url, health, target)
    return proc, url


def wait_health(url: str, health: str, name: str) -> None:
    """Until url + health answers (up to two minutes)."""
    for _ in range(600):
        try:
            urllib.request.urlopen(f"{url}{health}", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{name} did not start")


def measure(label: str, url: str, changes: int = 36) -> None:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        sizes: list[int] = []
        cdp.on("Network.loadingFinished", lambda e: sizes.append(e["encodedDataLength"]))
        page.goto(url)
        page.wait_for_selector(drawn("chart-map"), timeout=120_000)
        wait_until(page, IDLE, 120)
        print(f"{label}: first load {sum(sizes) / 1024:.0f} KiB over the wire "
              f"({len(sizes)} responses)")
        times = []
        for i in range(changes):
            before = page.inner_text("#kpi-incidents .kpi-value")
            choice = ["Yes", "No", "Any"][i % 3]
            t0 = page.evaluate("performance.now()")
            page.locator("#filter-plot label", has_text=choice).click()
            wait_until(page, f"document.querySelector('#kpi-incidents .kpi-value').innerText "
                       f"!== '{before}' && {IDLE}", 60, poll_ms=5)
            page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")
            times.append(page.evaluate("performance.now()") - t0)
        q = statistics.quantiles(times, n=20)
        print(f"{label}: filter change to every view repainted: p50 "
              f"{statistics.median(times):.0f} ms, p95 {q[18]:.0f} ms over {changes} changes")
        browser.close()


def main() -> None:
    proc, url = serve(None)
    try:
        measure("bundled (107)", url)
    finally:
        proc.terminate()
    from data.synthetic import write_synthetic
    with tempfile.TemporaryDirectory() as tmp:
        write_synthetic(Path(tmp), 100_000)
        proc, url = serve(tmp)
        try:
            measure("generated (100,000)", url)
        finally:
            proc.terminate()


if __name__ == "__main__":
    main()
