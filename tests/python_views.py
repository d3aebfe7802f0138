"""The Python twin of the browser's main views (assets/instant.js): every output of the main
views for one view state, drawn by the same Python functions as exports. Only the tests (the
parity runs, tests/view_cases.py) and bench/server_time.py use it: the page draws the main views
in the browser, and the server draws only the sections (components/dashboard/callbacks.py)."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import Output, html, no_update

from components import ids, state
from components.charts import views
from components.dashboard.callbacks import SECTION_OUTPUTS, _sections
from components.runtime import current
from data import aggregate as ag
from data import i18n
from data.filters import Filters
from data.i18n import _, num, pct, t
from data.spec import FILTERS

VIEW_OUTPUTS = (
    Output(ids.KPIS, "children"), Output(ids.CHART_SHARES, "figure"),
    Output(ids.PROVENANCE, "style"),
    Output(ids.CHIPS, "children"), Output(ids.SUMMARY, "children"),
    Output(ids.FILTER_DATE_LABEL, "children"),
    Output(ids.CHART_TIMELINE, "figure"),
    Output(ids.CHART_MAP, "figure"), Output(ids.MAP_NOTICE, "children"),
    Output(ids.EMPTY_NOTICE, "style"), Output(ids.VIEW_ERROR, "children"),
    Output(ids.CHART_NETWORKS, "figure"), Output(ids.CHART_NETWORK_LINKS, "figure"),
    Output(ids.CHART_NETWORK_TIME, "figure"),
    Output(ids.PEOPLE_SUMMARY, "children"), Output(ids.CHART_PEOPLE_CITIZENSHIP, "figure"),
    Output(ids.CHART_PEOPLE_BIRTHPLACE, "figure"), Output(ids.CHART_PEOPLE_HERITAGE, "figure"),
    Output(ids.CHART_PEOPLE_YEARS, "figure"), Output(ids.LIVE, "children"),
    *[Output(ids.description(g), "children") for g in (
        ids.CHART_SHARES, ids.CHART_TIMELINE, ids.CHART_MAP, ids.CHART_NETWORKS,
        ids.CHART_NETWORK_LINKS, ids.CHART_NETWORK_TIME, ids.CHART_PEOPLE_CITIZENSHIP,
        ids.CHART_PEOPLE_BIRTHPLACE, ids.CHART_PEOPLE_HERITAGE, ids.CHART_PEOPLE_YEARS)],
)
VIEW_KEYS = tuple(o.component_id for o in VIEW_OUTPUTS)
HIDDEN = {"display": "none"}


def _ordered(values: dict) -> tuple:
    """Outputs in VIEW_OUTPUTS order; an output not in values is left as it is."""
    return tuple(values.get(key, no_update) for key in VIEW_KEYS)



def draw(filter_state, freq="year", by="connection", events=False, panel="brussels",
         metric="incidents", part="all", open_sections=tuple(SECTION_OUTPUTS)) -> tuple:
    """The outputs of redraw; a timeline or map option change redraws only that chart, opening
    a section only that section; a closed section is emptied, never drawn."""
    data = current()
    f = Filters.from_query(filter_state or {}, data.vocabulary)
    freq = views.chart_options(freq=freq)["freq"]
    if part in ("sections", "all"):
        sections = _sections(data, f, freq, open_sections)
        if part == "sections":
            return _ordered(sections)
    if part == "timeline":
        return _ordered({ids.CHART_TIMELINE: _timeline(data, f, freq, by, events),
                         ids.description(ids.CHART_TIMELINE): views.descriptions(
                             data, f, freq, (ids.CHART_TIMELINE,))[ids.CHART_TIMELINE],
                         ids.VIEW_ERROR: None})
    chart_map, map_notice = _map(data, f, panel, metric)
    if part == "map":
        return _ordered({ids.CHART_MAP: chart_map, ids.MAP_NOTICE: map_notice,
                         ids.VIEW_ERROR: None})
    incidents, people = views.shown(data, f)
    reconstructed = bool((incidents["source_type"] == "reconstructed").any())
    main = (ids.CHART_SHARES, ids.CHART_TIMELINE, ids.CHART_MAP)
    summary = summary_line(data, f, len(incidents))
    described = views.descriptions(data, f, freq, main)
    return _ordered({
        **{ids.description(g): described[g] for g in main},
        **sections,
        ids.KPIS: kpi_cards(incidents, people), ids.CHART_SHARES: views.shares_figure(data, f),
        ids.PROVENANCE: {} if reconstructed else HIDDEN,
        ids.CHIPS: [chip(name, value, label)
                    for name, value, label in state.chips(f, _chip_label)],
        ids.SUMMARY: summary,
        ids.LIVE: summary,
        ids.FILTER_DATE_LABEL: state.period_label(f),
        ids.CHART_TIMELINE: _timeline(data, f, freq, by, events),
        ids.CHART_MAP: chart_map, ids.MAP_NOTICE: map_notice,
        ids.EMPTY_NOTICE: {} if incidents.empty else HIDDEN, ids.VIEW_ERROR: None,
    })


def _timeline(data, f: Filters, freq, by, events):
    o = views.chart_options(freq=freq, by=by, events=events)
    return views.timeline_figure(data, f, o["freq"], o["by"], o["events"])


def _map(data, f: Filters, panel, metric):
    o = views.chart_options(panel=panel, metric=metric)
    panel, metric = o["panel"], o["metric"]
    return views.map_figure(data, f, panel, metric), views.map_notice(data)


def summary_line(data, f: Filters, n: int, lang: str | None = None) -> str:
    """'Attacks, Brussels-Capital Region · 2 incidents', as the page's summary says it."""
    from components.charts import figures
    lang = i18n.valid(lang) or i18n.current()
    return f"{f.describe(lang, data.names(lang))} · {figures.incidents_count(n, lang)}"


def _chip_label(name: str, value: str) -> str:
    spec = next(s for s in FILTERS if s.field == name)
    return state.chip_label(spec, value, i18n.current(), current().names(i18n.current()))


def chip(name: str, value: str, label: str) -> dmc.Button:
    return dmc.Button(f"{label} ✕", id={"type": ids.CHIP, "name": name, "value": value},
                      size="compact-sm", variant="light", radius="xl",
                      **{"aria-label": _("Remove filter: {label}").format(label=label)})


def kpi_cards(incidents, people) -> list:
    """Six cards, each read as one sentence by a screen reader: label, value, n."""
    k = ag.key_figures(incidents, people)

    def card(card_id, label, value, note=""):
        return html.Div([html.Div(label, className="kpi-label"),
                         html.Div(value, className="kpi-value"),
                         html.Div(note, className="kpi-note")], id=card_id, className="kpi",
                        role="group", **{"aria-label": f"{label}: {value}"
                                         + (f" ({note})" if note else "")})

    return [
        card(ids.KPI_INCIDENTS, i18n.cap(t("incidents")), num(k["incidents"]["value"])),
        card("kpi-arrest-actions", i18n.cap(t("arrest_actions")),
             num(k["arrest_actions"]["value"])),
        card("kpi-attacks", i18n.cap(t("attacks")), num(k["attacks"]["value"])),
        card("kpi-people", t("people"), num(k["people"]["value"]), t("people_note")),
        card("kpi-linked", t("share_linked"), pct(k["share_linked"]["pct"]),
             views.share_note(k["share_linked"], "incidents")),
        card("kpi-plot", t("share_plot"), pct(k["share_plot"]["pct"]),
             views.share_note(k["share_plot"], "arrest_actions")),
    ]
