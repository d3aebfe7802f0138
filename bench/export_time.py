"""Export times (prints numbers only): each image format first (renderer start included) and
warm, p50/p95; the data files; and 4 exports at once in one process (queued, not crashed).

    python bench/export_time.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from components.charts import registry as charts  # noqa: E402
from components.exports import files as exports  # noqa: E402
from components.runtime import AppData, install  # noqa: E402
from data import load  # noqa: E402
from data.filters import Filters  # noqa: E402
from data.geography import load_municipalities  # noqa: E402

SHARED_MAP = ROOT.parent / "shared" / "reference" / "belgium-municipalities.topojson"
OPTIONS = {"freq": "year", "by": "connection", "events": True, "metric": "incidents",
           "panel": "brussels"}


def timed(data, fmt: str, graph: str) -> float:
    started = time.perf_counter()
    exports.build(data, Filters(), charts.CHART_DATA[graph], fmt, OPTIONS, "http://h/",
                    graph)
    return time.perf_counter() - started


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=10)
    runs = p.parse_args().runs
    munis = load_municipalities(SHARED_MAP) if SHARED_MAP.exists() else None
    data = AppData(load(), munis)
    install(data)
    print(f"first export (starts the renderer): PNG {timed(data, 'png', 'chart-shares'):.2f} s")
    for fmt in ("png", "png-square", "svg", "pdf", "csv", "xlsx", "rows-xlsx"):
        for graph in ("chart-shares", "chart-map"):
            times = [timed(data, fmt, graph) for _ in range(runs)]
            q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
            print(f"{fmt:<10} {graph:<13} warm p50 {statistics.median(times) * 1000:5.0f} ms, "
                  f"p95 {q[18] * 1000:5.0f} ms")
    from components.exports import pack as briefing
    packs = []
    for _ in range(2):
        started = time.perf_counter()
        briefing.pack(data, Filters(), OPTIONS, "http://h/")
        packs.append(time.perf_counter() - started)
    print(f"briefing pack (10 charts: PDF pages, PNG, SVG; workbook): "
          f"{', '.join(f'{s:.1f}' for s in packs)} s")
    results: list[object] = []

    def one():
        try:
            results.append(timed(data, "png", "chart-map"))
        except Exception as err:  # noqa: BLE001 - counted and printed below
            results.append(err)

    threads = [threading.Thread(target=one) for _ in range(4)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failed = [r for r in results if isinstance(r, Exception)]
    done = sorted(r for r in results if not isinstance(r, Exception))
    print(f"4 PNG exports at once: all done in {time.perf_counter() - started:.2f} s "
          f"(each {', '.join(f'{s:.2f}' for s in done)} s, queued); failed: {len(failed)}")


if __name__ == "__main__":
    main()
