"""The people view: the study's findings on who was involved, aggregates only, with disclosure
control (counts under the threshold hidden, single hidden cells protected, few people not
broken down)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.charts import views
from components.runtime import AppData
from data import load
from data import people as pp
from data.filters import Filters


def _bars(fig) -> dict[str, str]:
    trace = go.Figure(fig).data[0]
    return dict(zip(trace.customdata, trace.text, strict=True))


def test_the_bundled_people_give_the_studys_findings(app_data, reference):
    line, citizenship, birthplace, heritage, years = views.people_views(app_data, Filters())
    ref = {k: v["value"] for k, v in reference.items()}
    bars = _bars(citizenship)
    assert bars["BE"] == f"{ref['belgian_citizens']} (65%)"  # of 94 known: 64.9%
    assert bars["unknown"] == str(135 - ref["individuals_with_citizenship_known"])
    assert "of 94 with citizenship known" in json.dumps(citizenship)
    born = _bars(birthplace)
    assert born["BE"] == f"{ref['belgian_citizens_born_in_belgium']} (44%)"  # of 61 Belgians
    assert born["unknown"] == str(ref["belgian_citizens_birthplace_unknown"])
    assert "of 61 Belgian citizens" in json.dumps(birthplace)
    assert "38 with a Moroccan connection" in line and "of 115 with any of these known (33%)" \
        in line and "29 of them Belgian citizens" in line
    dots = pd.DataFrame([(x, y) for t in go.Figure(years).data for x, y in zip(t.x, t.y,
                                                                               strict=True)],
                        columns=["year", "country"])
    spread = dots.groupby("country")["year"].nunique()
    assert sorted(spread[spread == 4].index) == ["Belgium", "Morocco"]
    assert list(spread[spread == 3].index) == ["France"]
    assert "TR" not in _bars(heritage)  # no Turkish heritage, as the study says


def test_small_counts_are_hidden_and_their_size_not_drawn(app_data):
    bars = go.Figure(views.people_views(app_data, Filters())[1]).data[0]
    hidden = [i for i, t in enumerate(bars.text) if t in ("< 3", "hidden")]
    end = go.Figure(views.people_views(app_data, Filters())[1]).layout.xaxis.range[1]
    # no length to read off: a band across the whole axis, every hidden one alike
    assert hidden and all(bars.x[i] == end for i in hidden)
    assert not any(t in ("1", "2") for t in bars.text)


@pytest.mark.parametrize("counts,base,exact,why,withheld", [
    # one small cell beside a shown base: the next smallest is hidden too, as "hidden"
    ({"BE": 10, "FR": 2, "NL": 5}, 17, True, {"FR": "small", "NL": "complement"}, False),
    ({"BE": 10, "FR": 2, "NL": 1}, 13, True, {"FR": "small", "NL": "small"}, False),
    ({"BE": 10, "NL": 5}, 15, True, {}, False),
    ({"BE": 2, "MA": 2}, 4, True, {"BE": "small", "MA": "small"}, True),  # 2 + 2 = 4: withheld
    ({"BE": 2, "MA": 1}, 3, True, {"BE": "small", "MA": "small"}, False),  # 1 + 2 or 2 + 1
    ({"BE": 10, "FR": 2}, 11, False, {"FR": "small"}, False),  # a person in both: 1 or 2
])
def test_protect_hides_until_no_hidden_cell_is_pinned(counts, base, exact, why, withheld):
    said, nothing = pp.protect(pd.Series(counts), base, exact, 3)
    assert {c: w for c, w in said.items() if w} == why and nothing == withheld


def test_a_users_small_cells_are_suppressed_and_the_threshold_is_configurable(
        make_dataset, monkeypatch):
    def small(tables):
        people = tables["people"]
        people["citizenship"] = ""
        people.loc[:9, "citizenship"] = "BE"
        people.loc[10:11, "citizenship"] = "SE"  # 2 Swedes: a small cell
        people.loc[12:15, "citizenship"] = "NO"  # 4 Norwegians
        people.loc[16:21, "citizenship"] = "FR"  # 6 French
    data = AppData(load(make_dataset(small)), None)
    bars = _bars(views.people_views(data, Filters())[1])
    # the Swedes alone would be given away by the total: the Norwegians are hidden with them
    assert (bars["SE"], bars["NO"], bars["FR"], bars["BE"]) == ("< 3", "hidden", "6 (27%)",
                                                                  "10 (45%)")
    monkeypatch.setenv("BEEXPLORER_DISCLOSURE_MIN", "5")
    bars = _bars(views.people_views(data, Filters())[1])
    assert (bars["SE"], bars["NO"], bars["FR"]) == ("< 5", "< 5", "6 (27%)")  # 2..4 each


def test_a_view_with_few_people_is_not_broken_down(app_data):
    f = Filters.from_query("type=attack&place=52011", app_data.vocabulary)  # one attacker
    line, *figs = views.people_views(app_data, f)
    assert line == "Too few people in view to break down (disclosure control)"
    for fig in figs:
        text = json.dumps(fig)
        assert "Too few people in view" in text and "< 3 people" in text
        assert all(len(t.get("x", [])) == 0 for t in fig["data"])


def test_people_follow_the_filters_and_clicks(app_data, reference):
    f = Filters.from_query("type=attack", app_data.vocabulary)
    line = views.people_views(app_data, f)[0]
    assert line.startswith("6 people: 6 attackers.") and "arrested" not in line
