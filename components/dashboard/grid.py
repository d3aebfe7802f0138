"""The incidents table: AG Grid's columns and words in the page's language, and the card that
holds the grid as data until the browser mounts it (assets/table.js); its rows come from the
server a block at a time (components/charts/table.py)."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_mantine_components as dmc
from dash import dcc, html

from components import ids
from data.i18n import _, t


def columns() -> list[dict]:
    """The table's columns, headed in the current language."""
    return [
        {"field": "incident_id", "headerName": _("Id"), "width": 130, "pinned": "left"},
        # compare mode's: which slice a row is in (shown while comparing: assets/table.js)
        {"field": "slice", "headerName": _("Slice"), "width": 110, "pinned": "left",
         "hide": True, "sortable": False},
        {"field": "date", "headerName": _("Date"), "width": 120},
        {"field": "type", "headerName": _("Type"), "width": 130},
        {"field": "connection", "headerName": _("Connection"), "width": 130},
        {"field": "link", "headerName": _("How linked"), "width": 160},
        {"field": "plot", "headerName": _("Plot"), "width": 90},
        {"field": "place", "headerName": _("Place"), "width": 230},
        {"field": "province", "headerName": _("Province"), "width": 200},
        {"field": "people", "headerName": _("People"), "width": 100, "type": "numericColumn"},
        {"field": "networks", "headerName": _("Networks"), "width": 220},
        {"field": "provenance", "headerName": _("Provenance"), "width": 150},
        {"field": "description", "headerName": _("What happened"), "flex": 1, "minWidth": 300},
    ]


def grid_locale() -> dict:
    """AG Grid's own words (paging, menus) in the current language."""
    return {"page": _("Page"), "of": _("of"), "to": _("to"), "more": _("more"),
            "firstPage": _("First page"), "lastPage": _("Last page"), "nextPage": _("Next page"),
            "previousPage": _("Previous page"), "pageSizeSelectorLabel": _("Rows per page:"),
            "noRowsToShow": _("No rows to show"), "loadingOoo": _("Loading…"),
            "filterOoo": _("Filter…"), "equals": _("Equals"), "notEqual": _("Does not equal"),
            "contains": _("Contains"), "notContains": _("Does not contain"),
            "startsWith": _("Begins with"), "endsWith": _("Ends with"), "blank": _("Blank"),
            "notBlank": _("Not blank"), "andCondition": _("AND"), "orCondition": _("OR"),
            "lessThan": _("Less than"), "greaterThan": _("Greater than"),
            "lessThanOrEqual": _("Less than or equal to"),
            "greaterThanOrEqual": _("Greater than or equal to"), "inRange": _("Between"),
            "ariaPageSizeSelectorLabel": _("Rows per page"),
            "ariaFilterInput": _("Filter input"), "ariaFilterValue": _("Filter value"),
            "ariaSearch": _("Search"), "ariaRowSelect": _("Press Space to select this row"),
            "sortAscending": _("Sort ascending"), "sortDescending": _("Sort descending"),
            "ariaSortableColumn": _("Press Enter to sort")}


# rows come from the server a block at a time (components/charts/table.py): any number of them
GRID_OPTIONS = {"pagination": True, "paginationPageSize": 20, "animateRows": False,
                "domLayout": "autoHeight", "ensureDomOrder": True, "cacheBlockSize": 100,
                "maxBlocksInCache": 20}


def grid_options() -> dict:
    return {**GRID_OPTIONS, "localeText": grid_locale()}


def grid() -> dag.AgGrid:
    return dag.AgGrid(id=ids.TABLE, columnDefs=columns(), rowModelType="infinite",
                      defaultColDef={"sortable": True, "resizable": True},
                      dashGridOptions=grid_options(),
                      style={"height": None}, className="ag-theme-alpine")


def waiting(component) -> dict:
    """A component as data (not drawn, its library not needed) until the browser mounts it
    (assets/table.js turns it back into a component)."""
    spec = component.to_plotly_json()
    return {"kind": spec["type"], "library": spec["namespace"], "props": spec["props"]}


def table() -> dmc.Paper:
    return dmc.Paper([
        dmc.Group([html.H2(t("incidents_shown"), className="table-title"),
                   dmc.TextInput(id=ids.TABLE_SEARCH, placeholder=t("search_table"),
                                 w=320, **{"aria-label": t("search_table")})],
                  justify="space-between"),
        # AG Grid's code (~480 KiB compressed) loads when the table comes near the screen, not
        # with the page (assets/table.js): the grid waits here, drawn in the page's language
        html.Div(html.P(_("The table loads as you scroll to it…"), className="table-wait"),
                 id=ids.TABLE_SLOT, className="table-slot"),
        dcc.Store(id=ids.TABLE_GRID, data={"grid": waiting(grid()), "failed": _(
            "The table could not be loaded. Reload the page to try again.")}),
        dcc.Store(id=ids.TABLE_WANTED),
    ], withBorder=True, p="sm", **{"aria-label": t("incidents_shown")}, className="table-card")
