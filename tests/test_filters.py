"""Filters: URL round trips, rejections, the contract counts, descriptions, aggregates."""

from __future__ import annotations

import pytest

from data import aggregate as ag
from data.codebook import split
from data.filters import FilterError, Filters, Vocabulary, apply, apply_people


@pytest.fixture(scope="module")
def vocab(bundled):
    return Vocabulary.of(bundled.incidents, bundled.networks)


@pytest.mark.parametrize("query,count", [
    ("", 107), ("connection=inspired", 12), ("type=attack", 4), ("place=52011", 14),
    ("place=brussels", 62), ("type=arrest_action&connection=linked", 94),
    ("place=charleroi", 14), ("place=antwerp", 4), ("place=elsewhere", 27),
    ("place=brussels,charleroi", 76), ("place=brussels&place=charleroi", 76),
    ("plot=yes", 18), ("plot=no&type=arrest_action", 85), ("network=Zerkani network", 13),
    ("network=Brussels cell&type=arrest_action", 10), ("link=both&type=arrest_action", 3),
    ("from=2016-01&to=2016-12", 50), ("from=2017-01", 13), ("to=2014-12", 12),
    ("citizenship=RU", 3), ("type=attack&connection=inspired&place=brussels", 2),
])
def test_counts(bundled, vocab, query, count):
    f = Filters.from_query(query, vocab)
    assert len(apply(bundled.incidents, f, bundled.people)) == count


@pytest.mark.parametrize("query", [
    "type=attack", "connection=inspired,linked", "place=21012,brussels", "plot=no",
    "from=2015-01&to=2016-06", "network=Paris+cell,Zerkani+network", "citizenship=BE,MA",
    "link=local_cell", "",
])
def test_url_round_trip(vocab, query):
    f = Filters.from_query(query, vocab)
    assert Filters.from_query(f.to_query(), vocab) == f
    assert Filters.from_query(f.to_state(), vocab) == f


@pytest.mark.parametrize("query,code,params,message", [
    ("type=raid", "unknown_value", {"param": "type", "value": "raid"},
     "unknown value for “type”: “raid”"),
    ("colour=red", "unknown_parameter", {"param": "colour"}, "unknown parameter “colour”"),
    ("from=2015-13", "one_month", {"param": "from", "value": "2015-13"},
     "“from” must be one month as YYYY-MM, not “2015-13”"),
    ("from=٢٠١٦-01", "one_month", {"param": "from", "value": "٢٠١٦-01"},
     "“from” must be one month as YYYY-MM, not “٢٠١٦-01”"),
    ("from=2016-01&to=2015-01", "from_after_to", {"start": "2016-01", "end": "2015-01"},
     "“from” (2016-01) is after “to” (2015-01)"),
    ("plot=maybe", "one_of", {"param": "plot", "choices": "yes, no", "value": "maybe"},
     "“plot” must be one of yes, no, not “maybe”"),
    ("place=99999", "unknown_value", {"param": "place", "value": "99999"},
     "unknown value for “place”: “99999”"),
    ("network=<script>", "unknown_value", {"param": "network", "value": "<script>"},
     "unknown value for “network”: “<script>”"),
    ("citizenship=XX", "unknown_value", {"param": "citizenship", "value": "XX"},
     "unknown value for “citizenship”: “XX”"),
])
def test_rejections(vocab, query, code, params, message):
    """A refused value is a code and its parameters; its words are the catalogue's, in the
    page's language."""
    with pytest.raises(FilterError) as refused:
        Filters.from_query(query, vocab)
    assert (refused.value.code, refused.value.params, str(refused.value)) == (
        code, params, message)


def test_a_refusal_is_said_in_the_pages_language(vocab):
    from data.i18n import use
    with pytest.raises(FilterError) as refused:
        Filters.from_query("type=raid", vocab)
    with use("fr"):
        assert str(refused.value) == "valeur inconnue pour « type » : « raid »"
    with use("nl"):
        assert str(refused.value) == "onbekende waarde voor “type”: “raid”"


def test_canonical_query_sorts_values(vocab):
    f = Filters.from_query("place=brussels,21012&type=attack", vocab)
    assert f.to_query() == "type=attack&place=21012,brussels"


@pytest.mark.parametrize("query,text", [
    ("", "All incidents"),
    ("type=attack&connection=inspired&place=brussels&from=2016-01&to=2016-12",
     "Inspired attacks, Brussels-Capital Region, Jan 2016 – Dec 2016"),
    ("place=21012&plot=yes",
     "All incidents, with plot evidence, Molenbeek-Saint-Jean / Sint-Jans-Molenbeek"),
])
def test_describe(vocab, query, text):
    assert Filters.from_query(query, vocab).describe("en") == text


def test_describe_names_any_municipality_it_is_given(bundled):
    known = Vocabulary.of(bundled.incidents, bundled.networks, {"25105"})
    f = Filters.from_query("place=25105", known)
    assert f.describe("en", {"25105": "Tubize / Tubeke"}) == "All incidents, Tubize / Tubeke"


def test_describe_in_french_and_dutch(vocab):
    f = Filters.from_query("type=attack&place=21012", vocab)
    assert "Molenbeek-Saint-Jean" in f.describe("fr")
    assert "Sint-Jans-Molenbeek" in f.describe("nl")


def test_citizenship_filters_people_too(bundled, vocab):
    f = Filters.from_query("citizenship=FR", vocab)
    shown = apply(bundled.incidents, f, bundled.people)
    people = apply_people(bundled.people, shown, f)
    assert len(people) == 9 and people["citizenship"].str.contains("FR").all()


def test_connection_by_type_has_n_and_flags_small_n(bundled):
    t = ag.connection_by_type(bundled.incidents).set_index(["incident_type", "connection"])
    assert t.loc[("arrest_action", "linked"), ["n", "total", "share"]].tolist() == [94, 103, 91.3]
    assert t.loc[("attack", "inspired"), ["n", "total", "share"]].tolist() == [3, 4, 75.0]
    assert bool(t.loc[("attack", "inspired"), "small_n"]) is True


def test_by_period_counts(bundled):
    years = ag.by_period(bundled.incidents, "year").groupby("period")["n"].sum().to_dict()
    assert years == {"2014": 12, "2015": 32, "2016": 50, "2017": 13}
    months = ag.by_period(bundled.incidents, "month", by="incident_type")
    assert len(months) == 41 * 2 and months["n"].sum() == 107


def test_by_municipality_and_per_100k(bundled):
    import pandas as pd
    table = ag.by_municipality(bundled.incidents, pd.Series({"52011": 200_000}))
    charleroi = table.set_index("nis_code").loc["52011"]
    assert charleroi["incidents"] == 14 and charleroi["attacks"] == 1
    assert charleroi["per_100k"] == 7.0
    assert table["incidents"].sum() == 107


def test_by_network_and_people(bundled):
    nets = ag.by_network(bundled.incidents).set_index("network")["arrest_actions"]
    assert nets["Zerkani network"] == 13 and nets.sum() == 58
    codes = split(bundled.people["citizenship"])  # dual citizens count for each
    assert codes.explode().value_counts()["BE"] == 61 and int(codes.map(bool).sum()) == 94
    assert ag.moroccan_connection(bundled.people) == {"n": 38, "known": 115, "people": 135}


def test_key_figures(bundled):
    k = ag.key_figures(bundled.incidents, bundled.people)
    assert k["incidents"]["value"] == 107 and k["people"]["value"] == 135
    # unrounded: shown rounded once ("17%" for 18 of 103, never 17.5 rounded again to 18%)
    assert k["share_linked"] == {"value": 95, "n": 107, "pct": 100 * 95 / 107}
    assert k["share_plot"] == {"value": 18, "n": 103, "pct": 100 * 18 / 103}


@pytest.mark.parametrize("query,lang,text", [
    ("type=attack&connection=linked", "fr", "Attentats liés"),
    ("type=arrest_action&connection=inspired", "fr", "Arrestations inspirées"),
    ("connection=linked", "fr", "Incidents liés"),
    ("type=attack&connection=linked", "nl", "Gelinkte aanslagen"),
    ("type=arrest_action&connection=inspired", "nl", "Geïnspireerde arrestaties"),
    ("type=attack&connection=linked", "en", "Linked attacks"),
])
def test_a_connection_agrees_with_what_it_qualifies(vocab, query, lang, text):
    """Word order and agreement as each language has them (was 'Liés attentats')."""
    assert Filters.from_query(query, vocab).describe(lang) == text


@pytest.mark.parametrize("nis_code,province", [
    ("21004", "04000"), ("11002", "10000"), ("23088", "20001"), ("24062", "20001"),
    ("25072", "20002"), ("31005", "30000"), ("44021", "40000"), ("52011", "50000"),
    ("62063", "60000"), ("71022", "70000"), ("81001", "80000"), ("92094", "90000"),
    ("22000", None), ("0", None), ("abcde", None), ("", None),
])
def test_a_municipalitys_province_comes_from_its_nis_code(nis_code, province):
    from data.places import province_of
    assert province_of(nis_code) == province


def test_the_province_filter_combines_with_place(bundled):
    from data.filters import apply
    known = Vocabulary.of(bundled.incidents, bundled.networks)
    counts = {q: len(apply(bundled.incidents, Filters.from_query(q, known), bundled.people))
              for q in ("province=10000", "province=04000", "place=brussels",
                        "province=10000&place=antwerp", "province=10000&place=brussels",
                        "province=04000,50000")}
    assert counts == {"province=10000": 5, "province=04000": 62, "place=brussels": 62,
                      "province=10000&place=antwerp": 4, "province=10000&place=brussels": 0,
                      "province=04000,50000": 77}
    with pytest.raises(FilterError, match="unknown value for “province”: “21000”"):
        Filters.from_query("province=21000", known)
    f = Filters.from_query("province=04000&type=attack", known)
    assert f.describe("fr") == "Attentats, Région de Bruxelles-Capitale (niveau provincial)"
    assert Filters.from_query("province=10000", known).describe("nl").endswith(
        "Provincie Antwerpen")
