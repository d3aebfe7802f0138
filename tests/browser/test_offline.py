"""The dashboard in one file (`python app.py bundle`), opened from file:// in Chromium with every
network request refused: the key figures, the main charts, the fragment's state, the language,
a filter click, a chip, Back, the keyboard, a comparison; no request is attempted."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.browser.conftest import CHART_TEXT, CSP_LISTENER, drawn
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def _bundle(tmp_path_factory, cache, name: str, *extra: str) -> tuple:
    out = tmp_path_factory.mktemp("bundle") / name
    done = subprocess.run([sys.executable, "app.py", "bundle", "--out", str(out), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "BEEXPLORER_CACHE": str(cache),
                               "HOME": str(out.parent)})
    assert done.returncode == 0, done.stderr
    return out, done.stdout


@pytest.fixture(scope="module")
def bundled(tmp_path_factory, boundary_cache):
    """The file with the boundary file's outlines (as the CLI writes it)."""
    return _bundle(tmp_path_factory, boundary_cache, "explorer.html")


@pytest.fixture(scope="module")
def schematic(tmp_path_factory):
    """The file with no boundary file: the schematic map, plotly.js in the file."""
    return _bundle(tmp_path_factory, tmp_path_factory.mktemp("no-cache"), "schematic.html",
                   "--lang", "nl")


class Offline:
    """A page of the file, every request but the file itself refused and recorded. The file's
    CSP forbids eval: a wait_for_function here is given a function, never an expression
    (Playwright evals an expression in the page)."""

    def __init__(self, browser, path, origin: str = "file://", locale: str = "en-US"):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           accept_downloads=True, locale=locale)
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.add_init_script(CSP_LISTENER)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.path, self.origin = path, origin

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.origin):
            route.continue_()
            return
        self.requests.append(url)
        route.abort()

    def open(self, fragment: str = "") -> None:
        where = f"file://{self.path}" if self.origin == "file://" else self.path
        self.page.goto(where + (f"#{fragment}" if fragment else ""))
        self.drawn()

    def drawn(self) -> None:
        for chart in ("chart-shares", "chart-timeline", "chart-map"):
            self.page.wait_for_selector(drawn(chart), timeout=30_000)

    def kpi(self) -> str:
        return self.page.inner_text("#kpi-incidents .kpi-value")

    def wait_kpi(self, value: str) -> None:
        self.page.wait_for_function(
            "v => document.querySelector('#kpi-incidents .kpi-value')?.innerText === v", arg=value,
            timeout=15_000)

    def chart_text(self, chart: str) -> str:
        return self.page.evaluate(CHART_TEXT, chart)

    def fragment(self) -> str:
        return self.page.evaluate("location.hash")


@pytest.fixture
def offline(browser):
    made: list[Offline] = []

    def make(path, origin: str = "file://", locale: str = "en-US") -> Offline:
        made.append(Offline(browser, path, origin, locale))
        return made[-1]

    yield make
    for o in made:
        assert o.requests == [], f"the file asked the network for {o.requests}"
        assert o.errors == [], o.errors
        violations = o.page.evaluate("window.__cspViolations || []")
        assert violations == [], violations
        o.context.close()


def test_the_file_opens_offline_and_every_view_follows_its_fragment(offline, bundled):
    path, said = bundled
    assert "map outlines" in said and "SHA-256" in said
    o = offline(path)
    o.open()
    assert o.kpi() == "107"
    assert o.fragment() == "#lang=en"  # the canonical state, written in place
    assert "Paris attacks" not in o.page.inner_text("#chart-timeline")  # options: the defaults
    o.open("freq=month&events=1")
    o.page.wait_for_function(
        "() => document.querySelector('#chart-timeline').innerText.includes('Paris attacks')")
    assert o.page.inner_text("#chart-timeline .chart-title") == "Month by month"
    o.open("type=attack")
    o.wait_kpi("4")
    for chart in ("chart-shares", "chart-timeline", "chart-map"):
        subtitle = o.page.inner_text(f"#{chart} .chart-subtitle")
        assert subtitle == "Attacks · n = 4 incidents", (chart, subtitle)
    assert "Attacks (n = 4)" in o.chart_text("chart-shares")


def test_language_click_keyboard_back_and_a_chip(offline, bundled):
    path, _said = bundled
    o = offline(path)
    o.open("lang=fr")
    assert o.page.inner_text("#be-title") == "Incidents liés à l'EI en Belgique, 2014–2017"
    assert o.page.evaluate("document.documentElement.lang") == "fr"
    o.page.click(".be-toggle[data-param='type'][data-value='attack']")  # a filter
    o.wait_kpi("4")
    assert o.fragment() == "#type=attack&lang=fr"
    o.page.locator(".be-toggle[data-param='year'][data-value='2016']").focus()  # the keyboard
    o.page.keyboard.press("Enter")
    o.page.wait_for_function(
        "() => location.hash === '#from=2016-01&to=2016-12&type=attack&lang=fr'")
    o.wait_kpi("3")
    o.page.go_back()  # Back: the state before
    o.wait_kpi("4")
    assert o.fragment() == "#type=attack&lang=fr"
    o.page.click("#active-filters .chip")  # the chip removes its filter
    o.wait_kpi("107")
    o.page.click("[data-be-lang='nl']")  # the language switch keeps the view
    o.page.wait_for_function("() => document.documentElement.lang === 'nl'")
    assert "Incidenten" in o.page.inner_text("#kpis")
    o.page.click("details.be-options summary")  # the chart options, folded away
    o.page.click(".be-toggle[data-param='freq'][data-value='month']")  # a chart option
    o.page.wait_for_function("() => location.hash === '#freq=month&lang=nl'")
    assert o.page.inner_text("#chart-timeline .chart-title") == "Maand per maand"
    assert o.page.get_attribute(".be-toggle[data-param='freq'][data-value='month']",
                                "aria-pressed") == "true"
    # a click on a chart: the shares' linked segment filters every view
    o.page.locator("#chart-shares .bars-seg").first.click()
    o.page.wait_for_function(
        "() => location.hash === '#connection=linked&freq=month&lang=nl'")
    o.wait_kpi("95")


def test_a_comparison_in_the_file(offline, bundled):
    path, _said = bundled
    o = offline(path)
    o.open("place=brussels&vs.place=antwerp&lang=en")
    o.page.wait_for_function(
        "() => (document.querySelector('#compare-panel:not([hidden])')?.innerText || '')"
        ".includes('cannot tell from chance')", timeout=15_000)
    assert "B · Antwerp" in o.page.inner_text("#chart-timeline")
    assert o.page.locator("#chart-map .choro-slice").count() == 2
    o.page.click("#compare-swap")  # the Compare control, as the app's
    o.page.wait_for_function("() => location.hash === '#place=antwerp&vs.place=brussels&lang=en'")
    o.page.click("#compare-end")
    o.page.wait_for_function("() => location.hash === '#place=antwerp&lang=en'")
    o.wait_kpi("4")
    o.page.click("#compare-open")
    o.page.select_option("#compare-with", '[["type","attack"]]')
    o.page.click("#compare-start")
    o.page.wait_for_function("() => location.hash === '#place=antwerp&vs.type=attack&lang=en'")
    o.page.wait_for_function(
        "() => document.getElementById('compare-panel').innerText.includes('Attacks')")


def test_the_schematic_file_opens_in_its_language(offline, schematic):
    path, said = schematic
    assert "schematic map" in said
    o = offline(path)
    o.open()
    assert o.kpi() == "107" and o.fragment() == "#lang=nl"
    assert "Incidenten" in o.page.inner_text("#kpis")
    o.page.wait_for_selector("#chart-map .main-svg")  # drawn by plotly.js, from the file
    o.page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider
    o.page.wait_for_function("() => document.documentElement.scrollWidth <= 390")


def test_a_file_made_with_no_language_opens_in_its_readers(offline, bundled, schematic):
    """`app.py bundle` with no --lang: a Dutch browser opens the file in Dutch, a French one in
    French, any other in English; a lang= in the address still wins; --lang nl always Dutch."""
    path, _said = bundled
    for locale, lang, title in (("nl-BE", "nl", "IS-gerelateerde incidenten"),
                                ("fr-BE", "fr", "Incidents liés à l'EI"),
                                ("de-DE", "en", "IS-related incidents")):
        o = offline(path, locale=locale)
        o.open()
        assert o.page.evaluate("document.documentElement.lang") == lang
        assert o.page.inner_text("#be-title").startswith(title), locale
    o = offline(path, locale="nl-BE")
    o.open("lang=fr")
    assert o.page.evaluate("document.documentElement.lang") == "fr"
    o = offline(schematic[0], locale="fr-BE")
    o.open()
    assert o.page.evaluate("document.documentElement.lang") == "nl"


def test_the_files_about_line_and_the_apps_health_say_the_same_data(offline, bundled, app_url,
                                                                   app_data):
    """The file's dataset version and payload SHA-256 (the same whatever its language or the
    day it was made) are what the app serving the same data reports on /health."""
    import json
    import time
    import urllib.request
    path, said = bundled
    o = offline(path)
    o.open("lang=nl")
    about = o.page.inner_text("#be-about")
    deadline = time.monotonic() + 60
    while True:
        with urllib.request.urlopen(f"{app_url}/health") as r:
            health = json.load(r)
        if health["payload_sha256"] or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert health["payload_sha256"] and health["payload_sha256"] in about
    assert health["payload_sha256"] in said and app_data.dataset.title("nl") in about
    assert health["dataset_version"].removeprefix("reconstruction-") in about


@pytest.fixture(scope="module")
def static_site(tmp_path_factory, boundary_cache):
    """`python app.py build-static`, served by `python -m http.server` (no app server)."""
    import time
    import urllib.request

    from tests.conftest import free_port
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run([sys.executable, "app.py", "build-static", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "BEEXPLORER_CACHE": str(boundary_cache),
                               "HOME": str(out)})
    assert done.returncode == 0, done.stderr
    pages = {f"{lang}{page}" for lang in ("", "fr/", "nl/") for page in (
        "index.html", "embed/shares.html", "embed/timeline.html", "embed/map.html")}
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.html")} == pages
    # the data and scripts are files of their own, named by their content, loaded by every page
    assert len(list((out / "data").glob("be-cube.*.js"))) == 1
    assert not list(out.rglob("*.part"))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                             "127.0.0.1", "--directory", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):  # it answers once it listens
        try:
            urllib.request.urlopen(f"{url}/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)


def test_the_static_folder_served_by_a_plain_web_server(offline, static_site):
    """The static site, served by a plain web server: the key figures, a fragment's state, a
    filter click, the keyboard, Back, the table's search and a CSV download; the language
    switch goes to the language's own page, keeping the view; an embed page draws its chart
    for its fragment and links back to the dashboard on that view."""
    o = offline(f"{static_site}/fr/", static_site)
    o.open()
    assert o.kpi() == "107" and o.fragment() == "#lang=fr"
    o.page.click(".be-toggle[data-param='type'][data-value='attack']")
    o.wait_kpi("4")
    o.page.go_back()
    o.wait_kpi("107")
    o.page.focus(".be-toggle[data-param='connection'][data-value='inspired']")
    o.page.keyboard.press("Enter")
    o.wait_kpi("12")
    o.page.fill("#be-table-search", "charleroi")
    o.page.wait_for_function(
        "() => document.getElementById('be-table-range').innerText === '1 à 3 sur 3'")
    with o.page.expect_download() as got:
        o.page.click("#be-rows-csv")
    assert got.value.suggested_filename == "belgique-ei-incidents.csv"
    o.page.click("a[data-be-lang='nl']")
    o.page.wait_for_url("**/nl/index.html#connection=inspired&lang=nl")
    o.drawn()
    o.wait_kpi("12")
    assert o.page.inner_text("#be-filters-title") == "Filters"
    o.page.goto(f"{static_site}/nl/index.html#type=attack&lang=fr")  # a French bookmark on
    o.page.wait_for_url("**/fr/index.html#type=attack&lang=fr")   # the Dutch page: in French
    o.drawn()
    o.wait_kpi("4")
    embed = offline(f"{static_site}/fr/embed/timeline.html", static_site)
    embed.page.goto(f"{static_site}/fr/embed/timeline.html#type=attack")
    embed.page.wait_for_selector(drawn("chart-timeline"))
    assert "n = 4" in embed.page.inner_text("#chart-timeline")
    assert embed.page.get_attribute("#be-open", "href") == (
        "../../fr/index.html#type=attack&lang=fr")
    assert embed.page.locator("#chart-shares").count() == 0


FILE_STATES = 500  # random view states with chart options, drawn in the file


def test_the_files_views_are_the_apps_for_random_states_and_comparisons(
        offline, bundled, app_data):
    """The same numbers: in the file, in Chromium, the views of 500 random states (and the study's
    named ones; random chart options and languages) and the comparisons of 100 random pairs
    equal what the Python code draws for the app."""
    from tests import test_js, view_cases
    path, _said = bundled
    o = offline(path)
    o.open()
    cases = view_cases.cases(app_data, 20261206, FILE_STATES)
    found = []
    for start in range(0, len(cases), 100):
        batch = cases[start:start + 100]
        shown = o.page.evaluate("""cases => cases.map(c => window.beInstant.views(
            window.beBundle.payload(c.lang), c.state, c.opts))""", batch)
        for case, drawn_ in zip(batch, shown, strict=True):
            diffs = view_cases.differences(view_cases.plain(view_cases.python(app_data, case)),
                                           view_cases.plain(drawn_))
            if diffs:
                found.append(f"{case['query']!r} {case['lang']} {case['opts']}: "
                             + "; ".join(sorted(diffs)[:5]))
    assert len(cases) >= FILE_STATES and not found, (
        f"{len(found)} of {len(cases)} states differ:\n" + "\n".join(found[:5]))
    pairs = test_js._comparisons(app_data, 23, 100)["cases"]
    shown = o.page.evaluate("""cases => cases.map(c => {
        const P = window.beBundle.payload(c.lang);
        return window.beCompare.model(P, window.beInstant.makeFormat(P.words), c.state, c.freq,
                                      null, {panel: c.panel, metric: c.metric});
    })""", pairs)
    differ = [view_cases.differences(c["expected"], view_cases.plain(s)) for c, s in
              zip(pairs, shown, strict=True)]
    assert not any(differ), [d[:3] for d in differ if d][:3]


def test_the_briefing_story_steps_in_the_file_with_the_apps_captions(offline, bundled, app_data):
    """The scenes of the briefing story: each one's view, its title and its caption computed
    from the file's data (the app's briefing captions, in every language), stepped through with
    a clicker's keys; a bookmark of a scene's view shows its caption."""
    import json

    from tests.test_story import _captions
    path, _said = bundled
    o = offline(path)
    o.open("lang=en")
    meta = json.loads(o.page.evaluate("document.getElementById('be-bundle').textContent"))
    for lang in ("en", "fr", "nl"):
        assert [s["caption"][lang] for s in meta["scenes"]] == _captions(app_data, lang)
    assert o.page.locator("#be-scene").is_hidden()
    o.page.click("#be-brief-start")
    o.page.wait_for_function("() => !document.getElementById('be-scene').hidden")
    assert o.page.inner_text("#be-scene-counter") == "Scene 1 of 7"
    assert o.page.inner_text("#be-scene-caption").startswith("107 incidents in all")
    o.page.keyboard.press("ArrowRight")
    o.page.wait_for_function(
        "() => document.getElementById('be-scene-counter').innerText === 'Scene 2 of 7'")
    assert o.fragment() == "#lang=en&scene=2"  # scene 2: all incidents, the shares chart
    o.open("lang=fr&scene=7")  # a bookmark of a scene
    o.page.wait_for_function(
        "() => document.getElementById('be-scene-counter').innerText === 'Scène 7 sur 7'")
    assert "pas une tendance" in o.page.inner_text("#be-scene-caption")
    o.page.keyboard.press("ArrowLeft")
    o.page.wait_for_function(
        "() => document.getElementById('be-scene-counter').innerText === 'Scène 6 sur 7'")
    o.wait_kpi("103")
    o.page.click(".be-toggle[data-param='type'][data-value='attack']")  # a filter: off the story
    o.page.wait_for_function("() => document.getElementById('be-scene').hidden")
    assert "scene=" not in o.fragment()


@pytest.mark.parametrize("query,lang,opts", [
    ("", "en", {"freq": "year", "by": "connection"}),
    ("type=attack", "fr", {"freq": "month", "by": "incident_type"}),
    ("place=brussels&connection=inspired", "nl", {"freq": "year", "by": "incident_type"}),
    ("citizenship=MA&from=2016-01&to=2016-12", "en", {"freq": "month", "by": "connection"}),
])
def test_the_files_chart_data_are_the_apps(offline, bundled, app_data, query, lang, opts):
    """A chart's data downloaded from the file (made in the browser) is the app's file: the
    shares and the timeline whole, the map's first three columns; formula-safe."""
    import csv
    import io

    from components.charts import views
    from data import export
    from data.filters import Filters
    from data.i18n import use
    path, _said = bundled
    o = offline(path)
    options = f"&freq={opts['freq']}" * (opts["freq"] != "year") + (
        f"&by={opts['by']}" * (opts["by"] != "connection"))
    o.open(f"{query}{options}&lang={lang}".lstrip("&"))
    f = Filters.from_query(query, app_data.vocabulary)
    incidents, people = views.shown(app_data, f)
    with use(lang):
        for chart, name in (("chart-shares", "shares"), ("chart-timeline", "timeline"),
                            ("chart-map", "map")):
            app = export.csv_bytes(export.chart_data(name, incidents, people,
                                                     app_data.place_names, opts)).decode()
            mine = o.page.evaluate("c => beOffline.csv(beOffline.table(c))", chart)
            if name == "map":  # the map's first three columns: what the file's data carry
                app = "".join(",".join(r[:3]) + "\n" for r in csv.reader(io.StringIO(app)))
            assert mine == app, (chart, mine[:300], app[:300])
    with o.page.expect_download() as got:
        o.page.click(".be-csv[data-chart='chart-shares']")
    assert got.value.suggested_filename == {  # named in the reader's language
        "en": "belgium-is-linked-or-inspired.csv", "fr": "belgique-ei-lies-ou-inspires.csv",
        "nl": "belgie-is-gelinkt-of-geinspireerd.csv"}[lang]
    assert o.page.evaluate("beOffline.csv([['=1+1', 2, '-x']])") == "'=1+1,2,'-x\n"


TABLE_STATES = ("", "type=attack", "citizenship=MA", "place=brussels&vs.place=antwerp",
                "network=brussels_cell&from=2015-01&to=2016-12", "connection=inspired&plot=no")
TABLE_LOOKS = (("", ()), ("bruxelles", ()), ("2016 linked", (("date", "desc"),)),
               ("", (("place", "asc"),)), ("", (("people", "desc"),)),
               ("attack", (("plot", "asc"),)), ("", (("description", "asc"),)),
               ("zzz-nothing", ()))


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_the_files_table_and_rows_are_the_apps(offline, bundled, app_data, lang):
    """The file's incidents table lists, for every filter (citizenship too) and comparison,
    search and sort, the incidents the app's table lists in the same order; its rows' CSV is
    the app's rows.csv (a comparison's with its slice column)."""
    from components.charts import table
    from data import compare, export
    from data.i18n import use
    path, _said = bundled
    o = offline(path)
    incidents = app_data.dataset.incidents
    for query in TABLE_STATES:
        o.open(f"{query}&lang={lang}".lstrip("&"))
        state = o.page.evaluate("() => beOffline.state()")
        f, c = compare.slices(state, app_data.vocabulary)
        for search, sort in TABLE_LOOKS:
            mine = o.page.evaluate("""([search, sort]) => {
                const P = beBundle.payload(beOffline.lang());
                const R = JSON.parse(document.getElementById('be-rows').textContent);
                const W = JSON.parse(document.getElementById('be-bundle').textContent)
                    .words[beOffline.lang()].table;
                const list = beOfflineTable.listed(P, R, beOffline.state());
                return beOfflineTable.ids(W, list, search,
                    sort.length ? {field: sort[0][0], dir: sort[0][1]} : null);
            }""", [search, [list(s) for s in sort]])
            with use(lang):
                rows = table.order(app_data, f, search, sort, c)
            assert mine == list(incidents["incident_id"].iloc[rows]), (query, search, sort)
        with use(lang):  # the place names are the language's
            if c is None:
                app = export.csv_bytes(export.rows_in_view(incidents.iloc[table.order(
                    app_data, f)].sort_index(), app_data.place_names)).decode()
            else:
                app = export.csv_bytes(export.compared_rows(
                    incidents.iloc[table.order(app_data, c.a)].sort_index(),
                    incidents.iloc[table.order(app_data, c.b)].sort_index(),
                    app_data.place_names)).decode()
        assert o.page.evaluate("() => beOfflineTable.rowsCsv()") == app, query


def test_the_files_table_searches_sorts_pages_and_downloads(offline, bundled):
    """On the page: the table's search, a column's sort (ascending, descending, off), its
    pages, and the rows in view as a CSV file."""
    path, _said = bundled
    o = offline(path)
    o.open("lang=en")
    o.page.wait_for_function(
        "() => document.getElementById('be-table-range').innerText === '1 to 20 of 107'")
    assert o.page.locator("#be-table-body tr").count() == 20
    assert o.page.inner_text("#be-table-page") == "Page 1 of 6"
    o.page.click("#be-table-next")
    assert o.page.inner_text("#be-table-range") == "21 to 40 of 107"
    o.page.fill("#be-table-search", "charleroi attack")
    o.page.wait_for_function(
        "() => document.getElementById('be-table-range').innerText === '1 to 1 of 1'")
    assert "BE-2016-078" in o.page.inner_text("#be-table-body")
    o.page.fill("#be-table-search", "")
    o.page.click(".be-sort[data-sort='date']")
    o.page.click(".be-sort[data-sort='date']")  # descending: the last incident first
    assert o.page.get_attribute("th:has(.be-sort[data-sort='date'])", "aria-sort") == "descending"
    first = o.page.inner_text("#be-table-body tr:first-child td:first-child")
    assert first == "BE-2017-107", first
    o.page.click(".be-toggle[data-param='type'][data-value='attack']")  # the filters: 4 rows
    o.page.wait_for_function(
        "() => document.getElementById('be-table-range').innerText === '1 to 4 of 4'")
    with o.page.expect_download() as got:
        o.page.click("#be-rows-csv")
    assert got.value.suggested_filename == "belgium-is-incidents.csv"
    from pathlib import Path
    lines = Path(got.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and lines[0].startswith("incident id,date,")


def test_the_files_networks_are_the_apps_for_random_states(offline, bundled, app_data):
    """The networks section, computed in the browser by the payload's declared aggregate, has
    the app's numbers (data/aggregate.py by_network, network_pairs, network_activity's months)
    for 300 random states and the study's named ones; on the page, each slice's table."""
    from components.charts import views
    from data import aggregate as ag
    from data.filters import Filters
    from tests import view_cases
    path, _said = bundled
    o = offline(path)
    o.open()
    cases = view_cases.cases(app_data, 20261207, 300)
    shown = o.page.evaluate("""cases => cases.map(c => {
        const P = window.beBundle.payload('en');
        return window.beOfflineSections.networks(P, window.beCube.parseState(P, c.state));
    })""", cases)
    for case, got in zip(cases, shown, strict=True):
        incidents, _people = views.shown(app_data, Filters.from_query(
            case["query"], app_data.vocabulary))
        counts, pairs = ag.by_network(incidents), ag.network_pairs(incidents)
        spans = ag.network_activity(incidents)
        actions = incidents[incidents["incident_type"] == "arrest_action"]
        assert got["tied"] == int((actions["networks"] != "").sum()), case["query"]
        assert [[g["key"], g["count"]] for g in got["groups"]] == counts.values.tolist()
        assert [[p["a"], p["b"], p["count"]] for p in got["pairs"]] == pairs.values.tolist()
        assert {g["key"]: [g["first"], g["last"], g["count"]] for g in got["groups"]} == {
            r.network: [r.first.strftime("%Y-%m"), r.last.strftime("%Y-%m"), r.arrest_actions]
            for r in spans.itertuples()}, case["query"]
    o.open("network=Zerkani%20network&vs.network=Paris%20cell&lang=fr")
    parts = o.page.locator("#be-networks .be-section-part")
    assert parts.count() == 2
    assert "Zerkani" in parts.nth(0).inner_text() and "Paris" in parts.nth(1).inner_text()
    o.open("type=attack&lang=en")
    assert o.page.inner_text("#be-networks .be-empty") == (
        "No arrest action in view is tied to a named network")
    people = o.page.inner_text("#be-people")
    assert "135 people" in people and "< 3" in people


def test_every_filter_has_a_control_in_the_file(offline, bundled):
    """The dashboard's filters, as components/charts/controls.py declares them, each set from
    the file's controls: the period's ends, the plot, a network and a province (folded under
    "More filters", opened when one is set), a municipality and a citizenship from their lists;
    the keyboard keeps its place as the controls are drawn anew."""
    path, _said = bundled
    o = offline(path)
    o.open("lang=en")

    def chosen(css: str, value: str) -> None:
        o.page.select_option(css, value)

    chosen("select.be-period-end[data-param='from']", "2016-01")
    chosen("select.be-period-end[data-param='to']", "2016-12")
    o.page.wait_for_function("() => location.hash === '#from=2016-01&to=2016-12&lang=en'")
    assert o.page.get_attribute(".be-toggle[data-param='year'][data-value='2016']",
                                "aria-pressed") == "true"
    assert o.page.locator("details.be-more").get_attribute("open") is None
    o.page.click("details.be-more summary")
    o.page.click(".be-toggle[data-param='plot'][data-value='yes']")
    o.page.wait_for_function("() => location.hash.includes('plot=yes')")
    o.page.focus(".be-toggle[data-param='network'][data-value='Brussels cell']")
    o.page.keyboard.press("Enter")
    o.page.wait_for_function("() => location.hash.includes('network=Brussels+cell')")
    assert o.page.evaluate("() => document.activeElement.dataset.value") == "Brussels cell"
    o.page.keyboard.press("Enter")  # the same button, drawn anew: off again
    o.page.wait_for_function("() => !location.hash.includes('network=')")
    o.open("province=50000&lang=fr")  # Hainaut
    assert o.page.locator("details.be-more").get_attribute("open") is not None
    o.wait_kpi("15")
    chosen("select.be-list[data-param='place']", "52011")
    o.page.wait_for_function("() => location.hash.includes('place=52011')")
    assert "52011" in o.page.evaluate("() => JSON.stringify(beOffline.state())")
    o.open("lang=en")
    chosen("select.be-list[data-param='citizenship']", "MA")
    o.page.wait_for_function("() => location.hash === '#citizenship=MA&lang=en'")
    o.page.click(".be-toggle[data-param='plot'][data-value='any']")
    assert "citizenship=MA" in o.fragment()


def test_a_file_of_more_incidents_than_it_lists_says_so(offline, app_data, tmp_path,
                                                        monkeypatch):
    """Above rows.ROWS_MAX incidents the file carries no rows (the table and the rows' CSV
    need the app, and the table says so); every view still works."""
    from components.offline import bundle, rows
    monkeypatch.setattr(rows, "ROWS_MAX", 100)
    html = bundle.build(app_data, "en")
    assert 'id="be-rows"' not in html
    path = tmp_path / "big.html"
    path.write_text(html, encoding="utf-8")
    o = offline(path)
    o.open("type=attack")
    o.wait_kpi("4")
    assert o.page.inner_text("#be-table-note") == (
        "This file holds 107 incidents: too many to list here. The table and the rows' files "
        "need the online dashboard.")
    for part in ("#be-table-body-box", "#be-table-search", "#be-rows-csv"):
        assert o.page.locator(part).is_hidden()


def test_save_for_offline_downloads_the_file_for_the_data_served(offline, app_url, tmp_path):
    """The page's "Save for offline" (/offline.html): the same file, for the data the app
    serves, in the language asked for, as an attachment; it opens from file:// offline."""
    import urllib.request
    with urllib.request.urlopen(f"{app_url}/offline.html?lang=fr", timeout=120) as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith("text/html")
        assert r.headers["Content-Disposition"].startswith("attachment; filename=")
        body = r.read()
    path = tmp_path / "saved.html"
    path.write_bytes(body)
    o = offline(path)
    o.open()
    assert o.kpi() == "107" and o.fragment() == "#lang=fr"
    assert o.page.inner_text("#be-table-range") == "1 à 20 sur 107"


@pytest.mark.parametrize("region,lang,name", [("wallonia", "fr", "Région wallonne"),
                                              ("flanders", "nl", "Vlaams Gewest")])
def test_the_files_region_agrees_with_the_app(offline, bundled, app_data, region, lang, name):
    """`#region=`: the file's counts are the app's (data/filters.py), its words the reader's;
    its control is among the folded filters and a region unknown to it is refused in words."""
    from data.filters import Filters, apply
    path, _said = bundled
    o = offline(path)
    o.open(f"region={region}&lang={lang}")
    expected = len(apply(app_data.dataset.incidents,
                         Filters.from_query(f"region={region}", app_data.vocabulary)))
    o.wait_kpi(str(expected))
    assert name in o.page.inner_text("body")
    assert o.page.locator(f'.be-more [data-param="region"][data-value="{region}"]').count() == 1
    o.open("region=atlantis&lang=en")
    o.page.wait_for_function(
        "() => document.body.innerText.includes('unknown value for “region”: “atlantis”')")
