"""The data behind what is shown, as files: CSV (UTF-8, ',' or Belgian ';' with decimal commas)
and XLSX (sheets data, filters, about). Pure Python: the screen's tables in, bytes out.

Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return: OWASP's rule) are neutralised with a leading apostrophe; numbers stay numbers.
People are never exported one by one: only the aggregates the people view shows, with the same
hidden cells.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from datetime import date

import pandas as pd

from data import aggregate as ag
from data import codebook as cb
from data import compare as cmp
from data import network_names
from data import people as pp
from data.facts import CITATION, SHORT_CITATION
from data.i18n import KEYS, N_, NAMES, _, current, t
from data.load import Dataset

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ROW_COLUMNS = ["incident_id", "date", "date_precision", "incident_type", "connection",
               "link_type", "plot", "nis_code", "place", "province", "people", "killed", "injured",
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
            # as objects still: a map would turn whole numbers beside blanks into floats
            out[col] = pd.Series([neutralise(v) for v in out[col]], index=out.index,
                                 dtype=object)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def tr(value: object) -> object:
    """A codebook value ('linked') in the current language; anything else as it is."""
    return t(value) if isinstance(value, str) and value in KEYS else value


def _headings(extra: Mapping[str, str]) -> dict[str, str]:
    """Column names of an aggregate table in plain words of the current language."""
    return {k: _(v) for k, v in {"arrest_actions": N_("arrest actions"),
                                  "incidents": N_("incidents"), "attacks": N_("attacks"),
                                  "per_100k": N_("per 100,000"),
                                  "linked": N_("linked"), "people": N_("people"),
                                  **extra}.items()}


def chart_data(chart: str, incidents: pd.DataFrame, people: pd.DataFrame,
               names: Mapping[str, str], options: Mapping[str, str] | None = None,
               minimum: int | None = None) -> pd.DataFrame:
    """The table a chart draws, columns named in plain words (people counts hidden below the
    disclosure threshold, pp.threshold() unless minimum is given)."""
    options = options or {}
    minimum = pp.threshold() if minimum is None else minimum
    if chart == "shares":
        t = ag.connection_by_type(incidents)
        return pd.DataFrame({_("incident type"): t["incident_type"].map(tr),
                             _("connection"): t["connection"].map(tr),
                             _("incidents"): t["n"], _("incidents of this type"): t["total"],
                             _("share (%)"): t["share"],
                             _("fewer than 5 (flag)"): t["small_n"]})
    if chart == "timeline":
        by = options.get("by", "connection")
        t = ag.by_period(incidents, options.get("freq", "year"), by)
        return pd.DataFrame({_("period"): t["period"],
                             _("incident type") if by == "incident_type" else _("connection"):
                             t["key"].map(tr), _("incidents"): t["n"],
                             _("incidents in the period"): t["total"],
                             _("share (%)"): t["share"]})
    if chart == "map":
        t = ag.by_municipality(incidents)
        t.insert(1, _("municipality"), t["nis_code"].map(lambda c: names.get(c, c)))
        return t.rename(columns=_headings({"nis_code": N_("NIS code")}))
    if chart == "networks":
        t = ag.by_network(incidents)
        return t.rename(columns=_headings({"network": N_("network")}))
    if chart in PEOPLE_CHARTS:
        return people_table(pp.gate(people, minimum=minimum).breakdowns[chart], minimum)
    raise ValueError(f"no chart named {chart!r}")


def comparison_data(a: tuple[pd.DataFrame, pd.DataFrame], b: tuple[pd.DataFrame, pd.DataFrame],
                    names: tuple[str, str]) -> pd.DataFrame:
    """A comparison's key figures as data: one row per figure, one column per slice and the
    difference (B minus A); for each share its n and 95% Wilson interval per slice (percent,
    one decimal), Fisher's exact p where the slices share no incident, and the verdict."""
    ka, kb = ag.key_figures(*a), ag.key_figures(*b)
    k = cmp.key_figures(ka, kb, cmp.shared_incidents(a[0], b[0]))
    col_a, col_b, diff = f"A: {names[0]}", f"B: {names[1]}", _("difference (B − A)")
    extra = [_("n (A)"), _("n (B)"), _("95% interval, low (A)"), _("95% interval, high (A)"),
             _("95% interval, low (B)"), _("95% interval, high (B)"), _("Fisher's exact p"),
             _("what the difference can carry")]
    rows = []
    for key, label in (("incidents", N_("incidents")), ("arrest_actions", N_("arrest actions")),
                       ("attacks", N_("attacks")), ("people", N_("people"))):
        rows.append([_(label), k[key]["a"], k[key]["b"], k[key]["difference"],
                     *[None] * len(extra)])
    for key, label in (("share_linked", N_("share linked (%)")),
                       ("share_plot", N_("share of arrest actions with a plot (%)"))):
        d = k[key]["difference"]
        ends = [x for s in (d.a, d.b) for x in (s.interval or (None, None))]
        rows.append([_(label), d.a.pct, d.b.pct, d.points, d.a.n, d.b.n, *ends,
                     None if d.p is None else float(f"{d.p:.3g}"), cmp.verdict(d)])
    columns = [_("figure"), col_a, col_b, diff, *extra]
    # column by column, as objects: counts stay whole numbers beside the shares' decimals
    return pd.DataFrame({c: pd.Series([r[i] for r in rows], dtype=object)
                         for i, c in enumerate(columns)})


def compared_chart_data(chart: str, a: pd.DataFrame, b: pd.DataFrame, names: tuple[str, str],
                        options: Mapping[str, str] | None = None,
                        places: Mapping[str, str] | None = None,
                        people: tuple[pd.DataFrame, pd.DataFrame] | None = None
                        ) -> pd.DataFrame:
    """A chart of both slices as data: the timeline's incidents per period, the shares' per
    incident type and connection, the map's per municipality (places: their names), the
    networks' links, or a people breakdown (people: each slice's, under the same disclosure
    control as on its own: '< 3', no difference where a side is hidden), a column per slice
    and the difference (B minus A)."""
    col_a, col_b = f"A: {names[0]}", f"B: {names[1]}"
    count, share = _("incidents"), _("share (%)")
    if chart == "networks":
        ta, tb = (ag.by_network(inc).set_index("network")["arrest_actions"] for inc in (a, b))
        both = pd.concat([ta.rename("a"), tb.rename("b")], axis=1).fillna(0).astype(int)
        links = _("arrest actions")
        return pd.DataFrame({_("network"): both.index, f"{col_a}: {links}": both["a"].to_numpy(),
                             f"{col_b}: {links}": both["b"].to_numpy(),
                             _("difference (B − A)"): (both["b"] - both["a"]).to_numpy()})
    if chart in PEOPLE_CHARTS:
        minimum = pp.threshold()
        sides = [people_table(pp.gate(p, minimum=minimum).breakdowns[chart], minimum
                              ).set_index(_("category"))
                 for p in (people or (a.iloc[:0], b.iloc[:0]))]
        order = list(dict.fromkeys([*sides[0].index, *sides[1].index]))  # A's, then B's own
        both = sides[0].reindex(order).add_suffix(" (A)").join(
            sides[1].reindex(order).add_suffix(" (B)"))
        people_col = _("people")
        header = {f"{people_col} (A)": f"{col_a}: {people_col}",
                  f"{share} (A)": f"{col_a}: {share}",
                  f"{people_col} (B)": f"{col_b}: {people_col}",
                  f"{share} (B)": f"{col_b}: {share}"}
        out = both[list(header)].rename(columns=header).reset_index()
        numbers = out[[header[f"{people_col} (A)"], header[f"{people_col} (B)"]]]
        shown = numbers.map(lambda v: isinstance(v, int | float) and not pd.isna(v))
        out[_("difference (B − A)")] = pd.Series([  # blank where a side is hidden
            int(row.iloc[1]) - int(row.iloc[0]) if ok.all() else None
            for (_i, row), (_j, ok) in zip(numbers.iterrows(), shown.iterrows(), strict=True)],
            dtype=object)
        return out
    if chart == "map":  # every municipality with an incident in either slice, by NIS code
        ta, tb = (ag.by_municipality(inc).set_index("nis_code")["incidents"] for inc in (a, b))
        both = pd.concat([ta.rename("a"), tb.rename("b")], axis=1).fillna(0).astype(int)
        both = both.sort_index()
        return pd.DataFrame({_("NIS code"): both.index,
                             _("municipality"): [(places or {}).get(c, c) for c in both.index],
                             f"{col_a}: {count}": both["a"].to_numpy(),
                             f"{col_b}: {count}": both["b"].to_numpy(),
                             _("difference (B − A)"): (both["b"] - both["a"]).to_numpy()})
    if chart == "timeline":
        freq = (options or {}).get("freq", "year")
        ta, tb = (ag.by_period(inc, freq).groupby("period", sort=False)["n"].sum()
                  for inc in (a, b))
        return pd.DataFrame({_("period"): ta.index, f"{col_a}: {count}": ta.to_numpy(),
                             f"{col_b}: {count}": tb.to_numpy(),
                             _("difference (B − A)"): (tb - ta).to_numpy()})
    if chart == "shares":
        ta, tb = ag.connection_by_type(a), ag.connection_by_type(b)
        return pd.DataFrame({
            _("incident type"): ta["incident_type"].map(tr),
            _("connection"): ta["connection"].map(tr),
            f"{col_a}: {count}": ta["n"], f"{col_a}: {share}": ta["share"],
            f"{col_b}: {count}": tb["n"], f"{col_b}: {share}": tb["share"],
            _("difference (B − A), points"): (tb["share"] - ta["share"]).round(1)})
    raise ValueError(f"no chart of two slices named {chart!r}")


PEOPLE_CHARTS = pp.CHARTS


def people_table(b: pp.Breakdown, minimum: int) -> pd.DataFrame:
    """A people breakdown as the gate lets it out (data/people.py gate): a hidden count as its
    text ("< 3" or "hidden"), never the number; the base as shown (hidden with the size of a
    group that is hidden elsewhere); a withheld breakdown: only what is left of it."""
    c = b.counts
    return pd.DataFrame({
        _("category"): c["label"],
        _("people"): [b.cell(int(n), why) if why else int(n)
                      for n, why in zip(c["n"], c["why"], strict=True)],
        _("share (%)"): [None if s is None or pd.isna(s) else round(s, 1) for s in c["share"]],
        _("base of the shares"): [b.base if b.base_hidden else int(b.known)] * len(c),
    }, columns=[_("category"), _("people"), _("share (%)"), _("base of the shares")])


# the rows file's columns: the codebook's, then the place's name, each headed in plain words
ROW_HEADINGS = {
    "incident_id": N_("incident id"), "date": N_("date"), "date_precision": N_("date precision"),
    "incident_type": N_("incident type"), "connection": N_("connection"),
    "link_type": N_("how linked"), "plot": N_("attack plot found"), "nis_code": N_("NIS code"),
    "place": N_("place"), "province": N_("province (NIS code)"), "people": N_("people"),
    "killed": N_("killed"), "injured": N_("injured"), "weapon": N_("weapons"),
    "target": N_("targets"), "networks": N_("networks"), "contact_ref": N_("contact reference"),
    "source_type": N_("provenance"), "description": N_("what happened"), "sources": N_("sources"),
    "slice": N_("slice")}
ROW_MEANINGS = {
    "incident_id": N_("The incident's id in the dataset."),
    "date": N_("The day of the arrest action or attack (with a month or year precision: its "
               "first day)."),
    "date_precision": N_("How precise the date is: day, month or year."),
    "incident_type": N_("An arrest action (one police operation, one date, one place) or an "
                        "attack."),
    "connection": N_("Linked: a direct tie to IS members in Syria or Iraq; inspired: no such tie "
                     "proven."),
    "link_type": N_("For linked incidents, how the tie runs."),
    "plot": N_("Whether the arrest action revealed evidence of a planned attack."),
    "nis_code": N_("Statbel's code of the municipality (2019 boundaries)."),
    "place": N_("Name of the municipality in the export's language (French / Dutch where they "
                "differ, in English)."),
    "province": N_("Statbel's code of the municipality's province (04000: the Brussels-Capital "
                   "Region)."),
    "people": N_("People arrested (arrest action) or attackers (attack)."),
    "killed": N_("Victims killed (attackers not counted); empty: not recorded."),
    "injured": N_("Victims injured; empty: not recorded."),
    "weapon": N_("Weapons used or found."), "target": N_("Targets attacked or planned."),
    "networks": N_("Named networks the incident belongs to."),
    "contact_ref": N_("An anonymous reference shared by incidents tied to the same facilitator "
                      "or recruiter."),
    "source_type": N_("Where the record comes from: a public record, generated to match the "
                      "study's published totals (reconstructed), or coded from a coder's own "
                      "sources."),
    "description": N_("What happened, in the export's language where the dataset has it."),
    "sources": N_("The record's sources."),
    "slice": N_("Compare mode: the slice the incident is in (A, B, or both)."),
}
_CODE_WORDS = {
    "date_precision": {"day": N_("day"), "month": N_("month"), "year": N_("year")},
    "weapon": {"firearm": N_("firearm"), "explosive_tatp": N_("explosive (TATP)"),
               "explosive_other": N_("other explosive"), "bladed": N_("bladed weapon"),
               "vehicle": N_("vehicle"), "other": N_("other")},
    "target": {"police": N_("police"), "military": N_("military"), "transport": N_("transport"),
               "public_event": N_("public event"), "public_space": N_("public space"),
               "religious": N_("religious site"), "other": N_("other")},
    "source_type": {"public_record": N_("public record"), "reconstructed": N_("reconstructed"),
                    "coded": N_("coded")},
}
LISTS = ("weapon", "target", "networks")  # several values in a cell, separated by ';'


def code_words(column: str) -> dict[str, str]:
    """A coded column's codes and the words the rows file writes for them, in the current
    language ({}: the column is written as it is)."""
    if column in ("incident_type", "connection", "link_type"):
        codes = {"incident_type": cb.INCIDENT_TYPES, "connection": cb.CONNECTIONS,
                 "link_type": cb.LINK_TYPES}[column]
        return {c: t(c) for c in codes}
    if column == "networks":  # the bundled networks' names in the reader's language
        return {n: network_names.said(n) for n in sorted(network_names.BUNDLED)}
    return {c: _(w) for c, w in _CODE_WORDS.get(column, {}).items()}


def _in_words(column: str, values: pd.Series) -> pd.Series:
    words = code_words(column)
    if column in LISTS:
        return values.map(lambda v: "; ".join(words.get(c, c) for c in v.split(";") if c))
    return values.map(lambda v: words.get(v, v)) if words else values


def rows_in_view(incidents: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Every incident the filters select (no cap), with the codebook's columns and provenance,
    in the reader's words: headings, coded values and the description in the current language
    (the codes are in the workbook's codebook sheet, row_codebook)."""
    out = incidents.copy()
    text = f"description_{current()}"
    if text in out.columns:
        out["description"] = out[text].where(out[text].fillna("") != "", out["description"])
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    out["place"] = out["nis_code"].map(lambda c: names.get(c, c))
    out["plot"] = out["plot"].map({True: _("yes"), False: _("no")})
    columns = [c for c in ROW_COLUMNS if c in out.columns or c == "place"]
    out = out.reindex(columns=columns)
    for column in columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = _in_words(column, out[column].fillna(""))
    return out.rename(columns={c: _(ROW_HEADINGS[c]) for c in columns})


def compared_rows(a: pd.DataFrame, b: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """The incidents of either slice of a comparison, once each (in the dataset's order), first
    column the slice each is in: "A", "B", or both ("A and B"), as the table says it."""
    in_a, in_b = set(a["incident_id"]), set(b["incident_id"])
    out = rows_in_view(pd.concat([a, b[~b["incident_id"].isin(in_a)]]).sort_index(), names)
    ids, side = ROW_HEADINGS["incident_id"], ROW_HEADINGS["slice"]
    said = [cmp.slice_of(i in in_a, i in in_b) for i in out[_(ids)]]
    out.insert(0, _(side), said)
    return out


def row_codebook(frame: pd.DataFrame) -> pd.DataFrame:
    """The codebook sheet of a rows workbook: each column's heading, its name in the codebook
    (the dataset's column), what it means and, for a coded column, each word with its code."""
    heading_of = {_(h): c for c, h in ROW_HEADINGS.items()}
    rows = []
    for heading in frame.columns:
        column = heading_of.get(heading)
        if column is None:
            continue
        words = code_words(column)
        if column == "plot":
            words = {"true": _("yes"), "false": _("no")}
        rows.append((heading, column, _(ROW_MEANINGS[column]),
                     "; ".join(f"{w} = {c}" for c, w in words.items())))
    return pd.DataFrame(rows, columns=[_("column"), _("codebook name"), _("meaning"),
                                       _("values (word = code)")])


def csv_bytes(frame: pd.DataFrame, belgian: bool = False) -> bytes:
    """UTF-8 CSV with a header row; belgian: ';' separators, decimal commas and a byte-order
    mark, as spreadsheet programs set to a Belgian locale expect."""
    text = safe(frame).to_csv(index=False, sep=";" if belgian else ",",
                              decimal="," if belgian else ".", lineterminator="\n")
    return ("\ufeff" + text if belgian else text).encode("utf-8")


def xlsx_bytes(data: pd.DataFrame, filters: list[tuple[str, str]], about: list[tuple[str, str]],
               day: str = "", rows: bool = False) -> bytes:
    """A workbook: the data, the filters in words (and the permalink), and where it comes from;
    rows (the incidents themselves): also their codebook (each column's meaning and codes)."""
    sheets = {_("data"): data} | ({_("codebook"): row_codebook(data)} if rows else {})
    return xlsx_book(sheets, filters, about, day)


_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stamped(archive: bytes, day: str = "") -> bytes:
    """The same ZIP (a pack, or an XLSX, which is one) with every entry dated the export day at
    midnight, and an XLSX's created/modified properties the same: its bytes depend on what it
    holds and that day only, never on the second it was written (a cached file must not lie)."""
    when = date.fromisoformat(day or date.today().isoformat())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as old, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            body = old.read(entry)
            if entry.filename == "docProps/core.xml":
                body = _CORE_TIMES.sub(rb"\g<1>" + f"{when}T00:00:00Z".encode() + rb"\g<3>",
                                       body)
            info = zipfile.ZipInfo(entry.filename, date_time=(when.year, when.month, when.day,
                                                              0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            new.writestr(info, body)
    return out.getvalue()


def xlsx_book(sheets: Mapping[str, pd.DataFrame], filters: list[tuple[str, str]],
              about: list[tuple[str, str]], day: str = "") -> bytes:
    """A workbook of several data sheets (names cut to Excel's 31 characters), then the
    filters and about sheets; dated the export day (stamped)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe(frame).to_excel(writer, sheet_name=name[:31], index=False)
        pd.DataFrame(filters, columns=[_("filter"), _("value")]).pipe(safe).to_excel(
            writer, sheet_name=_("filters")[:31], index=False)
        pd.DataFrame(about, columns=[_("item"), _("value")]).pipe(safe).to_excel(
            writer, sheet_name=_("about")[:31], index=False)
    return stamped(buffer.getvalue(), day)


def about(d: Dataset, incidents: pd.DataFrame, permalink: str, exported: str) -> list[tuple]:
    """The 'about' lines of every export: source, citation, dataset, provenance, permalink."""
    reconstructed = int((incidents["source_type"] == "reconstructed").sum())
    return [(_("source"), SHORT_CITATION),
            (_("how to cite"), CITATION), (_("dataset"), d.title()),
            (_("incidents in view"), str(len(incidents))),
            (_("reconstructed records in view"), str(reconstructed) + (
                _(" (generated to match the study's published totals; see the methodology)")
                if reconstructed else "")),
            (_("language"), NAMES[current()]),
            (_("permalink"), permalink), (_("exported"), exported)]
