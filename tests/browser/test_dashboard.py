"""What only a browser shows: charts drawn, URL counts, clicks, reset, history, offline map."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query,count", [
    ("", 107), ("?connection=inspired", 12), ("?type=attack", 4), ("?place=52011", 14),
    ("?place=brussels", 62), ("?type=arrest_action&connection=linked", 94),
])
def test_url_gives_the_study_counts(page, app_url, query, count):
    page.open(f"{app_url}/{query}")
    page.wait_kpi(count)
    assert page.page.locator("#table-incidents").count() == 0  # AG Grid not loaded yet
    page.show_table()
    assert page.page.locator("#table-incidents").is_visible()


def test_provenance_notice_follows_what_is_in_view(page, app_url):
    page.open(f"{app_url}/")
    assert page.page.locator("#provenance-notice").is_visible()
    page.open(f"{app_url}/?type=attack")
    page.wait_kpi(4)
    page.page.wait_for_selector("#provenance-notice", state="hidden")


def test_clicking_a_commune_filters_every_view(page, app_url):
    page.open(f"{app_url}/")
    coloured = page.page.locator("#chart-map .choro-place.choro-some")
    coloured.first.click()
    page.page.wait_for_url("**/?place=*&lang=en")
    code = page.page.url.split("place=")[1][:5]
    page.wait_drawn()
    shown = page.kpi()
    assert shown < 107 and code.isdigit() and code.startswith("21")
    page.show_table()
    page.wait_for(
        "n => document.querySelectorAll('#table-incidents .ag-center-cols-container .ag-row')"
        ".length === n", arg=min(shown, 20))
    assert f"n = {shown} incidents" in page.page.inner_text("#chart-timeline")


def test_clicking_a_year_bar_filters_and_clicking_again_clears(page, app_url):
    page.open(f"{app_url}/")
    bar = page.page.locator("#chart-timeline .bars-seg[data-trace='0'][data-point='2']")
    assert bar.get_attribute("aria-label").startswith("Linked \u2014 2016: ")  # third year
    bar.click()
    page.page.wait_for_url("**/?from=2016-01&to=2016-12&lang=en")
    page.wait_kpi(50)


def test_reset_back_and_forward(page, app_url):
    """On a slow CPU (6x, as a loaded CI machine), Dash once handed one call both the address
    Forward went to and a control's echo of the state before; read as a control change, it put
    the old state back and pushed it over the new address (3 runs in 8 failed so)."""
    page.page.context.new_cdp_session(page.page).send(
        "Emulation.setCPUThrottlingRate", {"rate": 6})
    page.open(f"{app_url}/?type=attack")
    page.wait_kpi(4)
    page.page.click("#reset-filters")
    page.wait_kpi(107)
    assert page.address().endswith("/?lang=en")  # no filter left
    page.page.go_back()
    page.wait_kpi(4)
    page.page.go_forward()
    page.wait_kpi(107)
    page.page.wait_for_timeout(500)  # whatever was still on its way has arrived
    assert page.kpi() == 107 and page.address().endswith("/?lang=en")


def test_filter_control_updates_url_without_reload(page, app_url):
    page.open(f"{app_url}/")
    page.page.evaluate("window.__marker = 1")
    page.page.locator("#filter-plot label", has_text="Yes").click()
    page.page.wait_for_url("**/?plot=yes&lang=en")
    page.wait_kpi(18)
    assert page.page.evaluate("window.__marker") == 1  # no reload


def test_invalid_url_value_is_reported_not_crashing(page, app_url):
    page.open(f"{app_url}/?type=raid")
    page.page.wait_for_selector("text=Invalid filter")
    page.wait_kpi(107)


def test_offline_schematic_map(page, offline_url):
    page.open(f"{offline_url}/")
    page.page.wait_for_selector("text=No municipal boundary file is loaded")
    page.wait_kpi(107)


# The schematic map as drawn: each tile's label box against its own tile (a heatmap cell) and
# the other labels, and whether Brussels' grid sits beside the rest of the country or above it.
SCHEMATIC = """() => {
  const gd = document.querySelector('#chart-map .js-plotly-plot');
  const box = e => e.getBoundingClientRect();
  const labels = [...gd.querySelectorAll('.hm text')].map(e => ({text: e.textContent, r: box(e)}));
  const cells = gd._fullLayout._size, xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const tile = Math.min(xa._length / 6, ya._length / 4);
  const inside = labels.every(({r}) => r.width <= tile && r.height <= tile);
  const clear = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top ||
    b.bottom <= a.top;
  const apart = labels.every((a, i) => labels.every((b, j) => i === j || clear(a.r, b.r)));
  const first = gd.querySelector('.hm text');
  const font = first ? parseFloat(getComputedStyle(first).fontSize) : 0;
  const x2 = gd._fullLayout.xaxis2, y2 = gd._fullLayout.yaxis2;
  return {n: labels.length, inside, apart, font, tile: Math.round(tile), width: cells.w,
          stacked: ya._offset + ya._length <= y2._offset + 1,
          beside: xa._offset + xa._length <= x2._offset + 1};
}"""


@pytest.mark.parametrize("width,stacked", [(1440, False), (1024, True), (390, True)])
def test_schematic_map_tiles_hold_their_labels_at_any_width(page, offline_url, width, stacked):
    """No boundary file: Brussels' 19 tiles keep each label inside its own tile, apart from
    the others, legible (>= 7 px); side by side with the rest of the country on a wide screen,
    above it in a card under 900 px (a phone, a 1024 px projector)."""
    page.page.set_viewport_size({"width": width, "height": 900})
    page.open(f"{offline_url}/?lang=nl")
    out = page.page.evaluate(SCHEMATIC)
    assert out["n"] == 19 and out["inside"] and out["apart"] and out["font"] >= 7, out
    assert (out["stacked"], out["beside"]) == (stacked, not stacked), out


def test_schematic_map_restacks_when_the_window_narrows_and_a_tile_click_filters(
        page, offline_url):
    page.open(f"{offline_url}/")
    assert page.page.evaluate(SCHEMATIC)["beside"]
    page.page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for(f"({SCHEMATIC})().stacked", timeout=10)
    page.page.set_viewport_size({"width": 1440, "height": 900})
    page.wait_for(f"({SCHEMATIC})().beside", timeout=10)
    # Molenbeek's tile (column 2, row 1 of the grid): the map click filters every view to it
    page.page.locator("#chart-map").scroll_into_view_if_needed()
    page.page.evaluate("""() => {
      const gd = document.querySelector('#chart-map .js-plotly-plot');
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
      window.__at = [r.left + xa._offset + xa.l2p(2), r.top + ya._offset + ya.l2p(1)];
    }""")
    x, y = page.page.evaluate("window.__at")
    page.page.mouse.move(x, y)
    page.page.mouse.click(x, y)
    page.page.wait_for_url("**/?place=21012&lang=en")
    page.wait_kpi(14)


def test_methodology_page(page, app_url):
    page.page.goto(f"{app_url}/methodology")
    page.page.wait_for_selector("#methodology-view h1")
    assert "reconstruction" in page.page.inner_text("#methodology-view").lower()


def test_map_panel_and_timeline_switches(page, app_url):
    page.open(f"{app_url}/?place=charleroi")
    page.page.locator("#map-panel label", has_text="Charleroi").click()
    page.page.wait_for_selector("#chart-map >> text=Charleroi and surroundings")
    page.page.locator("#timeline-freq label", has_text="By month").click()
    page.page.wait_for_selector("#chart-timeline >> text=Month by month")
    page.wait_kpi(14)


def test_study_check_page(page, app_url):
    page.page.goto(f"{app_url}/")
    page.page.get_by_role("link", name="Study check").click()
    page.page.wait_for_selector("#study-view #study-summary")
    assert "/study?lang=en" in page.page.url
    summary = page.page.inner_text("#study-summary")
    assert " figures match the study on the loaded data" in summary
    row = page.page.inner_text("#study-antwerp_arrest_actions_tied_to_one_recruiter")
    assert "3" in row and "match" in row
    assert page.page.locator("#main-view").is_hidden()


def test_clicking_a_commune_inside_the_selected_region_drills_down_and_back(page, app_url):
    page.open(f"{app_url}/?place=brussels")
    page.wait_kpi(62)
    coloured = page.page.locator("#chart-map .choro-place.choro-some")
    coloured.first.click()
    page.page.wait_for_url("**/?place=21*&within=brussels&lang=en")
    page.wait_drawn()
    assert page.kpi() < 62
    page.page.get_by_role("button", name="Remove filter: ↩ Brussels-Capital Region").click()
    page.page.wait_for_url("**/?place=brussels&lang=en")
    page.wait_kpi(62)


def test_sections_are_drawn_when_opened_and_emptied_when_closed(page, app_url):
    page.open(f"{app_url}/?type=attack")
    page.wait_kpi(4)
    assert page.page.locator("#chart-networks").is_hidden()
    page.page.get_by_role("button", name="Named networks").click()
    page.wait_chart_text("chart-networks", "No arrest action in view is tied")
    page.page.get_by_role("button", name="People involved (aggregates only)").click()
    page.page.wait_for_selector("#people-summary >> text=6 people: 6 attackers")
    page.page.get_by_role("button", name="People involved (aggregates only)").click()
    page.page.locator("#filter-plot label", has_text="Yes").click()
    page.wait_kpi(0)
    summary = page.page.locator("#people-summary")  # closed: nothing of it kept on the page
    assert summary.count() == 0 or summary.inner_text() == ""
    page.page.get_by_role("button", name="People involved (aggregates only)").click()
    page.page.wait_for_selector("#people-summary >> text=Too few people")


def test_network_and_citizenship_bars_filter_everything(page, app_url):
    page.open(f"{app_url}/")
    page.page.get_by_role("button", name="Named networks").click()
    page.page.get_by_role("button", name="People involved (aggregates only)").click()
    page.page.wait_for_selector("#chart-networks g.trace.bars path")
    page.page.locator("#chart-networks g.trace.bars path").first.click(force=True)
    page.page.wait_for_url("**/?network=Zerkani+network&lang=en")
    page.wait_kpi(13)
    page.page.locator("#chart-people-citizenship g.trace.bars path").nth(1).click(force=True)
    page.page.wait_for_url("**/?network=Zerkani+network&citizenship=*&lang=en")
    page.wait_drawn()
    assert page.kpi() < 13
    assert "people" in page.page.inner_text("#people-summary")


def test_download_the_data_of_a_chart_and_every_row(page, app_url, tmp_path):
    import pandas as pd
    page.open(f"{app_url}/?type=arrest_action")
    page.wait_kpi(103)
    page.page.get_by_role("button",
                          name="Download this chart or its data (linked or inspired)").click()
    with page.page.expect_download() as info:
        page.page.get_by_role("menuitem", name="Chart data · CSV", exact=True).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert info.value.suggested_filename.startswith("belgium-is-linked-or-inspired-arrest-actions-")
    table = pd.read_csv(path)
    assert table["incidents"].sum() == 103
    page.page.get_by_role("button", name="Download this chart or its data (map)").click()
    with page.page.expect_download() as info:
        page.page.get_by_role("menuitem", name="All rows in view · CSV").click()
    rows = tmp_path / "rows.csv"
    info.value.save_as(rows)
    assert len(pd.read_csv(rows)) == 103


def test_download_a_chart_as_an_image(page, app_url, tmp_path):
    page.open(f"{app_url}/?place=charleroi")
    page.wait_kpi(14)
    page.page.get_by_role("button", name="Download this chart or its data (over time)").click()
    with page.page.expect_download(timeout=60_000) as info:
        page.page.get_by_role("menuitem", name="Image · PNG 1200×675").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    payload = path.read_bytes()
    assert path.name.startswith("belgium-is-over-time-charleroi-") and path.suffix == ".png"
    assert int.from_bytes(payload[16:20], "big") == 2400


def test_an_embed_draws_offline_and_says_when_the_version_moved(page, app_url):
    page.page.goto(f"{app_url}/embed/timeline?type=attack&v=reconstruction-1.2")
    page.page.wait_for_selector("#chart .main-svg")
    text = page.page.inner_text("body")
    assert "n = 4 incidents" in text and "Van Ostaeyen" in text
    assert page.page.locator(".embed-version").count() == 0
    assert "Incidents per year" in page.page.inner_text("#desc")
    page.page.goto(f"{app_url}/embed/map?place=brussels&v=reconstruction-0.9")
    page.page.wait_for_selector("#chart .main-svg")
    assert "Published with dataset version reconstruction-0.9" in page.page.inner_text("body")


def test_the_embed_item_gives_an_iframe_snippet(page, app_url):
    page.open(f"{app_url}/?type=attack")
    page.wait_kpi(4)
    page.page.get_by_role("button", name="Download this chart or its data (map)").click()
    page.page.get_by_role("menuitem", name="Embed · iframe code").click()
    page.page.wait_for_selector("#embed-code")
    code = page.page.inner_text("#embed-code")
    assert code.startswith("<iframe src=") and "/embed/map?type=attack&amp;" in code
    assert "v=reconstruction-1.2" in code


def test_the_briefing_pack_button_gives_a_zip(page, app_url, tmp_path):
    import zipfile
    page.open(f"{app_url}/?type=attack")
    page.wait_kpi(4)
    with page.page.expect_download(timeout=90_000) as info:
        page.page.get_by_role("button", name="Download a briefing pack of this view").click()
        # while it is drawn, the page says how far the server is (its X-Export-Progress)
        page.page.locator("#export-progress.active .pack-text").filter(
            has_text=re.compile(r"Preparing the briefing pack: chart \d+ of \d+")).wait_for(
            timeout=60_000)
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name.startswith("belgium-is-briefing-pack-") and path.suffix == ".zip"
    with zipfile.ZipFile(path) as z:
        assert "briefing.pdf" in z.namelist() and "charts/shares.svg" in z.namelist()
    page.page.wait_for_selector("#export-progress.active", state="detached", timeout=10_000)
    assert page.page.inner_text("#export-progress .pack-text") == (
        "Preparing the briefing pack (about 10 s)…")  # the first words again, for the next pack


ROWS = ("Array.from(document.querySelectorAll('#table-incidents .ag-center-cols-container "
        ".ag-row')).sort((a, b) => +a.getAttribute('row-index') - +b.getAttribute('row-index'))"
        ".map(r => r.querySelector('[col-id=date]').innerText)")


def test_the_table_pages_sorts_and_searches_on_the_server(page, app_url):
    page.open(f"{app_url}/?type=arrest_action")
    page.wait_kpi(103)
    page.show_table()
    paging = "document.querySelector('#table-incidents .ag-paging-row-summary-panel').innerText"
    page.wait_for(f"t => {paging}.replace(/\\s+/g, ' ') === t", arg="1 to 20 of 103")
    page.page.locator("#table-incidents .ag-header-cell[col-id=date]").click()  # ascending
    page.page.locator("#table-incidents .ag-header-cell[col-id=date]").click()  # descending
    # the last arrest action first, and the page's 20 rows drawn (AG Grid draws rows over
    # several frames: on a busy machine the first may be there before the rest)
    page.wait_for(f"() => {ROWS}[0] === '2017-10-14' && {ROWS}.length === 20")
    dates = page.page.evaluate(ROWS)
    assert dates == sorted(dates, reverse=True) and len(dates) == 20
    page.page.fill("#table-search", "zerkani")
    page.wait_for(f"() => / of [0-9]+$/.test({paging}.trim()) && !/of 103/.test({paging})")
    count = int(page.page.evaluate(paging).split(" of ")[-1].split()[0])
    assert 0 < count < 103
    # a filter change asks again: the total follows the filters
    page.page.locator("#filter-plot label", has_text="Yes").click()
    page.wait_kpi(18)
    shown = page.kpi()
    page.page.fill("#table-search", "")
    page.wait_for(f"t => {paging}.replace(/\\s+/g, ' ') === t", arg=f"1 to {shown} of {shown}")


def test_back_leaves_a_page_opened_from_a_link_in_another_form(page, app_url):
    page.page.goto(f"{app_url}/methodology?lang=en")
    page.page.wait_for_selector("#methodology-view", state="visible")
    page.page.goto(f"{app_url}/?connection=inspired&type=attack")  # shared without lang=
    page.wait_drawn()
    page.wait_kpi(3)
    assert page.address().endswith("/?type=attack&connection=inspired&lang=en")
    page.page.go_back()
    page.page.wait_for_selector("#methodology-view", state="visible")
    assert page.address().endswith("/methodology?lang=en")


CONTROLS_SHOWN = ("() => ({pills: [...document.querySelectorAll("
                  "'.mantine-MultiSelect-root .mantine-Pill-label')].map(e => e.innerText), "
                  "plot: document.querySelector('#filter-plot [data-active]')?.innerText})")


def test_the_controls_show_the_state_after_a_link_a_chip_and_reset(page, app_url):
    """The controls are set apart from the filter callback's outputs (assets/filters.js
    writeControls): each must still show the state the URL and the views say."""
    page.open(f"{app_url}/?type=attack&plot=no&place=brussels")
    page.wait_kpi(3)
    assert page.page.evaluate(CONTROLS_SHOWN) == {
        "pills": ["Attack", "Brussels-Capital Region"], "plot": "No"}
    page.page.get_by_role("button", name="Remove filter: attack").click()
    page.wait_kpi(53)
    page.wait_for("s => JSON.stringify((" + CONTROLS_SHOWN + ")()) === s",
                  arg='{"pills":["Brussels-Capital Region"],"plot":"No"}')
    page.page.click("#reset-filters")
    page.wait_kpi(107)
    page.wait_for("s => JSON.stringify((" + CONTROLS_SHOWN + ")()) === s",
                  arg='{"pills":[],"plot":"Any"}')
    page.page.locator("#filter-plot label", has_text="Yes").click()  # the user's own change
    page.wait_kpi(18)
    assert page.address().endswith("/?plot=yes&lang=en")


def _plotly_requests(page) -> list[str]:
    asked: list[str] = []
    page.page.on("request", lambda r: asked.append(r.url) if "plotly-custom" in r.url else None)
    return asked


def test_plotly_is_fetched_once_and_only_when_a_chart_needs_it(page, app_url):
    """The main charts are drawn without plotly.js (405 KiB on the wire, 1.5 MB to parse): a
    first visit does not fetch it; the first section opened does, once, and draws with it."""
    asked = _plotly_requests(page)
    page.open(f"{app_url}/")
    page.wait_kpi(107)
    page.wait_drawn()
    page.page.wait_for_timeout(500)
    assert asked == [] and page.page.evaluate("typeof window.Plotly") == "undefined"
    page.page.get_by_role("button", name="Named networks").click()
    page.page.get_by_role("button", name="People involved (aggregates only)").click()
    page.page.wait_for_selector("#chart-networks g.trace.bars path")
    page.page.wait_for_selector("#chart-people-citizenship g.trace.bars path")
    assert len(asked) == 1 and "?m=" in asked[0]


def test_the_schematic_map_loads_plotly_for_itself(page, offline_url):
    asked = _plotly_requests(page)
    page.open(f"{offline_url}/")
    page.wait_kpi(107)
    page.page.wait_for_selector("#chart-map .main-svg")
    page.page.get_by_role("button", name="Named networks").click()  # the same load, not another
    page.page.wait_for_selector("#chart-networks g.trace.bars path")
    assert len(asked) == 1


def test_a_failed_plotly_load_is_a_failed_view_not_an_unhandled_rejection(page, offline_url):
    """The schematic map needs plotly.js; if it cannot be fetched, the map says it could not be
    drawn (in words, an alert) and the rest of the page keeps working."""
    page.page.route("**/plotly-custom*", lambda route: route.abort())
    page.page.goto(f"{offline_url}/")
    page.wait_kpi(107)
    page.page.wait_for_selector("#chart-map .chart-failed[role=alert]", timeout=30_000)
    assert page.page.inner_text("#chart-map .chart-failed").startswith(
        "This view could not be drawn")
    assert page.page.locator("#chart-map [data-failed='1']").count() == 1
    page.page.wait_for_timeout(300)
    unexpected = [e for e in page.errors if "chart could not be drawn" not in e
                  and "Failed to load resource" not in e]
    assert unexpected == []  # no 'Uncaught (in promise)'
    page.errors.clear()


MAIN_CHARTS = ("chart-shares", "chart-timeline", "chart-map")
SEEN = """ids => ids.map(id => {
  const box = document.getElementById(id);
  return [box.querySelector('.chart-title')?.textContent, box.querySelector('.chart-subtitle')
    ?.textContent, box.querySelector('.chart-plot')?.getAttribute('data-drawn-for')];
})"""
OPTIONS_SHOWN = """() => ['timeline-freq', 'timeline-by', 'map-panel', 'map-metric'].map(id =>
  document.querySelector('#' + id + ' input:checked')?.value).concat(
  [document.querySelector('#timeline-events').checked])"""


def _seen(page) -> list:
    return [page.page.evaluate(SEEN, list(MAIN_CHARTS)), page.page.evaluate(OPTIONS_SHOWN),
            page.chart_text("chart-timeline"), page.chart_text("chart-map"),
            page.page.inner_text("#kpi-incidents .kpi-value")]


def test_a_link_reopens_every_chart_option(page, browser, app_url):
    """Every chart option goes into the address; the address, opened in a new page, shows the
    same charts: titles, subtitles, what each plot was drawn for, the options' controls."""
    page.open(f"{app_url}/?type=arrest_action&lang=en")
    page.wait_kpi(103)
    clicks = [("#timeline-freq label", "By month", "freq=month"),
              ("#timeline-by label", "Arrests / attacks", "by=incident_type"),
              ("#map-panel label", "Antwerp", "panel=antwerp"),
              ("#map-metric label", "Per 100,000", "metric=per_100k")]
    for selector, text, param in clicks:
        page.page.locator(selector, has_text=text).first.click()
        page.wait_for(f"location.search.includes('{param}')")
    page.page.locator("#timeline-events").check()
    page.wait_for("location.search.includes('events=1')")
    page.wait_for("document.querySelector('#chart-map .chart-title').textContent"
                  ".includes('Antwerp')")
    address = page.address()
    assert address.endswith("/?type=arrest_action&freq=month&by=incident_type&events=1"
                            "&panel=antwerp&metric=per_100k&lang=en")
    before = _seen(page)
    other = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        from tests.browser.conftest import Page
        again = Page(other.new_page())
        again.open(address)
        again.wait_kpi(103)
        again.wait_for("document.querySelector('#chart-map .chart-title')?.textContent"
                       ".includes('Antwerp')")
        assert again.address() == address  # canonical already: not redirected
        assert _seen(again) == before
        assert again.errors == [] and again.external == []
    finally:
        other.close()
    page.page.go_back()  # Back undoes the last option (the events layer)
    page.wait_for("!location.search.includes('events=1')")
    page.wait_for("!document.querySelector('#timeline-events').checked")


def test_a_link_spelling_defaults_out_is_canonicalised(page, app_url):
    page.open(f"{app_url}/?freq=year&panel=brussels&metric=incidents&by=connection&events=0")
    assert page.address().endswith("/?lang=en")
    page.open(f"{app_url}/?panel=moon&lang=en")
    page.wait_for("document.body.innerText.includes('Ignored an invalid filter: “panel” must be "
                  "one of brussels, charleroi, antwerp, belgium, not “moon”')")
    page.open(f"{app_url}/?panel=moon&lang=fr")  # said in the page's language
    page.wait_for("document.body.innerText.includes('« panel » doit être l\\'une des valeurs "
                  "brussels, charleroi, antwerp, belgium, pas « moon »')")


def test_the_province_filter_from_its_control_to_the_table(page, app_url):
    """Province: picked in its control, it filters every view and the address; it combines with
    a place (both hold); its chip names the province, never the city; the table shows it."""
    page.open(f"{app_url}/?lang=en")
    page.wait_kpi(107)
    page.page.locator("#filter-province").click()
    page.page.get_by_role("option", name="Province of Antwerp").click()
    page.wait_kpi(5)
    assert page.address().endswith("/?province=10000&lang=en")
    assert page.page.get_by_role("button", name="Remove filter: Province of Antwerp").count() == 1
    page.page.keyboard.press("Escape")
    page.open(f"{app_url}/?place=antwerp&province=10000&lang=fr")
    page.wait_kpi(4)
    assert page.page.locator("#active-filters .chip", has_text="Province d'Anvers").count() == 1
    page.open(f"{app_url}/?province=04000&type=attack&lang=en")
    page.wait_kpi(3)
    page.show_table()
    page.wait_for("document.querySelectorAll('#table-incidents .ag-row [col-id=province]')"
                  ".length === 3")
    cells = page.page.locator("#table-incidents .ag-row [col-id=province]").all_inner_texts()
    assert cells == ["Brussels-Capital Region (province level)"] * 3


def test_a_province_drills_the_map_down_and_a_commune_narrows_within_it(page, app_url):
    """Belgium panel, province of Liège: the map shows its 84 communes only, titled with the
    province; a click on one narrows to it and the map stays on the province; removing the
    province's chip brings the whole country back. The link reopens the drilled view."""
    page.open(f"{app_url}/?lang=en")
    page.page.locator("#map-panel label", has_text="Belgium").click()
    page.wait_for("document.querySelectorAll('#chart-map .choro-place').length > 500")
    page.page.locator("#filter-province").click()
    page.page.get_by_role("option", name="Province of Liège").click()
    page.page.keyboard.press("Escape")
    page.wait_kpi(7)
    page.wait_for("document.querySelectorAll('#chart-map .choro-place').length === 84")
    assert page.page.inner_text("#chart-map-title") == "Where: Province of Liège"
    link = page.address()
    assert link.endswith("/?province=60000&panel=belgium&lang=en")
    page.page.locator("#chart-map .choro-place.choro-some[data-code='63079']").click()
    page.wait_kpi(4)
    assert page.address().endswith("/?place=63079&province=60000&panel=belgium&lang=en")
    assert page.page.locator("#chart-map .choro-place").count() == 84
    page.page.get_by_role("button", name="Remove filter: Province of Liège").click()
    page.wait_for("document.querySelectorAll('#chart-map .choro-place').length > 500")
    assert page.page.inner_text("#chart-map-title") == "Where: Belgium"
    page.open(link)  # the drilled view, reopened from its link
    page.wait_kpi(7)
    page.wait_for("document.querySelectorAll('#chart-map .choro-place').length === 84")


def test_the_schematic_map_filters_by_province_and_says_it_cannot_zoom(page, offline_url):
    page.open(f"{offline_url}/?province=60000&lang=fr")
    page.wait_kpi(7)
    page.wait_for("document.querySelector('#chart-map-title').innerText === 'Où : Province de "
                  "Liège (schéma : zoomer sur la zone demande le fichier de limites)'")


def test_the_download_menu_fetches_the_export_url_of_the_view_on_screen(page, app_url):
    """A menu item is the export URL (components/exports/urls.py) of the page's own address;
    the browser fetches it (no base64 in a callback reply), and a refusal is said in one line."""
    page.open(f"{app_url}/?type=arrest_action&lang=en")
    page.wait_kpi(103)
    page.page.locator("#timeline-freq label", has_text="By month").click()
    page.wait_for("location.search.includes('freq=month')")
    page.page.get_by_role("button", name="Download this chart or its data (over time)").click()
    with page.page.expect_request("**/export/**") as asked, page.page.expect_download():
        page.page.get_by_role("menuitem", name="Chart data · CSV (; for Belgian Excel)").click()
    assert asked.value.url.endswith(
        "/export/timeline.csv?type=arrest_action&freq=month&lang=en&sep=semicolon")
    page.page.route("**/export/**", lambda route: route.fulfill(
        status=503, body="images cannot be drawn on this server (test)\n"))
    page.page.get_by_role("button", name="Download this chart or its data (map)").click()
    page.page.get_by_role("menu", name="Download this chart or its data (map)").get_by_role(
        "menuitem", name="Chart data · XLSX").click()
    page.page.wait_for_selector("#export-file-status:not([hidden])")
    assert page.page.inner_text("#export-file-status") == (
        "The download failed: images cannot be drawn on this server (test)")
    assert not page.page.locator("#export-progress.active").count()
    # the browser logs the refused request itself: that one error is expected, no other
    assert [e for e in page.errors if "503" not in e] == []
    page.errors.clear()
