"""Who was involved, as aggregates only, with disclosure control (never a row per person).

Counts of people below a threshold are shown as "< 3"; where one cell of a breakdown is
hidden, the next smallest is hidden too (else the total would give it away); and a view with
fewer people than the threshold is not broken down at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from data import aggregate as ag
from data.codebook import COUNTRIES, explode_codes, has_code, moroccan_connected
from data.i18n import country, num, t

THRESHOLD_ENV = "BEEXPLORER_DISCLOSURE_MIN"
DEFAULT_THRESHOLD = 3
UNKNOWN = "unknown"


def threshold() -> int:
    """People counts below this are not shown (BEEXPLORER_DISCLOSURE_MIN, default 3)."""
    raw = os.environ.get(THRESHOLD_ENV, "")
    return max(1, int(raw)) if raw.isdigit() else DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Breakdown:
    """People per category: the counts, which are hidden, and the base of every share."""

    title_key: str
    counts: pd.DataFrame  # category, label, n, hidden (bool), share (of known; None if hidden)
    known: int  # people for whom the category is known (the base of the shares)
    total: int  # people in the breakdown, unknown included


def hide_small(counts: pd.Series, minimum: int) -> pd.Series:
    """Which counts to hide: those below minimum, and if that hides exactly one cell, the next
    smallest too (a total minus the others would reveal a single hidden cell)."""
    hidden = (counts > 0) & (counts < minimum)
    if int(hidden.sum()) == 1:
        rest = counts[(counts > 0) & ~hidden].sort_values(kind="stable")
        if len(rest):
            hidden[rest.index[0]] = True
    return hidden


def _label(code: str, names: dict[str, str]) -> str:
    """A category as shown: a country's name in the current language (CLDR), or 'unknown'."""
    if code == UNKNOWN:
        return t("unknown")
    return country(code, fallback=names[code]) if code in names else code


def _breakdown(key: str, column: pd.Series, minimum: int, names: dict[str, str],
               of_all: bool = False, unknown: bool = True) -> Breakdown:
    """Per code of a ';'-separated column (a person with two counts for both), plus 'unknown'
    for an empty cell; shares of those with it known (of_all: of everyone in the breakdown)."""
    known_mask = (column.fillna("").astype(str).str.strip() != "").to_numpy(dtype=bool)
    counts = explode_codes(column).value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    if unknown:
        counts[UNKNOWN] = int((~known_mask).sum())
    hidden = hide_small(counts, minimum)
    known = len(column) if of_all else int(known_mask.sum())
    frame = pd.DataFrame({
        "category": counts.index, "n": counts.to_numpy(dtype=int), "hidden": hidden.to_numpy(),
        "label": [_label(c, names) for c in counts.index],
    })
    frame["share"] = [None if h or c == UNKNOWN or not known else 100 * n / known
                      for c, n, h in zip(frame["category"], frame["n"], frame["hidden"],
                                         strict=True)]
    return Breakdown(key, frame, known, len(column))


def citizenship(people: pd.DataFrame, minimum: int) -> Breakdown:
    return _breakdown("people_citizenship", people["citizenship"], minimum, COUNTRIES)


def belgians_birthplace(people: pd.DataFrame, minimum: int) -> Breakdown:
    belgians = people.loc[has_code(people["citizenship"], "BE").to_numpy()]
    return _breakdown("people_birthplace", belgians["birth_country"], minimum, COUNTRIES,
                      of_all=True)


def heritage(people: pd.DataFrame, minimum: int) -> Breakdown:
    return _breakdown("people_heritage", people["heritage"], minimum, COUNTRIES)


def role(people: pd.DataFrame, minimum: int) -> Breakdown:
    return _breakdown("people_role", people["role"], minimum, {}, unknown=False)


def moroccan(people: pd.DataFrame) -> dict[str, int]:
    """aggregate.moroccan_connection, and how many of those people are Belgian citizens."""
    connected = moroccan_connected(people).to_numpy(dtype=bool)
    belgian = has_code(people["citizenship"], "BE").to_numpy()
    return ag.moroccan_connection(people) | {"belgian": int((connected & belgian).sum())}


def citizenship_by_year(people: pd.DataFrame, years: pd.Series, minimum: int) -> pd.DataFrame:
    """People per citizenship and year of their incident (citizenship known), cells hidden as
    in every breakdown; rows ordered by how many years the citizenship appears in."""
    codes = explode_codes(people["citizenship"].reset_index(drop=True))
    pairs = pd.DataFrame({"country": codes.to_numpy(),
                          "year": years.to_numpy()[codes.index.to_numpy(dtype=int)]})
    grid = pairs.groupby(["country", "year"]).size().rename("n").reset_index()
    grid["hidden"] = (grid["n"] > 0) & (grid["n"] < minimum)
    spread = grid.groupby("country")["year"].nunique().rename("years")
    grid = grid.merge(spread, on="country")
    grid["label"] = grid["country"].map(lambda c: _label(c, COUNTRIES))
    return grid.sort_values(["years", "country", "year"], ascending=[False, True, True],
                            ignore_index=True)


def shown(n: int, hidden: bool, minimum: int) -> str:
    """A people count as displayed: the number, or '< minimum' when it is hidden."""
    return f"< {num(minimum)}" if hidden else num(n)
