"""Validation at the edges: time and peak memory of `python -m data validate` on large invalid
datasets, and how fast oversized inputs are refused (prints numbers only).

    python bench/validate_limits.py [--sizes 100000,1000000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.synthetic import synthetic_tables  # noqa: E402

# Runs the CLI in this process and reports its own peak resident memory (VmHWM: ru_maxrss
# would include the parent's peak at fork time).
MEASURED = ("import runpy, sys\n"
            "sys.argv = ['data', 'validate', sys.argv[1]]\n"
            "try:\n    runpy.run_module('data', run_name='__main__')\n"
            "except SystemExit as e:\n    code = e.code\n"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
            "print(f'peak {int(hwm.split()[1]) / 1024:.0f} MB', file=sys.stderr)\n"
            "sys.exit(code)\n")


def run(path: Path) -> tuple[float, str, int, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURED, str(path)], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = next((line for line in done.stderr.splitlines() if line.startswith("peak")), "?")
    return seconds, peak, len(done.stdout.splitlines()), done.stdout.splitlines()[-1][:110]


def invalid_dataset(folder: Path, n: int) -> Path:
    tables = synthetic_tables(n)
    tables["incidents"]["connection"] = "maybe"  # every row breaks one rule
    tables["incidents"].loc[::3, "date"] = "2016-13-45"  # every third row a second one
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    return folder


def wide_header(folder: Path, columns: int) -> Path:
    (folder / "incidents.csv").write_text(",".join(f"c{i}" for i in range(columns)) + "\n")
    return folder


def valid_dataset(folder: Path, n: int) -> Path:
    for name, frame in synthetic_tables(n).items():
        frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    return folder


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="100000,1000000")
    sizes = [int(s) for s in p.parse_args().sizes.split(",")]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = invalid_dataset(Path(tmp), n)
            mb = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
            seconds, peak, lines, last = run(folder)
            print(f"invalid, {n:,} incidents ({mb:.0f} MB): {seconds:.1f} s, {peak}, "
                  f"{lines} lines printed; last: {last}")
        with tempfile.TemporaryDirectory() as tmp:
            seconds, peak, _, last = run(valid_dataset(Path(tmp), n))
            print(f"valid, {n:,} incidents: {seconds:.1f} s, {peak}: {last[:60]}")
    for columns in (100_000, 1_000_000):
        with tempfile.TemporaryDirectory() as tmp:
            seconds, peak, lines, last = run(wide_header(Path(tmp), columns))
            print(f"header of {columns:,} columns: {seconds:.2f} s, {peak}: {last}")


if __name__ == "__main__":
    main()
