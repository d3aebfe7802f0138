"""Seeded hostile posts to Dash's callback endpoint, built from the app's own dependency list
(what anyone can read at /_dash-dependencies). Used by bench/fuzz.py and by the tests.

About half keep the shape of a real post and put odd but well-typed values in it (they reach
our callbacks); the rest break the shape, the types, the JSON or the size limits.
"""

from __future__ import annotations

import http.client
import json
import random
from collections.abc import Iterator
from urllib.parse import urlsplit

PATH = "/_dash-update-component"
HOSTILE_TEXT = [
    "", " ", "attack", "linked", "brussels", "21012", "2016-03", "?type=attack&place=antwerp",
    "?type=attack&place=antwerp&from=2016-01", "?from=2099-13", "?plot=maybe", "?x=1",
    "?place=<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "../../etc/passwd",
    "' OR 1=1 --", "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\t", "\r\n", "\x00",
    "🙂" * 50, "é" * 300, "a" * 2000, "period", "plot", "types", "places", "None", "null",
    "NaN", "year", "month", "belgium", "per_100k", "/methodology", "/", "?" + "&".join(
        f"type=t{i}" for i in range(200)),
]
PROPERTY_SAMPLES = {  # well-typed values per property name, some semantically nonsense
    "value": lambda r: r.choice([None, [], [r.choice(HOSTILE_TEXT)], r.choice(HOSTILE_TEXT),
                                 [r.choice(HOSTILE_TEXT) for _ in range(r.randint(1, 40))],
                                 [r.uniform(-1e6, 1e6), r.randint(-5, 60)], [0, 40], [3, 2]]),
    "search": lambda r: r.choice([None, r.choice(HOSTILE_TEXT)]),
    "pathname": lambda r: r.choice([None, r.choice(HOSTILE_TEXT)]),
    "n_clicks": lambda r: r.choice([None, 0, 1, r.randint(0, 2**31 - 1)]),
    "checked": lambda r: r.choice([None, True, False]),
    "clickData": lambda r: r.choice([None, {}, {"points": []}, {"points": [random_json(r, 3)]},
                                     {"points": [{"customdata": r.choice(HOSTILE_TEXT),
                                                  "x": r.choice(HOSTILE_TEXT)}]},
                                     {"points": [{"customdata": [r.choice(HOSTILE_TEXT)]}]}]),
    "data": lambda r: r.choice([None, {}, {"type": r.choice(HOSTILE_TEXT)},
                                {r.choice(HOSTILE_TEXT): r.choice(HOSTILE_TEXT)},
                                {"type": "attack", "place": "antwerp"}]),
    "getRowsRequest": lambda r: r.choice([
        None, {}, {"startRow": 0, "endRow": 100},
        {"startRow": r.randint(-5, 10**6), "endRow": r.randint(-5, 10**6)},
        {"startRow": 0, "endRow": 20, "sortModel": [{"colId": r.choice(
            ["date", "place", r.choice(HOSTILE_TEXT)]), "sort": r.choice(
            ["asc", "desc", r.choice(HOSTILE_TEXT)])}]},
        {"startRow": 0, "endRow": 20, "sortModel": r.choice(HOSTILE_TEXT)}]),
}


def random_json(r: random.Random, depth: int = 4) -> object:
    """Any JSON value (the types Dash could be posted), bounded in depth and size."""
    kinds = ["null", "bool", "int", "float", "text"] + (["list", "dict"] if depth > 0 else [])
    kind = r.choice(kinds)
    if kind == "null":
        return None
    if kind == "bool":
        return r.random() < 0.5
    if kind == "int":
        return r.choice([0, -1, 1, 2**31, -(2**63), 10**30, r.randint(-1000, 1000)])
    if kind == "float":
        return r.choice([0.5, -1e308, 1e-300, r.uniform(-1e9, 1e9)])
    if kind == "text":
        return r.choice(HOSTILE_TEXT)
    if kind == "list":
        return [random_json(r, depth - 1) for _ in range(r.randint(0, 5))]
    return {r.choice(HOSTILE_TEXT): random_json(r, depth - 1) for _ in range(r.randint(0, 5))}


def dependencies(base_url: str) -> list[dict]:
    """The app's server callbacks, as the browser learns them (those run in the browser are
    never posted)."""
    conn = _connection(base_url)
    conn.request("GET", "/_dash-dependencies")
    return [d for d in json.loads(conn.getresponse().read()) if not d.get("clientside_function")]


def _outputs(output: str) -> list[dict] | dict:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    items = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    return items if output.startswith("..") else items[0]


ID_SAMPLES = {  # where one component's property differs from the property's usual type
    "page-lang": lambda r: r.choice([None, "en", "fr", "nl", "de", r.choice(HOSTILE_TEXT)]),
}


def _item(dep: dict, r: random.Random) -> dict | list:
    sample = ID_SAMPLES.get(dep["id"]) or PROPERTY_SAMPLES.get(dep["property"],
                                                            lambda r: random_json(r, 2))
    if dep["id"].startswith("{"):  # an ALL pattern: a list of matching components
        pattern = json.loads(dep["id"])
        return [{"id": {**pattern, "name": r.choice(HOSTILE_TEXT), "value": r.choice(
            HOSTILE_TEXT)}, "property": dep["property"], "value": sample(r)}
            for _ in range(r.randint(0, 4))]
    return {"id": dep["id"], "property": dep["property"], "value": sample(r)}


def shaped_body(dep: dict, r: random.Random) -> dict:
    """A post with the shape the browser sends, odd but well-typed values in it."""
    inputs = [_item(d, r) for d in dep["inputs"]]
    flat = [i for i in inputs if isinstance(i, dict)]
    changed = [f"{i['id']}.{i['property']}" for i in r.sample(flat, k=min(len(flat), 1))]
    if r.random() < 0.2:
        pattern = next((i for i in inputs if isinstance(i, list) and i), None)
        if pattern:
            changed = [json.dumps(pattern[0]["id"], separators=(",", ":"), sort_keys=True)
                       + ".n_clicks"]
    return {"output": dep["output"], "outputs": _outputs(dep["output"]), "inputs": inputs,
            "changedPropIds": changed, "state": [_item(d, r) for d in dep.get("state", [])]}


def broken(body: dict, r: random.Random) -> bytes:
    """One of many ways to break a post: types, ids, shape, JSON, depth, size."""
    how = r.randrange(14)
    body = json.loads(json.dumps(body))
    if how == 0:
        return r.choice([b"", b"{", b"not json", b"\xff\xfe\x00", b"{\"output\": }", b"[]",
                         b"null", b"42", b"\"text\"", json.dumps(body).encode()[:-7]])
    if how == 1:
        return (b"[" * r.choice([100, 1000, 50_000])) + (b"]" * r.choice([0, 100]))
    if how == 2:
        n = r.randint(30, 3000)  # written out: json.dumps itself recurses
        return (json.dumps({"output": body["output"]})[:-1] + ', "inputs": ' + "[" * n + "0"
                + "]" * n + "}").encode()
    if how == 3:
        body["output"] = r.choice(["nope.children", "", None, 5, ["x"], "..a.b...c.d.."])
    elif how == 4:
        body.pop(r.choice(["outputs", "inputs", "state", "changedPropIds", "output"]), None)
    elif how == 5 and body["inputs"]:
        i = r.randrange(len(body["inputs"]))
        body["inputs"][i] = random_json(r, 3)
    elif how == 6 and body["inputs"]:
        item = r.choice([i for i in body["inputs"] if isinstance(i, dict)] or [{}])
        item["value"] = random_json(r, 4)
    elif how == 7 and body["inputs"]:
        item = r.choice([i for i in body["inputs"] if isinstance(i, dict)] or [{}])
        item[r.choice(["id", "property"])] = r.choice(["unknown-id", "", None, {"type": "x"}, 3])
    elif how == 8:
        body["inputs"] = random_json(r, 2)
    elif how == 9:
        body["changedPropIds"] = random_json(r, 2)
    elif how == 10:
        body["outputs"] = random_json(r, 2)
    elif how == 11:
        body[r.choice(HOSTILE_TEXT)] = random_json(r, 3)
    elif how == 12:
        return json.dumps({**body, "pad": "x" * r.choice([70_000, 2_000_000])}).encode()
    else:
        item = next((i for i in body["inputs"] if isinstance(i, dict)), None)
        if item is not None:
            item["value"] = "x" * r.choice([5_000, 60_000])
    return json.dumps(body).encode()


def posts(deps: list[dict], seed: int, count: int) -> Iterator[bytes]:
    """count posts, reproducible for a seed: about half shaped, half broken."""
    r = random.Random(seed)
    for _ in range(count):
        body = shaped_body(r.choice(deps), r)
        yield json.dumps(body).encode() if r.random() < 0.5 else broken(body, r)


def _connection(base_url: str) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"fuzzing is for this machine's loopback only, not {base_url}")
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def send_all(base_url: str, bodies: Iterator[bytes]) -> dict[str, int]:
    """Post every body on one keep-alive connection; status counts, and "dropped" for a post
    that got no answer even on a fresh connection. (A server may close a kept-alive connection
    between requests, as gunicorn does after a body it did not read: clients retry then.)"""
    counts: dict[str, int] = {}
    conn = _connection(base_url)
    for body in bodies:
        key = None
        for _attempt in range(2):
            try:
                conn.request("POST", PATH, body=body,
                             headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                key = str(response.status)
                break
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = _connection(base_url)
        key = key or "dropped"
        counts[key] = counts.get(key, 0) + 1
    conn.close()
    return counts
