"""Every export is a URL (/export/<name>.<format>?<view state>&lang=..): read from the view state
as the screen is, refused in one line when wrong, rendered once (a render cache shared by the
workers, one render for concurrent identical requests) and answered with the headers an HTTP
cache needs."""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from collections import Counter
from datetime import date

import openpyxl
import pytest

from components.charts import registry as charts_registry
from components.exports import files, urls
from components.web import exports_api, renderers
from data.filters import FilterError, Filters
from data.i18n import use


def done(client, url: str, seconds: float = 120):
    """The answer once the file is drawn (202 and 503 say: ask again after Retry-After)."""
    deadline = time.monotonic() + seconds
    while True:
        r = client.get(url)
        if r.status_code not in (202, 503) or time.monotonic() > deadline:
            return r
        time.sleep(float(r.headers["Retry-After"]) / 4)


@pytest.fixture(autouse=True)
def patient(monkeypatch):
    """A request waits for its file here (the default 0.3 s would make a slow machine's test
    see a 202); the tests of the 202 set their own wait."""
    monkeypatch.setenv(exports_api.WAIT_ENV, "30")
    # all these requests come from one address: the per-client limit has its own test
    monkeypatch.setenv(exports_api.LIMIT_ENV, "10000/minute")
    exports_api._limiter.cache_clear()
    yield
    exports_api._limiter.cache_clear()


@pytest.fixture(scope="module")
def client(app_data):
    from app import create_app
    return create_app(app_data).server.test_client()


def test_a_request_is_read_into_its_canonical_address(app_data):
    v, version = app_data.vocabulary, app_data.dataset.version
    req = urls.read("timeline.svg", {"freq": "month", "type": "attack", "lang": "fr"}, v, version)
    assert (req.fmt, req.graph, req.lang) == ("svg", "chart-timeline", "fr")
    assert req.query == "type=attack&freq=month&lang=fr"  # filters, options, lang
    png = urls.read("map.png", {"size": "square", "province": "60000", "panel": "belgium",
                                "lang": "en", "v": version}, v, version)
    assert png.fmt == "png-square" and png.pinned == version
    assert png.query == f"province=60000&panel=belgium&lang=en&size=square&v={version}"
    assert urls.read("rows.csv", {"sep": "semicolon", "lang": "nl"}, v, version).fmt == (
        "rows-csv-be")
    assert urls.read("pack.zip", {"lang": "en"}, v, version).filename("2026-12-03") == (
        "belgium-is-briefing-pack-all-incidents-2026-12-03.zip")
    # the Download menu's items as URLs: the browser puts the page's address between
    assert urls.menu_item("png-square", "map") == ("/export/map.png", "size=square")
    assert urls.menu_item("png", "map") == ("/export/map.png", "")
    assert urls.menu_item("csv-be", "shares") == ("/export/shares.csv", "sep=semicolon")
    assert urls.menu_item("rows-xlsx", "shares") == ("/export/rows.xlsx", "")
    for fmt in files.FORMATS:
        if fmt != "embed":
            path, extra = urls.menu_item(fmt, "timeline")
            name_ext = path.removeprefix("/export/")
            args = dict([extra.split("=")]) if extra else {}
            assert urls.read(name_ext, {**args, "lang": "en"}, v, version).fmt == fmt
    for name, args, status, words in [
            ("pie.png", {}, 404, "no export 'pie.png'"), ("rows.png", {}, 404, "no export"),
            ("timeline.csv", {"size": "square"}, 400, "png only"),
            ("timeline.png", {"sep": "semicolon"}, 400, "csv only"),
            ("timeline.png", {"lang": "de"}, 400, "invalid lang 'de'"),
            ("timeline.png", {"v": "old"}, 410, f"this server has {version!r}")]:
        with pytest.raises(urls.Refused, match=words) as err:
            urls.read(name, args, v, version)
        assert err.value.status == status
    with pytest.raises(FilterError):  # an option no chart has: refused, not defaulted
        urls.read("map.png", {"panel": "moon"}, v, version)


def test_the_index_lists_every_chart_and_format(client):
    index = client.get("/export/index.json").json
    assert sorted(index["charts"]) == sorted(files.charts.SLUGS)
    assert index["charts"]["timeline"] == ["png", "svg", "pdf", "csv", "xlsx"]
    assert index["view_state"]["options"][0]["param"] == "freq"


def test_an_address_without_lang_or_out_of_order_is_redirected(client):
    r = client.get("/export/timeline.csv?freq=month&type=attack",
                   headers={"Accept-Language": "nl-BE"})
    assert r.status_code == 302
    assert r.headers["Location"] == "/export/timeline.csv?type=attack&freq=month&lang=nl"


def test_refusals_are_one_line(client):
    assert client.get("/export/timeline.png?type=bomb&lang=en").text.startswith(
        "invalid filter: unknown value")
    r = client.get("/export/timeline.png?lang=en&v=old")
    assert r.status_code == 410 and r.text.count("\n") == 1


def test_file_names_say_the_view_in_the_readers_language_and_differ_per_variant(app_data):
    """A file's name: what it holds and its filters in the reader's words (ASCII), the variant
    where an address has two (CSV with semicolons, square PNG), then the day: every file of
    the Download menu, in each language, has a name of its own."""
    v, version = app_data.vocabulary, app_data.dataset.version
    names = app_data.place_names
    query = {"type": "attack", "place": "brussels", "from": "2016-01"}
    fr = urls.read("shares.csv", query | {"lang": "fr", "sep": "semicolon"}, v, version)
    assert fr.filename("2026-12-07", names) == (
        "belgique-ei-lies-ou-inspires-attentats-region-de-bruxelles-capitale-janv-2016-oct-2017-"
        "points-virgules-2026-12-07.csv")
    for lang in ("en", "fr", "nl"):
        made = set()
        for slug in [*charts_registry.SLUGS, "rows"]:
            for ext, extra in [("csv", {}), ("csv", {"sep": "semicolon"}), ("xlsx", {}),
                               ("png", {}), ("png", {"size": "square"}),
                               ("png", {"size": "screen"}), ("svg", {}), ("pdf", {})]:
                if slug == "rows" and ext not in ("csv", "xlsx"):
                    continue
                name = urls.read(f"{slug}.{ext}", query | {"lang": lang} | extra, v,
                                 version).filename("2026-12-07", names)
                assert re.fullmatch(r"[a-z0-9-]+-2026-12-07\.[a-z]+", name) and len(name) < 140
                made.add(name)
        assert len(made) == 10 * 8 + 3, lang  # no two alike
    nl = urls.read("network-links.png", {"lang": "nl"}, v, version).filename("2026-12-07")
    assert nl == "belgie-is-banden-tussen-netwerken-alle-incidenten-2026-12-07.png"


def test_a_file_is_rendered_once_and_cached_with_its_etag(client, app_data):
    url = "/export/rows.csv?place=brussels&lang=en&sep=semicolon"
    first = client.get(url)
    assert first.status_code == 200, first.text
    day = date.today().isoformat()
    assert first.headers["Content-Disposition"] == (
        f'attachment; filename="belgium-is-incidents-brussels-capital-region-semicolons-{day}.csv"')
    assert first.headers["Cache-Control"] == "public, max-age=300"
    again = client.get(url)
    assert again.headers["X-Export-Cache"] == "hit" and again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    # the same bytes as the Download menu's file of this view
    f = Filters.from_query({"place": "brussels"}, app_data.vocabulary)
    with use("en"):
        link = files.permalink("http://localhost/", f, {})
        built, _ = files.build(app_data, f, "", "rows-csv-be", {}, link)
    assert first.data == built
    assert first.data.splitlines()[0].count(b";") > 3  # the Belgian separator


def test_a_pinned_file_may_be_kept_and_an_xlsx_is_a_workbook(client, app_data):
    version = app_data.dataset.version
    r = client.get(f"/export/timeline.xlsx?type=attack&lang=fr&v={version}")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "public, max-age=86400"
    book = openpyxl.load_workbook(io.BytesIO(r.data))
    assert len(book.sheetnames) >= 2


def test_concurrent_identical_requests_wait_for_one_render(client, monkeypatch):
    """The first draws it (and waits); the others join that render without holding a thread
    (202 at once, with no second render) and then get its bytes from the cache."""
    calls = []
    real = renderers._render

    def slow(*args):
        calls.append(1)
        time.sleep(0.5)
        return real(*args)

    monkeypatch.setattr(renderers, "_render", slow)
    url = "/export/shares.csv?connection=inspired&lang=nl"
    results = []
    threads = [threading.Thread(target=lambda: results.append(done(client, url)))
               for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(calls) == 1
    assert sorted(r.headers["X-Export-Cache"] for r in results) == ["hit", "hit", "hit", "miss"]
    assert len({r.data for r in results}) == 1


def test_images_and_the_pack_are_urls_too(client):
    from components.exports.images import browser
    if browser() is None:
        pytest.skip("no Chromium on this machine")
    svg = done(client, "/export/map.svg?province=60000&panel=belgium&lang=en")
    assert svg.status_code == 200 and b"Province of Li" in svg.data
    pack = done(client, "/export/pack.zip?type=attack&lang=en")
    assert pack.status_code == 200 and pack.headers["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(pack.data)).namelist()
    assert "briefing.pdf" in names and "data.xlsx" in names


def test_a_pack_being_drawn_says_how_far_it_is(client, monkeypatch):
    """While a pack is drawn, each 202 says how many of its charts are done ("charts 4 of
    10", X-Export-Progress: 4/10), for the page's progress line; then the file."""
    from components.exports.images import browser
    if browser() is None:
        pytest.skip("no Chromium on this machine")
    monkeypatch.setenv(exports_api.WAIT_ENV, "0.1")
    fresh = f"test-{time.time_ns()}"  # a key no earlier run has cached
    monkeypatch.setattr(exports_api, "code_version", lambda: fresh)
    said, deadline = [], time.monotonic() + 180
    while time.monotonic() < deadline:
        r = client.get("/export/pack.zip?place=charleroi&lang=nl")
        if r.status_code != 202:
            break
        said.append((r.headers.get("X-Export-Progress"), r.text))
        time.sleep(0.2)
    assert r.status_code == 200 and r.data.startswith(b"PK"), r.text
    steps = [tuple(map(int, p.split("/"))) for p, _ in said if p]
    assert steps, said
    with zipfile.ZipFile(io.BytesIO(r.data)) as z:  # the charts it drew (one with nothing
        total = sum(n.endswith(".png") for n in z.namelist())  # to draw is left out)
    assert 8 <= total <= len(charts_registry.CHART_DATA)
    assert {t for _, t in steps} == {total} and all(0 <= d <= total for d, _ in steps)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)  # it only goes forward
    assert any(d > 0 for d, _ in steps)
    done_, line = next((p, text) for p, text in said if p)
    assert f"charts {done_.replace('/', ' of ')}" in line


def test_an_embed_carries_its_etag_and_how_long_a_cache_may_keep_it(client, app_data):
    version = app_data.dataset.version
    pinned = client.get(f"/embed/timeline?type=attack&v={version}&lang=en")
    assert pinned.status_code == 200
    assert pinned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    again = client.get(f"/embed/timeline?type=attack&v={version}&lang=en",
                       headers={"If-None-Match": pinned.headers["ETag"]})
    assert again.status_code == 304
    moved = client.get("/embed/timeline?type=attack&v=reconstruction-0.9&lang=en")
    assert moved.headers["Cache-Control"] == "public, max-age=300"  # it says the version moved
    assert "Published with dataset version reconstruction-0.9" in moved.text
    assert client.get("/embed/pie?lang=en").headers.get("ETag") is None  # a 404 is not kept


def _slow(monkeypatch, seconds: float, fail: Exception | None = None) -> list:
    calls = []
    real = renderers._render

    def render(*args):
        calls.append(args[1].query)
        time.sleep(seconds)
        if fail is not None:
            raise fail
        return real(*args)

    monkeypatch.setattr(renderers, "_render", render)
    return calls


def test_a_long_render_frees_the_request_with_a_202_then_serves_the_file(client, monkeypatch):
    """The page's threads never wait for Chromium: past a short wait the answer is 202 with
    Retry-After, the render goes on apart, and a later request gets the file."""
    monkeypatch.setenv(exports_api.WAIT_ENV, "0.1")
    calls = _slow(monkeypatch, 0.6)
    url = "/export/shares.xlsx?connection=linked&lang=fr"
    started = time.monotonic()
    first = client.get(url)
    assert first.status_code == 202 and first.headers["Retry-After"] == "1"  # a pack: 2
    assert first.headers["Cache-Control"] == "no-store" and first.text.startswith("being drawn")
    joined = client.get(url)
    assert joined.status_code == 202  # joined, not rendered twice, and told at once
    assert time.monotonic() - started < 0.5
    time.sleep(0.8)
    done = client.get(url)
    assert done.status_code == 200 and done.headers["X-Export-Cache"] == "hit"
    assert len(calls) == 1


def test_too_many_waiting_renders_get_a_503_with_retry_after(client, monkeypatch):
    monkeypatch.setenv(exports_api.WAIT_ENV, "0")
    monkeypatch.setenv(renderers.QUEUE_ENV, "1")
    _slow(monkeypatch, 0.5)
    assert client.get("/export/shares.csv?plot=yes&lang=nl").status_code == 202
    full = client.get("/export/shares.csv?plot=no&lang=nl")
    assert full.status_code == 503 and full.headers["Retry-After"] == "10"
    # asked again, it is drawn (and no render is left running into the next test)
    assert done(client, "/export/shares.csv?plot=no&lang=nl").status_code == 200
    assert done(client, "/export/shares.csv?plot=yes&lang=nl").status_code == 200


def test_a_failed_render_says_why_once_and_the_next_request_renders_again(client, monkeypatch):
    monkeypatch.setenv(exports_api.WAIT_ENV, "3")
    calls = _slow(monkeypatch, 0.1, fail=RuntimeError("boom"))
    url = "/export/timeline.csv?place=charleroi&lang=en"
    failed = done(client, url)  # a loaded machine may answer 202 first: asked again, then said
    assert failed.status_code == 500
    assert failed.text == "the export failed (RuntimeError); the server log has why\n"
    monkeypatch.setattr(renderers, "_render", lambda *a: b"id,n\n")
    assert client.get(url).status_code == 200 and len(calls) == 1


def test_one_client_may_start_only_so_many_renders_but_cached_files_are_free(
        client, monkeypatch):
    cached = "/export/shares.csv?type=attack&connection=inspired&lang=nl"
    assert client.get(cached).status_code == 200  # drawn before the limit is set
    monkeypatch.setenv(exports_api.LIMIT_ENV, "2/minute")
    exports_api._limiter.cache_clear()
    try:
        assert client.get(cached).status_code == 200  # from the cache: not counted
        assert client.get("/export/timeline.csv?plot=yes&lang=en").status_code == 200
        assert client.get("/export/timeline.csv?plot=no&lang=en").status_code == 200
        third = client.get("/export/timeline.csv?type=attack&plot=yes&lang=en")
        assert third.status_code == 429 and int(third.headers["Retry-After"]) >= 1
        assert third.text.startswith("too many new exports from this client")
        for url in (cached, "/export/timeline.csv?plot=yes&lang=en"):  # from the cache: free
            assert client.get(url).status_code == 200
    finally:
        exports_api._limiter.cache_clear()


def test_a_file_waiting_behind_others_is_never_queued_twice(client, monkeypatch):
    """Its in-flight mark may lapse while the renders ahead of it take long (a dead worker's
    marks must lapse): asked again meanwhile, it is not queued a second time."""
    monkeypatch.setenv(exports_api.WAIT_ENV, "0")
    monkeypatch.setattr(renderers, "RENDER_SECONDS", 0.2)  # marks lapse at once
    calls = _slow(monkeypatch, 0.8)
    first, second = ("/export/timeline.csv?plot=yes&place=antwerp&lang=fr",
                     "/export/timeline.csv?plot=no&place=antwerp&lang=fr")
    assert client.get(first).status_code == 202
    assert client.get(second).status_code == 202
    answers = [client.get(second).status_code]
    while answers[-1] == 202:
        time.sleep(0.1)
        answers.append(client.get(second).status_code)
    assert answers[-1] == 200 and len(answers) > 3
    assert sorted(calls) == sorted(["plot=yes&place=antwerp&lang=fr",
                                    "plot=no&place=antwerp&lang=fr"]), calls


def test_a_comparison_is_a_url_its_key_figures_one_column_per_slice(client):
    """compare.csv / .xlsx: A, B and B minus A for each figure, each share's n, interval and
    Fisher's p (the issue's numbers); charts, rows and the pack refuse vs. in one line."""
    import csv
    r = done(client, "/export/compare.csv?place=brussels&vs.place=antwerp&lang=en")
    assert r.status_code == 200, r.data
    assert 'filename="belgium-is-comparison-brussels-capital-region-against-antwerp-' in (
        r.headers["Content-Disposition"])
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(r.data.decode()))}
    assert rows["figure"][:3] == ["A: Brussels-Capital Region", "B: Antwerp",
                                  "difference (B − A)"]
    assert rows["incidents"][:3] == ["62", "4", "-58"]
    linked = dict(zip(rows["figure"], rows["share linked (%)"], strict=True))
    assert (linked["A: Brussels-Capital Region"], linked["B: Antwerp"]) == ("91.9", "100.0")
    assert (linked["n (A)"], linked["n (B)"]) == ("62", "4")
    assert (linked["95% interval, low (A)"], linked["95% interval, high (A)"]) == ("82.5", "96.5")
    assert linked["Fisher's exact p"] == "1.0"
    assert "cannot tell from chance" in linked["what the difference can carry"]
    tested = done(client, "/export/compare.xlsx?type=arrest_action&vs.type=attack&lang=fr")
    sheet = openpyxl.load_workbook(io.BytesIO(tested.data)).worksheets[0]
    values = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["incidents"][:3] == (103, 4, -99)
    assert values["part liée (%)"][:3] == (91.3, 25.0, -66.3)
    assert values["part liée (%)"][-2] == 0.00415
    for url, line in (
            ("/export/compare.csv?place=brussels&lang=en", "need a second slice"),
            ("/export/compare.csv?vs.place=atlantis&lang=en", "vs.place"),
            ("/export/compare.png?vs.place=antwerp&lang=en", "no export")):
        refused = client.get(url)
        assert refused.status_code in (400, 404) and line in refused.data.decode(), url
    # the canonical address: A's filters, then B's, options, lang, then the extra parameters
    moved = client.get("/export/compare.csv?vs.place=&sep=semicolon&place=brussels&lang=nl")
    assert moved.status_code == 302
    assert moved.headers["Location"].endswith(
        "/export/compare.csv?place=brussels&vs.place=&lang=nl&sep=semicolon")


def test_the_charts_of_both_slices_are_urls_too(client):
    """Compare mode's shares, timeline and map: their images name both slices, their data has
    a column per slice and the difference; the networks draw one slice and say so."""
    import csv
    r = done(client, "/export/timeline.csv?place=brussels&vs.place=antwerp&lang=en")
    assert r.status_code == 200, r.data
    rows = list(csv.reader(io.StringIO(r.data.decode())))
    assert rows[0] == ["period", "A: Brussels-Capital Region: incidents",
                       "B: Antwerp: incidents", "difference (B − A)"]
    assert rows[3] == ["2016", "32", "1", "-31"]
    shares = done(client, "/export/shares.csv?type=arrest_action&vs.type=attack&lang=en")
    table = list(csv.reader(io.StringIO(shares.data.decode())))
    assert table[0][2:6] == ["A: Arrest actions: incidents", "A: Arrest actions: share (%)",
                             "B: Attacks: incidents", "B: Attacks: share (%)"]
    # a share of no incidents is blank, and so is a difference with a blank side
    assert table[1] == ["arrest action", "linked", "94", "91.3", "0", "", ""]
    assert table[3] == ["attack", "linked", "0", "", "1", "25.0", ""]
    places = done(client, "/export/shares.csv?place=brussels&vs.place=antwerp&lang=en")
    linked = list(csv.reader(io.StringIO(places.data.decode())))[1]
    assert linked == ["arrest action", "linked", "56", "94.9", "4", "100.0", "5.1"]
    svg = done(client, "/export/timeline.svg?place=brussels&vs.place=antwerp&lang=en")
    assert svg.status_code == 200 and b"Brussels-Capital Region against Antwerp" in svg.data
    assert b"B \xc2\xb7 Antwerp" in svg.data
    # the map: every municipality with an incident in either slice, both panels in its image
    where = done(client, "/export/map.csv?place=brussels&vs.place=antwerp&lang=en")
    table = list(csv.reader(io.StringIO(where.data.decode())))
    assert table[0] == ["NIS code", "municipality", "A: Brussels-Capital Region: incidents",
                        "B: Antwerp: incidents", "difference (B − A)"]
    assert sum(int(r[2]) for r in table[1:]) == 62 and sum(int(r[3]) for r in table[1:]) == 4
    assert all(int(r[4]) == int(r[3]) - int(r[2]) for r in table[1:])
    assert any(r[0] == "11002" and r[2] == "0" and int(r[3]) > 0 for r in table)  # Antwerp
    svg = done(client, "/export/map.svg?place=brussels&vs.place=antwerp&lang=en")
    assert svg.status_code == 200 and b"Brussels-Capital Region against Antwerp" in svg.data
    assert b"A \xc2\xb7 Brussels-Capital Region" in svg.data and b"B \xc2\xb7 Antwerp" in svg.data
    rows = done(client, "/export/rows.csv?vs.place=brussels&lang=en")  # B inside A
    listed = list(csv.DictReader(io.StringIO(rows.data.decode())))
    assert len(listed) == 107 and list(listed[0])[:2] == ["slice", "incident id"]
    assert Counter(r["slice"] for r in listed) == {"A and B": 62, "A": 45}
    book = done(client, "/export/rows.xlsx?place=brussels&vs.place=antwerp&lang=fr")
    sheet = openpyxl.load_workbook(io.BytesIO(book.data)).worksheets[0]
    assert Counter(r[0] for r in sheet.iter_rows(min_row=2, values_only=True)) == {
        "A": 62, "B": 4}
    # a section's chart: each network's links in both slices; people under disclosure control
    nets = done(client, "/export/networks.csv?place=brussels&vs.place=antwerp%2Ccharleroi%2C"
                        "elsewhere&lang=en")
    table = list(csv.DictReader(io.StringIO(nets.data.decode())))
    zerkani = next(r for r in table if r["network"] == "Zerkani network")
    assert zerkani["A: Brussels-Capital Region: arrest actions"] == "13"
    cit = done(client, "/export/people-citizenship.csv?place=brussels&vs.place=antwerp%2C"
                       "charleroi%2Celsewhere&lang=en")
    rows = list(csv.DictReader(io.StringIO(cit.data.decode())))
    belgium = next(r for r in rows if r["category"] == "Belgium")
    assert (belgium["A: Brussels-Capital Region: people"],
            belgium["B: Antwerp + Charleroi + elsewhere in Belgium: people"],
            belgium["difference (B − A)"]) == ("32", "29", "-3")
    hidden = [r for r in rows if "< 3" in (r["A: Brussels-Capital Region: people"],
                                           r["B: Antwerp + Charleroi + elsewhere in Belgium: "
                                             "people"])]
    assert hidden and all(r["difference (B − A)"] == "" for r in hidden)
    png = done(client, "/export/people-citizenship.png?place=brussels&vs.place=antwerp&lang=en")
    assert png.status_code == 200 and png.data[:4] == b"\x89PNG"


def test_an_embed_has_one_address_per_view_and_draws_it_once(client, app_data, monkeypatch):
    """Cache-busting is sent to the canonical address (or refused): a view is drawn once, what
    ever junk its address carries, and only v= (a version's name) changes the page's notice."""
    from components.exports import embed
    version = app_data.dataset.version
    canonical = f"/embed/timeline?type=attack&freq=month&v={version}&lang=en"
    assert client.get(canonical).status_code == 200
    for dressed in (f"/embed/timeline?lang=en&type=attack&v={version}&freq=month",
                    f"/embed/timeline?type=attack&type=attack&freq=month&v={version}&lang=en",
                    f"/embed/timeline?type=attack&freq=month&by=connection&v={version}&lang=en"):
        r = client.get(dressed)
        assert r.status_code == 302 and r.headers["Location"] == canonical, dressed
    for junk, says in (("freq=bogus", "freq"), ("cachebust=1", "cachebust"),
                       ("v=%3Cscript%3E", "“v”"), ("lang=xx", "lang")):
        r = client.get(f"/embed/timeline?type=attack&{junk}")
        assert r.status_code == 400 and says in r.text and r.text.count("\n") == 1, junk
    drawn = []
    real = embed._figure
    monkeypatch.setattr(embed, "_figure", lambda *a: drawn.append(a[3]) or real(*a))
    app_data.memos.pop("embed-figures", None)
    for i in range(40):  # forty versions nobody published: one drawing
        r = client.get(f"/embed/shares?place=brussels&v=junk-{i}&lang=nl")
        assert r.status_code == 200 and f"junk-{i}" in r.text
    assert len(drawn) == 1


def test_a_map_embed_names_its_outlines_by_url(client, app_data):
    """The map's outlines are not sent inside every embed: the page names /geo/<panel>.json,
    which the app serves (and a reader's browser keeps) once for every map embed."""
    version = app_data.dataset.version
    page = client.get(f"/embed/map?panel=belgium&v={version}&lang=en")
    assert page.status_code == 200 and len(page.data) < 80_000, len(page.data)
    assert b'"geojson": "/geo/belgium.json"' in page.data or b'"geojson":"/geo/belgium.json"' in (
        page.data)
    outlines = client.get("/geo/belgium.json")
    assert outlines.status_code == 200 and len(outlines.json["features"]) == 581
    both = client.get(f"/embed/map?place=brussels&vs.place=antwerp&v={version}&lang=fr")
    assert both.status_code == 200 and len(both.data) < 150_000  # two panels


READER = {"REMOTE_ADDR": "192.0.2.7"}  # a reader of its own: no other test's count


def test_an_embed_not_drawn_yet_counts_as_a_new_render_of_its_reader(client, app_data,
                                                                      monkeypatch):
    """Drawing a view is what costs: a reader asking one new view after another is held to
    the same allowance as for exports; a view drawn already is free for everyone."""
    app_data.memos.pop("embed-figures", None)
    kept = "/embed/shares?plot=yes&lang=en"
    assert client.get(kept, environ_base=READER).status_code == 200  # drawn before the limit is set
    monkeypatch.setenv(exports_api.LIMIT_ENV, "2/minute")
    exports_api._limiter.cache_clear()
    try:
        assert [client.get(f"/embed/shares?{q}&lang=en", environ_base=READER).status_code
                for q in ("plot=no", "type=attack")] == [200, 200]
        third = client.get("/embed/shares?type=arrest_action&lang=en", environ_base=READER)
        assert third.status_code == 429 and int(third.headers["Retry-After"]) >= 1
        assert third.text.startswith("too many new views from this client: ask again in")
        assert client.get(kept, environ_base=READER).status_code == 200  # drawn already: free
        assert client.get("/embed/shares?plot=no&lang=en", environ_base=READER).status_code == 200
    finally:
        exports_api._limiter.cache_clear()


def test_an_empty_embed_says_what_is_empty_not_how_to_change_filters_it_has_not(client):
    page = client.get("/embed/map?type=attack&place=antwerp&lang=fr").text
    assert "Aucun incident ne" in page and "Retirez" not in page
