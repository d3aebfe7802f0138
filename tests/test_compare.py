"""Compare mode's core (data/compare.py): the `vs.` contract, and the Wilson interval and
Fisher's exact test held to scipy.stats, on the issue's own examples and at random."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest, fisher_exact

from data import compare as cmp
from data.filters import FilterError, Filters, Vocabulary, apply
from data.i18n import use


@pytest.fixture(scope="module")
def vocab(bundled):
    return Vocabulary.of(bundled.incidents, bundled.networks)


def comparison(query: str, vocab) -> cmp.Comparison | None:
    from urllib.parse import parse_qsl
    rest, vs = cmp.split(parse_qsl(query, keep_blank_values=True))
    return cmp.compare(Filters.from_query(dict(rest), vocab), vs, vocab)


@pytest.mark.parametrize("query,a,b,vs", [
    ("type=attack&place=brussels&vs.place=antwerp", 3, 0, "vs.place=antwerp"),  # B empty
    ("place=brussels&vs.place=antwerp", 62, 4, "vs.place=antwerp"),
    ("type=arrest_action&vs.type=attack", 103, 4, "vs.type=attack"),
    ("vs.place=brussels", 107, 62, "vs.place=brussels"),
    ("place=brussels&vs.place=", 62, 107, "vs.place="),  # B lifts A's place filter
    ("from=2015-01&to=2015-12&vs.from=2016-01&vs.to=2016-12", 32, 50,
     "vs.from=2016-01&vs.to=2016-12"),
    ("place=antwerp,brussels&vs.place=charleroi", 66, 14, "vs.place=charleroi"),
])
def test_b_is_a_with_the_vs_filters_replaced(bundled, vocab, query, a, b, vs):
    c = comparison(query, vocab)
    n = [len(apply(bundled.incidents, f, bundled.people)) for f in (c.a, c.b)]
    assert n == [a, b]
    assert c.query() == vs
    # the query B writes reopens the same comparison; swapped twice is itself
    again = comparison(c.a.to_query() + "&" + c.query(), vocab)
    assert (again.a, again.b) == (c.a, c.b)
    twice = c.swapped().swapped()
    assert (twice.a, twice.b, twice.query()) == (c.a, c.b, c.query())


def test_swap_turns_b_into_a(vocab):
    c = comparison("vs.place=brussels", vocab).swapped()
    assert c.a.places == {"brussels"} and c.b.places == frozenset()
    assert c.query() == "vs.place="
    assert comparison("type=attack", vocab) is None  # no vs.: no comparison


@pytest.mark.parametrize("query,named", [
    ("place=brussels&vs.place=atlantis", "vs.place"),
    ("vs.type=bombing", "vs.type"),
    ("vs.from=2016", "vs.from"),
    ("vs.freq=month", "vs.freq"),  # chart options apply to both slices: no vs.
    ("vs.lang=fr", "vs.lang"),
    ("vs.nonsense=1", "vs.nonsense"),
])
def test_an_invalid_vs_value_is_refused_naming_its_parameter(vocab, query, named):
    with pytest.raises(FilterError) as err:
        comparison(query, vocab)
    with use("en"):
        assert f"“{named}”" in str(err.value)


def test_the_issues_numbers():
    brussels, antwerp = cmp.Share(57, 62), cmp.Share(4, 4)
    assert brussels.pct == 91.9 and brussels.interval == (82.5, 96.5)  # 92%, 83-97%
    assert antwerp.interval == (51.0, 100.0)  # 100%, 51-100%
    d = cmp.difference(brussels, antwerp, shared=0)
    assert d.why == "tested" and round(d.p, 1) == 1.0 and d.may_be_chance
    d = cmp.difference(cmp.Share(94, 103), cmp.Share(1, 4), shared=0)
    assert round(d.p, 3) == 0.004 and d.may_be_chance is False and d.points == -66.3
    assert cmp.difference(cmp.Share(57, 62), cmp.Share(94, 103), shared=57).why == "overlap"
    assert cmp.difference(cmp.Share(57, 62), cmp.Share(0, 0), shared=0).why == "empty"
    assert cmp.wilson(0, 0) is None


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 300), st.integers(0, 300), st.data())
def test_wilson_is_scipys(n, m, data):
    k = data.draw(st.integers(0, n))
    if n == 0:
        assert cmp.wilson(k, n) is None
        return
    ci = binomtest(k, n).proportion_ci(0.95, method="wilson")
    assert cmp.wilson(k, n) == pytest.approx((ci.low, ci.high), abs=1e-9)


@settings(max_examples=600, deadline=None)
@given(st.integers(0, 200), st.integers(0, 200), st.integers(0, 200), st.integers(0, 200))
def test_fisher_is_scipys(a, b, c, d):
    expected = fisher_exact([[a, b], [c, d]], alternative="two-sided").pvalue
    assert cmp.fisher_exact(a, b, c, d) == pytest.approx(expected, rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("query,lang,named", [
    ("place=brussels&vs.place=antwerp", "en", ("Brussels-Capital Region", "Antwerp")),
    ("place=brussels&vs.place=antwerp", "fr", ("Région de Bruxelles-Capitale", "Anvers")),
    ("place=brussels&vs.place=antwerp", "nl", ("Brussels Hoofdstedelijk Gewest", "Antwerpen")),
    ("from=2015-01&to=2015-12&vs.from=2016-01&vs.to=2016-12", "fr", ("2015", "2016")),
    ("type=arrest_action&vs.type=attack", "nl", ("Arrestaties", "Aanslagen")),
    ("vs.place=brussels", "en", ("All of Belgium", "Brussels-Capital Region")),
])
def test_each_slice_is_named_from_what_differs(vocab, query, lang, named):
    assert cmp.names(comparison(query, vocab), lang) == named


@pytest.mark.parametrize("query,counts,shares,line", [
    ("place=brussels&vs.place=antwerp", (62, 4), ((57, 62), (4, 4)),
     "92% against 100%: a difference these numbers cannot tell from chance "
     "(Fisher's exact p = 1.0)"),
    ("type=arrest_action&vs.type=attack", (103, 4), ((94, 103), (1, 4)),
     "91% against 25%: unlikely to be chance alone (Fisher's exact p = 0.004)"),
    ("vs.place=brussels", (107, 62), ((95, 107), (57, 62)),
     "89% against 92%: not tested, as some incidents are in both slices"),
    ("type=attack&place=brussels&vs.place=antwerp", (3, 0), ((1, 3), (0, 0)),
     "33% against –: not tested, as one slice has n = 0"),
])
def test_key_figures_side_by_side(bundled, vocab, query, counts, shares, line):
    from data.aggregate import key_figures
    c = comparison(query, vocab)
    a, b = (apply(bundled.incidents, f, bundled.people) for f in (c.a, c.b))
    people = bundled.people.iloc[:0]
    k = cmp.key_figures(key_figures(a, people), key_figures(b, people),
                        cmp.shared_incidents(a, b))
    assert (k["incidents"]["a"], k["incidents"]["b"]) == counts
    assert k["incidents"]["difference"] == counts[1] - counts[0]
    linked = k["share_linked"]
    assert ((linked["a"].k, linked["a"].n), (linked["b"].k, linked["b"].n)) == shares
    assert cmp.verdict(linked["difference"], "en") == line


def test_the_verdicts_read_in_french_and_dutch():
    d = cmp.difference(cmp.Share(94, 103), cmp.Share(1, 4), shared=0)
    assert cmp.verdict(d, "fr") == ("91\u00a0% contre 25\u00a0% : un écart peu probable "
                                    "sous le seul effet du hasard (test exact de Fisher, "
                                    "p = 0,004)")
    assert cmp.verdict(d, "nl").startswith("91% tegenover 25%: waarschijnlijk geen toeval")
    assert cmp.p_value(0.0000066, "en") == "< 0.001" and cmp.p_value(0.6995, "nl") == "0,70"


# --- the view state in compare mode: its address (components/state.py from_address; what the
# Compare control, B's chip and a click on B's mark do: tests/js/events.test.js) -------------

def _event(vocab, source, detail=None, search="", previous=None, lang="en"):
    from components import state
    assert source == "url" and detail is None and previous is None
    return state.from_address(search, vocab, lang)


@pytest.mark.parametrize("search,state,address", [
    ("?vs.place=antwerp&place=brussels", {"place": "brussels", "vs.place": "antwerp"},
     "?place=brussels&vs.place=antwerp&lang=en"),
    ("?place=brussels&vs.place=", {"place": "brussels", "vs.place": ""},
     "?place=brussels&vs.place=&lang=en"),
    ("?place=brussels&vs.place=brussels", {"place": "brussels"}, "?place=brussels&lang=en"),
    ("?vs.place=&freq=month", {}, "?freq=month&lang=en"),  # lifts nothing: no comparison
    ("?vs.type=attack&type=arrest_action&vs.place=antwerp",
     {"type": "arrest_action", "vs.type": "attack", "vs.place": "antwerp"},
     "?type=arrest_action&vs.type=attack&vs.place=antwerp&lang=en"),
])
def test_an_address_with_vs_is_read_and_written_canonically(vocab, search, state, address):
    out = _event(vocab, "url", search=search)
    assert (out["state"], out["search"], out["error"]) == (state, address, None)


@pytest.mark.parametrize("search,named", [
    ("?vs.place=nowhere", "vs.place"), ("?vs.freq=month", "vs.freq"),
    ("?vs.within=brussels", "vs.within"), ("?place=brussels&vs.type=bomb", "vs.type")])
def test_an_invalid_vs_in_an_address_is_refused_naming_it(vocab, search, named):
    out = _event(vocab, "url", search=search)
    assert out["state"] == {} and f"“{named}”" in out["error"]


# --- compare mode's key figures (components/charts/comparison.py) ---------------------------

@pytest.mark.parametrize("query,lang,expected", [
    ("place=brussels&vs.place=antwerp", "en", {
        "title": "Brussels-Capital Region against Antwerp", "counts": ("62", "4", "−58"),
        "a": ("92%", "57 of n = 62 incidents", "95% interval 82%–97%", ""),
        "b": ("100%", "4 of n = 4 incidents", "95% interval 51%–100%", "⚠ n < 5"),
        "difference": "+8 points",
        "verdict": "92% against 100%: a difference these numbers cannot tell from chance "
                   "(Fisher's exact p = 1.0)"}),
    ("type=arrest_action&vs.type=attack", "en", {
        "title": "Arrest actions against Attacks", "counts": ("103", "4", "−99"),
        "a": ("91%", "94 of n = 103 incidents", "95% interval 84%–95%", ""),
        "b": ("25%", "1 of n = 4 incidents", "95% interval 5%–70%", "⚠ n < 5"),
        "difference": "−66 points",
        "verdict": "91% against 25%: unlikely to be chance alone (Fisher's exact p = 0.004)"}),
    ("place=brussels&vs.place=antwerp", "fr", {
        "title": "Région de Bruxelles-Capitale contre Anvers", "counts": ("62", "4", "−58"),
        "a": ("92\u00a0%", "57 sur n = 62 incidents",
              "intervalle à 95\u00a0% : 82\u00a0%–97\u00a0%", ""),
        "b": ("100\u00a0%", "4 sur n = 4 incidents",
              "intervalle à 95\u00a0% : 51\u00a0%–100\u00a0%", "⚠ n < 5"),
        "difference": "+8 points",
        "verdict": "92\u00a0% contre 100\u00a0% : un écart que ces effectifs ne permettent pas "
                   "de distinguer du hasard (test exact de Fisher, p = 1,0)"}),
])
def test_the_comparisons_key_figures(app_data, query, lang, expected):
    from urllib.parse import parse_qsl

    from components.charts import comparison
    from components.runtime import install
    install(app_data)
    _a, c = cmp.slices(dict(parse_qsl(query, keep_blank_values=True)), app_data.vocabulary)
    m = comparison.panel(app_data, c, lang)
    rows = {r["key"]: r for r in m["rows"]}
    linked = rows["share_linked"]
    assert m["title"] == expected["title"] and m["shared"] == 0
    assert (rows["incidents"]["a"], rows["incidents"]["b"],
            rows["incidents"]["difference"]) == expected["counts"]
    for side in ("a", "b"):
        cell = linked[side]
        assert (cell["value"], cell["note"], cell["interval"], cell["small"]) == expected[side]
    assert linked["difference"] == expected["difference"]
    assert linked["verdict"] == expected["verdict"]


def test_every_file_of_the_download_menu_and_the_pack_take_the_comparison(app_data):
    """In compare mode every file draws both slices (assets/downloads.js sends the page's
    address, vs. and all): each menu item's path, the pack and the rows are read with B."""
    from components import ids
    from components.charts import registry
    from components.dashboard.downloads import download_menu
    from components.exports import urls
    from components.runtime import install
    install(app_data)

    def specs(node) -> list[dict]:
        found = []
        ident = getattr(node, "id", None)
        if isinstance(ident, dict) and ident.get("type") == ids.EXPORT_FILE:
            found.append(ident)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str):
                found += specs(child)
        return found

    view = {"place": "brussels", "vs.place": "antwerp", "lang": "en"}
    paths = {"/export/pack.zip", "/export/compare.csv"}
    for chart in registry.CHARTS:
        items = specs(download_menu(chart.graph))
        assert items, chart.slug
        paths |= {item["path"] for item in items}
    for path in sorted(paths):
        req = urls.read(path.removeprefix("/export/"), view, app_data.vocabulary, "v")
        assert req.comparison is not None and req.comparison.query() == "vs.place=antwerp", path


@pytest.mark.parametrize("query,lang,title", [
    ("place=brussels&vs.place=antwerp", "en", "Brussels-Capital Region against Antwerp"),
    ("type=attack&place=brussels&vs.place=antwerp", "en",
     "Attacks · Brussels-Capital Region against Antwerp"),
    ("from=2017-06&to=2017-06&type=attack&vs.type=arrest_action", "nl",
     "Jun 2017 – jun 2017 · Aanslagen tegenover Arrestaties"),
    ("connection=linked&plot=yes&from=2015-01&to=2015-12&vs.from=2016-01&vs.to=2016-12", "fr",
     "Incidents liés, avec preuve d'un projet d'attentat · 2015 contre 2016"),
])
def test_a_comparison_says_what_both_slices_share(app_data, query, lang, title):
    """Its title, and every chart of it, name the filters both slices keep, not only what
    differs: an exported chart never leaves a filter unsaid."""
    from urllib.parse import parse_qsl

    from components.charts import comparison
    from components.runtime import install
    install(app_data)
    _a, c = cmp.slices(dict(parse_qsl(query, keep_blank_values=True)), app_data.vocabulary)
    m = comparison.panel(app_data, c, lang)
    assert m["title"] == title
    for fig in (m["timeline"], m["shares"]):
        assert fig["layout"]["title"]["subtitle"]["text"].startswith(title.replace("&", "&amp;"))


def test_the_sections_draw_both_slices_each_with_its_own_disclosure_control(app_data):
    """Networks and people in compare mode: A's chart above B's (B's marks tagged for its
    clicks), each slice's hidden cells drawn at the threshold and said '< 3', never a count."""
    from components.charts import comparison, registry
    from components.runtime import install
    from data import people as pp
    install(app_data)
    _a, c = cmp.slices({"place": "brussels", "vs.place": "antwerp,charleroi,elsewhere"},
                       app_data.vocabulary)
    graphs = registry.NETWORK_GRAPHS + registry.PEOPLE_GRAPHS
    figs, said, line = comparison.sections(app_data, c, graphs, "en")
    assert line.startswith("A · Brussels-Capital Region: 74 people")
    assert " B · Antwerp + Charleroi + elsewhere in Belgium: 61 people" in line
    for g in graphs:
        fig = figs[g]
        assert said[g].startswith("A · Brussels-Capital Region: ") and " B · Antwerp" in said[g]
        b_traces = [t for t in fig["data"] if t.get("yaxis") == "y2"]
        assert b_traces and fig["layout"]["yaxis2"]["domain"][1] < fig["layout"]["yaxis"][
            "domain"][0]
        for t in b_traces:
            assert all(d[1] == "B" for d in t.get("customdata") or [])
    citizenship = figs[registry.PEOPLE_GRAPHS[0]]
    minimum = pp.threshold()
    for trace in citizenship["data"]:
        for x, text in zip(trace["x"], trace["text"], strict=True):
            # a hidden count has no length: a band longer than any count, labelled as hidden
            counts = [v for v, w in zip(trace["x"], trace["text"], strict=True)
                      if w[0] not in "<h"]
            assert (text in (f"< {minimum}", "hidden")) == (x > max(counts, default=0)
                                                            and text[0] in "<h")
    assert citizenship["layout"]["xaxis2"]["matches"] == "x"  # one scale





@pytest.mark.parametrize("chart", ["shares", "timeline", "map", "networks", "people-heritage"])
def test_an_embed_of_a_comparison_draws_both_slices_and_links_back_to_it(app_data, chart):
    """/embed/<chart> with vs.: both slices as compare mode shows them, its text alternative
    naming each, the link to the full view reopening the comparison; the snippet keeps it."""
    from components.exports import embed
    from components.runtime import install
    from data.filters import Filters
    install(app_data)
    args = {"place": "brussels", "vs.place": "antwerp", "lang": "nl", "v": "x"}
    body, status = embed.page(chart, args, "http://h/")
    assert status == 200, body
    assert "Brussels Hoofdstedelijk Gewest tegenover Antwerpen" in body
    assert "B · Antwerpen" in body
    # a map named no panel: the one holding both slices' incidents (here the whole country)
    panel = "&amp;panel=belgium" if chart == "map" else ""
    assert f"/?place=brussels&amp;vs.place=antwerp{panel}&amp;lang=nl" in body
    body, status = embed.page(chart, {"vs.place": "atlantis"}, "http://h/")
    assert status == 400 and "vs.place" in body
    _a, c = cmp.slices({"place": "brussels", "vs.place": "antwerp"}, app_data.vocabulary)
    snippet = embed.snippet("http://h", chart, Filters.from_query("place=brussels",
                                                                 app_data.vocabulary), {}, "v1",
                            c=c)
    assert f"/embed/{chart}?place=brussels&amp;vs.place=antwerp&amp;v=v1" in snippet
