"""The page: header with provenance notice, filters, key figures, three charts, the table."""

from __future__ import annotations

from pathlib import Path

import dash_ag_grid as dag
import dash_mantine_components as dmc
from dash import dcc, html

from data import codebook as cb
from data.codebook import COUNTRIES
from data.i18n import t
from data.places import GROUP_NAMES

from . import ids
from .runtime import AppData
from .state import MONTHS

GRAPH_CONFIG = {"displaylogo": False, "topojsonURL": "/assets/topojson/",
                "modeBarButtonsToRemove": ["sendDataToCloud", "sendChartToCloud", "lasso2d",
                                           "select2d"],
                "toImageButtonOptions": {"format": "png", "scale": 2}}
METHODOLOGY = Path(__file__).resolve().parents[1] / "docs" / "methodology.md"


def _options(values, label=lambda v: v) -> list[dict]:
    return [{"value": v, "label": label(v)} for v in values]


def _place_options(data: AppData) -> list[dict]:
    groups = [{"value": g, "label": names["en"]} for g, names in GROUP_NAMES.items()]
    shown = set(data.dataset.incidents["nis_code"])
    codes = sorted(data.place_names, key=lambda c: (c not in shown, data.place_names[c]))
    return [{"group": "Groups", "items": groups},
            {"group": "Municipalities (FR / NL)",
             "items": [{"value": c, "label": data.place_names[c]} for c in codes]}]


def filters_panel(data: AppData) -> dmc.Stack:
    marks = [{"value": MONTHS.index(m), "label": m[:4]} for m in MONTHS if m.endswith("-01")]
    people = data.dataset.people
    cits = sorted({c for v in people["citizenship"] for c in v.split(";") if c})
    multi = dict(searchable=True, clearable=True, size="md")
    return dmc.Stack([
        dmc.Text(t("period"), fw=600),
        dmc.Text(id=ids.FILTER_DATE_LABEL, size="sm"),
        dmc.RangeSlider(id=ids.FILTER_DATE, min=0, max=len(MONTHS) - 1, minRange=0,
                        value=[0, len(MONTHS) - 1], marks=marks, label=None, mb="lg",
                        updatemode="mouseup"),
        dmc.MultiSelect(id=ids.FILTER_TYPE, label=t("incident_type"), value=[],
                        data=_options(cb.INCIDENT_TYPES, lambda v: t(v).capitalize()), **multi),
        dmc.MultiSelect(id=ids.FILTER_CONNECTION, label=t("connection"), value=[],
                        data=_options(cb.CONNECTIONS, lambda v: t(v).capitalize()), **multi),
        dmc.MultiSelect(id=ids.FILTER_LINK, label=t("how_linked"), value=[],
                        data=_options(cb.LINK_TYPES, t), **multi),
        dmc.Text(t("plot_evidence"), fw=500, size="sm"),
        dmc.SegmentedControl(id=ids.FILTER_PLOT, value="any", data=_options(
            ["any", "yes", "no"], str.capitalize)),
        dmc.MultiSelect(id=ids.FILTER_NETWORK, label=t("network").capitalize(), value=[],
                        data=_options(sorted(data.dataset.networks["network"])), **multi),
        dmc.MultiSelect(id=ids.FILTER_PLACE, label=t("place"), value=[],
                        data=_place_options(data), limit=60, **multi),
        dmc.MultiSelect(id=ids.FILTER_CITIZENSHIP, label=t("citizenship"), value=[],
                        data=_options(cits, lambda c: COUNTRIES.get(c, c)), **multi),
        dmc.Button(t("reset"), id=ids.RESET, variant="outline", color="gray"),
    ], gap="xs")


def header(data: AppData) -> html.Header:
    d = data.dataset
    return html.Header([
        html.Div([
            html.H1(t("title")),
            html.Div(f"{d.name}{' · ' + d.version if d.version else ''} · "
                     f"{len(d.incidents)} incidents", className="dataset-line"),
        ]),
        html.Nav([dcc.Link("Dashboard", href="/"), dcc.Link("Study check", href="/study"),
                  dcc.Link("Methodology", href="/methodology")]),
    ], className="app-header")


def provenance_notice() -> dmc.Alert:
    return dmc.Alert(
        id=ids.PROVENANCE, color="yellow", title="Reconstructed records in view",
        children=["Most records shown are a reconstruction that reproduces the study's published "
                  "totals, not the study's own incident list. Counts match the study; individual "
                  "dates and places of reconstructed records do not describe real events. ",
                  dcc.Link("How the reconstruction was made", href="/methodology")],
    )


def sections() -> dmc.Accordion:
    """Networks and people, closed at first: drawn only while open (a filter change redraws
    only what can be seen; a closed section holds no numbers, so none can be stale)."""
    def item(value: str, title: str, body: list) -> dmc.AccordionItem:
        return dmc.AccordionItem([
            dmc.AccordionControl(html.H2(t(title), className="section-title")),
            dmc.AccordionPanel(body)], value=value)
    return dmc.Accordion(id=ids.SECTIONS, multiple=True, value=[], transitionDuration=0,
                         variant="separated", children=[
        item("networks", "networks_title", [
            html.Div([chart(ids.CHART_NETWORKS), chart(ids.CHART_NETWORK_TIME)],
                     className="chart-row"),
            chart(ids.CHART_NETWORK_LINKS)]),
        item("people", "people_title", [
            html.P(id=ids.PEOPLE_SUMMARY, className="people-summary"),
            html.Div([chart(ids.CHART_PEOPLE_CITIZENSHIP), chart(ids.CHART_PEOPLE_YEARS)],
                     className="chart-row"),
            html.Div([chart(ids.CHART_PEOPLE_BIRTHPLACE), chart(ids.CHART_PEOPLE_HERITAGE)],
                     className="chart-row")]),
    ])


def empty_notice() -> dmc.Alert:
    """Shown while no incident matches: says so, and offers the way back."""
    return dmc.Alert(id=ids.EMPTY_NOTICE, color="blue", title=t("no_match"),
                     style={"display": "none"}, children=dmc.Group([
                         dmc.Text(t("no_match_hint")),
                         dmc.Button(t("show_all"), id=ids.EMPTY_RESET, variant="filled")]))


def stale_banner() -> html.Div:
    """Hidden until assets/view-guard.js sees a view request fail (error, timeout, no server)."""
    return html.Div(t("stale"), id=ids.STALE_BANNER, role="alert", className="stale-banner")


def chart(graph_id: str, controls=None) -> dmc.Paper:
    """A chart in its card: its controls and its Download menu above it."""
    from .downloads import download_menu
    return dmc.Paper([dmc.Group([controls or html.Div(), download_menu(graph_id)],
                                justify="space-between", align="flex-start"),
                      html.Div(dcc.Graph(id=graph_id, config=GRAPH_CONFIG), role="figure",
                               **{"aria-describedby": ids.description(graph_id)}),
                      html.P(id=ids.description(graph_id), className="visually-hidden")],
                     withBorder=True, p="xs", className="chart-card")


def timeline_controls() -> dmc.Group:
    return dmc.Group([
        dmc.SegmentedControl(id=ids.TIMELINE_FREQ, value="year", data=_options(
            ["year", "month"], lambda v: f"By {v}")),
        dmc.SegmentedControl(id=ids.TIMELINE_BY, value="connection", data=[
            {"value": "connection", "label": "Linked / inspired"},
            {"value": "incident_type", "label": "Arrests / attacks"}]),
        dmc.Switch(id=ids.TIMELINE_EVENTS, label="Attacks and threat levels", checked=False),
    ])


def map_controls() -> dmc.Group:
    return dmc.Group([
        dmc.SegmentedControl(id=ids.MAP_PANEL, value="brussels", data=[
            {"value": "brussels", "label": "Brussels"}, {"value": "charleroi",
                                                          "label": "Charleroi"},
            {"value": "antwerp", "label": "Antwerp"}, {"value": "belgium", "label": "Belgium"}]),
        dmc.SegmentedControl(id=ids.MAP_METRIC, value="incidents", data=[
            {"value": "incidents", "label": "Incidents"},
            {"value": "per_100k", "label": "Per 100,000"}]),
        html.Div(id=ids.MAP_NOTICE, className="map-notice"),
    ])


COLUMNS = [
    {"field": "incident_id", "headerName": "Id", "width": 130, "pinned": "left"},
    {"field": "date", "headerName": "Date", "width": 120},
    {"field": "type", "headerName": "Type", "width": 130},
    {"field": "connection", "headerName": "Connection", "width": 130},
    {"field": "link", "headerName": "How linked", "width": 160},
    {"field": "plot", "headerName": "Plot", "width": 90},
    {"field": "place", "headerName": "Place", "width": 230},
    {"field": "people", "headerName": "People", "width": 100, "type": "numericColumn"},
    {"field": "networks", "headerName": "Networks", "width": 220},
    {"field": "provenance", "headerName": "Provenance", "width": 150},
    {"field": "description", "headerName": "What happened", "flex": 1, "minWidth": 300},
]


GRID_OPTIONS = {"pagination": True, "paginationPageSize": 20, "animateRows": False,
                "domLayout": "autoHeight"}


def table() -> dmc.Paper:
    return dmc.Paper([
        dmc.Group([html.H3(t("incidents_shown")),
                   dmc.TextInput(id=ids.TABLE_SEARCH, placeholder=t("search_table"),
                                 w=320)], justify="space-between"),
        dag.AgGrid(id=ids.TABLE, columnDefs=COLUMNS, rowData=[],
                   defaultColDef={"sortable": True, "resizable": True, "filter": True},
                   dashGridOptions=GRID_OPTIONS,
                   style={"height": None}, className="ag-theme-alpine"),
    ], withBorder=True, p="sm")


def main_view(data: AppData) -> html.Div:
    return html.Div([
        html.Aside(filters_panel(data), className="filters"),
        html.Main([
            provenance_notice(),
            html.Div(id=ids.FILTER_ERROR, role="alert"),
            html.Div(id=ids.VIEW_ERROR, role="alert"),
            html.Div(id=ids.EXPORT_STATUS, role="alert"),
            html.Div(id=ids.EXPORT_PROGRESS, role="status", className="export-progress"),
            empty_notice(),
            html.Div([html.Span(id=ids.SUMMARY, className="summary"),
                      html.Div(id=ids.CHIPS, className="chips"),
                      dmc.Button("Briefing pack", id=ids.BRIEFING_PACK, variant="outline",
                                 size="compact-md", className="pack-button",
                                 **{"aria-label": "Download a briefing pack of this view"})],
                     className="summary-bar"),
            html.Div(id=ids.KPIS, className="kpis"),
            html.Div([chart(ids.CHART_SHARES), chart(ids.CHART_TIMELINE, timeline_controls())],
                     className="chart-row"),
            chart(ids.CHART_MAP, map_controls()),
            sections(),
            table(),
        ], className="content"),
    ], id=ids.MAIN, className="layout")


def methodology_view() -> html.Div:
    """Filled only when /methodology is opened: the Markdown renderer is not part of first load."""
    return html.Div(id=ids.METHODOLOGY, className="methodology", style={"display": "none"})


def study_view() -> html.Div:
    """Filled only when /study is opened."""
    return html.Div(id=ids.STUDY, className="methodology", style={"display": "none"})


def methodology_content() -> dcc.Markdown:
    text = METHODOLOGY.read_text(encoding="utf-8") if METHODOLOGY.exists() else ""
    return dcc.Markdown(text, className="markdown")


def layout(data: AppData) -> dmc.MantineProvider:
    return dmc.MantineProvider(html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.FILTER_STATE, data={}),
        dcc.Download(id=ids.DOWNLOAD), dcc.Download(id=ids.DOWNLOAD_PACK),
        header(data),
        stale_banner(),
        main_view(data),
        methodology_view(),
        study_view(),
    ]), theme={"fontFamily": "DejaVu Sans, Arial, sans-serif"})
