"""The page: header with provenance notice, filters, key figures, three charts, the table."""

from __future__ import annotations

import json
from pathlib import Path

import dash_mantine_components as dmc
from dash import dcc, html

from components import ids, state
from components.charts import comparison, controls
from components.charts.maps import panel_title
from components.dashboard.downloads import download_menu
from components.dashboard.grid import table
from components.runtime import AppData
from components.state import MONTHS
from data import i18n, viewstate
from data.i18n import LANGS, NAMES, _, num, t, use

GRAPH_CONFIG = {"displaylogo": False, "topojsonURL": "/assets/topojson/",
                "modeBarButtonsToRemove": ["sendDataToCloud", "sendChartToCloud", "lasso2d",
                                           "select2d"],
                "toImageButtonOptions": {"format": "png", "scale": 2}}
METHODOLOGY = Path(__file__).resolve().parents[2] / "docs" / "methodology.md"


def _data(control: dict) -> list[dict]:
    return [{"value": v, "label": label} for v, label in control["choices"]]


def filters_panel(data: AppData, lang: str) -> dmc.Stack:
    """Each filter's control, as data/spec.py declares it (its name and choices:
    components/charts/controls.py, which the offline file's controls read too)."""
    multi = dict(searchable=True, clearable=True, size="md",
                 nothingFoundMessage=_("Nothing found"))
    made = []
    listed = controls.controls(data, lang)
    for c in listed:
        cid = ids.control_id(c["param"])
        if c["control"] == "range":
            marks = [{"value": MONTHS.index(m), "label": m[:4]} for m in MONTHS
                     if m.endswith("-01")]
            made += [dmc.Text(c["label"], fw=600, id="period-label"),
                     dmc.Text(id=ids.FILTER_DATE_LABEL, size="sm", **{"aria-live": "off"}),
                     dmc.RangeSlider(id=cid, min=0, max=len(MONTHS) - 1, minRange=0,
                                     value=[0, len(MONTHS) - 1], marks=marks, label=None,
                                     mb="lg", updatemode="mouseup", thumbFromLabel=c["ends"][0],
                                     thumbToLabel=c["ends"][1])]
        elif c["control"] == "segmented":
            made += [dmc.Text(c["label"], fw=500, size="sm", id=f"{c['param']}-label"),
                     dmc.SegmentedControl(id=cid, value=state.ANY, data=_data(c),
                                          **{"aria-labelledby": f"{c['param']}-label"})]
        elif c["control"] == "places":  # its groups, then the municipalities (two entries)
            if c.get("list"):
                groups = next(x for x in listed if x["param"] == c["param"] and not x.get("list"))
                made.append(dmc.MultiSelect(
                    id=cid, label=groups["label"], value=[],
                    data=[{"group": groups["group"], "items": _data(groups)},
                          {"group": c["label"], "items": _data(c)}], limit=60, **multi))
        else:
            made.append(dmc.MultiSelect(id=cid, label=c["label"], value=[], data=_data(c),
                                        **multi))
    return dmc.Stack([html.H2(_("Filters"), className="filters-title"), *made,
                      dmc.Button(t("reset"), id=ids.RESET, variant="outline", color="gray")],
                     gap="xs")


def header(data: AppData, lang: str) -> html.Header:
    d = data.dataset
    return html.Header([
        html.A(_("Skip to content"), href=f"#{ids.CONTENT}", id=ids.SKIP_LINK,
               className="skip-link"),
        html.Div([
            html.H1(t("title")),
            html.Div(f"{d.title(lang)} · {num(len(d.incidents))} {t('incidents')}",
                     className="dataset-line"),
        ]),
        html.Nav([dcc.Link(_("Dashboard"), href=f"/?lang={lang}"),
                  dcc.Link(_("Study check"), href=f"/study?lang={lang}"),
                  dcc.Link(_("Methodology"), href=f"/methodology?lang={lang}"),
                  html.A(_("Brief"), href=f"/brief?lang={lang}", id=ids.BRIEF_LINK,
                         title=_("Briefing mode: the study's findings, one scene per screen"))],
                 **{"aria-label": _("Pages")}),
        language_switch(lang),
    ], className="app-header")


def language_switch(lang: str) -> html.Nav:
    """EN · FR · NL: links to the same view in another language (assets/ui.js keeps the
    current filters in them; without scripts they open the default view)."""
    return html.Nav([html.A(code.upper(), href=f"?lang={code}", lang=code, hrefLang=code,
                            className="lang-link" + (" current" if code == lang else ""),
                            title=NAMES[code], **{"aria-label": NAMES[code],
                                                  "aria-current": "true" if code == lang
                                                  else "false"})
                     for code in LANGS],
                    id=ids.LANG_SWITCH, className="lang-switch",
                    **{"aria-label": _("Language")})


def provenance_notice() -> dmc.Alert:
    return dmc.Alert(
        id=ids.PROVENANCE, color="yellow", title=_("Reconstructed records in view"),
        children=[_("Most records shown are a reconstruction that reproduces the study's "
                    "published totals, not the study's own incident list. Counts match the "
                    "study; individual dates and places of reconstructed records do not "
                    "describe real events."), " ",
                  dcc.Link(_("How the reconstruction was made"), href="/methodology")],
        className="provenance",
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


def graph_config() -> dict:
    """plotly's settings in the current language: its locale (fr, nl: built into our bundle),
    and the toolbar words its Dutch locale lacks, from our catalogue."""
    lang = i18n.current()
    words = {"Pan": _("Pan"), "Reset": _("Reset"), "Reset axes": _("Reset axes"),
             "Zoom in": _("Zoom in"), "Zoom out": _("Zoom out")}
    return {**GRAPH_CONFIG, "locale": lang, "locales": {lang: {"dictionary": words}}}


def chart(graph_id: str, controls=None, owned: bool = False) -> dmc.Paper:
    """A chart in its card: its controls and its Download menu above it. An owned chart is an
    empty element that assets/instant.js draws into (the main charts: a filter change redraws
    them with no Dash props in between): its title, subtitle and source as the card's text,
    the plot with plotly. The others are dcc.Graph."""
    if owned:  # its title is the card's heading (instant.js); its image is the Download menu's
        config = graph_config()
        config["modeBarButtonsToRemove"] = [*config["modeBarButtonsToRemove"], "toImage"]
        graph = html.Div(id=graph_id, className="dash-graph",
                         **{"data-config": json.dumps(config, ensure_ascii=False)})
        named = {"aria-labelledby": f"{graph_id}-title"}
    else:
        graph, named = dcc.Graph(id=graph_id, config=graph_config()), {}
    return dmc.Paper([dmc.Group([controls or html.Div(), download_menu(graph_id)],
                                justify="space-between", align="flex-start",
                                className="chart-tools"),
                      html.Div(graph,
                               role="figure",
                               **{"aria-describedby": ids.description(graph_id)}, **named),
                      html.P(id=ids.description(graph_id), className="visually-hidden")],
                     withBorder=True, p="xs", className="chart-card")


def _option_name(param: str) -> str:
    """What a chart option's control is called, in the page's language (state.OPTION_WORDS)."""
    name = state.OPTION_WORDS[param][0]
    return _(name)


def _choices(param: str) -> tuple[str, list[dict]]:
    """A chart option's control: its name and choices, in the page's language
    (state.OPTION_WORDS; the first choice is the option's default)."""
    name, labels = state.OPTION_WORDS[param]
    return _(name), [{"value": v, "label": _(labels[v])}
                     for v in viewstate.OPTION[param].choices]


def timeline_controls() -> dmc.Group:
    (freq, freqs), (by, bys) = _choices("freq"), _choices("by")
    return dmc.Group([
        dmc.SegmentedControl(id=ids.TIMELINE_FREQ, value="year", data=freqs,
                             **{"aria-label": freq}),
        dmc.SegmentedControl(id=ids.TIMELINE_BY, value="connection", data=bys,
                             **{"aria-label": by, "aria-describedby": ids.COMPARE_OPTIONS_NOTE}),
        dmc.Switch(id=ids.TIMELINE_EVENTS, label=_option_name("events"), checked=False,
                   **{"aria-describedby": ids.COMPARE_OPTIONS_NOTE}),
        html.Span(_("While comparing, the bars are slice A's and slice B's: these options "
                    "return when the comparison ends."), id=ids.COMPARE_OPTIONS_NOTE,
                  className="option-note", hidden=True),
    ])


def map_controls(schematic: bool = False) -> dmc.Group:
    """The map's area and measure. With no boundary file (the schematic map shows Brussels and
    the rest of the country at once, and knows no populations) both are shown but disabled,
    and say why: the notice beside them."""
    off = {"disabled": True, "aria-describedby": ids.MAP_NOTICE} if schematic else {}
    return dmc.Group([
        dmc.SegmentedControl(id=ids.MAP_PANEL, value="brussels", data=[
            {"value": p, "label": panel_title(p, short=True)}
            for p in viewstate.OPTION["panel"].choices],
            **{"aria-label": _option_name("panel")}, **off),
        dmc.SegmentedControl(id=ids.MAP_METRIC, value="incidents", data=_choices("metric")[1],
                             **{"aria-label": _choices("metric")[0]}, **off),
        html.Div(id=ids.MAP_NOTICE, className="map-notice"),
    ])


def compare_controls(data: AppData, lang: str) -> html.Div:
    """Compare: start a comparison of this view with a B chosen from the declared choices
    (components/charts/comparison.py CHOICES: each option's value its `vs.` pairs, as JSON),
    swap A and B, end it. assets/instant.js sends them as filter events and shows the buttons
    that apply."""
    groups = [html.Optgroup([html.Option(name, value=json.dumps(pairs)) for name, pairs in options],
                            label=group)
              for group, options in comparison.choices(data.vocabulary, lang, data.names(lang))]
    return html.Div([
        html.Button(_("Compare…"), id=ids.COMPARE_OPEN, type="button", className="compare-open",
                    **{"aria-expanded": "false", "aria-controls": ids.COMPARE_FORM}),
        html.Div([html.Label(_("Compare this view with"), htmlFor=ids.COMPARE_WITH),
                  html.Select(groups, id=ids.COMPARE_WITH),
                  html.Button(_("Compare"), id=ids.COMPARE_START, type="button")],
                 id=ids.COMPARE_FORM, className="compare-form", hidden=True),
        html.Button(_("Swap A and B"), id=ids.COMPARE_SWAP, type="button", hidden=True),
        html.Button(_("End comparison"), id=ids.COMPARE_END, type="button", hidden=True),
    ], className="compare-controls")


def main_view(data: AppData, lang: str) -> html.Div:
    return html.Div([
        html.Button(_("Filters"), id=ids.FILTERS_TOGGLE, className="filters-toggle",
                    type="button", **{"aria-expanded": "false",
                                      "aria-controls": ids.FILTERS_DRAWER}),
        html.Aside(filters_panel(data, lang), id=ids.FILTERS_DRAWER, className="filters",
                   **{"aria-label": _("Filters")}),
        html.Main([
            provenance_notice(),
            html.Div(id=ids.FILTER_ERROR, role="alert"),
            html.Div(id=ids.VIEW_ERROR, role="alert"),
            html.Div(id=ids.EXPORT_STATUS, role="alert"),
            # written by assets/downloads.js only (the server's one line, in these words)
            html.Div(id=ids.EXPORT_FILE_STATUS, role="alert", hidden=True,
                     className="export-file-status", **{"data-failed": _(
                         "The download failed: {error}")}),
            html.Div([html.Span(_("Preparing the download…"), className="file-text"),
                      html.Span(_("Preparing the briefing pack (about 10 s)…"),
                                className="pack-text", **{"data-progress": _(
                                    "Preparing the briefing pack: chart {done} of {total}…")})],
                     id=ids.EXPORT_PROGRESS, role="status", className="export-progress"),
            html.Div(id=ids.LIVE, role="status", className="visually-hidden",
                     **{"aria-live": "polite", "aria-atomic": "true"}),
            empty_notice(),
            html.Div([html.Span(id=ids.SUMMARY, className="summary"),
                      html.Div(id=ids.CHIPS, className="chips"),
                      compare_controls(data, lang),
                      # the dashboard in one file, for a room with no network (routes.py)
                      html.A(_("Save for offline"), href=f"/offline.html?lang={lang}",
                             download="", className="offline-link", **{
                                 "aria-label": _("Save the dashboard as one file that opens "
                                                 "with no network")}),
                      dmc.Button(_("Briefing pack"), id=ids.BRIEFING_PACK, variant="outline",
                                 size="compact-md", className="pack-button",
                                 **{"aria-label": _("Download a briefing pack of this view")})],
                     className="summary-bar"),
            html.Section(id=ids.COMPARE_PANEL, className="compare-panel", hidden=True,
                         **{"aria-label": _("Comparison")}),
            html.Section(id=ids.KPIS, className="kpis", **{"aria-label": _("Key figures")}),
            html.Div([chart(ids.CHART_SHARES, owned=True),
                      chart(ids.CHART_TIMELINE, timeline_controls(), owned=True)],
                     className="chart-row"),
            chart(ids.CHART_MAP, map_controls(data.munis is None), owned=True),
            sections(),
            table(),
        ], id=ids.CONTENT, className="content", tabIndex="-1"),
    ], id=ids.MAIN, className="layout")


def methodology_view() -> html.Main:
    """Filled only when /methodology is opened: the Markdown renderer is not part of first load.
    (Each page is its own <main>; only the one shown is in the accessibility tree.)"""
    return html.Main(id=ids.METHODOLOGY, className="methodology", style={"display": "none"})


def study_view() -> html.Main:
    """Filled only when /study is opened."""
    return html.Main(id=ids.STUDY, className="methodology", style={"display": "none"})


def methodology_content(lang: str = "en") -> dcc.Markdown:
    """The methodology in lang (docs/methodology.<lang>.md; English: docs/methodology.md)."""
    page = METHODOLOGY.with_name(f"methodology.{lang}.md")
    page = page if page.exists() else METHODOLOGY
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    return dcc.Markdown(text, className="markdown")


def layout(data: AppData, lang: str = "en") -> dmc.MantineProvider:
    """The page in lang (built for each page load: the language is part of the view)."""
    with use(lang) as lang:
        return dmc.MantineProvider(html.Div([
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.FILTER_STATE, data={}),
            dcc.Store(id=ids.LANG, data=lang),
            dcc.Store(id=ids.SECTIONS_STATE),
            header(data, lang),
            stale_banner(),
            main_view(data, lang),
            methodology_view(),
            study_view(),
        ]), theme={"fontFamily": "DejaVu Sans, Arial, sans-serif", "primaryColor": "blue",
                   "primaryShade": 8})
