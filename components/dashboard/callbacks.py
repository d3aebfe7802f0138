"""Thin adapters: Dash inputs -> pure functions in state/views -> Dash outputs."""

from __future__ import annotations

import logging

from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    no_update,
)
from dash.exceptions import PreventUpdate

from components import ids, state
from components.charts import comparison, figures, table, views
from components.charts import registry as charts
from components.dashboard.context import page_lang
from components.dashboard.layout import methodology_content
from components.dashboard.study_page import study_content
from components.runtime import current
from data import compare, viewstate
from data.filters import FilterError, Filters
from data.i18n import t, use

# each filter control's id, by its name (components/state.py CONTROL_OF, data/spec.py)
CONTROL_IDS = {name: ids.control_id("period" if name == state.DATE else specs[0].param)
               for name, specs in state.CONTROL_OF.items()}
log = logging.getLogger(__name__)
# the sections' charts are dcc.Graph: their clicks are inputs of the filter callback; a click on
# a main chart or a chip is applied in the browser (assets/instant.js draws them, filters.js apply)
CLICKS = charts.SECTION_CLICKS


# Every way of changing the filters (URL, back/forward, controls, reset, chips, chart clicks) ends
# in one state, drawn and then written to the address, the controls, the store and the error slot
# -- in the browser, with no request (assets/filters.js apply, interpreting data/spec.py). The
# page applies most events as the browser reports them, before Dash dispatches them; this
# callback's inputs bring the rest (the range slider, the lists, the sections' clicks, the
# address at load). No outputs: as outputs, Dash marked them loading and rendered them twice.
# The server validates the states it is sent: the sections, the table's pages, exports.
FILTER_INPUTS = (Input(ids.URL, "search"), *[Input(cid, "value") for cid in CONTROL_IDS.values()],
                 Input(ids.RESET, "n_clicks"), Input(ids.EMPTY_RESET, "n_clicks"),
                 *[Input(gid, "clickData") for gid in CLICKS])


PEOPLE_CHARTS = (ids.CHART_PEOPLE_CITIZENSHIP, ids.CHART_PEOPLE_BIRTHPLACE,
                 ids.CHART_PEOPLE_HERITAGE, ids.CHART_PEOPLE_YEARS)
CHARTS = (ids.CHART_SHARES, ids.CHART_TIMELINE, ids.CHART_MAP, ids.CHART_NETWORKS,
          ids.CHART_NETWORK_LINKS, ids.CHART_NETWORK_TIME, *PEOPLE_CHARTS)
# The main views are drawn in the browser (assets/instant.js) from the one filter state: no
# request to the server for a filter change, and no Dash props in between: instant.js writes the
# elements of ids.MAIN_VIEWS itself. Their Python twin is tests/python_views.py (the parity
# tests hold both to the same output); the server draws only the sections (_sections below).
CHART_OPTIONS = tuple((ids.OPTION_CONTROLS[o.param], "checked" if o.switch else "value")
                      for o in viewstate.OPTIONS)
# One event, one pass: the next view state (filters and chart options) drawn first, then written
# to the address, the controls that must show another value and the store; a chart option
# redraws only its chart. `draw` follows the store: it redraws the views only if the state Dash
# holds is not the one drawn (so they never stay on a state the address does not say).
clientside_callback(ClientsideFunction("filters", "update"), *FILTER_INPUTS,
                    *[Input(c, p) for c, p in CHART_OPTIONS], State(ids.LANG, "data"))
# The same callback has the table drop its pages and ask again for a new filter state or
# search, and sets the gate the sections are drawn from: they ask the server only while one is
# open (or when one opens or closes). One callback for all three, with no output: each callback
# Dash runs costs every mounted component's selectors a pass per step (~3 ms a change here),
# and an output is marked loading and rendered twice.
clientside_callback(
    ClientsideFunction("instant", "draw"), Input(ids.FILTER_STATE, "data"),
    Input(ids.TABLE_SEARCH, "value"), Input(ids.SECTIONS, "value"),
    *[State(c, p) for c, p in CHART_OPTIONS], State(ids.SECTIONS_STATE, "data"),
    State(ids.LANG, "data"), prevent_initial_call=True)

NETWORK_CHARTS = (ids.CHART_NETWORKS, ids.CHART_NETWORK_LINKS, ids.CHART_NETWORK_TIME)
SECTION_OUTPUTS = {  # what each closable section shows
    "networks": (*NETWORK_CHARTS, *[ids.description(g) for g in NETWORK_CHARTS]),
    "people": (ids.PEOPLE_SUMMARY, *PEOPLE_CHARTS, *[ids.description(g) for g in PEOPLE_CHARTS]),
}
CLOSED = {"data": [], "layout": {}}  # a closed section's charts hold no numbers


SECTION_KEYS = ("networks", "people")


def _sections_failed(err: Exception) -> tuple:
    log.error("sections could not be drawn", exc_info=err)
    with use(page_lang()):
        failed = figures.failed(t("view_failed"), t("view_failed_hint"))
        return tuple(failed if o.component_property == "figure" else t("view_failed")
                     for o in SECTION_OUTPUT_LIST)


SECTION_OUTPUT_LIST = tuple(Output(k, "figure" if k in CHARTS else "children")
                            for k in dict.fromkeys(k for keys in SECTION_OUTPUTS.values()
                                                   for k in keys))


# not at load: every section starts closed, its charts empty
@callback(*SECTION_OUTPUT_LIST, Input(ids.SECTIONS_STATE, "data"), State(ids.LANG, "data"),
          on_error=_sections_failed, prevent_initial_call=True)
def redraw_sections(gate, lang):
    """The networks and people sections for the filter state, drawn while open, emptied when
    closed (a closed section holds no numbers)."""
    gate = gate if isinstance(gate, dict) else {}
    opened = [s for s in (gate.get("open") or []) if s in SECTION_KEYS]
    with use(lang):
        f, c = compare.slices(gate.get("state") or {}, current().vocabulary)
        out = _sections(current(), f, "year", opened, c)  # in compare mode, both slices'
    return tuple(out[o.component_id] for o in SECTION_OUTPUT_LIST)




def _sections(data, f: Filters, freq, open_sections, c: compare.Comparison | None = None
              ) -> dict:
    """The outputs of the networks and people sections: drawn if open, emptied if closed; in
    compare mode (c) each chart both slices', A's above B's."""
    out: dict = {}
    graphs = (*(NETWORK_CHARTS if "networks" in open_sections else ()),
              *(PEOPLE_CHARTS if "people" in open_sections else ()))
    for section, drawn in (("networks", NETWORK_CHARTS), ("people", PEOPLE_CHARTS)):
        if section not in open_sections:
            out |= {k: "" for k in SECTION_OUTPUTS[section]} | dict.fromkeys(drawn, CLOSED)
    if c is not None and graphs:
        figs, said, line = comparison.sections(data, c, graphs)
        out |= figs | {ids.description(g): said[g] for g in graphs}
        if "people" in open_sections:
            out[ids.PEOPLE_SUMMARY] = line
        return out
    described = views.descriptions(data, f, freq, graphs) if graphs else {}
    if "networks" in open_sections:
        out |= dict(zip(NETWORK_CHARTS, views.network_figures(data, f), strict=True))
        out |= {ids.description(g): described[g] for g in NETWORK_CHARTS}
    if "people" in open_sections:
        line, *figs = views.people_views(data, f)
        out |= {ids.PEOPLE_SUMMARY: line, **dict(zip(PEOPLE_CHARTS, figs, strict=True))}
        out |= {ids.description(g): described[g] for g in PEOPLE_CHARTS}
    return out


@callback(Output(ids.MAIN, "style"), Output(ids.METHODOLOGY, "style"),
          Output(ids.METHODOLOGY, "children"), Output(ids.STUDY, "style"),
          Output(ids.STUDY, "children"), Input(ids.URL, "pathname"), State(ids.LANG, "data"))
def show_page(pathname, lang):
    """/methodology and /study show their page; every other path the dashboard."""
    page = str(pathname or "").rstrip("/").rsplit("/", 1)[-1]
    hidden = {"display": "none"}
    with use(lang) as lang:
        if page == "methodology":
            return hidden, {}, methodology_content(lang), hidden, no_update
        if page == "study":
            return hidden, hidden, no_update, {}, study_content(current())
    return {}, hidden, no_update, hidden, no_update


def _page_failed(err: Exception) -> dict:
    """A page the server could not give: the grid shows no rows (never rows of another view)."""
    if isinstance(err, FilterError | table.TableRequestError):
        log.warning("table: refused a page request: %s", str(err)[:200])
    else:
        log.error("table page failed", exc_info=err)
    return {"rowData": [], "rowCount": 0}


@callback(Output(ids.TABLE, "getRowsResponse"), Input(ids.TABLE, "getRowsRequest"),
          State(ids.FILTER_STATE, "data"), State(ids.TABLE_SEARCH, "value"),
          State(ids.LANG, "data"), on_error=_page_failed)
def table_page(request, filter_state, search, lang):
    """One page of the table, sorted and searched by the server, with the total count."""
    if request is None:  # the grid has not asked yet
        raise PreventUpdate
    with use(lang):
        # slice A's rows; in compare mode both slices', each saying which it is in
        f, c = compare.slices(filter_state or {}, current().vocabulary)
        return table.page(current(), f, request, search, c)


# the grid mounted when the table comes near the screen (assets/table.js loads AG Grid first)
clientside_callback(ClientsideFunction("table", "mount"), Output(ids.TABLE_SLOT, "children"),
                    Input(ids.TABLE_WANTED, "data"), State(ids.TABLE_GRID, "data"),
                    State(ids.FILTER_STATE, "data"), prevent_initial_call=True)

# the page request on its way: given up if the server does not answer (assets/table.js)
clientside_callback(ClientsideFunction("table", "remember"), Input(ids.TABLE, "getRowsRequest"))
