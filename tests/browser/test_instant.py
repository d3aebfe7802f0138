"""One source of truth: the views the browser draws (assets/instant.js) are exactly the views the
Python code draws (callbacks.draw), for hundreds of random filter states and the study's named
ones, in every language and chart option: every count, share, n, label and sentence."""

from __future__ import annotations

import json
import random

import plotly.utils
import pytest

from components import ids
from components.dashboard import callbacks
from components.runtime import AppData, install
from components.state import MONTHS
from data import codebook as cb
from data.filters import Filters
from data.i18n import use
from data.places import GROUPS

pytestmark = pytest.mark.browser

# instant.js's output order -> the element it writes, which the Python twin's output names
KEYS = ids.MAIN_VIEWS
NAMED = ["", "type=attack", "connection=inspired", "place=52011", "place=brussels",
         "type=arrest_action&connection=linked", "type=arrest_action&plot=yes",
         "place=antwerp&type=attack", "place=elsewhere", "from=2016-01&to=2016-12",
         "network=Zerkani network", "citizenship=MA", "citizenship=BE,MA&place=brussels",
         "link=local_cell,both", "plot=no&connection=inspired", "from=2017-10",
         "to=2014-06", "place=brussels,charleroi,antwerp,elsewhere"]
RANDOM_STATES = 520


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
                citizenships=frozenset(some(["BE", "MA", "FR", "NL", "TR", "SY"], 2)))
    f = f.checked()
    if f.places and r.random() < 0.2:  # the way back of a map drill-down
        group = r.choice([*GROUPS, "elsewhere"])
        f = Filters.from_query(f.to_query() + f"&within={group}", vocab)
    return f.to_query()


def _cases(data: AppData, seed: int, count: int) -> list[dict]:
    r = random.Random(seed)
    states = NAMED + [_random_state(r, data) for _ in range(count)]
    return [{"query": q, "state": Filters.from_query(q, data.vocabulary).to_state(),
             "lang": r.choice(["en", "fr", "nl"]),
             "opts": {"freq": r.choice(["year", "month"]),
                      "by": r.choice(["connection", "incident_type"]),
                      "events": r.random() < 0.3,
                      "panel": r.choice(["brussels", "charleroi", "antwerp", "belgium"]),
                      "metric": r.choice(["incidents", "per_100k"])}} for q in states]


def _python(data: AppData, case: dict) -> dict:
    install(data)
    o = case["opts"]
    with use(case["lang"]):
        out = dict(zip(callbacks.VIEW_KEYS, callbacks.draw(
            case["state"], o["freq"], o["by"], o["events"], o["panel"], o["metric"],
            open_sections=()), strict=True))
    return {k: out[v] for k, v in KEYS.items()}


def _plain(value) -> object:
    return json.loads(json.dumps(value, cls=plotly.utils.PlotlyJSONEncoder))


def _browser(page, cases: list[dict]) -> list[dict]:
    return page.page.evaluate("""async (cases) => {
        const loaded = {};
        for (const lang of ["en", "fr", "nl"]) { loaded[lang] = await window.beInstant.load(lang); }
        return cases.map(c => window.beInstant.views(loaded[c.lang], c.state, c.opts));
    }""", cases)


def _differences(a, b, path="") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{path}.{k}: only in {'python' if k in a else 'browser'}"
               for k in set(a) ^ set(b)]
        for k in set(a) & set(b):
            out += _differences(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items (python) vs {len(b)} (browser): {a!r:.200} / "
                    f"{b!r:.200}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{path}[{i}]")]
    if a == b or (isinstance(a, float | int) and isinstance(b, float | int) and a == b):
        return []
    return [f"{path}: python {a!r:.200} vs browser {b!r:.200}"]


def _check(page, url: str, data: AppData, cases: list[dict]) -> None:
    page.open(f"{url}/")
    page.wait_drawn()
    found = []
    for start in range(0, len(cases), 60):
        batch = cases[start:start + 60]
        for case, shown in zip(batch, _browser(page, batch), strict=True):
            diffs = _differences(_plain(_python(data, case)), _plain(shown))
            if diffs:
                found.append(f"{case['query']!r} {case['lang']} {case['opts']}:\n  "
                             + "\n  ".join(sorted(diffs)[:8]))
    assert not found, f"{len(found)} of {len(cases)} states differ:\n" + "\n".join(found[:5])


def test_browser_views_equal_the_python_views(page, app_url, app_data):
    _check(page, app_url, app_data, _cases(app_data, 20261125, RANDOM_STATES))


def test_browser_views_equal_the_python_views_with_the_schematic_map(page, offline_url,
                                                                     offline_data):
    _check(page, offline_url, offline_data, _cases(offline_data, 7, 60))



# The timeline for all incidents, its counts a thousand times larger (as at 100,000 incidents),
# made ready for the screen and drawn into a scratch element: the margin plotly ends up using
# (after its automargin) against the one the figure asked for.
BIG_COUNTS = """async ([peak, dtick]) => {
  const P = window.beInstant.loaded('en');
  const fig = window.beInstant.views(P, {}, {freq: 'year', by: 'connection', events: false,
                                             panel: 'brussels', metric: 'incidents'}).timeline;
  // the tallest bar made exactly peak (29,500: the top tick, 30,000, 3% under the plot's top)
  const top = Math.max(...fig.data[0].y.map((v, i) => fig.data.reduce((s, t) => s + t.y[i], 0)));
  fig.data.forEach(t => {
    t.y = t.y.map(v => v * peak / top);
    t.text = t.y.map(v => String(Math.round(v)));
  });
  fig.layout.yaxis.dtick = dtick;
  window.beInstant.onScreen(P, fig);
  const box = document.createElement('div');
  box.style.width = '700px';
  document.body.appendChild(box);
  const Plotly = await window.bePlotly();  // loaded on first need
  await Plotly.react(box, fig.data, fig.layout);
  const m = fig.layout.margin, size = box._fullLayout._size;
  const out = {asked: m.l, used: size.l,
               label: [...box.querySelectorAll('.ytick text')].pop().textContent,
               sides: [[m.t, size.t], [m.r, size.r], [m.b, size.b]]};
  window.Plotly.purge(box);
  box.remove();
  return out;
}"""


@pytest.mark.parametrize("peak,dtick", [(50_000, 10_000), (29_500, 5_000)])
def test_the_timeline_on_screen_leaves_room_for_its_widest_tick_label(page, app_url, peak,
                                                                      dtick):
    """Large counts (five-digit tick labels) fit in the margin the screen figure asks for, so
    plotly's automargin never has to push it and draw the chart a second time."""
    page.open(f"{app_url}/")
    out = page.page.evaluate(BIG_COUNTS, [peak, dtick])
    assert len(out["label"]) >= 5, out
    assert out["asked"] > 55 and out["used"] == out["asked"], out
    # nor at the top (the highest tick label's upper half), right or bottom: ~6 ms a change
    assert all(asked == used for asked, used in out["sides"]), out
