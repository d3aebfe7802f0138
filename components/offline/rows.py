"""The incidents table and the rows' CSV in the offline file: every incident as the app's table
shows it (components/charts/views.py table_rows, in each language) and as the app's rows file
writes it (data/export.py rows_in_view, one CSV record each), plus the cube row each incident
is counted in. The browser lists the incidents a filter state selects through the cube's own
selection (assets/instant-2-cube.js), so every filter, citizenship included, selects the same
incidents as the server, with no people attribute beyond the cube's. No Dash.

Each column is sent as the distinct texts it shows, in the order the app's table sorts them
(components/charts/table.py sort_key), and a code per incident: the code is the sort key. Above
ROWS_MAX incidents the file carries no rows (it would pass 10 MB): its table says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.charts import table as spec
from components.charts import views
from components.runtime import AppData
from data import compare, export, i18n
from data.i18n import N_, _, t

ROWS_MAX = 20_000
WORDS = {
    "search": "search_table", "title": "incidents_shown",
}
MESSAGES = {
    "rows_csv": N_("All rows in view · CSV"), "first": N_("First page"),
    "previous": N_("Previous page"), "next": N_("Next page"), "last": N_("Last page"),
    "range": N_("{first} to {last} of {n}"), "page": N_("Page {page} of {pages}"),
    "none": N_("No rows to show"), "sort": N_("Press Enter to sort"),
    "too_many": N_("This file holds {n} incidents: too many to list here. The table and the "
                   "rows' files need the app (python app.py)."),
}


def fits(data: AppData) -> bool:
    return len(data.dataset.incidents) <= ROWS_MAX


def records(text: str) -> list[str]:
    """A CSV text's records (a record's quoted field may hold a line break)."""
    out, part = [], None
    for piece in text.split("\n"):
        part = piece if part is None else part + "\n" + piece
        if part.count('"') % 2 == 0:
            out.append(part)
            part = None
    return out[:-1] if out and out[-1] == "" else out


PLACE = "\x1f"  # where a record's place name goes (its name depends on the language)


def shared(data: AppData) -> dict:
    """What every language shares: each incident's cube row, the rows' CSV (the app's
    rows.csv: its header, a record per incident with PLACE where the browser writes the place
    as the table's place column names it in the language shown)."""
    from components.web import instant
    inc = data.dataset.incidents
    frame = export.rows_in_view(inc, {}).assign(place=PLACE)
    lines = records(export.csv_bytes(frame).decode())
    if any(line.count(PLACE) != 1 for line in lines[1:]):
        raise ValueError("a text cell of the incidents holds the character U+001F")
    return {"n": len(inc), "cube_row": instant._column(instant.cube_rows(data)),
            "csv": {"header": lines[0], "records": lines[1:], "place": PLACE}}


def words(data: AppData, lang: str) -> dict:
    """The table in lang: its headings, and each column's distinct shown texts in sort order
    with each incident's code among them."""
    from components.web import instant
    inc = data.dataset.incidents
    with i18n.use(lang):
        shown = pd.DataFrame(views.table_rows(data, inc))
        columns = {}
        for field, _heading in spec.HEADINGS:
            if field == "slice":
                continue
            # the texts in the order the app's table sorts the column (its own sort key)
            key = spec.sort_key(data, inc, spec.column_of(inc, field))
            texts = shown[field].astype(str).to_numpy()
            code_of: dict[str, int] = {}
            for text in texts[np.argsort(key, kind="stable")]:
                code_of.setdefault(text, len(code_of))
            codes = np.array([code_of[text] for text in texts], dtype=np.int64)
            columns[field] = {"values": list(code_of), "codes": instant._column(codes)}
        return {"headings": [[f, _(h)] for f, h in spec.HEADINGS], "columns": columns,
                "numeric": ["people"], "page_size": spec.PAGE_SIZE,
                "slice": {"A": compare.slice_of(True, False), "B": compare.slice_of(False, True),
                          "AB": compare.slice_of(True, True)}} | {
            k: t(v) for k, v in WORDS.items()} | {k: _(v) for k, v in MESSAGES.items()}


def too_many(data: AppData, lang: str) -> dict:
    """The table's words when the file carries no rows."""
    said = MESSAGES["too_many"]
    with i18n.use(lang):
        return {"title": t("incidents_shown"),
                "too_many": _(said).format(n=i18n.num(len(data.dataset.incidents)))}
