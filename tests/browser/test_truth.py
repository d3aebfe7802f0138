"""Never a stale number: empty results, a failed request, and the way back, as a user sees them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

KPI_VALUES = "Array.from(document.querySelectorAll('.kpi-value')).map(e => e.innerText)"


def _choose_place(page, label: str) -> None:
    box = page.page.locator("#filter-place")
    box.click()
    box.fill(label)
    page.page.get_by_role("option", name=label, exact=True).first.click()
    page.page.keyboard.press("Escape")


def test_walk_into_an_empty_result_and_back(page, app_url):
    page.open(f"{app_url}/?type=attack")
    page.wait_kpi(4)
    _choose_place(page, "Antwerp")  # no attack happened in Antwerp
    page.page.wait_for_url("**/?type=attack&place=antwerp&lang=en")
    page.wait_kpi(0)
    page.wait_drawn()
    assert page.page.evaluate(KPI_VALUES) == ["0", "0", "0", "0", "–", "–"]
    assert page.page.locator("#empty-notice").is_visible()
    for chart in ("chart-shares", "chart-timeline", "chart-map"):
        assert "No incidents match these filters" in page.chart_text(chart)
        assert "n = 0 incidents" in page.page.inner_text(f"#{chart}")
    assert "· 0 incidents" in page.page.inner_text("#filter-summary")
    page.show_table()
    page.wait_for("() => document.querySelector('#table-incidents .ag-paging-row-summary-panel')"
                  ".innerText.replace(/\\s+/g, ' ').trim() === '0 to 0 of 0'")
    assert page.page.locator("#table-incidents .ag-row").count() == 0
    # back through the chip: the attacks again, every view repainted
    page.page.get_by_role("button", name="Remove filter: Antwerp").click()
    page.wait_kpi(4)
    page.wait_drawn()
    assert page.page.locator("#empty-notice").is_hidden()
    assert "No incidents match" not in page.page.inner_text("#chart-shares")
    assert "n = 4 incidents" in page.page.inner_text("#chart-timeline")
    # and once more into the empty state, out through its own button
    page.open(f"{app_url}/?type=attack&place=antwerp")
    page.wait_kpi(0)
    page.page.get_by_role("button", name="Show all incidents").click()
    page.wait_kpi(107)
    assert page.address().endswith("/?lang=en")  # no filter left


def test_a_failed_request_greys_the_numbers_and_says_so(page, app_url):
    page.open(f"{app_url}/")
    page.wait_kpi(107)
    page.show_table()  # the request a filter change still makes: the table's page
    assert page.page.locator("#stale-banner").is_hidden()
    failing = lambda route: route.fulfill(status=500, body="boom")  # noqa: E731
    page.page.route("**/_dash-update-component*", failing)
    page.page.locator("#filter-plot label", has_text="Yes").click()
    page.page.wait_for_selector("#stale-banner", state="visible")
    assert "may not match the filters" in page.page.inner_text("#stale-banner")
    assert float(page.page.evaluate(
        "getComputedStyle(document.querySelector('.kpis')).opacity")) < 0.5
    page.page.unroute("**/_dash-update-component*", failing)
    simulated = [e for e in page.errors if "500" in e or "boom" in e]
    assert simulated and len(simulated) == len(page.errors)  # only the failures we made
    page.errors.clear()
    page.page.locator("#filter-plot label", has_text="No").click()
    page.wait_kpi(89)
    page.page.wait_for_selector("#stale-banner", state="hidden")
    # the table's page the server never gave was given up: the grid asked again and shows them
    paging = "document.querySelector('#table-incidents .ag-paging-row-summary-panel').innerText"
    page.wait_for(f"t => {paging}.replace(/\\s+/g, ' ') === t", arg="1 to 20 of 89")


def test_the_views_follow_the_state_the_page_holds(page, app_url):
    """The views are drawn in the filter event itself; when the page's store then holds another
    state (written late, or by anything else), they are drawn again for that one."""
    page.open(f"{app_url}/")
    page.wait_kpi(107)
    page.page.evaluate("window.dash_clientside.set_props('filter-state', {data: {type: 'attack'}})")
    page.wait_kpi(4)
    page.wait_drawn()
    assert "n = 4 incidents" in page.page.inner_text("#chart-timeline")
    assert "n = 4 incidents" in page.page.inner_text("#chart-map")
    assert page.page.inner_text("#filter-summary").startswith("Attacks")


# A change, watched from inside the page: the first moment the key figure shows the new count,
# what the address, the history and each main chart (its subtitle, and the state its plot was
# drawn for) say. Then, once the page is idle, the history's length again.
WATCH_A_CHANGE = """async (choice) => {
  const kpi = () => document.querySelector('#kpi-incidents .kpi-value').innerText;
  const charts = () => ['shares', 'timeline', 'map'].map(c => ({
    said: document.querySelector('#chart-' + c + ' .chart-subtitle').textContent,
    drawnFor: document.querySelector('#chart-' + c + ' .chart-plot').getAttribute('data-drawn-for'),
  }));
  const before = kpi(), entries = history.length;
  [...document.querySelectorAll('#filter-plot label')].find(l => l.innerText.trim() === choice)
    .click();
  const t0 = performance.now();
  while (kpi() === before) {
    if (performance.now() - t0 > 15000) { throw new Error('the key figure never changed'); }
    await new Promise(r => setTimeout(r, 0));
  }
  const seen = {kpi: kpi(), search: location.search, added: history.length - entries,
                charts: charts()};
  for (let i = 0; i < 100 && document.querySelector('[data-dash-is-loading="true"]'); i++) {
    await new Promise(r => setTimeout(r, 20));
  }
  await new Promise(r => setTimeout(r, 200));
  seen.addedSettled = history.length - entries;
  return seen;
}"""


def test_the_address_and_every_plot_say_the_new_state_as_soon_as_the_numbers_do(page, app_url):
    """No moment in which the key figures say one state and the address (the link a reader
    copies) or a chart another: by the time anything can see the new count, the address says
    the new state and every main chart's plot is drawn for the state its subtitle names. One
    history entry per change, and Back returns to the state before."""
    page.open(f"{app_url}/")
    page.wait_kpi(107)
    for choice, query, count in (("Yes", "plot=yes", "18"), ("No", "plot=no", "89"),
                                 ("Any", "", "107"), ("Yes", "plot=yes", "18")):
        seen = page.page.evaluate(WATCH_A_CHANGE, choice)
        assert seen["kpi"] == count
        assert seen["search"] == (f"?{query}&lang=en" if query else "?lang=en"), seen
        assert seen["added"] == 1 and seen["addedSettled"] == 1, seen
        for chart in seen["charts"]:
            assert f"n = {count} incidents" in chart["said"], seen
            assert chart["drawnFor"] == chart["said"], seen
    page.page.go_back()
    page.wait_kpi(107)
    assert page.address().endswith("/?lang=en")


def test_a_main_chart_is_a_named_figure_with_its_words_as_text(page, app_url):
    """On screen a main chart's title is a heading that names its figure, its subtitle and
    source lines are text that wraps at the card's width, and plotly draws the plot only
    (no title of its own, no camera button: the Download menu's image has the words baked in)."""
    page.open(f"{app_url}/?type=attack&lang=fr")
    page.wait_kpi(4)
    for chart, title in (("chart-shares", "Liés ou inspirés ?"),
                         ("chart-timeline", "Année par année"),
                         ("chart-map", "Où : Région de Bruxelles-Capitale")):
        figure = page.page.locator(f"[role=figure]:has(#{chart})")
        assert figure.get_attribute("aria-labelledby") == f"{chart}-title"
        assert page.page.inner_text(f"#{chart}-title") == title
        assert page.page.evaluate(f"document.getElementById('{chart}-title').tagName") == "H2"
        assert "Attentats · n = 4 incidents" in page.page.inner_text(f"#{chart} .chart-subtitle")
        foot = page.page.inner_text(f"#{chart} .chart-foot")
        assert "Van Ostaeyen & Van Vlierden" in foot and "Données" in foot
        assert page.page.locator(f"#{chart} .gtitle").count() == 0
        assert page.page.locator(f"#{chart} .annotation[data-index] >> text=Source").count() == 0
        assert page.page.locator(f"#{chart} [data-title*='PNG']").count() == 0
