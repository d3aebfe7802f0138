"""The table's pages at scale: a page request through Dash's own dispatch (the guard, the
callback, components/charts/table.py), timed on a generated dataset. Prints p50/p95 for the
first page after a filter change, the next pages, a sorted and a searched listing.

    python -m data generate --incidents 1000000 --out /tmp/gen1m
    python bench/table_page.py /tmp/gen1m [--requests 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    os.environ["BEEXPLORER_DATA"] = args.data
    t0 = time.perf_counter()
    import app as app_module  # loads the dataset named above
    from components.runtime import current
    print(f"{len(current().dataset.incidents):,} incidents loaded in "
          f"{time.perf_counter() - t0:.1f} s")
    import threading
    for thread in threading.enumerate():  # as a worker would be: its caches warm
        if thread.name == "warm-caches":
            thread.join()
    print(f"caches warm after {time.perf_counter() - t0:.1f} s")
    client = app_module.app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    page_cb = next(d for d in deps if d["output"] == "table-incidents.getRowsResponse")

    def ask(state: dict, start: int, sort=None, search: str = "") -> float:
        body = {"output": page_cb["output"],
                "outputs": {"id": "table-incidents", "property": "getRowsResponse"},
                "inputs": [{"id": "table-incidents", "property": "getRowsRequest",
                            "value": {"startRow": start, "endRow": start + 100,
                                      "sortModel": sort or []}}],
                "changedPropIds": ["table-incidents.getRowsRequest"],
                "state": [{"id": "filter-state", "property": "data", "value": state},
                          {"id": "table-search", "property": "value", "value": search},
                          {"id": "page-lang", "property": "data", "value": "en"}]}
        t = time.perf_counter()
        response = client.post("/_dash-update-component", json=body)
        took = (time.perf_counter() - t) * 1000
        assert response.status_code == 200, response.data[:200]
        return took

    states = [{"type": "attack"}, {"plot": "yes"}, {"place": "brussels"},
              {"connection": "inspired"}, {"from": "2016-01", "to": "2016-12"}, {}]
    runs = {"first page after a filter change": [], "next pages": [],
            "sorted by place (first page)": [], "searched 'brussels' (first page)": []}
    for i in range(args.requests):
        state = dict(states[i % len(states)], **({"link": "unknown"} if i >= len(states) else {}))
        if i >= 2 * len(states):
            state = {"from": f"201{5 + i % 3}-0{1 + i % 9}"}
        runs["first page after a filter change"].append(ask(state, 0))
        runs["next pages"].append(ask(state, 100 * (1 + i % 50)))
        runs["sorted by place (first page)"].append(
            ask(state, 0, [{"colId": "place", "sort": "asc" if i % 2 else "desc"}]))
        runs["searched 'brussels' (first page)"].append(ask(state, 0, search=f"brussels {i}"))
    for name, values in runs.items():
        print(f"{name:36s} p50 {statistics.median(values):7.1f} ms  "
              f"p95 {statistics.quantiles(values, n=20)[18]:7.1f} ms  ({len(values)} requests)")


if __name__ == "__main__":
    main()
