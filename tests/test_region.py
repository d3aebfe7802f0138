"""The region filter (`region=`): Belgium's three regions by our own rule on the NIS code, in
every way a view is read -- the state, the summary and chips in EN/FR/NL, exports, compare mode
-- checked against the rule written here again from the NIS codes themselves."""

from __future__ import annotations

import pytest

from components import state
from data import compare
from data.filters import FilterError, Filters, apply


def _region(nis: str) -> str | None:
    """The issue's rule, from the code alone: 21 Brussels-Capital; the provinces of Antwerp (1),
    Flemish Brabant (23, 24), West and East Flanders (3, 4) and Limburg (7) Flemish; Walloon
    Brabant (25), Hainaut (5), Liège (6), Luxembourg (8) and Namur (9) Walloon."""
    if len(nis) != 5 or not nis.isdigit():
        return None
    if nis.startswith("21"):
        return "brussels"
    if nis[:2] in ("23", "24") or nis[0] in "1347":
        return "flanders"
    if nis[:2] == "25" or nis[0] in "5689":
        return "wallonia"
    return None


@pytest.mark.parametrize("region", ["brussels", "flanders", "wallonia"])
def test_each_region_selects_the_incidents_of_its_municipalities(app_data, region):
    inc = app_data.dataset.incidents
    f = Filters.from_query(f"region={region}", app_data.vocabulary)
    expected = sum(_region(str(c)) == region for c in inc["nis_code"])
    assert len(apply(inc, f, app_data.dataset.people)) == expected > 0
    assert f.to_query() == f"region={region}"


def test_the_regions_cover_every_placed_incident_once(app_data):
    inc = app_data.dataset.incidents
    counts = {r: len(apply(inc, Filters.from_query(f"region={r}", app_data.vocabulary)))
              for r in ("brussels", "flanders", "wallonia")}
    placed = sum(_region(str(c)) is not None for c in inc["nis_code"])
    assert sum(counts.values()) == placed
    # the bundled data: Brussels' 62 incidents are the Brussels-Capital Region's
    brussels = apply(inc, Filters.from_query("place=brussels", app_data.vocabulary))
    assert counts["brussels"] == len(brussels)


@pytest.mark.parametrize("lang,words", [
    ("en", ("Walloon Region", "Region")), ("fr", ("Région wallonne", "Région")),
    ("nl", ("Waals Gewest", "Gewest"))])
def test_a_region_is_said_in_the_readers_language(app_data, lang, words):
    f = Filters.from_query("region=wallonia&type=attack", app_data.vocabulary)
    assert words[0] in f.describe(lang, app_data.names(lang))
    said = state.filter_words(app_data.vocabulary, lang, app_data.names(lang))["region"]
    assert said["names"]["wallonia"] == words[0]
    from components.charts import controls
    control = next(c for c in controls.controls(app_data, lang) if c["param"] == "region")
    assert control["label"] == words[1]
    assert ["wallonia", words[0]] in control["choices"]


def test_an_unknown_region_is_refused_in_words(app_data):
    with pytest.raises(FilterError) as err:
        Filters.from_query("region=atlantis", app_data.vocabulary)
    assert str(err.value) == "unknown value for “region”: “atlantis”"


def test_compare_mode_sets_a_region_on_slice_b(app_data):
    a = Filters.from_query("region=flanders", app_data.vocabulary)
    c = compare.canonical(a, [("region", "wallonia")], app_data.vocabulary)
    assert c.query() == "vs.region=wallonia"
    assert c.b.regions == frozenset({"wallonia"}) and c.a.regions == frozenset({"flanders"})
    assert compare.names(c, "en")[1] == "Walloon Region"


@pytest.fixture
def client(app_data):
    from app import create_app
    return create_app(app_data).server.test_client()


def test_exports_and_embeds_follow_the_region(client):
    for path in ("/export/rows.csv?region=wallonia&lang=en",
                 "/export/shares.csv?region=flanders&lang=fr"):
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
    refused = client.get("/export/shares.csv?region=atlantis&lang=en")
    assert refused.status_code == 400
    assert "region" in refused.get_data(as_text=True)
    r = client.get("/embed/shares?region=wallonia&lang=nl")
    assert r.status_code == 200 and "Waals Gewest" in r.get_data(as_text=True)


def test_the_compare_control_offers_the_regions(app_data):
    """Flemish against Walloon from the Compare menu, named in each language; its pairs are the
    address compare mode reads (`vs.region=wallonia`)."""
    from components.charts import comparison
    for lang, names in (("en", ["Brussels-Capital Region", "Flemish Region", "Walloon Region",
                                "All of Belgium"]),
                        ("nl", ["Brussels Hoofdstedelijk Gewest", "Vlaams Gewest", "Waals Gewest",
                                "Heel België"])):
        groups = dict(comparison.choices(app_data.vocabulary, lang, app_data.names(lang)))
        offered = groups["Region" if lang == "en" else "Gewest"]
        assert [name for name, _pairs in offered] == names
    a = Filters.from_query("region=flanders", app_data.vocabulary)
    c = compare.Comparison(a=a, b=Filters.from_query("region=wallonia", app_data.vocabulary),
                           overrides=(("region", "wallonia"),))
    pairs = dict(comparison.choices(app_data.vocabulary, "en", app_data.names("en")))["Region"]
    assert ["region", "wallonia"] in pairs[2][1] and c.query() == "vs.region=wallonia"
