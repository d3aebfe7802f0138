"""The Download menu of every chart and the briefing pack's button, and the callbacks that
answer them (the files themselves: components/exports/files.py and components/exports/pack.py)."""

from __future__ import annotations

import logging
import re
from datetime import date

import dash_mantine_components as dmc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from flask import request

from components import ids
from components.charts import registry as charts
from components.dashboard.context import page_lang
from components.exports import embed
from components.exports import images as image_export
from components.exports.files import FORMATS, IMAGES, build, view_of
from components.exports.files import permalink as link_to
from components.exports.pack import pack
from components.runtime import current
from data.filters import Filters
from data.i18n import _, use

log = logging.getLogger(__name__)
def download_menu(graph_id: str) -> dmc.Menu:
    """Images (when the server has a browser to draw them), data, rows in view, embed code."""
    chart = charts.BY_GRAPH[graph_id]
    drawable = image_export.browser() is not None
    return dmc.Menu([
        # Mantine puts the menu's aria-expanded on the wrapper of the target: the wrapper is
        # the button (a <button> inside would be a control inside a control); assets/ui.js
        # opens it with Enter and Space as a button does
        dmc.MenuTarget(html.Span(_("Download"), className="download-label"), boxWrapperProps={
            "role": "button", "tabIndex": 0, "className": "download-button",
            "aria-label": _("Download this chart or its data ({chart})").format(
                chart=_(chart.name))}),
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
    with use(page_lang()):
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
    chart = charts.CHART_DATA.get(graph)
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
    """The ZIP of the current view (components/exports/pack.py), in the page's language."""
    if not clicks:
        return no_update, no_update
    with use(lang):
        return _briefing_pack(filter_state, freq, by, events, panel, metric)


def _briefing_pack(filter_state, freq, by, events, panel, metric):
    data = current()
    f, options = view_of(data, filter_state, freq, by, events, panel, metric)
    try:
        payload = pack(data, f, options, permalink(f, options))
    except image_export.ExportUnavailable as err:
        return no_update, dmc.Alert(_("The briefing pack needs images, which cannot be drawn "
                                      "on this server ({error}).").format(error=err),
                                    color="yellow", withCloseButton=True)
    return dcc.send_bytes(payload, filename=f"be-is-briefing-pack-{date.today()}.zip"), None


def permalink(f: Filters, options: dict) -> str:
    """The link that reopens this view, from the page's own address."""
    return link_to(request.host_url, f, options)
