"""The Download menu of every chart: its files are export URLs the browser fetches for the view
on screen (components/exports/urls.py, assets/downloads.js; the briefing pack's button too);
its embed item is the one callback here."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import ALL, Input, Output, State, callback, ctx, html, no_update
from flask import request

from components import ids
from components.charts import registry as charts
from components.exports import embed, urls
from components.exports import images as image_export
from components.exports.files import FORMATS, IMAGES, view_of
from components.exports.files import permalink as link_to
from components.runtime import current, public_url
from data import compare
from data.filters import Filters
from data.i18n import _, use


def download_menu(graph_id: str) -> dmc.Menu:
    """Images (when the server has a browser to draw them), data, rows in view, embed code.
    A file's item names its export URL (components/exports/urls.py) in its id: the browser
    fetches it for the view on screen (assets/downloads.js); only the embed item is a callback."""
    chart = charts.BY_GRAPH[graph_id]
    drawable = image_export.browser() is not None

    def item_id(fmt: str) -> dict:
        if fmt == "embed":
            return {"type": ids.EXPORT, "format": fmt, "graph": graph_id}
        path, extra = urls.menu_item(fmt, chart.slug)
        # in compare mode every file draws both slices: the page's address, vs. and all
        return {"type": ids.EXPORT_FILE, "path": path, "extra": extra, "graph": graph_id}

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
                         disabled=fmt in IMAGES and not drawable, id=item_id(fmt))
            for fmt, label in FORMATS.items()]),
    ], position="bottom-end")


@callback(Output(ids.EXPORT_STATUS, "children"),
          Input({"type": ids.EXPORT, "format": ALL, "graph": ALL}, "n_clicks"),
          State(ids.FILTER_STATE, "data"), State(ids.TIMELINE_FREQ, "value"),
          State(ids.TIMELINE_BY, "value"), State(ids.TIMELINE_EVENTS, "checked"),
          State(ids.MAP_PANEL, "value"), State(ids.MAP_METRIC, "value"),
          State(ids.LANG, "data"), prevent_initial_call=True)
def embed_code(_clicks, filter_state, freq, by, events, panel, metric, lang):
    """The Download menu's embed item: the iframe code of this view, pinned to the dataset
    version, in the page's language."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        return no_update
    graph = trigger.get("graph")
    if graph not in charts.CHART_DATA:
        return no_update
    with use(lang):
        data = current()
        state = filter_state if isinstance(filter_state, dict) else {}
        mine = {k: v for k, v in state.items() if not k.startswith(compare.VS)}
        f, options = view_of(data, mine, freq, by, events, panel, metric)
        c = compare.slices(state, data.vocabulary)[1]  # a comparison: the embed shows both
        code = embed.snippet(public_url(request.host_url), graph.removeprefix("chart-"), f, options,
                             data.dataset.version, c=c)
        # a dialog in view wherever the menu was (not at the page's top), the code wrapped
        # within it, a button that copies it
        return dmc.Modal([dmc.Text(_("Paste this into a web page: the chart stays "
                                     "pinned to this dataset version."), mb="sm"),
                          dmc.Code(code, block=True, id=ids.EMBED_CODE, className="embed-code"),
                          dmc.CopyButton(value=code, children=_("Copy the code"),
                                         copiedChildren=_("Copied"), mt="sm")],
                         title=_("Embed this chart"), opened=True, size="lg",
                         closeButtonProps={"aria-label": _("Close")})


def permalink(f: Filters, options: dict) -> str:
    """The link that reopens this view, from the page's own address."""
    return link_to(public_url(request.host_url), f, options)
