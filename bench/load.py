"""Load and faults on a real `gunicorn app:server` on loopback (bounded: <= 60 s per run).

Run 1: N concurrent simulated users (default 100), each sending what the page still asks the
server for on a filter change -- the table's first page for the new state (the views are drawn in
the browser), the open sections for half of them -- then paging, sorting or searching the table,
and now and then loading the page's layout, the views payload (revalidated) and a map file.
Run 2 (--kill): the same, while one worker is killed by PID:
failed requests, and the time until the master's replacement worker answers.

    python bench/load.py [--users 50] [--seconds 30] [--workers 2] [--think 1.0] [--kill]

--think 0: every user sends its next change as soon as the last is answered (the most load).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fuzz import start_gunicorn, workers_of  # noqa: E402
from bench.fuzz_payloads import _connection, _outputs, dependencies  # noqa: E402

STATES = [{}, {"type": "attack"}, {"connection": "inspired"}, {"place": "brussels"},
          {"place": "charleroi"}, {"plot": "yes"}, {"type": "arrest_action", "place": "21012"},
          {"from": "2016-01", "to": "2016-12"}, {"type": "attack", "place": "antwerp"},
          {"citizenship": "MA"}, {"network": "Zerkani network"}, {"link": "local_cell"}]
CONTROLS = {"type": "filter-type", "connection": "filter-connection", "place": "filter-place",
            "plot": "filter-plot", "citizenship": "filter-citizenship",
            "network": "filter-network", "link": "filter-link"}


def body(dep: dict, values: dict, changed: str) -> bytes:
    def item(d):
        if d["id"].startswith("{"):
            return []
        return {"id": d["id"], "property": d["property"], "value": values.get(d["id"])}
    return json.dumps({"output": dep["output"], "outputs": _outputs(dep["output"]),
                       "inputs": [item(d) for d in dep["inputs"]], "changedPropIds": [changed],
                       "state": [item(d) for d in dep.get("state", [])]}).encode()


def _page(deps: dict, state: dict, start: int, sort=None, search: str = "") -> bytes:
    return body(deps["table"], {"table-incidents": {"startRow": start, "endRow": start + 100,
                                                    "sortModel": sort or []},
                                "filter-state": state, "table-search": search,
                                "page-lang": "en"}, "table-incidents.getRowsRequest")


def filter_change(deps: dict, r: random.Random, maps: bool = True
                  ) -> list[tuple[str, str, bytes | None, dict]]:
    """The requests one filter change still makes in the page, and what a reader does next."""
    state = r.choice(STATES)
    out = [("POST", "table", _page(deps, state, 0), {})]
    if r.random() < 0.5:  # a section open: the server draws it
        out.append(("POST", "sections", body(deps["sections"], {"sections-state": {
            "state": state, "open": r.choice([["networks"], ["networks", "people"]])},
            "page-lang": "en"}, "sections-state.data"), {}))
    roll = r.random()
    if roll < 0.4:
        out.append(("POST", "next page", _page(deps, state, 100), {}))
    elif roll < 0.6:
        out.append(("POST", "sorted", _page(deps, state, 0, [{"colId": "place", "sort": "asc"}]),
                    {}))
    elif roll < 0.75:
        out.append(("POST", "search", _page(deps, state, 0, search=r.choice(
            ["Molenbeek", "attack", "2016", "cell"])), {}))
    if r.random() < 0.05:
        out += [("GET", "/_dash-layout", None, {}),
                ("GET", "/instant/en.json", None, {"If-None-Match": deps["etag"]})]
        out += [("GET", "/geo/brussels.json", None, {})] if maps else []
    return out


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.status: dict[str, int] = {}
        self.failures: list[float] = []  # when each request that finally failed was sent
        self.failed_attempts: list[float] = []  # every attempt that got no answer

    def attempt_failed(self, started: float) -> None:
        with self.lock:
            self.failed_attempts.append(started)

    def add(self, started: float, seconds: float, key: str) -> None:
        with self.lock:
            self.status[key] = self.status.get(key, 0) + 1
            if key.isdigit() and int(key) < 400:
                self.times.append(seconds)
            else:
                self.failures.append(started)


def user(url: str, deps: dict, seed: int, until: float, rec: Recorder, maps: bool,
         think: float = 1.0) -> None:
    r = random.Random(seed)
    conn, fresh = _connection(url), True
    while time.monotonic() < until:
        for method, what, payload, headers in filter_change(deps, r, maps):
            path = "/_dash-update-component" if method == "POST" else what
            started = time.monotonic()
            for _attempt in range(2):
                try:
                    conn.request(method, path, body=payload,
                                 headers={"Content-Type": "application/json", **headers})
                    response = conn.getresponse()
                    response.read()
                    key, fresh = str(response.status), False
                    break
                except (OSError, http.client.HTTPException):
                    key = "failed"
                    rec.attempt_failed(started)
                    conn.close()
                    retry = not fresh  # a kept-alive connection that died while idle: the
                    conn, fresh = _connection(url), True  # request never reached a worker
                    if not retry:
                        break
            rec.add(started, time.monotonic() - started, key)
        if think:  # a person looks at the result before the next click
            time.sleep(r.uniform(0.2 * think, think))
    conn.close()


def run(url: str, deps: dict, users: int, seconds: float, during=None,
        think: float = 1.0) -> Recorder:
    rec = Recorder()
    until = time.monotonic() + seconds
    maps = bool(json.loads(urllib.request.urlopen(f"{url}/health").read())["boundaries"])
    threads = [threading.Thread(target=user, args=(url, deps, i, until, rec, maps, think),
                                daemon=True)
               for i in range(users)]
    for t in threads:
        t.start()
    if during:
        during()
    for t in threads:
        t.join(timeout=seconds + 60)
    return rec


def report(label: str, rec: Recorder, seconds: float) -> None:
    q = statistics.quantiles(rec.times, n=100) if len(rec.times) > 1 else [0] * 99
    total = sum(rec.status.values())
    print(f"{label}: {total:,} requests, {total / seconds:.0f}/s; p50 {q[49] * 1000:.0f} ms, "
          f"p95 {q[94] * 1000:.0f} ms, p99 {q[98] * 1000:.0f} ms; statuses "
          + ", ".join(f"{k}: {n:,}" for k, n in sorted(rec.status.items())))


def health_worker(url: str) -> str | None:
    """The name of the worker that answered /health (opaque: never its PID)."""
    conn = _connection(url)
    try:
        conn.request("GET", "/health")
        return json.loads(conn.getresponse().read())["worker"]
    except (OSError, http.client.HTTPException, ValueError, KeyError):
        return None
    finally:
        conn.close()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--think", type=float, default=1.0,
                   help="longest pause between a user's changes, in seconds (0: none)")
    p.add_argument("--kill", action="store_true", help="also a run with a worker killed")
    args = p.parse_args()
    seconds = min(args.seconds, 60)
    proc, url = start_gunicorn(args.workers)
    try:
        all_deps = dependencies(url)
        deps = {"table": next(d for d in all_deps
                              if d["output"] == "table-incidents.getRowsResponse"),
                "sections": next(d for d in all_deps if d["inputs"][0]["id"] == "sections-state"),
                "etag": urllib.request.urlopen(f"{url}/instant/en.json").headers["ETag"]}
        run(url, deps, 10, 3)  # warm every worker's caches
        report(f"{args.users} users, {args.workers} workers, think <= {args.think} s",
               run(url, deps, args.users, seconds, think=args.think), seconds)
        if not args.kill:
            return
        workers = workers_of(proc.pid)
        victim = workers[0]
        recovered: dict[str, float] = {}

        names = {health_worker(url) for _ in range(40)}  # the workers' names before

        def kill_one():
            time.sleep(seconds / 4)
            killed_at = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            recovered["killed"] = killed_at
            while time.monotonic() - killed_at < seconds:
                new = set(workers_of(proc.pid)) - set(workers)
                if new and "spawned" not in recovered:
                    recovered["spawned"] = time.monotonic() - killed_at
                seen = health_worker(url) if new else None
                if seen is not None and seen not in names:  # a worker not seen before
                    recovered["serves"] = time.monotonic() - killed_at
                    return
                time.sleep(0.05)

        rec = run(url, deps, args.users, seconds, kill_one, think=args.think)
        report(f"same, worker {victim} killed at {seconds / 4:.0f} s", rec, seconds)
        at = recovered.get("killed", 0)
        in_flight = sum(t < at for t in rec.failed_attempts)
        idle = len(rec.failed_attempts) - in_flight
        print(f"no answer: {in_flight} requests in flight on the killed worker (a page would "
              f"show its stale-numbers banner; retried here); {idle} sent "
              f"later on kept-alive connections to it (retried at once on a new connection, "
              f"as browsers do); {len(rec.failures)} failed in the end. Replacement spawned "
              f"after {recovered.get('spawned', float('nan')):.2f} s, answered after "
              f"{recovered.get('serves', float('nan')):.2f} s")
    finally:
        proc.terminate()
        proc.wait(15)


if __name__ == "__main__":
    main()
