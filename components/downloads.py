"""The Download menu of every chart, and the callback that answers it: the chart's data and the
rows in view, as CSV (',' or Belgian ';') or XLSX, from the same filter state as the screen."""

from __future__ import annotations

import re
from datetime import date

import dash_mantine_components as dmc
from dash import ALL, Input, Output, State, callback, ctx, dcc, no_update
from flask import request

from data import export
from data.filters import Filters

from . import ids, state, views
from .runtime import current

CHART_DATA = {  # graph id -> the table it draws (data.export.chart_data)
    ids.CHART_SHARES: "shares", ids.CHART_TIMELINE: "timeline", ids.CHART_MAP: "map",
    ids.CHART_NETWORKS: "networks", ids.CHART_NETWORK_LINKS: "networks",
    ids.CHART_NETWORK_TIME: "networks", ids.CHART_PEOPLE_CITIZENSHIP: "citizenship",
    ids.CHART_PEOPLE_YEARS: "citizenship", ids.CHART_PEOPLE_BIRTHPLACE: "birthplace",
    ids.CHART_PEOPLE_HERITAGE: "heritage",
}
FORMATS = {"csv": "Chart data · CSV", "csv-be": "Chart data · CSV (; for Belgian Excel)",
           "xlsx": "Chart data · XLSX", "rows-csv": "All rows in view · CSV",
           "rows-xlsx": "All rows in view · XLSX"}


def download_menu(graph_id: str) -> dmc.Menu:
    chart = CHART_DATA[graph_id]
    return dmc.Menu([
        dmc.MenuTarget(dmc.Button("Download", variant="subtle", size="compact-sm",
                                  **{"aria-label": f"Download the data of this chart ({chart})"})),
        dmc.MenuDropdown([dmc.MenuItem(label, id={"type": ids.EXPORT, "chart": chart,
                                                  "format": fmt, "graph": graph_id})
                          for fmt, label in FORMATS.items()]),
    ], position="bottom-end")


@callback(Output(ids.DOWNLOAD, "data"),
          Input({"type": ids.EXPORT, "chart": ALL, "format": ALL, "graph": ALL}, "n_clicks"),
          State(ids.FILTER_STATE, "data"), State(ids.TIMELINE_FREQ, "value"),
          State(ids.TIMELINE_BY, "value"), prevent_initial_call=True)
def download(_clicks, filter_state, freq, by):
    """One click on a Download item: the file, named after the chart, the filters' date."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        return no_update
    chart, fmt = trigger.get("chart"), trigger.get("format")
    if chart not in set(CHART_DATA.values()) or fmt not in FORMATS:
        return no_update
    data = current()
    f = Filters.from_query(filter_state if isinstance(filter_state, dict) else {},
                           data.vocabulary)
    payload, suffix = build(data, f, chart, fmt, {"freq": str(freq or "year"),
                                                  "by": str(by or "connection")},
                            permalink(f))
    name = f"be-is-{chart if not fmt.startswith('rows') else 'incidents'}-{date.today()}"
    return dcc.send_bytes(payload, filename=re.sub(r"[^a-z0-9._-]", "-", name) + suffix)


def permalink(f: Filters) -> str:
    query = f.to_query()
    return request.host_url.rstrip("/") + "/" + (f"?{query}" if query else "")


def build(data, f: Filters, chart: str, fmt: str, options: dict, link: str
          ) -> tuple[bytes, str]:
    """The bytes of one download and its file suffix (pure but for the data it reads)."""
    incidents, people = views.shown(data, f)
    names = data.place_names
    table = (export.rows_in_view(incidents, names) if fmt.startswith("rows") else
             export.chart_data(chart, incidents, people, names, options))
    if fmt.endswith("xlsx"):
        filters = [("filters", f.describe("en", names))] + [
            (name, label) for name, _, label in state.chips(f, lambda n, v: v)] + [
            ("permalink", link)]
        about = export.about(data.dataset, incidents, link, date.today().isoformat())
        return export.xlsx_bytes(table, filters, about, export.column_meanings(table)), ".xlsx"
    return export.csv_bytes(table, belgian=fmt == "csv-be"), ".csv"
