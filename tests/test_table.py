"""The table pages, sorts and searches on the server: any number of rows, the total count."""

from __future__ import annotations

import pytest

from components.charts import table, views
from components.runtime import install
from data.filters import Filters
from data.i18n import use

ALL = {"startRow": 0, "endRow": 500}


@pytest.fixture(autouse=True)
def _installed(app_data):
    install(app_data)


def _ids(app_data, f=None, search="", sort=None, start=0, end=500):
    out = table.page(app_data, f or Filters(), {"startRow": start, "endRow": end,
                                                "sortModel": sort}, search)
    return [r["incident_id"] for r in out["rowData"]], out["rowCount"]


def test_pages_join_up_to_every_row_in_view(app_data):
    f = Filters(types=frozenset({"arrest_action"}))
    pages = [_ids(app_data, f, start=s, end=s + 20) for s in range(0, 120, 20)]
    joined = [i for ids, _ in pages for i in ids]
    assert {count for _, count in pages} == {103}
    assert len(joined) == len(set(joined)) == 103
    incidents, _ = views.shown(app_data, f)
    assert joined == list(incidents["incident_id"])


@pytest.mark.parametrize("col,key", [("date", "date"), ("people", "people"),
                                     ("place", "place"), ("incident_id", "incident_id")])
def test_sorted_by_what_the_column_shows(app_data, col, key):
    for direction in ("asc", "desc"):
        rows = table.page(app_data, Filters(), {**ALL, "sortModel": [
            {"colId": col, "sort": direction}]})["rowData"]
        shown = [r[key].casefold() if isinstance(r[key], str) else r[key] for r in rows]
        assert shown == sorted(shown, reverse=direction == "desc"), (col, direction)
        assert len(rows) == 107


def test_two_keys_sort_like_a_spreadsheet(app_data):
    rows = table.page(app_data, Filters(), {**ALL, "sortModel": [
        {"colId": "type", "sort": "desc"}, {"colId": "date", "sort": "asc"}]})["rowData"]
    keys = [(r["type"], r["date"]) for r in rows]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)
    for kind in {k[0] for k in keys}:
        dates = [d for t, d in keys if t == kind]
        assert dates == sorted(dates)


def _brute_force(app_data, words: str) -> list[str]:
    """Every row whose shown cells hold each word (as AG Grid's own quick filter reads)."""
    incidents, _ = views.shown(app_data, Filters())
    rows = views.table_rows(app_data, incidents)
    return [r["incident_id"] for r in rows
            if all(any(w in str(v).lower() for v in r.values()) for w in words.lower().split())]


@pytest.mark.parametrize("lang,words", [
    ("en", "attack"), ("en", "ATTACK inspired"), ("en", "schaerbeek 2016"), ("en", "zerkani"),
    ("fr", "attentat"), ("fr", "liés arrestation"), ("nl", "aanslag"), ("en", "public record"),
    ("en", "be-2015"), ("en", "yes"), ("en", "no such words here")])
def test_search_matches_every_word_in_any_shown_column(app_data, lang, words):
    with use(lang):
        ids, count = _ids(app_data, search=words)
        expected = _brute_force(app_data, words)
    assert ids == expected and count == len(expected)
    assert count or words == "no such words here"


def test_search_within_the_filters(app_data):
    f = Filters(places=frozenset({"brussels"}))
    ids, count = _ids(app_data, f, search="attack")
    incidents, _ = views.shown(app_data, f)
    assert ids == [i for i in _brute_force(app_data, "attack")
                   if i in set(incidents["incident_id"])] and count == len(ids) > 0


@pytest.mark.parametrize("request_", [
    None, [], {"startRow": -1, "endRow": 10}, {"startRow": 10, "endRow": 5},
    {"startRow": 0, "endRow": 100_000}, {"startRow": "0", "endRow": 20},
    {"startRow": 0, "endRow": 20, "sortModel": [{"colId": "secret", "sort": "asc"}]},
    {"startRow": 0, "endRow": 20, "sortModel": [{"colId": "date", "sort": "sideways"}]},
    {"startRow": 0, "endRow": 20, "sortModel": "date"},
])
def test_requests_no_grid_sends_are_refused_by_name(app_data, request_):
    with pytest.raises(table.TableRequestError):
        table.page(app_data, Filters(), request_)


def test_beyond_the_last_row_is_an_empty_page_with_the_count(app_data):
    out = table.page(app_data, Filters(), {"startRow": 200, "endRow": 300})
    assert out == {"rowData": [], "rowCount": 107}


@pytest.mark.parametrize("query,lang,said", [
    ("place=brussels&vs.place=antwerp", "en", {"A": 62, "B": 4}),
    ("vs.place=brussels", "fr", {"A": 45, "A et B": 62}),  # B inside A: its rows say both
    ("type=attack&vs.type=arrest_action&vs.place=antwerp", "nl", {"A": 4, "B": 4}),
])
def test_in_compare_mode_the_table_lists_both_slices_each_row_saying_which(
        app_data, query, lang, said):
    """Compare mode: the incidents of either slice, once each, with a column saying which slice
    a row is in ("A and B" for a row in both); sorted and searched as ever."""
    from collections import Counter
    from urllib.parse import parse_qsl

    from data import compare as cmp
    a, c = cmp.slices(dict(parse_qsl(query, keep_blank_values=True)), app_data.vocabulary)
    with use(lang):
        out = table.page(app_data, a, ALL, "", c)
        assert out["rowCount"] == sum(said.values())
        assert Counter(r["slice"] for r in out["rowData"]) == said
        ids = [r["incident_id"] for r in out["rowData"]]
        assert len(set(ids)) == len(ids)
        b_ids = set(views.shown(app_data, c.b)[0]["incident_id"])
        assert all((r["incident_id"] in b_ids) == (r["slice"] != "A") for r in out["rowData"])
        dated = table.page(app_data, a, {**ALL, "sortModel": [{"colId": "date", "sort": "desc"}]},
                           "", c)["rowData"]
        assert [r["date"] for r in dated] == sorted((r["date"] for r in dated), reverse=True)
    single = table.page(app_data, a, ALL)
    assert "slice" not in single["rowData"][0]
