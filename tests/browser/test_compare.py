"""Compare mode in the browser: the issue's two comparisons read right in EN, FR and NL, the
Compare control starts, swaps and ends one (address, Back), B's chip and a 390 px screen."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PANEL = "#compare-panel"


def _cells(page) -> dict:
    """Each row of the comparison's table: [label, A, B, difference] as the reader sees them."""
    return page.page.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('#compare-panel tbody tr')).map(tr => [tr.dataset.key,
        Array.from(tr.children).map(c => c.innerText.replace(/\\s+/g, ' ').trim())]))""")


def _wait_panel(page, text: str) -> None:
    page.wait_for("t => (document.querySelector('#compare-panel:not([hidden])')?.innerText || '')"
                  ".includes(t)", text, timeout=30)


@pytest.mark.parametrize("query,title,counts,linked,line", [
    ("place=brussels&vs.place=antwerp&lang=en", "Brussels-Capital Region against Antwerp",
     ["Incidents", "62", "4", "−58"],
     ["92% 57 of n = 62 incidents 95% interval 82%–97%",
      "100% 4 of n = 4 incidents 95% interval 51%–100% ⚠ n < 5"],
     "Linked: 92% against 100%: a difference these numbers cannot tell from chance "
     "(Fisher's exact p = 1.0)"),
    ("type=arrest_action&vs.type=attack&lang=en", "Arrest actions against Attacks",
     ["Incidents", "103", "4", "−99"],
     ["91% 94 of n = 103 incidents 95% interval 84%–95%",
      "25% 1 of n = 4 incidents 95% interval 5%–70% ⚠ n < 5"],
     "Linked: 91% against 25%: unlikely to be chance alone (Fisher's exact p = 0.004)"),
    ("type=arrest_action&vs.type=attack&lang=fr", "Arrestations contre Attentats",
     ["Incidents", "103", "4", "−99"],
     ["91 % 94 sur n = 103 incidents intervalle à 95 % : 84 %–95 %",
      "25 % 1 sur n = 4 incidents intervalle à 95 % : 5 %–70 % ⚠ n < 5"],
     "Liés : 91 % contre 25 % : un écart peu probable sous le seul effet du hasard "
     "(test exact de Fisher, p = 0,004)"),
    ("place=brussels&vs.place=antwerp&lang=nl", "Brussels Hoofdstedelijk Gewest tegenover "
     "Antwerpen", ["Incidenten", "62", "4", "−58"],
     ["92% 57 van n = 62 incidenten 95%-interval 82%–97%",
      "100% 4 van n = 4 incidenten 95%-interval 51%–100% ⚠ n < 5"], "Gelinkt: 92% tegenover"),
])
def test_a_comparison_reads_right_in_every_language(page, app_url, query, title, counts,
                                                    linked, line):
    page.open(f"{app_url}/?{query}")
    _wait_panel(page, title)
    rows = _cells(page)
    text = page.page.inner_text(PANEL).replace("\u00a0", " ")
    assert rows["incidents"] == counts
    assert [c.replace("\u00a0", " ") for c in rows["share_linked"][1:3]] == linked
    assert line in text
    # the panel stands for A's key figure cards; the charts still show slice A
    assert page.page.locator("#kpis").is_hidden()
    assert page.page.locator("#active-filters .chip").count() == 2


def test_the_compare_control_starts_swaps_and_ends_a_comparison(page, app_url):
    page.open(f"{app_url}/?type=arrest_action&lang=en")
    assert page.page.locator(PANEL).is_hidden()
    assert page.page.locator("#compare-swap").is_hidden()
    page.page.click("#compare-open")
    page.page.select_option("#compare-with", label="Attacks")
    page.page.click("#compare-start")
    page.wait_for("location.search === '?type=arrest_action&vs.type=attack&lang=en'")
    _wait_panel(page, "Arrest actions against Attacks")
    page.page.click("#compare-swap")
    page.wait_for("location.search === '?type=attack&vs.type=arrest_action&lang=en'")
    _wait_panel(page, "Attacks against Arrest actions")
    assert _cells(page)["incidents"] == ["Incidents", "4", "103", "+99"]
    page.page.go_back()
    _wait_panel(page, "Arrest actions against Attacks")
    page.page.click("#active-filters .chip:has-text('B: Attacks')")  # B's chip: A's filter again
    page.wait_for("location.search === '?type=arrest_action&lang=en'")
    page.page.wait_for_selector(PANEL, state="hidden")
    page.wait_kpi(103)
    page.open(f"{app_url}/?place=brussels&vs.place=antwerp&lang=en")
    _wait_panel(page, "against Antwerp")
    page.page.click("#compare-end")
    page.wait_for("location.search === '?place=brussels&lang=en'")
    page.wait_kpi(62)
    assert page.page.locator("#compare-open").is_visible()


def test_an_invalid_vs_value_is_said_naming_it(page, app_url):
    page.open(f"{app_url}/?place=brussels&vs.place=atlantis&lang=en")
    page.wait_for("(document.querySelector('#filter-error')?.innerText || '')"
                  ".includes('vs.place')")
    page.wait_kpi(107)
    assert page.page.locator(PANEL).is_hidden()


def test_a_comparison_with_an_empty_slice_and_on_a_phone(browser, app_url):
    from tests.browser.conftest import Page
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = Page(context.new_page())
    try:
        page.open(f"{app_url}/?type=attack&place=brussels&vs.place=antwerp&lang=en")
        _wait_panel(page, "Antwerp: no incidents match these filters.")
        assert _cells(page)["incidents"] == ["Incidents", "3", "0", "−3"]
        assert "not tested, as one slice has n = 0" in page.page.inner_text(PANEL)
        width = page.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide at 390 px"
        # the map's two panels one under the other, B's empty note over B's own panel
        page.page.wait_for_function(
            "document.querySelectorAll('#chart-map .choro-slice').length === 2")
        a, b = page.page.eval_on_selector_all(
            "#chart-map .choro-slice", "l => l.map(e => e.getBoundingClientRect().top)")
        note = page.page.eval_on_selector("#chart-map .bars-empty",
                                          "e => e.getBoundingClientRect().top")
        assert a < b < note, (a, b, note)
        assert page.errors == [] and page.external == []
    finally:
        context.close()


def test_the_comparisons_data_downloads_and_every_file_keeps_slice_b(page, app_url):
    page.open(f"{app_url}/?place=brussels&vs.place=antwerp&lang=en")
    _wait_panel(page, "Download the comparison:")
    with page.page.expect_download() as got:
        page.page.click("#compare-panel .cmp-file:has-text('CSV')")
    saved = got.value
    assert saved.suggested_filename.startswith("belgium-is-comparison-")
    text = Path(saved.path()).read_text(encoding="utf-8")
    assert "incidents,62,4,-58" in text
    # every file draws both slices: each is asked for with the page's address, B's filters too
    assert page.page.evaluate("beDownloads.address('/export/map.csv', 'sep=semicolon')") \
        == "/export/map.csv?place=brussels&vs.place=antwerp&lang=en&sep=semicolon"
    assert page.page.evaluate("beDownloads.address('/export/pack.zip', '')") \
        == "/export/pack.zip?place=brussels&vs.place=antwerp&lang=en"
    assert page.page.evaluate("beDownloads.address('/export/compare.xlsx', '')") \
        == "/export/compare.xlsx?place=brussels&vs.place=antwerp&lang=en"


def test_the_timeline_shows_both_slices_and_a_click_on_bs_bar_sets_bs_period(page, app_url):
    page.open(f"{app_url}/?place=brussels&vs.place=antwerp&lang=en")
    page.wait_chart_text("chart-timeline", "32")  # Brussels' 2016
    legend = page.page.inner_text("#chart-timeline .chart-legend")
    assert "A · Brussels-Capital Region" in legend and "B · Antwerp" in legend
    subtitle = page.page.inner_text("#chart-timeline .chart-subtitle")
    assert subtitle == "Brussels-Capital Region against Antwerp · n = 62 / 4"
    described = page.page.inner_text("#chart-timeline-description") if page.page.locator(
        "#chart-timeline-description").count() else ""
    # B's 2016 bar: slice B narrowed to 2016, A untouched
    # drawn by our own code (bars.js, grouped), not plotly: a button per bar
    assert page.page.locator("#chart-timeline .js-plotly-plot").count() == 0
    bar = page.page.locator(
        "#chart-timeline .bars-seg[aria-label^='B · Antwerp'][aria-label*='2016']")
    assert bar.count() == 1, page.page.evaluate(
        "Array.from(document.querySelectorAll('#chart-timeline .bars-seg')).map(b => b.ariaLabel)")
    bar.click()
    page.wait_for("location.search === "
                  "'?place=brussels&vs.from=2016-01&vs.to=2016-12&vs.place=antwerp&lang=en'")
    _wait_panel(page, "against Antwerp, 2016")
    assert _cells(page)["incidents"][1:3] == ["62", "1"]
    assert described == "" or "B · Antwerp" in described


def test_the_shares_show_a_bar_per_slice_and_a_click_on_bs_sets_bs_connection(page, app_url):
    page.open(f"{app_url}/?place=brussels&vs.place=antwerp&lang=en")
    page.wait_chart_text("chart-shares", "B · Arrest actions (n = 4) ⚠ n < 5")
    text = page.chart_text("chart-shares")
    assert "A · Arrest actions (n = 59)" in text and "A · Attacks (n = 3)" in text
    assert "B · Attacks (n = 0)" in text
    segments = page.page.locator("#chart-shares .bars-seg")
    b_linked = [i for i in range(segments.count())
                if (segments.nth(i).get_attribute("aria-label") or "").startswith(
                    "B · Arrest actions (n = 4) ⚠ n < 5: Linked")]
    assert b_linked, [segments.nth(i).get_attribute("aria-label")
                      for i in range(segments.count())]
    assert "95% interval 51%–100%" in segments.nth(b_linked[0]).get_attribute("aria-label")
    segments.nth(b_linked[0]).click()
    page.wait_for("location.search === "
                  "'?place=brussels&vs.connection=linked&vs.place=antwerp&lang=en'")
    _wait_panel(page, "against Linked incidents, Antwerp")


def test_compare_with_the_keyboard_only_and_the_options_that_do_not_apply(page, app_url):
    page.open(f"{app_url}/?type=arrest_action&lang=en")
    page.page.focus("#compare-open")
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "compare-with"
    page.page.select_option("#compare-with", label="Charleroi")
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Enter")
    page.wait_for("location.search === '?type=arrest_action&vs.place=charleroi&lang=en'")
    _wait_panel(page, "Arrest actions · All of Belgium against Charleroi")
    # the form closed: the focus is on the comparison's own controls, not lost
    page.wait_for("document.activeElement.id === 'compare-swap'")
    # the timeline of both slices has no series by connection or type, nor events: disabled
    page.wait_for("document.querySelector('#timeline-by').dataset.disabled === 'true'")
    assert page.chart_text("chart-timeline")  # still drawn
    page.page.keyboard.press("Tab")  # End comparison
    page.page.keyboard.press("Enter")
    page.wait_for("location.search === '?type=arrest_action&lang=en'")
    page.wait_for("document.querySelector('#timeline-by').dataset.disabled !== 'true'")


def test_the_map_shows_both_slices_on_one_scale_and_a_click_on_bs_commune_sets_bs_place(
        page, app_url):
    """With the boundary file (choro.js): A's panel beside B's, named, one colour bar for both;
    a commune of B's panel says it is B's and a click on it narrows B to it."""
    page.open(f"{app_url}/?place=brussels&vs.place=antwerp&panel=belgium&lang=en")
    page.wait_for("document.querySelectorAll('#chart-map .choro-slice').length === 2")
    labels = page.page.eval_on_selector_all("#chart-map .choro-slice",
                                            "l => l.map(e => e.innerText)")
    assert labels == ["A · Brussels-Capital Region", "B · Antwerp"]
    assert page.page.locator("#chart-map .choro-bar").count() == 1  # one colour scale
    b_antwerp = page.page.locator("#chart-map .choro-place[data-code='11002'][aria-label^='B · ']")
    a_antwerp = page.page.locator("#chart-map .choro-place[data-code='11002'][aria-label^='A · ']")
    assert b_antwerp.count() == 1 and a_antwerp.count() == 1
    assert "0 incidents" in a_antwerp.get_attribute("aria-label")
    assert a_antwerp.get_attribute("fill") != b_antwerp.get_attribute("fill")
    b_antwerp.click()
    page.wait_for("location.search.includes('vs.place=11002')")
    assert page.address().split("?")[1].startswith("place=brussels&vs.place=11002")


def test_the_schematic_map_shows_an_empty_slice_beside_the_other(page, offline_url):
    """Without the boundary file: A's schematic above B's, B's note over its own part."""
    page.open(f"{offline_url}/?type=attack&place=brussels&vs.place=antwerp&lang=en")
    page.wait_chart_text("chart-map", "B · Antwerp")
    text = page.chart_text("chart-map")
    assert "A · Brussels-Capital Region" in text and "No incidents match these filters" in text
    subtitle = page.page.inner_text("#chart-map .chart-subtitle")
    assert subtitle == "Attacks · Brussels-Capital Region against Antwerp · n = 3 / 0"


def test_the_table_lists_both_slices_with_a_column_saying_which(page, app_url):
    """Compare mode's table: A's and B's incidents, a "Slice" column; ending the comparison
    hides the column and lists slice A alone again."""
    page.open(f"{app_url}/?place=brussels&vs.place=antwerp&lang=en")
    _wait_panel(page, "Brussels-Capital Region against Antwerp")
    page.show_table()
    summary = "#table-incidents .ag-paging-row-summary-panel"
    page.wait_for(f"document.querySelector('{summary}')?.innerText.includes('of 66')")
    headers = page.page.eval_on_selector_all("#table-incidents .ag-header-cell-text",
                                             "l => l.map(e => e.innerText)")
    assert "Slice" in headers
    cells = page.page.eval_on_selector_all("#table-incidents [col-id='slice'].ag-cell",
                                           "l => l.map(e => e.innerText)")
    assert set(cells) <= {"A", "B"} and "A" in cells, cells
    page.page.click("#compare-end")
    page.wait_for(f"document.querySelector('{summary}')?.innerText.includes('of 62')")
    page.wait_for("!Array.from(document.querySelectorAll('#table-incidents .ag-header-cell-text'))"
                  ".some(e => e.innerText === 'Slice')")


def test_the_sections_show_both_slices_and_a_click_on_bs_bar_sets_bs_filter(page, app_url):
    """Compare mode's networks and people: each chart A's above B's, one scale, each slice with
    its own disclosure control; a click on B's network bar narrows B alone."""
    page.open(f"{app_url}/?place=brussels&vs.place=antwerp,charleroi,elsewhere&lang=en")
    _wait_panel(page, "against")
    page.page.get_by_role("button", name="Named networks").click()
    page.page.get_by_role("button", name="People involved (aggregates only)").click()
    page.wait_chart_text("chart-networks", "B · Antwerp + Charleroi + elsewhere in Belgium")
    assert "A · Brussels-Capital Region" in page.chart_text("chart-networks")
    page.page.wait_for_selector("#people-summary >> text=A · Brussels-Capital Region: 74 people")
    assert "B · Antwerp + Charleroi + elsewhere in Belgium: 61 people" in page.page.inner_text(
        "#people-summary")
    citizenship = page.chart_text("chart-people-citizenship")
    assert citizenship.count("< 3") >= 2  # each slice's small cells hidden
    # B's bars are the second subplot's: its first bar is B's largest network
    bars = page.page.locator("#chart-networks .subplot.x2y2 g.trace.bars path")
    bars.first.click(force=True)
    page.wait_for("location.search.includes('vs.network=')")
    assert page.address().split("?")[1].startswith("place=brussels&vs.network=")
    assert "network=" not in page.address().split("?")[1].split("vs.")[0]


def test_an_empty_slice_a_beside_a_full_b_is_not_said_to_match_nothing(page, app_url):
    """A has no incidents, B has 18: the page's own "no incidents match" stays hidden (B's
    numbers are on screen) and the comparison's heading starts with a capital."""
    page.open(f"{app_url}/?type=attack&plot=yes&vs.type=arrest_action&lang=fr")
    _wait_panel(page, "Arrestations")
    assert _cells(page)["incidents"][1:3] == ["0", "18"]
    assert page.page.locator("#empty-notice").is_hidden()
    assert page.page.inner_text("#compare-title").startswith("Avec preuve d'un projet")
