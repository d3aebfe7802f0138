"""The Download menu of every chart, and the callback that answers it: the chart's data and the
rows in view, as CSV (',' or Belgian ';') or XLSX, from the same filter state as the screen."""

from __future__ import annotations

import logging
import re
from datetime import date

import dash_mantine_components as dmc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from flask import request

from data import export, i18n, viewstate
from data.filters import Filters
from data.i18n import N_, _, use

from . import embed, ids, image_export, state, views
from .runtime import current

log = logging.getLogger(__name__)
CHART_DATA = {  # graph id -> the table it draws (data.export.chart_data)
    ids.CHART_SHARES: "shares", ids.CHART_TIMELINE: "timeline", ids.CHART_MAP: "map",
    ids.CHART_NETWORKS: "networks", ids.CHART_NETWORK_LINKS: "networks",
    ids.CHART_NETWORK_TIME: "networks", ids.CHART_PEOPLE_CITIZENSHIP: "citizenship",
    ids.CHART_PEOPLE_YEARS: "citizenship", ids.CHART_PEOPLE_BIRTHPLACE: "birthplace",
    ids.CHART_PEOPLE_HERITAGE: "heritage",
}
IMAGES = {"png": N_("Image · PNG 1200×675"), "png-square": N_("Image · PNG 1080×1080 (square)"),
          "png-screen": N_("Image · PNG as on screen (1000 px wide)"),
          "svg": N_("Image · SVG (vector)"), "pdf": N_("Image · PDF (vector, for print)")}
FORMATS = {**IMAGES,
           "csv": N_("Chart data · CSV"), "csv-be": N_("Chart data · CSV (; for Belgian Excel)"),
           "xlsx": N_("Chart data · XLSX"), "rows-csv": N_("All rows in view · CSV"),
           "rows-xlsx": N_("All rows in view · XLSX"), "embed": N_("Embed · iframe code")}
CHART_NAMES = {"shares": N_("linked or inspired"), "timeline": N_("over time"),
               "map": N_("map"), "networks": N_("networks"), "citizenship": N_("citizenship"),
               "birthplace": N_("country of birth"), "heritage": N_("family heritage")}


def download_menu(graph_id: str) -> dmc.Menu:
    """Images (when the server has a browser to draw them), data, rows in view, embed code."""
    chart = CHART_DATA[graph_id]
    drawable = image_export.browser() is not None
    return dmc.Menu([
        # Mantine puts the menu's aria-expanded on the wrapper of the target: the wrapper is
        # the button (a <button> inside would be a control inside a control); assets/ui.js
        # opens it with Enter and Space as a button does
        dmc.MenuTarget(html.Span(_("Download"), className="download-label"), boxWrapperProps={
            "role": "button", "tabIndex": 0, "className": "download-button",
            "aria-label": _("Download this chart or its data ({chart})").format(
                chart=_(CHART_NAMES[chart]))}),
        dmc.MenuDropdown([
            dmc.MenuItem(_(label) if fmt not in IMAGES or drawable else
                         _("{format} — not on this server (no Chromium)").format(
                             format=_(label)),
                         disabled=fmt in IMAGES and not drawable,
                         id={"type": ids.EXPORT, "format": fmt, "graph": graph_id})
            for fmt, label in FORMATS.items()]),
    ], position="bottom-end")


def _failed(err: Exception):
    """An export that failed says so next to the charts, in one line; the log has the rest."""
    log.error("export failed", exc_info=err)
    from .callbacks import _page_lang
    with use(_page_lang()):
        return no_update, dmc.Alert(_("The download failed ({error}). The data files may still "
                                      "work; the error is in the server log.").format(
            error=type(err).__name__), color="red", withCloseButton=True)


@callback(Output(ids.DOWNLOAD, "data"), Output(ids.EXPORT_STATUS, "children"),
          Input({"type": ids.EXPORT, "format": ALL, "graph": ALL}, "n_clicks"),
          State(ids.FILTER_STATE, "data"), State(ids.TIMELINE_FREQ, "value"),
          State(ids.TIMELINE_BY, "value"), State(ids.TIMELINE_EVENTS, "checked"),
          State(ids.MAP_PANEL, "value"), State(ids.MAP_METRIC, "value"),
          State(ids.LANG, "data"),
          running=[(Output(ids.EXPORT_PROGRESS, "className"), "export-progress active",
                    "export-progress")],
          prevent_initial_call=True, on_error=_failed)
def download(_clicks, filter_state, freq, by, events, panel, metric, lang):
    """One click on a Download item: the file, named after the chart and the date, in the
    page's language."""
    with use(lang):
        return _download(filter_state, freq, by, events, panel, metric)


def _download(filter_state, freq, by, events, panel, metric):
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        return no_update, no_update
    fmt, graph = trigger.get("format"), trigger.get("graph")
    chart = CHART_DATA.get(graph)
    if chart is None or fmt not in FORMATS:
        return no_update, no_update
    data = current()
    f, options = view_of(data, filter_state, freq, by, events, panel, metric)
    if fmt == "embed":
        code = embed.snippet(request.host_url, graph.removeprefix("chart-"), f, options,
                             data.dataset.version, 560)
        return no_update, dmc.Alert([dmc.Text(_("Paste this into a web page: the chart stays "
                                                "pinned to this dataset version.")),
                                     dmc.Code(code, block=True, id=ids.EMBED_CODE)],
                                    title=_("Embed this chart"), withCloseButton=True)
    try:
        payload, suffix = build(data, f, chart, fmt, options, permalink(f, options), graph)
    except image_export.ExportUnavailable as err:
        return no_update, dmc.Alert(
            _("Images cannot be drawn on this server ({error}). The chart data and the rows in "
              "view can still be downloaded.").format(error=err), color="yellow",
            withCloseButton=True)
    stem = "incidents" if fmt.startswith("rows") else graph.removeprefix("chart-")
    name = re.sub(r"[^a-z0-9._-]", "-", f"be-is-{stem}-{date.today()}")
    return dcc.send_bytes(payload, filename=name + suffix), None


@callback(Output(ids.DOWNLOAD_PACK, "data"), Output(ids.EXPORT_STATUS, "children",
                                                   allow_duplicate=True),
          Input(ids.BRIEFING_PACK, "n_clicks"),
          State(ids.FILTER_STATE, "data"), State(ids.TIMELINE_FREQ, "value"),
          State(ids.TIMELINE_BY, "value"), State(ids.TIMELINE_EVENTS, "checked"),
          State(ids.MAP_PANEL, "value"), State(ids.MAP_METRIC, "value"),
          State(ids.LANG, "data"),
          running=[(Output(ids.EXPORT_PROGRESS, "className"), "export-progress active pack",
                    "export-progress"),
                   (Output(ids.BRIEFING_PACK, "disabled"), True, False)],
          prevent_initial_call=True, on_error=_failed)
def briefing_pack(clicks, filter_state, freq, by, events, panel, metric, lang):
    """The ZIP of the current view (components/briefing.py), in the page's language."""
    if not clicks:
        return no_update, no_update
    with use(lang):
        return _briefing_pack(filter_state, freq, by, events, panel, metric)


def _briefing_pack(filter_state, freq, by, events, panel, metric):
    from .briefing import pack
    data = current()
    f, options = view_of(data, filter_state, freq, by, events, panel, metric)
    try:
        payload = pack(data, f, options, permalink(f, options))
    except image_export.ExportUnavailable as err:
        return no_update, dmc.Alert(_("The briefing pack needs images, which cannot be drawn "
                                      "on this server ({error}).").format(error=err),
                                    color="yellow", withCloseButton=True)
    return dcc.send_bytes(payload, filename=f"be-is-briefing-pack-{date.today()}.zip"), None


def view_of(data, filter_state, freq, by, events, panel, metric) -> tuple[Filters, dict]:
    """The filters and chart options of the view being exported, checked like any input."""
    f = Filters.from_query(filter_state if isinstance(filter_state, dict) else {},
                           data.vocabulary)
    return f, views.chart_options(freq, by, events, panel, metric)


def permalink(f: Filters, options: dict) -> str:
    """The link that reopens this view (its filters and chart options), in this language."""
    return (request.host_url.rstrip("/") + "/?"
            + viewstate.address(f.to_query(), options, i18n.current()))


def build(data, f: Filters, chart: str, fmt: str, options: dict, link: str,
          graph: str = "") -> tuple[bytes, str]:
    """The bytes of one download and its file suffix (pure but for the data it reads)."""
    if fmt in IMAGES:
        fig = image_export.for_export(figure_for(data, f, graph, options), link,
                                      date.today().isoformat())
        return image_export.render(fig, fmt), "." + fmt.split("-")[0]
    incidents, people = views.shown(data, f)
    names = data.place_names
    table = (export.rows_in_view(incidents, names) if fmt.startswith("rows") else
             export.chart_data(chart, incidents, people, names, options))
    if fmt.endswith("xlsx"):
        filters = [(_("filters"), f.describe(i18n.current(), names))] + [
            (name, label) for name, _, label in state.chips(f, lambda n, v: v)] + [
            (_("permalink"), link)]
        about = export.about(data.dataset, incidents, link, date.today().isoformat())
        if graph and not fmt.startswith("rows"):
            about.append((_("what the chart shows"), views.descriptions(
                data, f, options.get("freq", "year"), (graph,))[graph]))
        return export.xlsx_bytes(table, filters, about, export.column_meanings(table)), ".xlsx"
    return export.csv_bytes(table, belgian=fmt == "csv-be"), ".csv"


NETWORK_GRAPHS = (ids.CHART_NETWORKS, ids.CHART_NETWORK_LINKS, ids.CHART_NETWORK_TIME)
PEOPLE_GRAPHS = (ids.CHART_PEOPLE_CITIZENSHIP, ids.CHART_PEOPLE_BIRTHPLACE,
                 ids.CHART_PEOPLE_HERITAGE, ids.CHART_PEOPLE_YEARS)


def figure_for(data, f: Filters, graph: str, o: dict) -> dict:
    """The figure a graph shows (see figures_for)."""
    return figures_for(data, f, (graph,), o)[graph]


def figures_for(data, f: Filters, graphs: tuple[str, ...], o: dict) -> dict[str, dict]:
    """The figures graphs show, from the same view functions as the screen, each view function
    called once (the map's boundaries inline: the export renderer fetches nothing)."""
    unknown = set(graphs) - set(CHART_DATA)
    if unknown:
        raise ValueError(f"no chart {sorted(unknown)[0]!r}")
    out: dict[str, dict] = {}
    if ids.CHART_SHARES in graphs:
        out[ids.CHART_SHARES] = views.shares_figure(data, f)
    if ids.CHART_TIMELINE in graphs:
        out[ids.CHART_TIMELINE] = views.timeline_figure(data, f, o["freq"], o["by"],
                                                        o["events"])
    if ids.CHART_MAP in graphs:
        out[ids.CHART_MAP] = views.map_figure(data, f, o["panel"], o["metric"],
                                              geojson=data.geojson(o["panel"]))
    if set(graphs) & set(NETWORK_GRAPHS):
        out |= dict(zip(NETWORK_GRAPHS, views.network_figures(data, f), strict=True))
    if set(graphs) & set(PEOPLE_GRAPHS):
        out |= dict(zip(PEOPLE_GRAPHS, views.people_views(data, f)[1:], strict=True))
    return {g: out[g] for g in graphs}
