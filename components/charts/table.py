"""The incidents table, paged, sorted and searched by the server (no Dash).

AG Grid's infinite row model asks for rows `start`..`end` with its sort model; the answer is
those rows, as the table shows them, and the total count. The order of the rows in view is
computed once per (filters, search, sort, language) and kept, so the next page is a slice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.charts import views
from components.runtime import AppData
from data import codebook as cb
from data import compare as cmp
from data import export, i18n, network_names
from data.filters import Filters
from data.filters import positions as selected
from data.i18n import N_, _, t
from data.places import PROVINCES

MAX_ROWS = 500  # the most rows one request may ask for (a page is 20, a block 100)
ORDERS_KEPT = 8
# table column -> the dataset column it shows (the description depends on the language)
COLUMNS = {"incident_id": "incident_id", "date": "date", "type": "incident_type",
           "connection": "connection", "link": "link_type", "plot": "plot",
           "place": "nis_code", "province": "province", "people": "people", "networks": "networks",
           "provenance": "source_type", "description": "description"}


# the table's columns as a reader sees them, in order, with their headings (the app's grid,
# components/dashboard/grid.py, and the offline file's table read them); "slice": compare mode's
HEADINGS = (("incident_id", N_("Id")), ("slice", N_("Slice")), ("date", N_("Date")),
            ("type", N_("Type")), ("connection", N_("Connection")), ("link", N_("How linked")),
            ("plot", N_("Plot")), ("place", N_("Place")), ("province", N_("Province")),
            ("people", N_("People")), ("networks", N_("Networks")),
            ("provenance", N_("Provenance")), ("description", N_("What happened")))
PAGE_SIZE = 20  # rows a page shows


class TableRequestError(ValueError):
    """A page request no grid sends (bad range, unknown column)."""


def _labels(column: str) -> dict[str, str] | None:
    """What a coded column shows, in the current language (None: shown as it is)."""
    if column in ("incident_type", "connection", "link_type"):
        codes = {"incident_type": cb.INCIDENT_TYPES, "connection": cb.CONNECTIONS,
                 "link_type": cb.LINK_TYPES}[column]
        return {c: t(c) for c in codes} | {"": ""}
    if column == "source_type":
        return export.code_words("source_type")
    return None


def column_of(incidents: pd.DataFrame, field: str) -> str:
    """The dataset column a table column shows (the description: in the current language)."""
    return _text_column(incidents) if field == "description" else COLUMNS[field]


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
    if column == "province":
        lang = i18n.current()
        return values.map(lambda p: PROVINCES[p][lang] if p in PROVINCES else "")
    if column == "networks":  # each by its name in the page's language
        return values.map(network_names.listed)
    labels = _labels(column)
    if labels is not None:
        return values.map(lambda v: labels.get(v, str(v).replace("_", " ")))
    return values


def _searchable(data: AppData, column: str) -> tuple[np.ndarray, pd.Series]:
    """A column of the whole dataset as (a code per row, the lowercase shown text of each
    distinct value): built once per dataset, column and language, so a search tests each
    distinct value once and looks the rows up by code."""
    key = ("table-search", column, i18n.current())
    cache = data.geojson_cache  # kept for the process: it depends on the dataset only
    if ("table-codes", column) not in cache:  # the codes serve every language
        codes, uniques = pd.factorize(data.dataset.incidents[column], use_na_sentinel=False)
        cache[("table-codes", column)] = (codes.astype(np.int32), pd.Series(uniques))
    if key not in cache:
        codes, distinct = cache[("table-codes", column)]
        if column == "date":
            shown = distinct.dt.strftime("%Y-%m-%d")
        elif column == "people":
            shown = distinct.astype(str)
        else:
            shown = _shown_text(data, pd.DataFrame({column: distinct}), column)
        cache[key] = (codes, shown.astype(str).str.lower().where(shown.notna(), ""))
    return cache[key]


def warm(data: AppData) -> None:
    """The search's codes and shown texts for every column and language (a worker's start)."""
    text = [c for c in data.dataset.incidents.columns if c.startswith("description")]
    for lang in i18n.LANGS:
        with i18n.use(lang):
            for column in dict.fromkeys((*COLUMNS.values(), *text)):
                _searchable(data, column)


def _matches(data: AppData, rows: np.ndarray, search: str) -> np.ndarray:
    """Which of the dataset rows `rows` have every word of search in some shown column (as AG
    Grid's quick filter does), case-insensitively."""
    keep = np.ones(len(rows), dtype=bool)
    text = _text_column(data.dataset.incidents)
    for word in search.lower().split():
        hit = np.zeros(len(rows), dtype=bool)
        for column in (*COLUMNS.values(), text):
            if column == "description" and text != "description":
                continue
            codes, shown = _searchable(data, column)
            found = shown.str.contains(word, regex=False).to_numpy(dtype=bool)
            hit |= found[codes[rows]]
        keep &= hit
    return keep


def sort_key(data: AppData, incidents: pd.DataFrame, column: str) -> np.ndarray:
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


class _View:
    """The incidents in view, column by column: each column taken from the dataset's once,
    when asked (at 1,000,000 incidents copying whole rows is what made a new state slow)."""

    def __init__(self, frame: pd.DataFrame, rows: np.ndarray):
        self.frame, self.rows, self.columns, self.taken = frame, rows, frame.columns, {}

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, column: str) -> pd.Series:
        if column not in self.taken:
            self.taken[column] = self.frame[column].take(self.rows).reset_index(drop=True)
        return self.taken[column]


def _in_view(data: AppData, f: Filters) -> np.ndarray:
    """Dataset row positions of the incidents in view (kept per filter state)."""
    return data.memo("table-rows", ORDERS_KEPT, lambda f: selected(
        data.dataset.incidents, f, data.dataset.people))(f)


def _listed(data: AppData, f: Filters, c: cmp.Comparison | None) -> np.ndarray:
    """The rows the table lists: slice A's, or in compare mode the incidents of either slice
    (each once, in the dataset's order)."""
    if c is None:
        return _in_view(data, f)
    return np.union1d(_in_view(data, c.a), _in_view(data, c.b))


def slice_of(data: AppData, c: cmp.Comparison, rows: np.ndarray) -> list[str]:
    """Which slice each of these dataset rows is in, as the table's "slice" column says it:
    "A", "B", or both ("A and B")."""
    in_a = np.isin(rows, _in_view(data, c.a))
    in_b = np.isin(rows, _in_view(data, c.b))
    return [cmp.slice_of(a, b) for a, b in zip(in_a, in_b, strict=True)]


def order(data: AppData, f: Filters, search: str = "", sort: tuple[tuple[str, str], ...] = (),
          c: cmp.Comparison | None = None) -> np.ndarray:
    """Dataset row positions of the rows the table lists (c: a comparison's, both slices'), in
    its order (kept for the last few asked: paging through a view asks for the same order)."""
    ordered = data.memo("table", ORDERS_KEPT, lambda *key: _ordered(data, *key[:-1]))
    return ordered(f, c, search, sort, i18n.current())  # names sort in the page's language


def _ordered(data: AppData, f: Filters, c: cmp.Comparison | None, search: str,
             sort: tuple[tuple[str, str], ...]) -> np.ndarray:
    rows = _listed(data, f, c)
    frame = data.dataset.incidents
    positions = np.arange(len(rows))
    if search.strip():
        positions = positions[_matches(data, rows, search)]
    if sort:
        listed = _View(frame, rows[positions])
        keys = [sort_key(data, listed, column_of(listed, col)) for col, _d in sort]
        # np.lexsort sorts by the last key first; descending keys are negated ranks
        keys = [-k.astype("int64") if d == "desc" else k
                for k, (_c, d) in zip(keys, sort, strict=True)]
        positions = positions[np.lexsort(list(reversed(keys)))]
    return rows[positions]


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


def page(data: AppData, f: Filters, request: object, search: str = "",
         c: cmp.Comparison | None = None) -> dict:
    """AG Grid's getRowsResponse for its getRowsRequest: {rowData, rowCount}; in compare mode
    (c) the rows of both slices, each saying which slice it is in."""
    if not isinstance(request, dict):
        raise TableRequestError("a page request must be an object")
    start, end = request.get("startRow", 0), request.get("endRow", 100)
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end
            and end - start <= MAX_ROWS):
        raise TableRequestError(f"rows {str(start)[:12]}..{str(end)[:12]} cannot be asked for")
    listed = order(data, f, str(search or "")[:200], sort_model(request.get("sortModel")), c)
    rows = views.table_rows(data, data.dataset.incidents.iloc[listed[start:end]])
    if c is not None:
        for row, said in zip(rows, slice_of(data, c, listed[start:end]), strict=True):
            row["slice"] = said
    return {"rowData": rows, "rowCount": int(len(listed))}
