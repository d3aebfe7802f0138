"""The incidents table, paged, sorted and searched by the server (no Dash).

AG Grid's infinite row model asks for rows `start`..`end` with its sort model; the answer is
those rows, as the table shows them, and the total count. The order of the rows in view is
computed once per (filters, search, sort, language) and kept, so the next page is a slice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import i18n
from data.filters import Filters
from data.i18n import _, t

from . import views
from .runtime import AppData

MAX_ROWS = 500  # the most rows one request may ask for (a page is 20, a block 100)
ORDERS_KEPT = 8
# table column -> the dataset column it shows (the description depends on the language)
COLUMNS = {"incident_id": "incident_id", "date": "date", "type": "incident_type",
           "connection": "connection", "link": "link_type", "plot": "plot",
           "place": "nis_code", "people": "people", "networks": "networks",
           "provenance": "source_type", "description": "description"}


class TableRequestError(ValueError):
    """A page request no grid sends (bad range, unknown column)."""


def _labels(column: str) -> dict[str, str] | None:
    """What a coded column shows, in the current language (None: shown as it is)."""
    if column in ("incident_type", "connection", "link_type"):
        from data import codebook as cb
        codes = {"incident_type": cb.INCIDENT_TYPES, "connection": cb.CONNECTIONS,
                 "link_type": cb.LINK_TYPES}[column]
        return {c: t(c) for c in codes} | {"": ""}
    if column == "source_type":
        return {"reconstructed": _("reconstructed"), "public_record": _("public record")}
    return None


def _text_column(incidents: pd.DataFrame) -> str:
    lang = i18n.current()
    return f"description_{lang}" if f"description_{lang}" in incidents.columns else "description"


def _shown_text(data: AppData, incidents: pd.DataFrame, column: str) -> pd.Series:
    """A column as the table shows it (labels, place names, yes/no), for sorting and search."""
    values = incidents[column]
    if column == "nis_code":
        names = data.place_names
        return values.map(lambda c: names.get(c, c))
    if column == "plot":
        return values.map({True: _("yes"), False: _("no")})
    labels = _labels(column)
    if labels is not None:
        return values.map(lambda v: labels.get(v, str(v).replace("_", " ")))
    return values


def _matches(data: AppData, incidents: pd.DataFrame, search: str) -> np.ndarray:
    """Rows in which every word of search appears in some shown column (as AG Grid's quick
    filter does), case-insensitively."""
    keep = np.ones(len(incidents), dtype=bool)
    text = _text_column(incidents)
    for word in search.lower().split():
        hit = np.zeros(len(incidents), dtype=bool)
        for column in (*COLUMNS.values(), text):
            if column == "description" and text != "description":
                continue
            # few distinct values (dates, counts, codes): test each distinct shown value once
            distinct = incidents[column].drop_duplicates()
            if column in ("date", "people"):
                shown = (distinct.dt.strftime("%Y-%m-%d") if column == "date"
                         else distinct.astype(str))
                hit |= incidents[column].isin(set(distinct[shown.str.contains(
                    word, regex=False).fillna(False).to_numpy(dtype=bool)])).to_numpy()
                continue
            if len(distinct) <= 2_000:
                shown = _shown_text(data, distinct.to_frame(), column)
                hits = set(distinct[shown.str.lower().str.contains(word, regex=False)])
                hit |= incidents[column].isin(hits).to_numpy()
            else:
                hit |= _shown_text(data, incidents, column).str.lower().str.contains(
                    word, regex=False).fillna(False).to_numpy(dtype=bool)
        keep &= hit
    return keep


def _sort_key(data: AppData, incidents: pd.DataFrame, column: str) -> np.ndarray:
    """An integer or date key that orders rows as their shown values sort."""
    values = incidents[column]
    if column in ("date", "people"):
        return values.to_numpy()
    if column == "plot":
        return values.to_numpy(dtype=bool).astype(np.int8)
    codes, uniques = pd.factorize(values, sort=False)
    shown = _shown_text(data, pd.DataFrame({column: uniques}), column).astype(str)
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[np.argsort(shown.str.casefold().to_numpy(), kind="stable")] = np.arange(len(uniques))
    return rank[codes]


def order(data: AppData, f: Filters, search: str = "", sort: tuple[tuple[str, str], ...] = ()
          ) -> np.ndarray:
    """Positions (within the incidents in view) of the rows the table lists, in its order."""
    key = ("table", f.to_query(), search, sort, i18n.current())
    cache = data.shown_cache
    if key in cache:
        return cache[key]
    incidents, _people = views.shown(data, f)
    positions = np.arange(len(incidents))
    if search.strip():
        positions = positions[_matches(data, incidents, search)]
    if sort:
        rows = incidents.iloc[positions]
        keys = [_sort_key(data, rows, COLUMNS[col] if col != "description"
                          else _text_column(rows)) for col, _d in sort]
        # np.lexsort sorts by the last key first; descending keys are negated ranks
        keys = [-k.astype("int64") if d == "desc" else k
                for k, (_c, d) in zip(keys, sort, strict=True)]
        positions = positions[np.lexsort(list(reversed(keys)))]
    tables = [k for k in cache if isinstance(k, tuple) and k[0] == "table"]
    if len(tables) >= ORDERS_KEPT:
        cache.pop(tables[0])
    cache[key] = positions
    return positions


def sort_model(model: object) -> tuple[tuple[str, str], ...]:
    """AG Grid's sort model as ((column, 'asc'|'desc'), ...); TableRequestError if it names a
    column the table does not have."""
    if model in (None, []):
        return ()
    if not isinstance(model, list) or len(model) > len(COLUMNS):
        raise TableRequestError("the sort model must be a list of columns")
    out = []
    for item in model:
        col = item.get("colId") if isinstance(item, dict) else None
        direction = item.get("sort") if isinstance(item, dict) else None
        if col not in COLUMNS or direction not in ("asc", "desc"):
            raise TableRequestError(f"cannot sort by {str(col)[:40]!r} {str(direction)[:10]!r}")
        out.append((col, direction))
    return tuple(out)


def page(data: AppData, f: Filters, request: object, search: str = "") -> dict:
    """AG Grid's getRowsResponse for its getRowsRequest: {rowData, rowCount}."""
    if not isinstance(request, dict):
        raise TableRequestError("a page request must be an object")
    start, end = request.get("startRow", 0), request.get("endRow", 100)
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end
            and end - start <= MAX_ROWS):
        raise TableRequestError(f"rows {str(start)[:12]}..{str(end)[:12]} cannot be asked for")
    positions = order(data, f, str(search or "")[:200], sort_model(request.get("sortModel")))
    incidents, _people = views.shown(data, f)
    rows = views.table_rows(data, incidents.iloc[positions[start:end]])
    return {"rowData": rows, "rowCount": int(len(positions))}
