"""From a filter state to what each view shows: captions, figures, table rows (no Dash)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pandas as pd
import yaml

from components import ids
from components.charts import alt_text, figures, maps
from components.charts import networks as figures_networks
from components.charts import people as figures_people
from components.charts.figspec import Fig
from components.runtime import GEOJSON_URL, AppData
from data import aggregate as ag
from data import export, geography, i18n, network_names, viewstate
from data import people as pp
from data.facts import LAST_MONTH
from data.filters import Filters, apply, apply_people
from data.i18n import N_, _, n_, num, t
from data.places import PROVINCES, map_area
from data.study.compare import REFERENCE

RECONSTRUCTED_LINE = N_("Includes reconstructed records: totals match the study (see methodology).")


# the options a chart can be drawn with (data/viewstate.py declares them); the first is the default
OPTIONS = {o.param: o.choices for o in viewstate.OPTIONS if not o.switch}


def chart_options(freq=None, by=None, events=None, panel=None, metric=None) -> dict:
    """Chart options from any input (a control, a URL, a posted value): unknown ones default."""
    return viewstate.as_chart_options({"freq": freq, "by": by, "events": events, "panel": panel,
                                       "metric": metric})


def shown(data: AppData, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Incidents and people in view (kept for the 64 filter states last asked: the sections,
    the exports and the pack ask for the same ones)."""
    def select(f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
        incidents = apply(data.dataset.incidents, f, data.dataset.people)
        return incidents, apply_people(data.dataset.people, incidents, f)
    return data.memo("shown", 64, select)(f)


def share_note(item: dict, of: str) -> str:
    """'94 of n = 103 arrest actions' for a key figure's share (of: "incidents" or
    "arrest_actions"), in the plural form n needs."""
    n = item["n"]
    if of == "incidents":  # each form written out: the extractor reads only literal arguments
        text = n_("{value} of n = {n} incident", "{value} of n = {n} incidents", n)
    else:
        text = n_("{value} of n = {n} arrest action", "{value} of n = {n} arrest actions", n)
    return text.format(value=num(item["value"]), n=num(n))


def caption(data: AppData, f: Filters, incidents: pd.DataFrame, lang: str | None = None
            ) -> figures.Caption:
    lang = i18n.valid(lang) or i18n.current()
    reconstructed = bool((incidents["source_type"] == "reconstructed").any())
    return figures.Caption(
        subtitle=(f"{figures.escape_markup(f.describe(lang, data.names(lang)))} · "
                  + n_("n = {n} incident", "n = {n} incidents", len(incidents), lang).format(
                      n=num(len(incidents), lang))),
        source=source_line(data, lang),
        provenance=_(RECONSTRUCTED_LINE, lang) if reconstructed else "", lang=lang,
        n=len(incidents))


def source_line(data: AppData, lang: str) -> str:
    """The study's citation and the dataset, as every figure's foot gives them."""
    return figures.escape_markup(f"{figures.source(lang)} · " + _("Data: {dataset}", lang).format(
        dataset=data.dataset.title(lang)))


def shares_figure(data: AppData, f: Filters, lang: str | None = None) -> Fig:
    incidents, _ = shown(data, f)
    return figures.shares(ag.connection_by_type(incidents), caption(data, f, incidents, lang))


def timeline_figure(data: AppData, f: Filters, freq: str = "year", by: str = "connection",
                    events: bool = False, lang: str | None = None) -> Fig:
    incidents, _ = shown(data, f)
    table = ag.by_period(incidents, freq, by)
    return figures.timeline(table, caption(data, f, incidents, lang), by,
                            context_events(freq) if events else None)


def map_notice(data: AppData, lang: str | None = None) -> str:
    """Said beside the map's controls when there is no boundary file (they are disabled)."""
    return "" if data.munis is not None else _(
        "No municipal boundary file is loaded on this server, so this schematic map shows "
        "Brussels and the rest of the country at once, in counts only. With one (the README "
        "says how to add it), the map shows the real boundaries, each area and rates per "
        "100,000.", lang)


def map_figure(data: AppData, f: Filters, panel: str = "brussels", metric: str = "incidents",
               inline: bool = False, lang: str | None = None) -> Fig:
    """The choropleth (its outlines by URL on screen, inline for exports), or the schematic map.
    A province filter drills the map down to the province's municipalities (the whole
    country's outlines, fitted to them)."""
    incidents, _ = shown(data, f)
    counts = ag.by_municipality(incidents, data.population)
    cap = caption(data, f, incidents, lang)
    if data.munis is None:
        layout = geography.fallback_places(cap.lang)
        return maps.fallback_map(layout, counts, cap, f.provinces)
    area, drilled = map_area(list(data.munis["nis_code"]), panel, f.provinces)
    if len(incidents) and not counts["nis_code"].isin(area).any():
        cap = replace(cap, n=0, empty="no_match_in_panel", hint="no_match_in_panel_hint")
    source = "belgium" if drilled else panel
    return maps.choropleth(data.munis.drop(columns="geometry"), counts,
                              data.geojson(source) if inline else GEOJSON_URL.format(
                                  panel=source), cap, panel, metric, f.provinces)


def network_figures(data: AppData, f: Filters, lang: str | None = None) -> tuple[Fig, Fig, Fig]:
    """Links per network, how they connect, when each was active: for the arrest actions in view
    that are tied to a named network."""
    incidents, _ = shown(data, f)
    counts = ag.by_network(incidents)
    actions = incidents[incidents["incident_type"] == "arrest_action"]
    tied = int((actions["networks"] != "").sum())
    links = int(counts["arrest_actions"].sum())
    base = caption(data, f, incidents, lang)
    cap = replace(base, n=tied, empty="no_network_match", subtitle=network_subtitle(
        figures.escape_markup(f.describe(base.lang, data.place_names)), num(tied), num(links)))
    return (figures_networks.links_bar(counts, cap),
            figures_networks.connections(counts, ag.network_pairs(incidents),
                                         data.dataset.networks, cap),
            figures_networks.activity(ag.network_activity(incidents), cap))


def network_subtitle(where: str, tied: str, links: str, lang: str | None = None) -> str:
    """The networks section's subtitle: where, how many arrest actions with a network, how many
    links (the numbers as written; the offline file gets it as a template)."""
    return (f"{where} · {tied} {t('arrest_actions', lang)} {t('tied_to_network', lang)} · "
            f"{links} {t('links', lang)}")


def people_gate(data: AppData, people: pd.DataFrame) -> pp.PeopleView:
    """The view's people through the one disclosure gate (data/people.py gate)."""
    years = data.dataset.incidents["year"].to_numpy()[people["incident_row"].to_numpy()]
    return pp.gate(people, pd.Series(years))


def people_views(data: AppData, f: Filters, lang: str | None = None
                 ) -> tuple[str, Fig, Fig, Fig, Fig]:
    """The people in view as aggregates, through the disclosure gate: a summary line and four
    charts (citizenship, Belgians' birthplace, heritage, citizenships by year)."""
    incidents, people = shown(data, f)
    v = people_gate(data, people)
    minimum = v.minimum
    base = caption(data, f, incidents, lang)
    where = figures.escape_markup(f.describe(base.lang, data.place_names))

    def cap(b: pp.Breakdown, of: str) -> figures.Caption:
        return replace(base, n=0 if v.few or b.withheld else b.total,
                       empty="too_few_people" if len(people) else "no_people",
                       subtitle=f"{where} · {pp.shown(len(people), v.few, minimum)} "
                       f"{t('people', lang).lower()} · {t('shares_of', lang)} "
                       f"{b.base} {t(of, lang)}")

    cit, born, roots = (v.breakdowns[k] for k in pp.CHARTS)
    year_labels = [str(y) for y in range(2014, 2018)]
    figs = (
        figures_people.breakdown_bar(cit, cap(cit, "with_citizenship_known"), minimum,
                                     t("chart_people_citizenship", lang)),
        figures_people.breakdown_bar(born, cap(born, "belgian_citizens"), minimum,
                                     t("chart_people_birthplace", lang)),
        figures_people.breakdown_bar(roots, cap(roots, "with_heritage_known"), minimum,
                                     t("chart_people_heritage", lang)),
        # every citizenship hidden: its rows are left out, and the chart says why
        figures_people.by_year(v.grid, replace(cap(cit, "with_citizenship_known"), n=0)
                               if v.grid.empty else cap(cit, "with_citizenship_known"),
                               minimum, year_labels),
    )
    return people_summary(v, lang), *figs


def people_summary(v: pp.PeopleView, lang: str | None = None) -> str:
    """One line: people by role and the Moroccan connection, through the gate (roles
    protected against the total; small counts hidden)."""
    minimum = v.minimum
    if v.few:
        return t("too_few_people", lang)
    role = v.breakdowns["role"]
    m = v.moroccan
    count = lambda n: pp.shown(n, 0 < n < minimum, minimum)  # noqa: E731
    role_text = ", ".join(f"{role.cell(n, why)} {t(r + '_people', lang)}" for r, n, why in
                          zip(role.counts["category"], role.counts["n"], role.counts["why"],
                              strict=True) if r in ("arrested", "attacker"))
    share = f" ({i18n.pct(100 * m['n'] / m['known'], lang)})" if m["known"] >= minimum and (
        m["n"] >= minimum) else ""
    return _("{people} people: {roles}. {moroccan} with a Moroccan connection (citizenship, "
             "birth or family), of {known} with any of these known{share}; {belgian} of them "
             "Belgian citizens.", lang).format(
        people=count(v.total), roles=role_text or _("roles not broken down", lang),
        moroccan=count(m["n"]), known=count(m["known"]), share=share,
        belgian=count(m["belgian"]))


def descriptions(data: AppData, f: Filters, freq: str = "year",
                 graphs: tuple[str, ...] | None = None) -> dict[str, str]:
    """The text alternative of every chart (or of graphs), keyed by graph id, from the same
    aggregates; only what is asked for is computed."""
    incidents, people = shown(data, f)
    minimum = pp.threshold()
    gated = cache(lambda: people_gate(data, people).breakdowns)
    makers = {
        ids.CHART_SHARES: lambda: alt_text.shares(incidents),
        ids.CHART_TIMELINE: lambda: alt_text.timeline(incidents, freq),
        ids.CHART_MAP: lambda: alt_text.places(incidents, data.place_names),
        ids.CHART_NETWORKS: lambda: alt_text.networks(incidents),
        ids.CHART_PEOPLE_CITIZENSHIP: lambda: alt_text.people_breakdown(
            gated()["citizenship"], minimum, _("Citizenship")),
        ids.CHART_PEOPLE_BIRTHPLACE: lambda: alt_text.people_breakdown(
            gated()["birthplace"], minimum, _("Belgian citizens' birthplace")),
        ids.CHART_PEOPLE_HERITAGE: lambda: alt_text.people_breakdown(
            gated()["heritage"], minimum, _("Family heritage")),
    }
    same = {ids.CHART_NETWORK_LINKS: ids.CHART_NETWORKS,
            ids.CHART_NETWORK_TIME: ids.CHART_NETWORKS,
            ids.CHART_PEOPLE_YEARS: ids.CHART_PEOPLE_CITIZENSHIP}
    wanted = graphs or (*makers, *same)
    done: dict[str, str] = {}
    for graph in wanted:
        source = same.get(graph, graph)
        if source not in done:
            done[source] = makers[source]()
        done[graph] = done[source]
    return {g: done[g] for g in wanted}


def context_events(freq: str) -> list[dict]:
    """The four attacks, the Paris attacks and threat levels, from the reference's context."""
    attacks = [("2016-03-22", _("22 March 2016 bombings")), ("2016-08-06", "Charleroi"),
               ("2016-10-05", _("Schaerbeek")), ("2017-06-20", _("Central Station")),
               ("2015-11-13", _("Paris attacks"))]
    cut = (lambda d: d[:4]) if freq == "year" else (lambda d: d[:7])
    events = [{"at": cut(d), "label": label} for d, label in attacks]
    named: set[int] = set()  # a level is named once: its shading says it when it returns
    for start, end, level in threat_levels():
        if freq == "month":
            events.append({"at": start, "until": end,
                           "label": "" if level in named else _(
                               "threat level {level}").format(level=level),
                           "color": "#D55E00" if level >= 4 else "#999", "raised": level >= 4})
            named.add(level)
    return events


@cache
def threat_levels() -> tuple[tuple[str, str, int], ...]:
    """(from month, to month, level) within the study period, from the reference file."""
    try:
        doc = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
        history = next(c for c in doc["context"] if c["id"] == "threat_level_history")["value"]
    except (OSError, StopIteration, KeyError):
        history = [{"from": "2015-11", "level": 3}, {"from": "2016-03-22", "level": 4}]
    spans, previous = [], None
    for item, nxt in zip(history, history[1:] + [None], strict=True):
        start = item["from"][:7]
        end = LAST_MONTH if nxt is None or nxt["from"][:7] > LAST_MONTH else nxt["from"][:7]
        if start > LAST_MONTH:
            continue
        if "briefly" in item.get("note", "") and previous:
            spans.append((start, start, int(item["level"])))  # one month, then back
            spans.append((_next_month(start), end, previous))
        else:
            spans.append((start, end, int(item["level"])))
            previous = int(item["level"])
    return tuple(spans)


def table_rows(data: AppData, incidents: pd.DataFrame) -> list[dict]:
    """Incidents as the table shows them (in the current language): one page of it."""
    names = data.place_names
    lang = i18n.current()
    text = (f"description_{lang}" if f"description_{lang}" in incidents.columns
            else "description")
    provenance = export.code_words("source_type")
    return [{
        "incident_id": r["incident_id"], "date": r["date"].strftime("%Y-%m-%d"),
        "type": t(r["incident_type"]), "connection": t(r["connection"]),
        "link": t(r["link_type"]) if r["link_type"] else "",
        "plot": _("yes") if r["plot"] else _("no"),
        "place": names.get(r["nis_code"], r["nis_code"]),
        "province": PROVINCES[r["province"]][lang] if r["province"] in PROVINCES else "",
        "people": int(r["people"]),
        "networks": network_names.listed(r["networks"]),
        "provenance": provenance.get(r["source_type"], r["source_type"]),
        "description": r[text] or r["description"],
    } for r in incidents.to_dict("records")]


def _next_month(month: str) -> str:
    return (pd.Period(month, freq="M") + 1).strftime("%Y-%m")
