"""Validation of raw (all-text) tables against the codebook, reporting every problem at once.

Per-column rules are pandera checks built from the codebook; rules that span columns or tables
are a short table of vectorised predicates. Rows are numbered as a spreadsheet shows them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

import pandas as pd
import pandera.pandas as pa

from data import codebook as cb
from data.codebook import Column, split
from data.places import is_wellformed_nis
from data.problems import PER_RULE, Problem

ROW_OFFSET = 2  # header is row 1, first record row 2


def _all_in(allowed: Iterable[str]) -> Callable[[pd.Series], pd.Series]:
    allowed = frozenset(allowed)
    return lambda s: split(s).map(lambda parts: all(p in allowed for p in parts))


def _kind_check(col: Column) -> pa.Check | None:
    """The pandera check for one codebook column (empty cells pass; 'required' is separate)."""
    k = col.kind
    if k == "date":
        fn = lambda s: (
            (s == "")
            | (  # noqa: E731
                s.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
                & pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").notna()
            )
        )
        msg = "not a real date in YYYY-MM-DD form"
    elif k == "choice":
        fn = lambda s, a=frozenset(col.allowed): (s == "") | s.isin(a)  # noqa: E731
        msg = "must be one of " + ", ".join(col.allowed)
    elif k == "choices":
        fn, msg = _all_in(col.allowed), "each value must be one of " + ", ".join(col.allowed)
    elif k == "bool":
        words = frozenset(cb.TRUE_WORDS + cb.FALSE_WORDS)
        fn = lambda s: (s == "") | s.str.lower().isin(words)  # noqa: E731
        msg = "must be true/false, yes/no or 1/0"
    elif k == "int":
        fn, msg = (lambda s: (s == "") | s.str.fullmatch(r"\d+")), "must be a whole number ≥ 0"
    elif k == "nis":
        fn = lambda s: (s == "") | s.map(is_wellformed_nis)  # noqa: E731
        msg = "must be a 5-digit NIS code of a Belgian arrondissement"
    elif k == "countries":
        fn, msg = _all_in(cb.COUNTRIES), "each code must be an upper-case alpha-2 country code"
    elif k == "ref":
        fn = lambda s: (s == "") | s.str.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}")  # noqa: E731
        msg = "must be an opaque reference (letters, digits, - _ . ; at most 32; no spaces)"
    elif k == "country":
        fn = lambda s: (s == "") | s.isin(frozenset(cb.COUNTRIES))  # noqa: E731
        msg = "must be one upper-case alpha-2 country code"
    else:
        return None
    return pa.Check(fn, error=msg)


def _schema(table: str) -> pa.DataFrameSchema:
    columns = {}
    for col in cb.TABLES[table]:
        checks = [c for c in [_kind_check(col)] if c is not None]
        if col.required:
            checks.append(pa.Check(lambda s: s != "", error="is required and empty"))
        columns[col.name] = pa.Column(
            str, checks=checks, required=col.required, unique=col.kind == "id", nullable=False
        )
    return pa.DataFrameSchema(columns, strict=False, coerce=False)


SCHEMAS = {table: _schema(table) for table in cb.TABLES}


def check_columns(table: str, frame: pd.DataFrame, file: str) -> list[Problem]:
    """Per-column rules of one raw table, via pandera, as Problems (at most PER_RULE of each
    rule; the others as one Problem per rule with row -count, see `counted`)."""
    try:
        SCHEMAS[table].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        first = cases.groupby(["column", "check"], sort=False, dropna=False).head(PER_RULE)
        extra = cases.drop(index=first.index).groupby(["column", "check"], dropna=False).size()
        problems = [_to_problem(row, file) for row in first.itertuples(index=False)]
        for (column, check), n in extra.items():
            rows = cases[(cases["column"] == column) & (cases["check"] == check)]
            sample = _to_problem(next(rows.head(1).itertuples(index=False)), file)
            problems.append(Problem(file, -int(n), sample.column, sample.message))
        return problems
    return []


def counted(problems: list[Problem]) -> tuple[list[Problem], Counter]:
    """Split Problems into those listed one by one and per-rule counts (row -n: n more)."""
    listed = [p for p in problems if p.row >= 0]
    more = Counter()
    for p in problems:
        if p.row < 0:
            more[(p.file, p.column, p.message)] += -p.row
    return listed, more


def _to_problem(case, file: str) -> Problem:
    if case.check == "column_in_dataframe":
        return Problem(file, 1, str(case.failure_case), "required column is missing")
    row = int(case.index) + ROW_OFFSET if pd.notna(case.index) else 0
    message = (
        "must be unique; this value appears more than once"
        if case.check == ("field_uniqueness")
        else str(case.check)
    )
    return Problem(file, row, str(case.column), message, str(case.failure_case))


def _rows(mask: pd.Series) -> list[int]:
    return [int(i) for i in mask[mask].index]


def check_incident_rules(
    inc: pd.DataFrame, file: str, networks: set[str] | None, municipalities: set[str] | None
) -> list[Problem]:
    """Rules across the columns of incidents, and from incidents to networks and places."""
    problems: list[Problem] = []
    get = lambda c: inc[c] if c in inc else pd.Series("", index=inc.index)  # noqa: E731
    conn, link = get("connection"), get("link_type")
    rules = [
        ("link_type", (conn == "linked") & (link == ""), "is required when connection is linked"),
        ("link_type", (conn == "inspired") & (link != ""), "must be empty when inspired"),
        (
            "people",
            (get("incident_type") == "attack") & get("people").str.fullmatch("0"),
            "an attack has at least 1 attacker",
        ),
    ]
    for column, mask, message in rules:
        problems += [
            Problem(file, i + ROW_OFFSET, column, message, str(inc.at[i, column]))
            for i in _rows(mask.fillna(False))
        ]
    if municipalities is not None and "nis_code" in inc:
        codes = inc["nis_code"]
        unknown = codes.map(is_wellformed_nis) & ~codes.isin(municipalities)
        problems += [
            Problem(
                file,
                i + ROW_OFFSET,
                "nis_code",
                "is not a municipality in the boundary register",
                codes[i],
            )
            for i in _rows(unknown)
        ]
    if networks is not None and "networks" in inc:
        named = split(get("networks"))
        for i, names in named[named.map(bool)].items():
            problems += [
                Problem(file, int(i) + ROW_OFFSET, "networks", "is not in the networks table", n)
                for n in names
                if n not in networks
            ]
    return problems


def check_people_rules(people: pd.DataFrame, inc: pd.DataFrame, file: str) -> list[Problem]:
    """People point to existing incidents, with a role that fits, and no more than counted."""
    if not {"incident_id", "role"} <= set(people) or "incident_id" not in inc:
        return []
    known = inc.drop_duplicates("incident_id").set_index("incident_id")
    problems = [
        Problem(
            file,
            i + ROW_OFFSET,
            "incident_id",
            "is not in the incidents table",
            people.at[i, "incident_id"],
        )
        for i in _rows(~people["incident_id"].isin(known.index))
    ]
    if "incident_type" in known:
        kind = people["incident_id"].map(known["incident_type"])
        want = people["role"].map({"arrested": "arrest_action", "attacker": "attack"})
        bad = kind.notna() & want.notna() & (kind != want)
        problems += [
            Problem(
                file,
                i + ROW_OFFSET,
                "role",
                f"does not fit the incident, which is an {kind[i]}",
                people.at[i, "role"],
            )
            for i in _rows(bad)
        ]
    if "people" in known:
        counted = pd.to_numeric(known["people"], errors="coerce")
        listed = people["incident_id"].value_counts()
        over = listed[listed > counted.reindex(listed.index).fillna(listed)]
        for incident_id, n in over.items():
            first = int(people.index[people["incident_id"] == incident_id][0])
            problems.append(
                Problem(
                    file,
                    first + ROW_OFFSET,
                    "incident_id",
                    f"{n} people listed but the incident counts {int(counted[incident_id])}",
                    str(incident_id),
                )
            )
    return problems
