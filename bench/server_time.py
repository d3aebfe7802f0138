"""Server time of one filter change (every output: KPIs, shares, table, timeline, map)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components.runtime import AppData, current, install  # noqa: E402
from data import geography, load  # noqa: E402
from data.synthetic import write_synthetic  # noqa: E402
from tests import python_views  # noqa: E402

STATES = [{}, {"type": "attack"}, {"connection": "inspired"}, {"place": "brussels"},
          {"plot": "yes"}, {"from": "2016-01", "to": "2016-12"}, {"place": "52011"},
          {"network": "Paris cell"}, {"citizenship": "MA"}, {"type": "arrest_action",
                                                             "connection": "linked"}]


def one_change(state: dict, sections: tuple[str, ...]) -> float:
    current().memos.clear()  # measure a change never seen before
    started = time.perf_counter()
    python_views.draw(state, open_sections=sections)
    return time.perf_counter() - started


def measure(label: str, data: AppData, rounds: int = 5) -> None:
    install(data)
    for what, sections in (("sections closed (first view)", ()),
                           ("networks and people open", ("networks", "people"))):
        one_change({}, sections)  # warm caches
        times = [one_change(s, sections) for _ in range(rounds) for s in STATES]
        q = statistics.quantiles(times, n=20)
        print(f"{label}, {what}: filter change, all outputs: p50 "
              f"{statistics.median(times) * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms over "
              f"{len(times)} changes")


def main() -> None:
    munis = geography.load_municipalities()
    print(f"boundaries: {'cached file' if munis is not None else 'none (schematic map)'}")
    measure("bundled (107)", AppData(load(), munis))
    with tempfile.TemporaryDirectory() as tmp:
        write_synthetic(Path(tmp), 100_000)
        measure("generated (100,000)", AppData(load(Path(tmp)), munis), rounds=2)


if __name__ == "__main__":
    main()
