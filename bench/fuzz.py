"""10,000 hostile posts to the callback endpoint of a real `gunicorn app:server` on loopback:
status counts (target: no 5xx, nothing dropped) and worker memory before and after.

    python bench/fuzz.py [--posts 10000] [--seed 1] [--url http://127.0.0.1:PORT]

Without --url it starts its own server on a free loopback port and stops it at the end.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fuzz_payloads import dependencies, posts, send_all  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int = 2) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                             "--workers", str(workers), "app:server"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


def workers_of(master: int) -> list[int]:
    """Worker PIDs: the master's children, from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                out.append(int(entry.name))
    return sorted(out)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return float("nan")


def warm(url: str, rounds: int = 2_000) -> None:
    """The same kind of traffic first (another seed), so 'before' is a worker whose caches and
    allocator are warm: what is left to grow is what the run itself keeps."""
    send_all(url, posts(dependencies(url), seed=99, count=rounds))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--posts", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--url")
    args = p.parse_args()
    proc, url = (None, args.url) if args.url else start_gunicorn()
    try:
        warm(url)
        workers = workers_of(proc.pid) if proc else []
        before = {pid: rss_mb(pid) for pid in workers}
        started = time.perf_counter()
        counts = send_all(url, posts(dependencies(url), args.seed, args.posts))
        seconds = time.perf_counter() - started
        after = {pid: rss_mb(pid) for pid in workers_of(proc.pid)} if proc else {}
        server_errors = sum(n for k, n in counts.items() if k.startswith("5"))
        print(f"{args.posts:,} posts in {seconds:.1f} s ({args.posts / seconds:.0f}/s), seed "
              f"{args.seed}: " + ", ".join(f"{k}: {n:,}" for k, n in sorted(counts.items())))
        print(f"responses >= 500: {server_errors}; dropped: {counts.get('dropped', 0)}")
        for pid in before:
            if pid in after:
                change = 100 * (after[pid] - before[pid]) / before[pid]
                print(f"worker {pid}: RSS {before[pid]:.0f} MB -> {after[pid]:.0f} MB "
                      f"({change:+.1f}%)")
            else:
                print(f"worker {pid}: gone (restarted by the master)")
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
            errors = proc.stderr.read().decode(errors="replace")
            tracebacks = errors.count("Traceback")
            print(f"server log: {tracebacks} tracebacks, {len(errors.splitlines())} lines")
            for line in [x for x in errors.splitlines() if "Error" in x][:5]:
                print("  ", line[:160])


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
