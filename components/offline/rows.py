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

from components.charts import payload as instant
from components.charts import table as spec
from components.charts import views
from components.exports import urls
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
                   "rows' files need the online dashboard."),
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


def _spoken(data: AppData) -> tuple[list[str], list[list[int]], dict[str, tuple]]:
    """The app's rows.csv of every incident, with each cell whose words depend on the language
    (a place's name, a coded value, the description, ...) as a token: the records, each spoken
    column's code per incident, and per language its header line, its slice heading and each
    spoken column's texts (a code's text is that column's values[code]). Made once per dataset
    (the file's shared part and each language's words read it)."""
    key = ("offline-rows-spoken",)
    if key not in data.geojson_cache:  # the app data's per-dataset cache (table.py's too)
        data.geojson_cache[key] = _spoken_made(data)
    return data.geojson_cache[key]


def _spoken_made(data: AppData) -> tuple[list[str], list[list[int]], dict[str, tuple]]:
    inc = data.dataset.incidents
    frames = {}
    for lang in i18n.LANGS:
        with i18n.use(lang):
            frames[lang] = export.rows_in_view(inc, data.place_names)
    first = frames[i18n.LANGS[0]]
    texts = "".join(first.select_dtypes(exclude="number").astype(str).to_numpy().ravel())
    if "\x1e" in texts or "\x1f" in texts:
        raise ValueError("a text cell of the incidents holds the character U+001E or U+001F")
    spoken = [j for j in range(first.shape[1])
              if any(not frames[lang].iloc[:, j].equals(first.iloc[:, j]) for lang in frames)]
    tokened, codes, said = first.copy(), [], {}
    for k, j in enumerate(spoken):
        combos = list(zip(*(frames[lang].iloc[:, j].astype(str) for lang in frames),
                          strict=True))
        index: dict[tuple, int] = {}
        codes.append([index.setdefault(combo, len(index)) for combo in combos])
        tokened.iloc[:, j] = [TOKEN.format(k)] * len(tokened)
        for n, lang in enumerate(frames):
            said.setdefault(lang, {"values": []})["values"].append([c[n] for c in index])
    side = export.ROW_HEADINGS["slice"]
    for lang, frame in frames.items():
        with i18n.use(lang):
            said[lang] |= {"header": records(export.csv_bytes(frame.head(0)).decode())[0],
                           "slice": _(side)}
    return records(export.csv_bytes(tokened).decode())[1:], codes, said


TOKEN = "\x1f{}\x1e"  # where a record's k-th spoken cell goes (written in the language shown)


def shared(data: AppData) -> dict:
    """What every language shares: each incident's cube row, the rows' CSV (the app's
    rows.csv: a record per incident with a token where the browser writes a cell in the
    language shown, and each spoken column's code per incident)."""
    lines, codes, _said = _spoken(data)
    return {"n": len(data.dataset.incidents), "cube_row": instant._column(instant.cube_rows(data)),
            "csv": {"records": lines,
                    "codes": [instant._column(np.array(c, dtype=np.int64)) for c in codes]}}


def csv_words(data: AppData, lang: str) -> dict:
    """The rows' CSV in lang: its header line, the slice column's heading, each spoken
    column's texts."""
    return _spoken(data)[2][lang]


def words(data: AppData, lang: str) -> dict:
    """The table in lang: its headings, and each column's distinct shown texts in sort order
    with each incident's code among them."""
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
                "csv": csv_words(data, lang), "file": urls.stem("rows"),
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
