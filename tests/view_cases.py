"""Random and named view states (filters and chart options, in a random language) with what the
Python code draws for each (callbacks.draw): the cases the browser's views (assets/instant.js)
must reproduce exactly, in node (tests/js/views.test.js, every `make test`) and in Chromium
(tests/browser/test_instant.py)."""

from __future__ import annotations

import json
import random

import plotly.utils

from components import ids
from components.runtime import AppData, install
from components.state import MONTHS
from data import codebook as cb
from data.filters import Filters
from data.i18n import use
from data.places import GROUPS, PROVINCES
from tests import python_views

# instant.js's output order -> the element it writes, which the Python twin's output names
KEYS = ids.MAIN_VIEWS
NAMED = ["", "type=attack", "connection=inspired", "place=52011", "place=brussels",
         "type=arrest_action&connection=linked", "type=arrest_action&plot=yes",
         "place=antwerp&type=attack", "place=elsewhere", "from=2016-01&to=2016-12",
         "network=Zerkani network", "citizenship=MA", "citizenship=BE,MA&place=brussels",
         "link=local_cell,both", "plot=no&connection=inspired", "from=2017-10",
         "to=2014-06", "place=brussels,charleroi,antwerp,elsewhere", "province=10000",
         "province=04000,50000&type=arrest_action", "place=antwerp&province=10000",
         "place=brussels&province=10000"]


def _random_state(r: random.Random, data: AppData) -> str:
    vocab = data.vocabulary
    places = [*GROUPS, "elsewhere", *sorted(set(data.dataset.incidents["nis_code"])),
              *r.sample(sorted(vocab.places), 3)]

    def some(values, k=3):
        return sorted(r.sample(values, r.randint(0, min(k, len(values)))))

    lo, hi = sorted(r.sample(range(len(MONTHS)), 2))
    f = Filters(start=r.choice([None, MONTHS[lo]]), end=r.choice([None, MONTHS[hi]]),
                types=frozenset(some(list(cb.INCIDENT_TYPES))),
                connections=frozenset(some(list(cb.CONNECTIONS))),
                links=frozenset(some(list(cb.LINK_TYPES))), plot=r.choice([None, True, False]),
                networks=frozenset(some(sorted(vocab.networks), 2)),
                places=frozenset(some(places)),
                provinces=frozenset(some(list(PROVINCES), 2) if r.random() < 0.3 else ()),
                citizenships=frozenset(some(["BE", "MA", "FR", "NL", "TR", "SY"], 2)))
    f = f.checked()
    if f.places and r.random() < 0.2:  # the way back of a map drill-down
        group = r.choice([*GROUPS, "elsewhere"])
        f = Filters.from_query(f.to_query() + f"&within={group}", vocab)
    return f.to_query()


def cases(data: AppData, seed: int, count: int) -> list[dict]:
    r = random.Random(seed)
    states = NAMED + [_random_state(r, data) for _ in range(count)]
    return [{"query": q, "state": Filters.from_query(q, data.vocabulary).to_state(),
             "lang": r.choice(["en", "fr", "nl"]),
             "opts": {"freq": r.choice(["year", "month"]),
                      "by": r.choice(["connection", "incident_type"]),
                      "events": r.random() < 0.3,
                      "panel": r.choice(["brussels", "charleroi", "antwerp", "belgium"]),
                      "metric": r.choice(["incidents", "per_100k"])}} for q in states]


def python(data: AppData, case: dict) -> dict:
    install(data)
    o = case["opts"]
    with use(case["lang"]):
        out = dict(zip(python_views.VIEW_KEYS, python_views.draw(
            case["state"], o["freq"], o["by"], o["events"], o["panel"], o["metric"],
            open_sections=()), strict=True))
    return {k: out[v] for k, v in KEYS.items()}


def plain(value) -> object:
    return json.loads(json.dumps(value, cls=plotly.utils.PlotlyJSONEncoder))


def differences(a, b, path="") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{path}.{k}: only in {'python' if k in a else 'browser'}"
               for k in set(a) ^ set(b)]
        for k in set(a) & set(b):
            out += differences(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items (python) vs {len(b)} (browser): {a!r:.200} / "
                    f"{b!r:.200}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in differences(x, y, f"{path}[{i}]")]
    if a == b or (isinstance(a, float | int) and isinstance(b, float | int) and a == b):
        return []
    return [f"{path}: python {a!r:.200} vs browser {b!r:.200}"]




def expected(data: AppData, cases: list[dict]) -> list[dict]:
    """The cases with Python's views for each, as JSON (what the browser's must equal)."""
    return [{**case, "expected": plain(python(data, case))} for case in cases]
