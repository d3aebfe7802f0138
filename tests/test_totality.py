"""Every view is total over the filter space and agrees with `aggregate`: random filter states
drawn from the vocabulary (hypothesis), the named edge states, and any JSON at the callbacks.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import ids, state
from components.charts import table as table_
from components.charts import views
from components.charts.figures import EMPTY_NOTE
from components.runtime import AppData
from data import aggregate as ag
from data import codebook as cb
from data.filters import Filters, apply, apply_people
from data.places import GROUPS
from tests import python_views

PANELS = ("brussels", "charleroi", "antwerp", "belgium")


def filter_states(data: AppData):
    """Filters over the whole vocabulary: any subset of every set, any month range."""
    vocab = data.vocabulary
    months = state.MONTHS
    some_places = sorted(vocab.places)[:: max(1, len(vocab.places) // 40)]
    places = [*GROUPS, "elsewhere", *sorted(set(data.dataset.incidents["nis_code"])),
              *some_places]
    cits = sorted(cb.COUNTRIES)[:40]

    @st.composite
    def build(draw):
        lo, hi = sorted(draw(st.lists(st.integers(0, len(months) - 1), min_size=2,
                                      max_size=2)))
        subset = lambda values, k=3: frozenset(draw(st.lists(  # noqa: E731
            st.sampled_from(values), max_size=k, unique=True)))
        return Filters(
            start=draw(st.sampled_from([None, months[lo]])),
            end=draw(st.sampled_from([None, months[hi]])),
            types=subset(cb.INCIDENT_TYPES), connections=subset(cb.CONNECTIONS),
            links=subset(cb.LINK_TYPES), plot=draw(st.sampled_from([None, True, False])),
            networks=subset(sorted(vocab.networks), 2), places=subset(places),
            citizenships=subset(["BE", "MA", "FR", *cits], 2)).checked()

    return build()


def _figure_numbers(fig: dict) -> dict:
    """What each chart says in numbers, read back from the figure (validated by plotly)."""
    go.Figure(fig)
    return fig


def check_views_agree(data: AppData, f: Filters, panel: str, metric: str, freq: str,
                      by: str) -> None:
    d = data.dataset
    incidents = apply(d.incidents, f, d.people)
    people = apply_people(d.people, incidents, f)
    n = len(incidents)
    out = python_views.draw(f.to_state(), freq, by, True, panel, metric)
    kpis, shares, _, _, summary, _, timeline, chart_map, _, empty, error, *networks = out
    key = ag.key_figures(incidents, people)
    assert error is None
    assert kpis[0].children[1].children == str(n)
    assert kpis[2].children[1].children == str(key["attacks"]["value"])
    assert kpis[3].children[1].children == str(key["people"]["value"])
    assert summary.endswith(f"· {n} incident" + ("" if n == 1 else "s"))
    rows = table_.page(data, f, {"startRow": 0, "endRow": 100})
    assert rows["rowCount"] == n and len(rows["rowData"]) == min(n, 100)
    assert (empty == {}) is (n == 0)
    # shares: every bar's n and total agree with the aggregate
    expected = ag.connection_by_type(incidents).set_index(["connection", "incident_type"])
    for trace in _figure_numbers(shares)["data"]:
        for connection, kind, count, total, _interval in trace["customdata"]:
            assert (count, total) == tuple(expected.loc[(connection, kind), ["n", "total"]])
    # timeline: the bars add up to n, period by period as the aggregate has them
    table = ag.by_period(incidents, freq, by)
    bars = {(t["name"], p): y for t in _figure_numbers(timeline)["data"]
            for p, y in zip(t["x"], t["y"], strict=True)}
    assert sum(bars.values()) == n == int(table["n"].sum())
    # map: the communes of the panel carry exactly the incidents placed there
    drawn = _figure_numbers(chart_map)["data"]
    in_panel = [c for c in incidents["nis_code"] if panel == "belgium" or c.startswith(
        {"brussels": "21", "charleroi": "52", "antwerp": "11"}[panel])]
    if metric == "incidents":
        assert sum(drawn[1]["z"]) == len(in_panel)
    assert sorted(drawn[1]["locations"]) == sorted(set(in_panel))
    # networks: the bars are by_network's counts, the diagram's edges network_pairs'
    bar, links, active, *_people = networks
    counts = ag.by_network(incidents)
    drawn_bar = _figure_numbers(bar)["data"][0]
    assert dict(zip(drawn_bar["customdata"], drawn_bar["x"], strict=True)) == dict(
        zip(counts["network"], counts["arrest_actions"], strict=True))
    edges = [t for t in _figure_numbers(links)["data"] if t["mode"] == "lines"]
    assert len(edges) == len(ag.network_pairs(incidents))
    assert len(_figure_numbers(active)["data"]) == len(counts)
    # text alternatives: their numbers are the aggregates'
    said = dict(zip(python_views.VIEW_KEYS, out, strict=True))
    shares_text = said[ids.description(ids.CHART_SHARES)].lower()
    table = ag.connection_by_type(incidents).set_index(["incident_type", "connection"])["n"]
    for kind, noun in (("arrest_action", "arrest actions"), ("attack", "attacks")):
        linked, total = int(table[(kind, "linked")]), int(table[kind].sum())
        assert (f"of {total} {noun}, {linked}" if total else f"no {noun}") in shares_text
    places_text = said[ids.description(ids.CHART_MAP)]
    assert places_text.startswith(f"{n} incidents in ") or n == 0
    links_total = int(counts["arrest_actions"].sum())
    assert said[ids.description(ids.CHART_NETWORKS)].startswith(
        f"{links_total} links" if links_total else "No arrest action")
    # the empty state is drawn over every chart exactly when nothing matches
    # (and over the map when none of the incidents in view is in its area)
    for fig, empty in ((shares, n == 0), (timeline, n == 0), (chart_map, not in_panel)):
        notes = [a for a in fig["layout"].get("annotations", []) if a.get("name") ==
                 EMPTY_NOTE["name"]]
        assert len(notes) == empty


@settings(max_examples=120, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_filter_states_draw_numbers_that_agree(app_data, data):
    f = data.draw(filter_states(app_data))
    check_views_agree(app_data, f, data.draw(st.sampled_from(PANELS)),
                      data.draw(st.sampled_from(["incidents", "per_100k"])),
                      data.draw(st.sampled_from(["year", "month"])),
                      data.draw(st.sampled_from(["connection", "incident_type"])))


EDGE_STATES = [
    "", "type=attack&place=antwerp", "type=attack&place=11002", "citizenship=SE&type=attack",
    "network=Kamikaze Riders&from=2014-06&to=2014-06", "from=2017-10&to=2017-10",
    "place=21019", "plot=yes&type=attack", "link=both&connection=inspired",
    *[f"from={m}&to={m}" for m in state.MONTHS],
    *[f"place={p}" for p in (*GROUPS, "elsewhere")],
]


@pytest.mark.parametrize("query", EDGE_STATES)
def test_named_edge_states(app_data, query):
    f = Filters.from_query(query, app_data.vocabulary)
    for panel in PANELS:
        check_views_agree(app_data, f, panel, "incidents", "month", "connection")


def test_the_empty_state_says_so_and_offline_too(app_data, offline_data):
    f = Filters.from_query("type=attack&place=antwerp", app_data.vocabulary)
    out = python_views.draw(f.to_state(), panel="antwerp")
    assert out[0][0].children[1].children == "0" and out[9] == {}
    assert "No incidents match these filters" in json.dumps(out[1]).replace("<br>", " ")
    fallback = views.map_figure(offline_data, f)
    assert "No incidents match these filters" in json.dumps(fallback).replace("<br>", " ")
    go.Figure(fallback)


# --- an address, given any text (what the browser does with any JSON: tests/js/events.test.js)
@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(search=st.text(max_size=80) | st.lists(st.sampled_from(
    ["type=attack", "vs.place=antwerp", "region=wallonia", "freq=month", "place=", "vs.", "&",
     "from=2017-01", "to=2015-01", "%E2", "lang=fr", "within=brussels", "place=21012"]),
    max_size=5).map("&".join))
def test_any_address_is_read_as_a_state_or_refused_in_words(app_data, search):
    out = state.from_address(search, app_data.vocabulary, "en")
    again = state.from_address(out["search"], app_data.vocabulary, "en")
    assert (again["search"], again["state"], again["error"]) == (out["search"], out["state"],
                                                                None)
    assert out["error"] is None or out["error"].startswith("Ignored an invalid filter: ")
