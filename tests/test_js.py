"""The browser code is tested and linted: node's own test runner on assets/instant.js (numbers
checked against Babel, counts against the Python aggregates) and assets/filters.js (3,000 random
filter events against the Python filter code), and ESLint (tools/js)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from urllib.parse import parse_qsl

import pandas as pd
import pytest

from components import state
from components.charts import payload as instant
from components.dashboard import callbacks
from data import aggregate as ag
from data import i18n
from data.filters import Filters, form_quote
from data.i18n import num, pct
from tests import filter_events, view_cases
from tests.conftest import ROOT

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed (make test-setup)")


def _cases(app_data) -> dict:
    r = random.Random(5)
    values = [0, 1, 7, 12.5, 13.5, 0.125, 99.95, 54.75, 1234567, 1e-7, 2.675, 100, 66.65,
              *[round(r.uniform(0, 1e6), r.choice([0, 1, 2, 3])) for _ in range(300)],
              *[100 * r.randint(0, 400) / r.randint(1, 400) for _ in range(300)]]
    numbers = {lang: {"num": [[v, d, num(v, lang, d)] for v in values for d in (0, 1)],
                      "pct": [[v, pct(v, lang)] for v in values if v <= 100]}
               for lang in i18n.LANGS}
    shares = [100 * a / b for a, b in ((r.randint(0, 500), r.randint(1, 500))
                                       for _ in range(500))] + [12.25, 0.05, 2.5, 0.15]
    rounding = [[v, d, float(pd.Series([v]).round(d).iloc[0])] for v in shares for d in (1, 2)]
    states = []
    for query in ("", "type=attack", "place=brussels&plot=yes", "citizenship=MA",
                  "network=Zerkani network", "from=2016-01&to=2016-06&connection=inspired",
                  "place=elsewhere&link=local_cell"):
        f = Filters.from_query(query, app_data.vocabulary)
        d = app_data.dataset
        from data.filters import apply, apply_people
        inc = apply(d.incidents, f, d.people)
        k = ag.key_figures(inc, apply_people(d.people, inc, f))
        states.append({"state": f.to_state(), "describe": f.describe("en", app_data.names("en")),
                       "expected": [k["incidents"]["value"], k["arrest_actions"]["value"],
                                    k["share_linked"]["value"], k["share_plot"]["value"],
                                    k["people"]["value"],
                                    bool((inc["source_type"] == "reconstructed").any())]})
    payload = instant.payload(app_data, "en")
    texts = [*filter_events.JUNK, "it's", "both'\"", "\\", "\x7f\x80\xa0\u2028\ufeff",
             "\U0001f600\U000e0001", "\ud7ff", "\u0378", "a b\u3000c"]
    escaped = ["%", "%2", "%zz", "%C3", "%C3%A9", "%E2%82", "%E2%82%AC", "%F0%9F%98", "%ff%fe",
               "a+b%2Bc", "%E2%82x%AC", "%ED%A0%80", "%C0%AF", "%F4%90%80%80", "100%"]
    return {"filters": filter_events.cases(
                app_data.vocabulary, sorted(set(app_data.dataset.incidents["nis_code"])),
                3000, 1),
            "vocabulary": payload["vocabulary"],
            # the filter callback's inputs as Dash declares them (their ids), and the sections'
            # clicks the browser is told of
            "filterInputs": {"ids": [i.component_id for i in (*callbacks.FILTER_INPUTS,)]
                             + [cid for cid, _p in callbacks.CHART_OPTIONS],
                             "controls": list(callbacks.CONTROL_IDS.values())},
            "clicks": payload["clicks"],
            # an address's parameters as Python reads them (parse_qsl), a value as it writes it
            "addresses": [[q, [list(p) for p in parse_qsl(q.lstrip("?"))]] for q in
                          [f"a={t}&b=x+y%2C{t}&={t}&c=&d" for t in escaped + texts]],
            "quotes": [[text, form_quote(text)] for text in [*texts, "a~b*c(d)!e'f", "é ü"]],
"numbers": numbers, "rounding": rounding, "states": states,
            "words": {lang: instant.words(lang) for lang in i18n.LANGS},
            "payload": {k: payload[k] for k in ("cube", "places", "months", "types", "vocabulary",
                                                 "filter_words")}}


NODE_STATES = 520  # random view states compared in node, with the boundary file
SCHEMATIC_STATES = 80  # and without it (the schematic map)


def _views(data, seed: int, count: int) -> dict:
    """The browser's payload in every language and the views Python draws for each case."""
    from components.runtime import install
    install(data)
    return {"payloads": {lang: view_cases.plain(instant.payload(data, lang))
                         for lang in i18n.LANGS},
            "cases": view_cases.expected(data, view_cases.cases(data, seed, count))}


COMPARE_PAIRS = 520  # random pairs of slices compared in node, with the boundary file
SCHEMATIC_PAIRS = 60  # and without it (the schematic map)
DISJOINT = [(("place",), [("brussels",), ("antwerp",), ("charleroi",), ("elsewhere",),
                          ("antwerp,charleroi",)]),
            (("type",), [("attack",), ("arrest_action",)]),
            (("connection",), [("linked",), ("inspired",)]),
            (("plot",), [("yes",), ("no",)]),
            (("from", "to"), [("2014-06", "2014-12"), ("2015-01", "2015-12"),
                              ("2016-01", "2016-12"), ("2017-01", "2017-10"),
                              ("2015-01", "2015-06"), ("2016-04", "2016-09")])]


def _comparisons(data, seed: int, count: int) -> dict:
    """Random pairs of slices: a random A, and 1-3 of another random state's filters (or their
    absence: a blank lifts A's) as B's overrides, with the key figures Python gives for each."""
    from components.charts import comparison, views
    from components.runtime import install
    from data import compare as cmp
    from data.filters import PARAMS
    install(data)
    r, out = random.Random(seed), []
    named = ["place=brussels&vs.place=antwerp", "type=arrest_action&vs.type=attack",
             "vs.place=brussels", "type=attack&place=brussels&vs.place=antwerp",
             "from=2015-01&to=2015-12&vs.from=2016-01&vs.to=2016-12", "place=brussels&vs.place="]
    while len(out) < count:
        if named:
            state = dict(parse_qsl(named.pop(0), keep_blank_values=True))
        elif r.random() < 0.5:  # slices that share no incident: a difference to test
            a = dict(parse_qsl(r.choice(["", "", "connection=linked", "plot=yes", "type=attack",
                                         "citizenship=MA", "from=2015-06", "place=brussels",
                                         "connection=inspired&place=elsewhere"])))
            param, values = r.choice(DISJOINT)
            first, second = r.sample(values, 2)
            state = {**a, **dict(zip(param, first, strict=True)),
                     **{"vs." + k: v for k, v in zip(param, second, strict=True)}}
        else:
            a = dict(parse_qsl(view_cases._random_state(r, data)))
            other = dict(parse_qsl(view_cases._random_state(r, data)))
            keys = r.sample([k for k in PARAMS if k != "within"], r.randint(1, 3))
            state = {**a, **{"vs." + k: other.get(k, "") for k in keys}}
        try:
            a, c = cmp.slices(state, data.vocabulary)
        except cmp.FilterError:  # e.g. B's from after A's to
            continue
        if c is None:
            continue
        lang, freq = r.choice(i18n.LANGS), r.choice(["year", "month"])
        panel, metric = r.choice(views.OPTIONS["panel"]), r.choice(views.OPTIONS["metric"])
        state = {**a.to_state(), **cmp.state_of(c)}
        out.append({"state": state, "lang": lang, "freq": freq, "panel": panel, "metric": metric,
                    "expected": view_cases.plain(comparison.panel(data, c, lang, freq, panel,
                                                                  metric))})
    return {"cases": out}


def test_node_unit_tests(app_data, offline_data, tmp_path):
    cases = tmp_path / "cases.json"
    written = _cases(app_data) | {"views": {
        "schematic": _views(offline_data, 7, SCHEMATIC_STATES),
        "boundaries": _views(app_data, 20261203, NODE_STATES)},
        "compare": _comparisons(app_data, 22, COMPARE_PAIRS),
        "compare_schematic": _comparisons(offline_data, 23, SCHEMATIC_PAIRS)}
    cases.write_text(json.dumps(written), encoding="utf-8")
    browser = tmp_path / "written.json"
    run = subprocess.run([NODE, "--test", str(ROOT / "tests" / "js")], capture_output=True,
                         text=True, env={"BEEXPLORER_JS_CASES": str(cases), "PATH": "",
                                         "BEEXPLORER_JS_WRITTEN": str(browser)},
                         timeout=120)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert f"# pass {NODE_TESTS}" in run.stdout and "# fail 0" in run.stdout
    _contract(app_data, written["filters"], json.loads(browser.read_text(encoding="utf-8")))


NODE_TESTS = 33  # the tests in tests/js (each must have run)


def _contract(app_data, events: list[dict], browser: list[dict]) -> None:
    """What the browser wrote for each random event (tests/js/filters.test.js), read by Python
    (state.from_address, as the server reads a page's address): every state it accepts and
    writes back byte-identical; every address the browser refused, refused in the same words."""
    known, counts = app_data.vocabulary, {"written": 0, "refused": 0}
    assert len(browser) == len(events) >= 3000
    for event, out in zip(events, browser, strict=True):
        assert "thrown" not in out, (event, out)  # the page's handler never fails
        with i18n.use(event["lang"]):
            if out["error"] is None:
                back = state.from_address(out["search"], known, event["lang"])
                assert (back["search"], back["state"], back["error"]) == (
                    out["search"], out["state"], None), (event, out, back)
                counts["written"] += 1
            elif event["source"] == "url":
                said = state.from_address(event["search"], known, event["lang"])
                assert (said["error"], said["search"], said["state"]) == (
                    out["error"], out["search"], out["state"]), event
                counts["refused"] += 1
    assert counts["written"] >= 2000 and counts["refused"] >= 100, counts


def test_eslint():
    eslint = ROOT / "tools" / "js" / "node_modules" / ".bin" / "eslint"
    if not eslint.exists():
        pytest.fail("ESLint is not installed: run `make test-setup` (npm ci in tools/js)")
    # every script of ours (the vendored bundles are minified, *.min.js)
    ours = sorted(str(p.relative_to(ROOT)) for folder in ("assets", "static", "tests/js")
                  for p in (ROOT / folder).glob("*.js") if not p.name.endswith(".min.js"))
    assert "assets/bars.js" in ours and "tests/js/instant.test.js" in ours
    run = subprocess.run([str(eslint), "-c", "tools/js/eslint.config.js", "--max-warnings", "0",
                          *ours],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
