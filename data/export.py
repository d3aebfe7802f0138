"""The data behind what is shown, as files: CSV (UTF-8, ',' or Belgian ';' with decimal commas)
and XLSX (sheets data, filters, about). Pure Python: the screen's tables in, bytes out.

Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return: OWASP's rule) are neutralised with a leading apostrophe; numbers stay numbers.
People are never exported one by one: only the aggregates the people view shows, with the same
hidden cells.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

from . import aggregate as ag
from . import codebook as cb
from . import people as pp
from .load import Dataset

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CITATION = ("Pieter Van Ostaeyen and Guy Van Vlierden, 'Beyond the Caliphate: Islamic State "
            "Activity Outside the Group's Defined Wilayat - Belgium', Combating Terrorism "
            "Center at West Point, February 2018.")
ROW_COLUMNS = ["incident_id", "date", "date_precision", "incident_type", "connection",
               "link_type", "plot", "nis_code", "place", "people", "killed", "injured",
               "weapon", "target", "networks", "contact_ref", "source_type", "description",
               "sources"]


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column neutralised; numeric columns untouched."""
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(
                out[col]):
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def chart_data(chart: str, incidents: pd.DataFrame, people: pd.DataFrame,
               names: Mapping[str, str], options: Mapping[str, str] | None = None,
               minimum: int | None = None) -> pd.DataFrame:
    """The table a chart draws, columns named in plain words (people counts hidden below the
    disclosure threshold, pp.threshold() unless minimum is given)."""
    options = options or {}
    minimum = pp.threshold() if minimum is None else minimum
    if chart == "shares":
        t = ag.connection_by_type(incidents)
        return pd.DataFrame({"incident type": t["incident_type"], "connection": t["connection"],
                             "incidents": t["n"], "incidents of this type": t["total"],
                             "share (%)": t["share"], "fewer than 5 (flag)": t["small_n"]})
    if chart == "timeline":
        by = options.get("by", "connection")
        t = ag.by_period(incidents, options.get("freq", "year"), by)
        return pd.DataFrame({"period": t["period"], by.replace("_", " "): t["key"],
                             "incidents": t["n"], "incidents in the period": t["total"],
                             "share (%)": t["share"]})
    if chart == "map":
        t = ag.by_municipality(incidents)
        t.insert(1, "municipality", t["nis_code"].map(lambda c: names.get(c, c)))
        return t.rename(columns={"nis_code": "NIS code", "arrest_actions": "arrest actions"})
    if chart == "networks":
        t = ag.by_network(incidents)
        return t.rename(columns={"arrest_actions": "arrest actions"})
    if chart in PEOPLE_CHARTS:
        return _people_table(PEOPLE_CHARTS[chart](people, minimum), minimum)
    raise ValueError(f"no chart named {chart!r}")


PEOPLE_CHARTS = {"citizenship": pp.citizenship, "birthplace": pp.belgians_birthplace,
                 "heritage": pp.heritage}


def _people_table(b: pp.Breakdown, minimum: int) -> pd.DataFrame:
    """A people breakdown with the screen's hidden cells: '< 3' as text, never the number."""
    c = b.counts
    return pd.DataFrame({
        "category": c["label"],
        "people": [f"< {minimum}" if h else int(n) for n, h in zip(c["n"], c["hidden"],
                                                                   strict=True)],
        "share (%)": [None if s is None or pd.isna(s) else round(s, 1) for s in c["share"]],
        "base of the shares": b.known,
    })


def rows_in_view(incidents: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Every incident the filters select (no cap), with the codebook's columns and provenance."""
    out = incidents.copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    out["place"] = out["nis_code"].map(lambda c: names.get(c, c))
    out["plot"] = out["plot"].map({True: "yes", False: "no"})
    return out.reindex(columns=[c for c in ROW_COLUMNS if c in out.columns or c == "place"])


def csv_bytes(frame: pd.DataFrame, belgian: bool = False) -> bytes:
    """UTF-8 CSV with a header row; belgian: ';' separators, decimal commas and a byte-order
    mark, as spreadsheet programs set to a Belgian locale expect."""
    text = safe(frame).to_csv(index=False, sep=";" if belgian else ",",
                              decimal="," if belgian else ".", lineterminator="\n")
    return ("\ufeff" + text if belgian else text).encode("utf-8")


def xlsx_bytes(data: pd.DataFrame, filters: list[tuple[str, str]], about: list[tuple[str, str]],
               columns_meaning: Mapping[str, str] | None = None) -> bytes:
    """A workbook: the data, the filters in words (and the permalink), and where it comes from."""
    about_rows = list(about) + [(f"column: {c}", m) for c, m in (columns_meaning or {}).items()]
    return xlsx_book({"data": data}, filters, about_rows)


def xlsx_book(sheets: Mapping[str, pd.DataFrame], filters: list[tuple[str, str]],
              about: list[tuple[str, str]]) -> bytes:
    """A workbook of several data sheets (names cut to Excel's 31 characters), then the
    filters and about sheets."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe(frame).to_excel(writer, sheet_name=name[:31], index=False)
        pd.DataFrame(filters, columns=["filter", "value"]).pipe(safe).to_excel(
            writer, sheet_name="filters", index=False)
        pd.DataFrame(about, columns=["item", "value"]).pipe(safe).to_excel(
            writer, sheet_name="about", index=False)
    return buffer.getvalue()


def about(d: Dataset, incidents: pd.DataFrame, permalink: str, exported: str) -> list[tuple]:
    """The 'about' lines of every export: source, citation, dataset, provenance, permalink."""
    reconstructed = int((incidents["source_type"] == "reconstructed").sum())
    return [("source", "Van Ostaeyen & Van Vlierden, 'Beyond the Caliphate: Belgium', CTC, 2018"),
            ("how to cite", CITATION), ("dataset", d.name), ("dataset version", d.version),
            ("incidents in view", str(len(incidents))),
            ("reconstructed records in view", str(reconstructed) + (
                " (generated to match the study's published totals; see the methodology)"
                if reconstructed else "")),
            ("permalink", permalink), ("exported", exported)]


def column_meanings(frame: pd.DataFrame) -> dict[str, str]:
    """The codebook's meaning of each column present (for the 'about' sheet)."""
    meaning = {c.name: c.meaning for c in cb.INCIDENTS}
    meaning["place"] = "Name of the municipality (French / Dutch where they differ)."
    return {c: meaning[c] for c in frame.columns if c in meaning}
