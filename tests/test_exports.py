"""Downloads: the data behind each chart and every row in view, as CSV and XLSX; formula
injection neutralised, numbers kept numbers, hidden people cells kept hidden."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from components.charts import registry as charts
from components.exports import files as exports
from components.runtime import AppData
from data import export, load
from data.filters import Filters

CORPUS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "\tTAB", "\rCR", "=HYPERLINK(\"x\")",
          "=cmd|' /C calc'!A0"]
# a dataset's cells are stripped when loaded: a leading tab or CR cannot reach an export from it
IN_DATA = [t for t in CORPUS if not t.startswith(("\t", "\r"))]


@pytest.mark.parametrize("text", CORPUS)
def test_formula_starts_are_neutralised(text):
    assert export.neutralise(text) == "'" + text
    assert export.neutralise("Molenbeek") == "Molenbeek" and export.neutralise(-3) == -3


def _injected(make_dataset):
    def change(tables):
        for i, text in enumerate(IN_DATA):
            tables["incidents"].loc[i, "description"] = text
    return AppData(load(make_dataset(change)), None)


def _xlsx(payload: bytes) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(io.BytesIO(payload))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), "a formula in the workbook"
    return {s.title: [[c.value for c in r] for r in s.iter_rows()] for s in book.worksheets}


def test_rows_in_view_are_all_there_and_safe(make_dataset):
    data = _injected(make_dataset)
    payload, suffix = exports.build(data, Filters(), "shares", "rows-xlsx", {},
                                      "http://x/?a")
    sheets = _xlsx(payload)
    assert suffix == ".xlsx" and set(sheets) == {"data", "codebook", "filters", "about"}
    header, *rows = sheets["data"]
    assert len(rows) == 107 and "what happened" in header and "place" in header
    descriptions = [r[header.index("what happened")] for r in rows]
    assert all("'" + t in descriptions for t in IN_DATA)
    assert all(isinstance(r[header.index("people")], int) for r in rows)  # numbers stay numbers
    about = dict(r for r in sheets["about"][1:])
    assert about["permalink"] == "http://x/?a" and "Van Ostaeyen" in about["how to cite"]
    codebook = {r[0]: r[1:] for r in sheets["codebook"][1:]}
    assert codebook["NIS code"][:2] == ["nis_code", "Statbel's code of the municipality (2019 "
                                        "boundaries)."]
    csv, _ = exports.build(data, Filters(), "shares", "rows-csv", {}, "")
    back = pd.read_csv(io.BytesIO(csv), dtype={"NIS code": str})
    assert len(back) == 107 and all("'" + t in set(back["what happened"]) for t in IN_DATA)


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_rows_files_speak_the_readers_language_and_their_codebook_maps_back(offline_data, lang):
    """The rows in words (headings, coded values, descriptions in the reader's language), and
    the workbook's codebook sheet turns every word back into the dataset's code: read back
    through it, each coded column is the dataset's, incident by incident."""
    from data import codebook as cb
    from data.i18n import use
    with use(lang):
        payload, _ = exports.build(offline_data, Filters(), "shares", "rows-xlsx", {}, "")
        csv, _ = exports.build(offline_data, Filters(), "shares", "rows-csv", {}, "")
    sheets = _xlsx(payload)
    data_sheet = next(v for k, v in sheets.items() if k not in ("codebook", "codeboek", "filters",
                                                                 "filtres", "about", "à propos",
                                                                 "over"))
    header, *rows = data_sheet
    book = {r[0]: (r[1], dict(p.split(" = ") for p in r[3].split("; ")) if r[3]
                   else {}) for r in list(sheets.values())[1][1:]}
    assert set(book) == set(header) and len(rows) == 107
    dataset = offline_data.dataset.incidents
    coded = {c.name for c in cb.INCIDENTS if c.kind in ("choice", "choices", "bool")}
    for j, heading in enumerate(header):
        name, codes = book[heading]
        column = [r[j] for r in rows]
        if name in coded:
            assert codes, heading
            said = [";".join(codes[w] for w in (v or "").split("; ") if w) for v in column]
            truth = dataset[name].map(lambda v: {True: "true", False: "false"}.get(v, v))
            assert said == list(truth.fillna("")), heading
            if lang != "en":
                assert not set(column) & (set(cb.INCIDENT_TYPES) | set(cb.SOURCE_TYPES)
                                          | set(cb.WEAPONS) | set(cb.LINK_TYPES))
    assert csv.decode().splitlines()[0].split(",") == header


def test_rows_in_view_are_not_capped_like_the_table(tmp_path):
    from data.synthetic import write_synthetic
    data = AppData(load(write_synthetic(tmp_path, 2_500)), None)
    payload, _ = exports.build(data, Filters(), "map", "rows-csv", {}, "")
    assert len(pd.read_csv(io.BytesIO(payload))) == 2_500


def test_chart_data_round_trips_and_the_belgian_flavour(offline_data):
    payload, _ = exports.build(offline_data, Filters(), "shares", "csv", {}, "")
    back = pd.read_csv(io.BytesIO(payload))
    linked = back[(back["incident type"] == "arrest action") & (back["connection"] == "linked")]
    assert linked[["incidents", "incidents of this type", "share (%)"]].values.tolist() == [
        [94, 103, 91.3]]
    belgian, _ = exports.build(offline_data, Filters(), "shares", "csv-be", {}, "")
    assert belgian.startswith("\ufeff".encode()) and b";94;103;91,3;" in belgian


def test_people_exports_keep_hidden_cells_hidden(offline_data):
    payload, _ = exports.build(offline_data, Filters(), "citizenship", "xlsx", {}, "")
    header, *rows = _xlsx(payload)["data"]
    people = {r[0]: r[1] for r in rows}
    assert people["Belgium"] == 61 and people["Sweden"] == "< 3"
    assert not any(isinstance(v, int) and 0 < v < 3 for v in people.values())


def test_filters_sheet_says_the_filters_in_words(offline_data):
    f = Filters.from_query("type=attack&place=brussels", offline_data.vocabulary)
    payload, _ = exports.build(offline_data, f, "timeline", "xlsx",
                                 {"freq": "month", "by": "incident_type"}, "http://h/?q",
                                 "chart-timeline")
    sheets = _xlsx(payload)
    filters = dict(r for r in sheets["filters"][1:])
    assert filters["filters"] == "Attacks, Brussels-Capital Region"
    assert filters["permalink"] == "http://h/?q"
    assert len(sheets["data"]) == 1 + 41 * 2  # every month, by type
    about = dict(r for r in sheets["about"][1:])
    assert about["what the chart shows"].startswith("Incidents per month: ")


def _png_size(payload: bytes) -> tuple[int, int]:
    assert payload[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(payload[16:20], "big"), int.from_bytes(payload[20:24], "big")


OPTIONS = {"freq": "year", "by": "connection", "events": True, "metric": "incidents",
           "panel": "brussels"}


@pytest.mark.parametrize("fmt,size", [("png", (2400, 1350)), ("png-square", (2160, 2160)),
                                      # the chart's own height, its foot two lines shorter
                                      # at 1000 px (widen) and a line longer (the view's link)
                                      ("png-screen", (2000, 2 * (330 - 28 + 14)))])
def test_png_exports_are_newsroom_sized_at_twice_the_density(app_data, fmt, size):
    payload, suffix = exports.build(app_data, Filters(), "shares", fmt, OPTIONS,
                                      "http://h/", "chart-shares")
    assert suffix == ".png" and _png_size(payload) == size


@pytest.mark.parametrize("graph", list(charts.CHART_DATA))
def test_every_chart_exports_as_svg_with_its_caption_baked_in(app_data, graph):
    f = Filters.from_query("place=brussels", app_data.vocabulary)
    payload, suffix = exports.build(app_data, f, charts.CHART_DATA[graph], "svg", OPTIONS,
                                      "http://h/?place=brussels", graph)
    svg = payload.decode()
    assert suffix == ".svg" and svg.startswith("<svg")
    for text in ("Brussels-Capital Region", "Van Ostaeyen",
                 "Bundled dataset (reconstructed), version 1.2",
                 "http://h/?place=brussels", "exported "):
        assert text in svg, (graph, text)
    again, _ = exports.build(app_data, f, charts.CHART_DATA[graph], "svg", OPTIONS,
                             "http://h/?place=brussels", graph)
    assert again == payload  # no random ids: the same view is the same bytes (and ETag)
    ids = set(re.findall(r'id="([^"]+)"', svg))
    refs = set(re.findall(r"url\(['\"]?#([^'\")]+)", svg))
    assert refs <= ids, refs - ids  # every clip path and pattern still found


def test_pdf_export_is_a_vector_pdf_with_its_caption_and_the_map_needs_no_network(app_data):
    from pypdf import PdfReader
    f = Filters.from_query("type=arrest_action", app_data.vocabulary)
    payload, suffix = exports.build(app_data, f, "map", "pdf", OPTIONS, "http://h/?x",
                                      "chart-map")
    assert suffix == ".pdf" and payload.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(payload)).pages[0].extract_text()
    for part in ("Where: Brussels-Capital Region", "Arrest actions · n = 103", "Van Ostaeyen",
                 "version 1.2", "http://h/?x"):
        assert part in text, part


def test_without_a_browser_the_export_says_so(app_data, monkeypatch):
    from components.exports import images as image_export
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(image_export.ExportUnavailable):
        exports.build(app_data, Filters(), "shares", "png", OPTIONS, "", "chart-shares")


def test_people_exports_follow_the_configured_threshold(offline_data, monkeypatch):
    monkeypatch.setenv("BEEXPLORER_DISCLOSURE_MIN", "10")
    payload, _ = exports.build(offline_data, Filters(), "citizenship", "xlsx", {}, "")
    people = {r[0]: r[1] for r in _xlsx(payload)["data"][1:]}
    assert people["France"] == "< 10" and people["Belgium"] == 61  # as on screen


def test_rows_in_view_carry_the_province_as_text(offline_data):
    """The province filter's rows: each with its province's NIS code as text (04000 keeps its
    zero in the workbook and the CSV), and the filter said in words on the filters sheet."""
    f = Filters(provinces=frozenset({"04000", "10000"}))
    payload, _ = exports.build(offline_data, f, "shares", "rows-xlsx", {}, "http://x/")
    sheets = _xlsx(payload)
    header, *rows = sheets["data"]
    provinces = [r[header.index("province (NIS code)")] for r in rows]
    assert len(rows) == 62 + 5 and set(provinces) == {"04000", "10000"}
    assert all(isinstance(p, str) for p in provinces)
    filters = dict(r for r in sheets["filters"][1:])
    assert "Brussels-Capital Region (province level) + Province of Antwerp" in filters["filters"]
    csv, _ = exports.build(offline_data, f, "shares", "rows-csv", {}, "")
    assert b",04000," in csv and b",4000," not in csv


def test_an_images_source_and_key_run_across_its_width(offline_data):
    """An export is 1000 px or wider: its key and source lines are wrapped at the image's width
    (not in the phone-wide column the screen's figure uses), its plot as tall as on screen,
    and the timeline's key says what the shading is."""
    from components.charts import views
    from components.exports import images
    f = Filters()
    screen = views.timeline_figure(offline_data, f, "month", "connection", events=True)
    screen = screen.to_plotly_json() if hasattr(screen, "to_plotly_json") else screen
    wide = images.for_export(screen, "http://h/?lang=en", "2026-12-07")
    notes = {a["name"]: a["text"] for a in wide["layout"]["annotations"] if a.get("name")}
    before = {a["name"]: a["text"] for a in screen["layout"]["annotations"] if a.get("name")}
    assert notes["key"].count("<br>") < before["key"].count("<br>")
    assert "shaded: the national threat level" in notes["key"].replace("<br>", " ")
    assert notes["foot"].count("<br>") < before["foot"].count("<br>") + 1  # + the view line
    assert all(len(line) <= images.EXPORT_CHARS for line in re.sub(
        r"<[^>]+>", "\n", notes["key"]).split("\n"))

    def plot(fig):
        lay = fig["layout"]
        return lay["height"] - lay["margin"]["t"] - lay["margin"]["b"]
    assert plot(wide) == plot(screen)


def test_an_exported_empty_view_says_so_without_the_screens_instructions(offline_data):
    from components.charts import views
    from components.exports import images
    f = Filters.from_query("type=attack&from=2014-06&to=2014-09", offline_data.vocabulary)
    screen = views.timeline_figure(offline_data, f)
    screen = screen.to_plotly_json() if hasattr(screen, "to_plotly_json") else screen
    said = [a["text"] for a in screen["layout"]["annotations"] if a.get("name") == "empty-state"]
    assert said and "Remove a filter above" in said[0]
    out = images.for_export(screen, "http://h/", "2026-12-07")
    said = [a["text"] for a in out["layout"]["annotations"] if a.get("name") == "empty-state"]
    assert said == ["<b>No incidents match these<br>filters</b>"]


def test_a_map_embed_opens_where_its_incidents_are_and_its_code_is_as_tall_as_it(app_data):
    """/embed/map naming no panel: the panel holding every incident in view (Charleroi's own,
    Brussels', else the whole country: the four attacks are in Brussels and Charleroi); a panel
    named is kept. The embed code's iframe is as tall as the chart and the page's foot."""
    import json as _json

    from components.exports import embed
    from components.runtime import install
    from data import viewstate
    install(app_data)

    def panel(args):
        body, status = embed.page("map", args | {"lang": "en"}, "http://h/")
        assert status == 200, body
        return re.search(r"Where: ([^<\"]+)", body)[1]
    assert panel({"type": "attack"}) == "Belgium"
    assert panel({"place": "charleroi"}) == "Charleroi and surroundings"
    assert panel({"place": "brussels"}) == "Brussels-Capital Region"
    assert panel({"type": "attack", "panel": "antwerp"}) == "Antwerp and surroundings"
    f = Filters.from_query("type=attack", app_data.vocabulary)
    code = embed.snippet("http://h", "shares", f, viewstate.as_chart_options({}), "v1")
    body, _ = embed.page("shares", {"type": "attack"}, "http://h/")
    figure = _json.loads(re.search(r'<script id="figure" type="application/json">(.*?)</script>',
                                   body, re.S)[1])
    assert f'height="{figure["layout"]["height"] + embed.FOOT_ROOM}"' in code


def test_a_rate_on_a_handful_of_incidents_is_flagged_as_a_small_share_is(app_data):
    """Per 100,000 inhabitants, a municipality with 1-4 incidents says so (⚠ n < 5) where its
    rate is shown; five or more do not."""
    from components.charts import views
    fig = views.map_figure(app_data, Filters(), "belgium", "per_100k")
    fig = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig
    hovers = [h for trace in fig["data"] for h in trace.get("text") or []]
    counted = [(int(re.search(r"<br>(\d+) incidents?", h)[1]), h) for h in hovers
               if "per 100,000" in h]
    assert any(n < 5 for n, _h in counted) and any(n >= 5 for n, _h in counted)
    assert all(("⚠ n < 5" in h) == (0 < n < 5) for n, h in counted)
