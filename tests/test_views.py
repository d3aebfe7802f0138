"""Figure functions (through fig.to_dict(), no browser), view state, and callbacks as functions."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from dash import no_update

from components import state
from components.charts import maps, views
from data.filters import FilterError, Filters, Vocabulary
from tests import python_views


def _fig(build):
    """Run a figure function and validate its dict through plotly's graph objects."""
    return lambda *a, **k: go.Figure(build(*a, **k))


def _text(fig) -> str:
    d = fig.to_dict()
    return str(d["layout"].get("title")) + str(d["layout"].get("annotations"))


def test_shares_figure_labels_counts_and_flags_small_n(app_data):
    fig = _fig(views.shares_figure)(app_data, Filters())
    d = fig.to_dict()
    linked = next(t for t in d["data"] if t["name"] == "Linked")
    assert "linked 91% (94)" in list(linked["text"])
    assert any("n < 5" in str(y) for y in d["data"][0]["y"])
    inspired = next(t for t in d["data"] if t["name"] == "Inspired")
    assert inspired["marker"]["pattern"]["shape"] == "/"  # told apart without colour


@pytest.mark.parametrize("query,summary,reconstructed", [
    ("type=arrest_action&place=charleroi", "Arrest actions, Charleroi · n = 13", True),
    ("type=attack", "Attacks · n = 4", False),  # all four attacks are public record
])
def test_every_figure_carries_title_filters_source_and_provenance(app_data, query, summary,
                                                                  reconstructed):
    f = Filters.from_query(query, app_data.vocabulary)
    for fig in (_fig(views.shares_figure)(app_data, f), _fig(views.timeline_figure)(app_data, f),
                _fig(views.map_figure)(app_data, f)):
        text = _text(fig)
        assert summary in text and "Van Ostaeyen" in text
        assert ("reconstructed records" in text) is reconstructed


def test_timeline_by_year_and_month_with_events(app_data):
    fig = _fig(views.timeline_figure)(app_data, Filters())
    assert sum(sum(t.y) for t in fig.data) == 107
    assert list(fig.data[0].x) == ["2014", "2015", "2016", "2017"]
    m = _fig(views.timeline_figure)(app_data, Filters(), "month", "incident_type", True)
    assert len(m.data[0].x) == 41
    assert any("threat level 4" in str(a.text) for a in m.layout.annotations)
    layout = m.to_dict()["layout"]
    # each attack a number at the top of its line, named in the key under the chart
    marks = [a["text"] for a in layout["annotations"] if a["text"].startswith("<b>")]
    assert marks == ["<b>1</b>", "<b>2</b>", "<b>3</b>", "<b>4</b>", "<b>5</b>"]
    key = next(a["text"] for a in layout["annotations"] if a.get("name") == "key")
    assert key.replace("<br>", " ").startswith("1:\u00a0Paris attacks\u00a0· 2:\u00a022 March 2016")
    # a level is a band as wide as its months: the one month at level 4 too
    bands = [(s["x0"], s["x1"]) for s in layout["shapes"] if s["type"] == "rect"]
    assert all(x1 - x0 >= 1 for x0, x1 in bands) and (20.5, 21.5) in bands  # March 2016
    peak = max(sum(t.y[i] for t in m.data) for i in range(41))
    assert layout["yaxis"]["range"] == [0, peak * 1.5]  # room above the bars for the marks
    y = _fig(views.timeline_figure)(app_data, Filters(), "year", "connection", True)
    assert [a.text for a in y.layout.annotations if a.text.startswith("<b>")] == [
        "<b>1</b>", "<b>2 3 4</b>", "<b>5</b>"]  # 2016's three attacks share one line
    # the hover names the period as the axis does, not by its code
    assert all(t.hovertemplate.startswith("%{customdata[2]}: ") for t in m.data)
    assert [c[2] for c in m.data[0].customdata][:2] == ["Jun 2014", "Jul 2014"]
    assert [c[2] for c in fig.data[0].customdata] == ["2014", "2015", "2016", "2017"]


def test_choropleth_panels_and_neutral_zero(app_data):
    zero, coloured = _fig(views.map_figure)(app_data, Filters(), "brussels").data
    assert len(zero.locations) + len(coloured.locations) == 19
    assert set(zero.z) <= {0} and zero.colorscale[0][1] == "#e6e6e6"
    assert coloured.colorscale[0][1] == "#c6dbef" and coloured.colorscale[-1][1] == "#08519c"
    assert sum(coloured.z) == 62
    assert coloured.geojson == "/geo/brussels.json"  # sent once per panel, by URL
    one = dict(zip(coloured.locations, coloured.text, strict=True))["21006"]  # Evere: 1
    assert "<br>1 incident ·" in one or one.endswith("<br>1 incident")  # the noun agrees
    belgium = _fig(views.map_figure)(app_data, Filters(), "belgium", "per_100k").data
    assert len(belgium[0].locations) + len(belgium[1].locations) == 581


def _cells(trace) -> dict:
    """A heatmap's cells by the NIS code each stands for: (count, label, hover)."""
    return {code: (z, text, hover) for zs, texts, hovers, codes in zip(
        trace.z, trace.text, trace.hovertext, trace.customdata, strict=True)
        for z, text, hover, code in zip(zs, texts, hovers, codes, strict=True) if code}


def test_fallback_map_without_boundaries(offline_data):
    fig = _fig(views.map_figure)(offline_data, Filters())
    assert "schematic" in _text(fig)
    tiles, towns = fig.data
    cells = _cells(tiles)
    assert len(cells) == 19 and sum(z for z, _, _ in cells.values()) == 62
    assert sum(z for z, _, _ in cells.values()) + sum(
        int(s.rsplit(" ", 1)[1]) for s in towns.text) == 107
    assert cells["21012"][1] == "Molenbeek<br>14"  # a tile's short name, whole
    assert cells["21012"][2] == "<b>Molenbeek-Saint-Jean / Sint-Jans-Molenbeek</b><br>14 incidents"
    assert cells["21006"][2].endswith("<br>1 incident")  # the noun agrees with the count
    labels = [z[1].rsplit("<br>", 1)[0] for z in cells.values()]
    assert len(set(labels)) == 19  # no two alike (the two Woluwes)
    assert max(len(line) for label in labels for line in label.split("<br>")) <= 10
    assert cells["21018"][1] == "Woluwe-<br>St-L<br>0"  # a long one on two lines
    assert tiles.hoverongaps is False  # the grid's empty corners say nothing
    assert "Antwerp 4" in towns.text and "Leuven 1" in towns.text  # English names in use
    # square tiles, the country drawn whole and in proportion, whatever the filters
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis2.scaleanchor == "x2"
    none = _fig(views.map_figure)(offline_data, Filters.from_query(
        "type=attack&place=antwerp", offline_data.vocabulary))
    for axis in ("xaxis", "yaxis", "xaxis2", "yaxis2"):
        assert none.layout[axis].range == fig.layout[axis].range
    # every place still drawn, at 0 and in grey: "none there", not "not shown"
    assert len(none.data[1].text) == len(towns.text) == 16
    assert all(s.endswith(" 0") for s in none.data[1].text)
    assert set(none.data[1].marker.color) == {maps.TOWN_NONE}
    assert set(towns.marker.color) == {maps.TOWN}


@pytest.mark.parametrize("lang,tile,town,area", [
    ("fr", "Ixelles<br>2", "Anvers 4", "Région de Bruxelles-Capitale"),
    ("nl", "Elsene<br>2", "Antwerpen 4", "Brussels Hoofdstedelijk Gewest"),
])
def test_the_schematic_map_names_places_in_the_page_language(offline_data, lang, tile, town,
                                                              area):
    fig = _fig(views.map_figure)(offline_data, Filters(), lang=lang)
    tiles, towns = fig.data
    assert _cells(tiles)["21009"][1] == tile and town in towns.text
    zero = {"fr": "<br>0 incident", "nl": "<br>0 incidenten"}[lang]  # Uccle: none
    assert _cells(tiles)["21016"][2].endswith(zero)
    assert any(area in a.text for a in fig.layout.annotations)


@pytest.fixture(scope="module")
def vocab(app_data) -> Vocabulary:
    return app_data.vocabulary


def test_chips_name_each_filter_value(vocab):
    f = Filters.from_query("type=attack&place=brussels&from=2016-01", vocab)
    chips = state.chips(f, lambda n, v: v)
    assert ("places", "brussels", "brussels") in chips and chips[-1][0] == "period"


def test_redraw_callback_as_a_function(app_data):
    kpis, shares, notice, chips, summary, _, timeline, _, _, empty, error, *_ = (
        python_views.draw({"type": "attack"}))
    assert empty == {"display": "none"} and error is None
    assert "4" in str(kpis[0].children)
    assert notice == {"display": "none"}  # the attacks are all public record
    assert "Attacks" in summary and len(chips) == 1
    assert sum(sum(t.y) for t in go.Figure(timeline).data) == 4
    assert python_views.draw({"place": "brussels"})[2] == {}
    _, _, _, _, _, _, _, fig, note, *_ = python_views.draw({"place": "52011"},
                                                           panel="charleroi", part="map")
    assert note == "" and sum(go.Figure(fig).data[1].z) == 14
    assert python_views.draw({}, freq="month", part="timeline")[0] is no_update


def test_redraw_rejects_a_forged_state(app_data):
    with pytest.raises(FilterError):
        python_views.draw({"type": "bogus"})


def test_drill_down_chip_leads_back(vocab):
    """(What a map click and the chip do: tests/js/events.test.js.)"""
    drilled = Filters.from_query("place=21012&within=brussels", vocab)
    chips = state.chips(drilled, lambda n, v: {"brussels": "Brussels-Capital Region"}.get(v, v))
    assert ("within", "brussels", "↩ Brussels-Capital Region") in chips
    assert Filters.from_query("place=21012,charleroi&within=brussels", vocab).within == "brussels"
    assert Filters.from_query("place=charleroi&within=brussels", vocab).within is None
    with pytest.raises(FilterError):
        Filters.from_query("place=21012&within=nowhere", vocab)


def test_network_views_hold_the_studys_table_1(app_data, reference):
    bar, links, active = (go.Figure(fig) for fig in views.network_figures(app_data, Filters()))
    table = reference["network_links"]["value"]
    assert dict(zip(bar.data[0].customdata, bar.data[0].x, strict=True)) == table
    assert list(bar.data[0].x) == sorted(table.values(), reverse=True)
    assert "All incidents · 56 arrest actions with a network · 58 links" in _text(bar)
    edges = {tuple(sorted((round(t.x[0], 3), round(t.x[1], 3)))) for t in links.data
             if t.mode == "lines"}
    assert len(edges) == 2  # the two arrest actions tied to two networks
    circle = next(t for t in links.data if t.mode == "markers+text" and "Paris cell" in
                  t.customdata)
    assert sorted(circle.customdata) == sorted(reference["networks_forming_one_whole"]["value"])
    assert active.data[0].customdata[0] == "Zerkani network"  # the first active, on top


def test_network_views_follow_the_filters_and_click(app_data, vocab):
    f = Filters.from_query("from=2016-01&to=2016-12", app_data.vocabulary)
    bar = go.Figure(views.network_figures(app_data, f)[0])
    assert sum(bar.data[0].x) < 58
    empty = views.network_figures(app_data, Filters.from_query("type=attack", vocab))
    # (the note is wrapped to fit a phone-wide chart: lines joined with <br>)
    assert "No arrest action in view is tied to a named network" in str(empty[0]).replace(
        "<br>", " ")


def test_a_map_area_without_the_incidents_in_view_says_so(app_data):
    f = Filters.from_query("type=attack&place=52011", app_data.vocabulary)
    text = str(views.map_figure(app_data, f, "brussels")).replace("<br>", " ")
    assert "None of the incidents in view is in this area" in text
    assert "Choose another area above the map" in text
    assert "None of the incidents" not in str(views.map_figure(app_data, f, "charleroi"))


def test_a_province_drills_the_map_down_to_its_communes(app_data):
    """On the Belgium panel (or a panel with none of its communes) a province filter shows that
    province's communes only, on the whole country's outlines fitted to them, and the title
    names it; a panel inside the provinces keeps its own communes and title."""
    from data.places import map_area, province_of
    codes = list(app_data.munis["nis_code"])
    liege = [c for c in codes if c.startswith("6")]
    assert map_area(codes, "belgium", ()) == (codes, False)
    assert map_area(codes, "belgium", {"60000"}) == (liege, True)
    assert map_area(codes, "brussels", {"60000"}) == (liege, True)  # none of Brussels in it
    brussels = [c for c in codes if c.startswith("21")]
    assert map_area(codes, "brussels", {"04000", "60000"}) == (brussels, False)
    arrondissement = [c for c in codes if c.startswith("11")]
    assert map_area(codes, "antwerp", {"10000"}) == (arrondissement, False)
    assert len(liege) == 84 and all(province_of(c) == "60000" for c in liege)

    f = Filters.from_query("province=60000", app_data.vocabulary)
    fig = views.map_figure(app_data, f, "belgium", inline=True)
    drawn = [c for trace in fig["data"] for c in trace["locations"]]
    assert sorted(drawn) == sorted(liege)
    assert len(fig["data"][1]["geojson"]["features"]) == len(codes)  # fitted by plotly
    assert fig["layout"]["title"]["text"] == "<b>Where: Province of Liège</b>"
    assert sum(fig["data"][1]["z"]) == len(views.shown(app_data, f)[0])  # every one in view
    screen = views.map_figure(app_data, f, "brussels")
    assert screen["data"][0]["geojson"] == "/geo/belgium.json"
    both = Filters.from_query("province=10000,60000", app_data.vocabulary)
    assert views.map_figure(app_data, both, "belgium")["layout"]["title"]["text"] == (
        "<b>Where: Province of Antwerp + Province of Liège</b>")
    kept = views.map_figure(app_data, Filters.from_query("province=04000", app_data.vocabulary),
                            "brussels")
    assert kept["layout"]["title"]["text"] == "<b>Where: Brussels-Capital Region</b>"


def test_the_schematic_map_filters_by_province_and_says_zooming_needs_boundaries(offline_data):
    from components.runtime import install
    install(offline_data)
    f = Filters.from_query("province=60000", offline_data.vocabulary)
    fig = views.map_figure(offline_data, f, "belgium")
    assert fig["layout"]["title"]["text"] == (
        "<b>Where: Province of Liège (schematic: zooming in needs the boundary file)</b>")
    towns = fig["data"][1]
    counted = {c: int(n.rsplit(" ", 1)[1]) for c, n in zip(towns["customdata"], towns["text"],
                                                            strict=True)}
    assert sum(counted.values()) == len(views.shown(offline_data, f)[0]) > 0
    assert all(n == 0 for c, n in counted.items() if not c.startswith("6"))


def test_every_id_a_callback_names_is_in_the_page_or_the_grid(app_data):
    """The app lets callbacks name ids the first layout lacks (the grid mounts later); so this
    test does the check Dash would: each id is in the layout or in the grid it mounts."""
    import app as app_module
    from components.dashboard.grid import grid
    from components.dashboard.layout import layout

    def ids_in(component) -> set:
        found = {i for i in [getattr(component, "id", None)] if isinstance(i, str)}
        children = getattr(component, "children", None)
        for child in children if isinstance(children, list | tuple) else [children]:
            if hasattr(child, "to_plotly_json"):
                found |= ids_in(child)
        for value in vars(component).values():  # components held in other props
            if hasattr(value, "to_plotly_json") and value is not children:
                found |= ids_in(value)
        return found

    known = ids_in(layout(app_data, "en")) | ids_in(grid())
    named = set()
    for callback in app_module.app._callback_list:  # as /_dash-dependencies lists them
        for dep in (*callback["inputs"], *callback["state"]):
            named.add(dep["id"])
        outputs = "" if callback.get("no_output") else callback["output"]
        for part in str(outputs).strip(".").split("..."):
            named.add(part.split("@")[0].rsplit(".", 1)[0])  # @: an allowed duplicate
    missing = {i for i in named if isinstance(i, str) and i and not i.startswith("{")
               and i not in known}
    assert not missing, missing


def _axis_titles(fig: dict) -> dict:
    layout = fig["layout"]
    return {k: v["title"] for k, v in layout.items()
            if k.startswith(("xaxis", "yaxis")) and isinstance(v, dict) and "title" in v}


def test_every_axis_title_is_one_plotly_draws(app_data):
    """plotly.js 4 ignores an axis title given as a bare string (dropped since v3): each one is
    {"text": ...}, or None for none; the timeline's bar labels stay upright or hide."""
    from components.dashboard.callbacks import CHARTS, _sections
    figures = [f for f in python_views.draw({}) if isinstance(f, dict) and "layout" in f]
    figures += [python_views.draw({}, freq="month", by="incident_type", part="timeline")[6]]
    sections = _sections(app_data, Filters(), "year", ["networks", "people"])
    figures += [sections[k] for k in CHARTS if k in sections and "layout" in sections[k]]
    titles = {}
    for fig in figures:
        titles.update({f"{fig['layout']['title']['text']} {k}": v
                       for k, v in _axis_titles(fig).items()})
    assert any(v for v in titles.values()), titles  # the check saw real titles
    drawn = [v is None or (isinstance(v, dict) and v.get("text")) for v in titles.values()]
    assert all(drawn), titles
    timeline = figures[1]
    assert all(t["textangle"] == 0 for t in timeline["data"])
    assert timeline["layout"]["uniformtext"] == {"minsize": 11, "mode": "hide"}


def test_a_titled_value_axis_and_the_foot_never_overlap(app_data):
    """The sections' horizontal bars name their unit under the ticks: the foot (source lines)
    starts below that line, in every chart that has one (it once lay over 'arrest actions')."""
    from components.dashboard.callbacks import CHARTS, _sections
    sections = _sections(app_data, Filters(), "year", ["networks", "people"])
    titled = [sections[k]["layout"] for k in CHARTS if k in sections
              and ((sections[k]["layout"].get("xaxis") or {}).get("title") or {}).get("text")]
    assert len(titled) >= 2  # the networks' and the citizenships' bars
    for layout in titled:
        foot = next(a for a in layout["annotations"] if a.get("name") == "foot")
        lines = foot["text"].count("<br>") + 1
        # the foot's top, in px under the plot: past ticks (30 px) and the title's line
        assert -foot["yshift"] - 14 * lines >= 30 + 40, layout["title"]["text"]
        assert layout["margin"]["b"] >= -foot["yshift"] + 10  # and inside the figure


def test_count_axes_tick_at_steps_a_reader_counts_in(app_data):
    """1, 2, 5 times a power of ten, at most about six ticks: the timeline of all incidents
    (a 2016 peak of 50) reads 0-10-20-30-40-50, not 0-9-18-27-36-45."""
    from components.charts.figures import tick_step
    for peak in (0, 1, 4, 7, 14, 50, 61, 107, 999, 5000, 123456):
        step = tick_step(peak / 6)
        assert str(step).rstrip("0") in ("1", "2", "5") and peak / step <= 6
        assert step == 1 or peak / step > 6 / 2.5  # not coarser than needed
    fig = _fig(views.timeline_figure)(app_data, Filters())
    assert fig.layout.yaxis.dtick == 10


def test_a_rate_colour_bar_has_its_ticks_in_the_figure(app_data):
    """Per 100,000, the colour bar's ticks are the figure's (dtick and decimals), so plotly's
    export and the screen's colour bar (choro.js, same steps in bars.js) show the same ticks."""
    from components.charts.figures import rate_axis
    assert rate_axis(14.29) == {"dtick": 5, "tickformat": ",.0f"}
    assert rate_axis(0.8) == {"dtick": 0.2, "tickformat": ",.1f"}
    assert rate_axis(0.2) == {"dtick": 0.05, "tickformat": ",.2f"}
    assert rate_axis(350) == {"dtick": 100, "tickformat": ",.0f"}
    fig = views.map_figure(app_data, Filters(), "brussels", "per_100k")
    bar, top = fig["data"][1]["colorbar"], max(fig["data"][1]["z"])
    assert {k: bar[k] for k in ("dtick", "tickformat")} == rate_axis(top)


def test_the_draw_callback_and_instant_js_agree_on_its_inputs():
    """assets/instant.js's `draw` reads its inputs by position (the store, the table's search
    and the open sections), the chart options by their controls' ids, then the sections' gate
    and the language: a reordering in components/dashboard/callbacks.py must fail here, not
    silently stop the redraws."""
    import re
    from pathlib import Path

    import app
    from components import ids
    found = [c for c in app.app._callback_list
             if (c.get("clientside_function") or {}).get("function_name") == "draw"]
    assert len(found) == 1
    inputs = [(i["id"], i["property"]) for i in found[0]["inputs"]]
    states = [s["id"] for s in found[0]["state"]]
    js = (Path(app.__file__).parent / "assets" / "instant.js").read_text()
    named = dict((n, int(i)) for n, i in re.findall(r"(STATE|SEARCH|OPEN) = inputs\[(\d+)\]", js))
    assert inputs[named["STATE"]] == (ids.FILTER_STATE, "data")
    assert inputs[named["SEARCH"]] == (ids.TABLE_SEARCH, "value")
    assert inputs[named["OPEN"]] == (ids.SECTIONS, "value")
    # the chart options' controls are read by their ids (the payload's schema names them), the
    # gate is the state before the language
    assert set(states[:-2]) == set(ids.OPTION_CONTROLS.values())
    assert states[-2:] == [ids.SECTIONS_STATE, ids.LANG]
    assert "GATE = states[states.length - 2]" in js and "held[o.control]" in js
    assert re.search(r"draw: function \(filterState, search, open\)", js)


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_the_methodology_page_is_read_from_docs(lang):
    from components.dashboard.layout import METHODOLOGY, methodology_content
    page = METHODOLOGY if lang == "en" else METHODOLOGY.with_name(f"methodology.{lang}.md")
    assert page.exists()  # the page is the file, not a fallback text
    heading = next(line for line in page.read_text().splitlines() if line.startswith("# "))
    assert heading[2:].strip() in str(methodology_content(lang))
