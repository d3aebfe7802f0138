"""One source of truth, in a real browser: the views Chromium draws (assets/instant.js, its
payload fetched from the app) are exactly the views the Python code draws (callbacks.draw), for
random filter states and the study's named ones, in every language and chart option. Node
compares 520 more on every run (tests/js/views.test.js); this run keeps what only a browser
shows."""

from __future__ import annotations

import pytest

from components.runtime import AppData
from tests import view_cases

pytestmark = pytest.mark.browser

RANDOM_STATES = 60  # in Chromium; tests/js/views.test.js compares 520 more in node


def _browser(page, cases: list[dict]) -> list[dict]:
    return page.page.evaluate("""async (cases) => {
        const loaded = {};
        for (const lang of ["en", "fr", "nl"]) { loaded[lang] = await window.beInstant.load(lang); }
        return cases.map(c => window.beInstant.views(loaded[c.lang], c.state, c.opts));
    }""", cases)


def _check(page, url: str, data: AppData, cases: list[dict]) -> None:
    page.open(f"{url}/")
    page.wait_drawn()
    found = []
    for start in range(0, len(cases), 60):
        batch = cases[start:start + 60]
        for case, shown in zip(batch, _browser(page, batch), strict=True):
            diffs = view_cases.differences(view_cases.plain(view_cases.python(data, case)),
                                           view_cases.plain(shown))
            if diffs:
                found.append(f"{case['query']!r} {case['lang']} {case['opts']}:\n  "
                             + "\n  ".join(sorted(diffs)[:8]))
    assert not found, f"{len(found)} of {len(cases)} states differ:\n" + "\n".join(found[:5])


def test_browser_views_equal_the_python_views(page, app_url, app_data):
    _check(page, app_url, app_data, view_cases.cases(app_data, 20261125, RANDOM_STATES))


def test_browser_views_equal_the_python_views_with_the_schematic_map(page, offline_url,
                                                                     offline_data):
    _check(page, offline_url, offline_data, view_cases.cases(offline_data, 7, 60))



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
