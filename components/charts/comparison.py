"""Compare mode's key figures: slice A and slice B side by side, B minus A, each share with its
n and 95% Wilson interval, the n < 5 flags, and what the difference of two shares can carry in
words (data/compare.py). Pure: a model of strings in the page's language, which the browser
forms as well from its cube (assets/instant-4-compare.js; the node parity run holds the two
equal) and the page lays out as a table.
"""

from __future__ import annotations

import pandas as pd

from components import state
from components.charts import alt_text, figures, maps, registry, views
from components.runtime import GEOJSON_URL, AppData
from data import aggregate as ag
from data import codebook as cb
from data import compare as cmp
from data import geography, i18n
from data import people as pp
from data.facts import FIRST_MONTH, LAST_MONTH, SMALL_N
from data.filters import Filters, Vocabulary
from data.i18n import N_, _, num, pct, t
from data.places import map_area
from data.spec import FILTERS, MONTH

COUNTS = ("incidents", "arrest_actions", "attacks", "people")
SHARES = (("share_linked", "incidents"), ("share_plot", "arrest_actions"))
POINTS = N_("{value} points")
TITLE = N_("{a} against {b}")
MINUS = "\u2212"
# the chips' fields a filter parameter is shown by (components/state.py chips)
CHIP_OF = {s.param: state.PERIOD if s.kind == MONTH else s.field for s in FILTERS}
# what the Compare control offers B: each choice the `vs.` filters it sets (a blank lifts A's)
# Brussels against the rest of the country: every place outside the Brussels-Capital Region
REST = (("place", "antwerp,charleroi,elsewhere"),)
# choices named in the list by what they are in their group (both groups' "All incidents"
# would read alike)
LABELS = {REST: N_("The rest of the country (outside Brussels)"),
          (("type", ""),): N_("Arrest actions and attacks"),
          (("connection", ""),): N_("Linked and inspired")}
CHOICES = (
    (N_("Place"), (*((("place", p),) for p in ("brussels", "antwerp", "charleroi", "elsewhere")),
                   REST, (("place", ""),))),
    (N_("Incident type"), tuple((("type", v),) for v in ("arrest_action", "attack", ""))),
    (N_("Connection"), tuple((("connection", v),) for v in ("linked", "inspired", ""))),
    (N_("Year"), tuple((("from", max(f"{y}-01", FIRST_MONTH)), ("to", min(f"{y}-12", LAST_MONTH)))
                       for y in range(int(FIRST_MONTH[:4]), int(LAST_MONTH[:4]) + 1))),
    # each region the spec declares, then the whole country ("All of Belgium")
    (N_("Region"), (*((("region", v),) for v, _said in next(
        s for s in FILTERS if s.param == "region").choices), (("region", ""),))),
)
# every word compare mode puts on screen, for the browser's payload (components/charts/payload.py)
WORDS = (cmp.INTERVAL, POINTS, TITLE, N_("Key figure"), N_("{label}: {verdict}"),
         N_("Difference (B − A)"), N_("{slice}: no incidents match these filters."),
         N_("A: {label}"), N_("B: {label}"), N_("Download the comparison:"),
         N_("CSV (; for Belgian Excel)"))


def signed(value: float, lang: str) -> str:
    """+4, −58, 0: a difference with its sign (none where it shows as 0)."""
    shown = num(abs(value), lang)
    if shown == num(0, lang):
        return shown
    return ("+" if value > 0 else MINUS) + shown


def _share_cell(share: cmp.Share, item: dict, of: str, lang: str) -> dict:
    return {"value": pct(share.pct, lang), "note": views.share_note(item, of),
            "interval": cmp.interval_text(share.k, share.n, lang),
            "small": f"⚠ n < {SMALL_N}" if 0 < share.n < SMALL_N else ""}


def choices(known: Vocabulary, lang: str, place_names: dict[str, str]
            ) -> list[tuple[str, list[tuple[str, list[list[str]]]]]]:
    """The Compare control's choices in lang: (group, [(B's name, its `vs.` pairs)])."""
    def named(pairs) -> str:
        if pairs in LABELS:
            return _(LABELS[pairs], lang)
        b = Filters.from_query({k: v for k, v in pairs if v}, known)
        return cmp.name_of(b, [k for k, _v in pairs], lang, place_names)

    return [(_(group, lang), [(named(pairs), [list(p) for p in pairs]) for pairs in options])
            for group, options in CHOICES]


def chips(c: cmp.Comparison, lang: str, place_names: dict[str, str]) -> dict:
    """Which of A's chips are A's alone (a filter B replaces), and B's own chips: one per
    filter B replaces (the period's two ends as one), [name "vs", the parameters it removes
    from B, "B: Antwerp"]."""
    groups: dict[str, list[str]] = {}
    for k, _v in c.overrides:
        groups.setdefault(CHIP_OF[k], []).append(k)
    return {"a_only": sorted(groups),
            "b": [["vs", ",".join(params), _("B: {label}", lang).format(
                label=cmp.name_of(c.b, params, lang, place_names))]
                  for params in groups.values()]}


def title(data: AppData, c: cmp.Comparison, names: tuple[str, str], lang: str) -> str:
    """The comparison in words: what both slices share, then A against B ("Attacks · Brussels-
    Capital Region against Antwerp"), so a chart of it never leaves a filter unsaid."""
    both = cmp.common(c, lang, data.names(lang))
    versus = _(TITLE, lang).format(a=names[0], b=names[1])
    return i18n.cap(f"{both} · {versus}") if both else versus  # a heading: its first capital


def _caption(data: AppData, c: cmp.Comparison, a_inc, b_inc, names: tuple[str, str],
             lang: str) -> figures.Caption:
    """Both slices' chart caption: "Attacks · A against B · n = 3 / 0", the provenance line if
    either holds reconstructed records."""
    reconstructed = any((inc["source_type"] == "reconstructed").any() for inc in (a_inc, b_inc))
    said = figures.escape_markup(title(data, c, names, lang))
    return figures.Caption(
        subtitle=f"{said} · n = {num(len(a_inc), lang)} / {num(len(b_inc), lang)}",
        source=views.source_line(data, lang),
        provenance=_(views.RECONSTRUCTED_LINE, lang) if reconstructed else "", lang=lang,
        n=len(a_inc) + len(b_inc))


def shares_table(a_inc: pd.DataFrame, b_inc: pd.DataFrame) -> pd.DataFrame:
    """aggregate.connection_by_type of each slice, with its "slice" (A, B): by incident type,
    A's rows before B's (the bars' order)."""
    order = {k: i for i, k in enumerate(cb.INCIDENT_TYPES)}
    table = pd.concat([ag.connection_by_type(inc).assign(slice=tag)
                       for tag, inc in (("A", a_inc), ("B", b_inc))], ignore_index=True)
    return table.sort_values(["incident_type", "slice"], kind="stable",
                             key=lambda s: s.map(order) if s.name == "incident_type" else s)


def shares(data: AppData, c: cmp.Comparison, names: tuple[str, str], lang: str
           ) -> tuple[dict, str]:
    """Linked versus inspired for each slice and incident type, A's bar above B's, on one
    scale (figures.shares), and its text alternative: each slice's, named."""
    (a_inc, _p), (b_inc, _q) = views.shown(data, c.a), views.shown(data, c.b)
    fig = figures.shares(shares_table(a_inc, b_inc),
                         _caption(data, c, a_inc, b_inc, names, lang))
    with i18n.use(lang):
        said = " ".join(f"{tag} · {name}: {alt_text.shares(inc)}" for tag, name, inc in
                        zip("AB", names, (a_inc, b_inc), strict=True))
    return fig, said


def timeline(data: AppData, c: cmp.Comparison, names: tuple[str, str], freq: str = "year",
             lang: str | None = None) -> tuple[dict, str]:
    """Both slices per year or month on one axis (figures.timeline_compare), and its text
    alternative: each slice's, named."""
    lang = i18n.valid(lang) or i18n.current()
    (a_inc, _p), (b_inc, _q) = views.shown(data, c.a), views.shown(data, c.b)
    cap = _caption(data, c, a_inc, b_inc, names, lang)
    fig = figures.timeline_compare((ag.by_period(a_inc, freq), ag.by_period(b_inc, freq)),
                                   names, cap)
    with i18n.use(lang):
        said = " ".join(f"{tag} · {name}: {alt_text.timeline(inc, freq)}" for tag, name, inc in
                        zip("AB", names, (a_inc, b_inc), strict=True))
    return fig, said


def map_pair(data: AppData, c: cmp.Comparison, names: tuple[str, str],
             panel: str = "brussels", metric: str = "incidents", lang: str | None = None,
             inline: bool = False) -> tuple[dict, str]:
    """Both slices' maps on one colour scale (maps.choropleth_pair: A's panel beside B's; the
    schematic's A above B), an empty slice's note over its own panel, and the text
    alternative: each slice's, named."""
    lang = i18n.valid(lang) or i18n.current()
    (a_inc, _p), (b_inc, _q) = views.shown(data, c.a), views.shown(data, c.b)
    cap = _caption(data, c, a_inc, b_inc, names, lang)
    counts = tuple(ag.by_municipality(inc, data.population) for inc in (a_inc, b_inc))
    provinces = (c.a.provinces, c.b.provinces)
    both = len(a_inc) + len(b_inc) > 0  # none in either: the chart's own note says so
    if data.munis is None:
        empties = tuple("no_match" if both and not len(inc) else None for inc in (a_inc, b_inc))
        fig = maps.fallback_pair(geography.fallback_places(lang), counts, cap, names, provinces,
                                 empties)
    else:
        codes = list(data.munis["nis_code"])
        areas = [map_area(codes, panel, p) for p in provinces]
        empties = tuple(None if not both else "no_match" if not len(inc) else
                        "no_match_in_panel" if not n["nis_code"].isin(area).any() else None
                        for inc, n, (area, _d) in zip((a_inc, b_inc), counts, areas,
                                                      strict=True))
        sources = ["belgium" if drilled else panel for _a, drilled in areas]
        geojsons = tuple(data.geojson(s) if inline else GEOJSON_URL.format(panel=s)
                         for s in sources)
        fig = maps.choropleth_pair(data.munis.drop(columns="geometry"), counts, geojsons, cap,
                                   names, panel, metric, provinces, empties)
    with i18n.use(lang):
        said = " ".join(f"{tag} · {name}: {alt_text.places(inc, data.place_names)}"
                        for tag, name, inc in zip("AB", names, (a_inc, b_inc), strict=True))
    return fig, said


def sections(data: AppData, c: cmp.Comparison, graphs: tuple[str, ...],
             lang: str | None = None) -> tuple[dict[str, dict], dict[str, str], str]:
    """The networks and people sections of both slices: each chart slice A's above slice B's
    (figures.stack_pair, one x scale), each slice drawn with its own disclosure control as on
    its own; their text alternatives, each slice's named; and the people's summary line of
    each. graphs: the section charts wanted (registry order)."""
    lang = i18n.valid(lang) or i18n.current()
    with i18n.use(lang):
        names = cmp.names(c, lang, data.names(lang))
        (a_inc, a_people), (b_inc, b_people) = views.shown(data, c.a), views.shown(data, c.b)
        subtitle = _caption(data, c, a_inc, b_inc, names, lang).subtitle
        # a people chart counts people: its caption says how many in each slice (a count
        # under the disclosure threshold as "< 3")
        minimum = pp.threshold()
        people_subtitle = figures.escape_markup(title(data, c, names, lang)) + " · " + _(
            "{a} / {b} people").format(
            **{k: pp.shown(len(p), 0 < len(p) < minimum, minimum)
               for k, p in (("a", a_people), ("b", b_people))})
        figs: dict[str, tuple] = {}
        if set(graphs) & set(registry.NETWORK_GRAPHS):
            pairs = zip(views.network_figures(data, c.a, lang),
                        views.network_figures(data, c.b, lang), strict=True)
            figs |= dict(zip(registry.NETWORK_GRAPHS, pairs, strict=True))
        lines = ("", "")
        if set(graphs) & set(registry.PEOPLE_GRAPHS):
            line_a, *people_a = views.people_views(data, c.a, lang)
            line_b, *people_b = views.people_views(data, c.b, lang)
            figs |= dict(zip(registry.PEOPLE_GRAPHS, zip(people_a, people_b, strict=True),
                             strict=True))
            lines = (line_a, line_b)
        drawn = {g: figures.stack_pair(*figs[g], names, people_subtitle if g in
                                       registry.PEOPLE_GRAPHS else subtitle) for g in graphs}
        said_a = views.descriptions(data, c.a, "year", graphs)
        said_b = views.descriptions(data, c.b, "year", graphs)
        said = {g: f"A · {names[0]}: {said_a[g]} B · {names[1]}: {said_b[g]}" for g in graphs}
        summary = f"A · {names[0]}: {lines[0]} B · {names[1]}: {lines[1]}" if any(lines) else ""
    return drawn, said, summary


def figure(data: AppData, c: cmp.Comparison, graph: str, options: dict,
           lang: str | None = None, inline: bool = False) -> tuple[dict, str]:
    """Any chart of both slices as compare mode shows it (files, embeds) and its text
    alternative; inline: the map's outlines in the figure (a renderer fetches nothing)."""
    lang = i18n.valid(lang) or i18n.current()
    chart = registry.BY_GRAPH[graph]
    if chart.section != "main":  # a section's chart: A's above B's
        figs, said, _line = sections(data, c, (graph,), lang)
        return figs[graph], said[graph]
    names = cmp.names(c, lang, data.names(lang))
    if chart.slug == "shares":
        return shares(data, c, names, lang)
    if chart.slug == "map":
        return map_pair(data, c, names, options.get("panel", "brussels"),
                        options.get("metric", "incidents"), lang, inline)
    return timeline(data, c, names, options.get("freq", "year"), lang)


def panel(data: AppData, c: cmp.Comparison, lang: str | None = None, freq: str = "year",
          map_panel: str = "brussels", metric: str = "incidents") -> dict:
    """The comparison's key figures: its title and slice names, one row per figure (counts:
    A, B, B − A; shares: each a cell with n, interval and flag, the difference in points and
    the verdict), how many incidents the slices share and which slice is empty."""
    lang = i18n.valid(lang) or i18n.current()
    with i18n.use(lang):
        (a_inc, a_people), (b_inc, b_people) = views.shown(data, c.a), views.shown(data, c.b)
        ka, kb = ag.key_figures(a_inc, a_people), ag.key_figures(b_inc, b_people)
        shared = cmp.shared_incidents(a_inc, b_inc)
        k = cmp.key_figures(ka, kb, shared)
        name_a, name_b = cmp.names(c, lang, data.names(lang))
        rows = [{"key": key, "label": i18n.cap(t(key)), "a": num(k[key]["a"]),
                 "b": num(k[key]["b"]), "difference": signed(k[key]["difference"], lang)}
                for key in COUNTS]
        for key, of in SHARES:
            d = k[key]["difference"]
            rows.append({
                "key": key, "label": t(key), "a": _share_cell(d.a, ka[key], of, lang),
                "b": _share_cell(d.b, kb[key], of, lang),
                "difference": "–" if d.points is None else _(POINTS).format(
                    value=signed(d.points, lang)),
                "verdict": cmp.verdict(d, lang)})
        fig, said = timeline(data, c, (name_a, name_b), freq, lang)
        bars, bars_said = shares(data, c, (name_a, name_b), lang)
        where, where_said = map_pair(data, c, (name_a, name_b), map_panel, metric, lang)
        return {"names": [name_a, name_b], "title": title(data, c, (name_a, name_b), lang),
                "rows": rows, "shared": shared, "empty": [not len(a_inc), not len(b_inc)],
                "chips": chips(c, lang, data.names(lang)), "timeline": fig,
                "describe_timeline": said, "shares": bars, "describe_shares": bars_said,
                "map": where, "describe_map": where_said}
