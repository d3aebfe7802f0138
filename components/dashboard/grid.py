"""The incidents table: AG Grid's columns and words in the page's language, and the card that
holds the grid as data until the browser mounts it (assets/table.js); its rows come from the
server a block at a time (components/charts/table.py)."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_mantine_components as dmc
from dash import dcc, html

from components import ids
from components.charts import table as table_spec
from data.i18n import _, t

# how each column is laid out (its heading: components/charts/table.py HEADINGS)
LAYOUT = {"incident_id": {"width": 130, "pinned": "left"},
          # compare mode's: which slice a row is in (shown while comparing: assets/table.js)
          "slice": {"width": 110, "pinned": "left", "hide": True, "sortable": False},
          "date": {"width": 120}, "type": {"width": 130}, "connection": {"width": 130},
          "link": {"width": 160}, "plot": {"width": 90}, "place": {"width": 230},
          "province": {"width": 200}, "people": {"width": 100, "type": "numericColumn"},
          "networks": {"width": 220}, "provenance": {"width": 150},
          "description": {"flex": 1, "minWidth": 300}}


def columns() -> list[dict]:
    """The table's columns, headed in the current language."""
    return [{"field": field, "headerName": _(heading), **LAYOUT[field]}
            for field, heading in table_spec.HEADINGS]


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
GRID_OPTIONS = {"pagination": True, "paginationPageSize": table_spec.PAGE_SIZE,
                "animateRows": False, "domLayout": "autoHeight", "ensureDomOrder": True,
                "cacheBlockSize": 100, "maxBlocksInCache": 20}


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
