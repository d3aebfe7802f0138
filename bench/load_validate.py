"""Load + validate time for the bundled dataset and a generated one (prints numbers only)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data import BUNDLED, load  # noqa: E402
from data.synthetic import write_synthetic  # noqa: E402


def timed(path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        load(path)
        out.append(time.perf_counter() - started)
    return out


def main(n: int = 100_000) -> None:
    bundled = timed(BUNDLED, 10)
    median_ms = statistics.median(bundled) * 1000
    print(f"bundled (107 incidents): load+validate median {median_ms:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        write_synthetic(Path(tmp), n)
        big = timed(Path(tmp), 3)
        print(f"generated ({n} incidents): load+validate median {statistics.median(big):.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
