"""Who was involved, as aggregates only, behind one disclosure gate (never a row per person).

Every people count leaves the server through `gate` (data/export.py, the charts, the
offline file, the briefing and every file call it), which applies the rule to the view's
tables as a whole:

- a count from 1 to the threshold minus one is hidden and shown as "< 3" (*small*);
- a table whose total or base is shown must not let a hidden cell be worked out from it: while
  any hidden cell can take only one value given what is shown (the base, the visible cells, the
  bounds that "< 3" and "hidden" carry), the smallest visible cell is hidden too (*complement*,
  shown as "hidden", which claims no size: never "< 3", which it is not); when nothing is left
  to hide, the table is not broken down (*withheld*);
- a breakdown of fewer people than the threshold, or of a group whose size is hidden elsewhere
  in the view (Belgians' birthplace when the Belgian count is hidden; a citizenship's years when
  the citizenship is hidden), is not broken down, and its base is hidden with it;
- "unknown" is never hidden: the total and the base are shown, so it is their difference anyway.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from data import aggregate as ag
from data.codebook import COUNTRIES, explode_codes, has_code, moroccan_connected
from data.i18n import _, country, num, t

THRESHOLD_ENV = "BEEXPLORER_DISCLOSURE_MIN"
DEFAULT_THRESHOLD = 3
UNKNOWN = "unknown"
SMALL, COMPLEMENT = "small", "complement"  # why a cell is hidden
CHARTS = ("citizenship", "birthplace", "heritage")  # the breakdowns a reader can download


def threshold() -> int:
    """People counts below this are not shown (BEEXPLORER_DISCLOSURE_MIN, default 3)."""
    raw = os.environ.get(THRESHOLD_ENV, "")
    return max(1, int(raw)) if raw.isdigit() else DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Breakdown:
    """People per category as they may be shown: the counts, why a cell is hidden, the base."""

    title_key: str
    counts: pd.DataFrame  # category, label, n, why ("", small, complement), hidden, share
    known: int  # people for whom the category is known (the base of the shares)
    total: int  # people in the breakdown, unknown included
    minimum: int = DEFAULT_THRESHOLD
    size_hidden: bool = False  # the base and the total are hidden (and nothing broken down)
    withheld: bool = False  # not broken down: no category is shown

    def cell(self, n: int, why: str) -> str:
        """A count as shown: the number, "< 3" or "hidden"."""
        return shown_as(n, why, self.minimum)

    @property
    def base_hidden(self) -> bool:
        return self.size_hidden or 0 < self.known < self.minimum

    @property
    def base(self) -> str:
        """The base of the shares as shown: hidden with a hidden size, "< 3" when small."""
        why = (SMALL if self.known < self.minimum else COMPLEMENT) if self.base_hidden else ""
        return shown_as(self.known, why, self.minimum)

    @property
    def size(self) -> str:
        return shown_as(self.total, SMALL if self.size_hidden and self.total < self.minimum
                        else COMPLEMENT if self.size_hidden else "", self.minimum)


@dataclass(frozen=True)
class PeopleView:
    """Every people figure of a view, gated together (see the module's docstring)."""

    total: int  # people in view: public (the incidents' own people column adds up to it)
    minimum: int
    breakdowns: dict[str, Breakdown]  # citizenship, birthplace, heritage, role
    grid: pd.DataFrame  # citizenship x year: country, year, n, why, hidden, years, label
    moroccan: dict[str, int] = field(default_factory=dict)

    @property
    def few(self) -> bool:
        return self.total < self.minimum


def shown_as(n: int, why: str, minimum: int) -> str:
    """A people count as displayed: the number, "< 3" (small) or "hidden" (complement)."""
    if why == SMALL:
        return f"< {num(minimum)}"
    if why == COMPLEMENT:
        return _("hidden")
    return num(n)


def shown(n: int, hidden: bool, minimum: int) -> str:
    """A count hidden only when small: the number, or '< minimum'."""
    return shown_as(n, SMALL if hidden else "", minimum)


def pinned(cells: dict, why: dict, base: int, exact: bool, minimum: int) -> list:
    """The hidden cells whose value what is shown pins down. Each hidden cell may be what its
    label says (small: 1 to minimum - 1; "hidden": 1 to the base, a label that claims no
    size), the shown cells are what they say, and the cells add up to the base (exact) or to
    at least it, each at most it (a person may count in two categories)."""
    shown_ = [n for c, n in cells.items() if not why[c]]
    bounds = {c: (1, minimum - 1) if why[c] == SMALL else (1, base) for c in cells if why[c]}
    rest = base - sum(shown_)
    lo_all, hi_all = sum(b[0] for b in bounds.values()), sum(b[1] for b in bounds.values())
    out = []
    for c, (lo, hi) in bounds.items():  # the others' least and most: all's less this cell's
        low = max(lo, rest - (hi_all - hi))
        high = min(hi, rest - (lo_all - lo)) if exact else hi
        if low >= high:
            out.append(c)
    return out


def protect(counts: pd.Series, base: int, exact: bool, minimum: int) -> tuple[pd.Series, bool]:
    """Why each count is hidden (small, complement or ""), and whether the table must be
    withheld: small counts hidden, then the smallest shown counts as long as a hidden one is
    pinned down by the base (pinned)."""
    why = pd.Series(["" if n <= 0 or n >= minimum else SMALL for n in counts],
                    index=counts.index, dtype=object)
    order = counts.sort_values(kind="stable").index
    while pinned(counts.to_dict(), why.to_dict(), base, exact, minimum):
        candidates = [c for c in order if not why[c] and counts[c] > 0]
        if not candidates:
            return why, True
        why[candidates[0]] = COMPLEMENT
    return why, False


def _label(code: str, names: dict[str, str]) -> str:
    """A category as shown: a country's name in the current language (CLDR), or 'unknown'."""
    if code == UNKNOWN:
        return t("unknown")
    return country(code, fallback=names[code]) if code in names else code


def _breakdown(key: str, column: pd.Series, minimum: int, names: dict[str, str],
               of_all: bool = False, unknown: bool = True, size_hidden: bool = False
               ) -> Breakdown:
    """Per code of a ';'-separated column (a person with two counts for both), plus 'unknown'
    for an empty cell; shares of those with it known (of_all: of everyone in the breakdown,
    'unknown' then one category among the others). Gated: the categories protected against
    the base; fewer people than the threshold, a small base or a hidden size: withheld."""
    empty = (column.fillna("").astype(str).str.strip() == "").to_numpy(dtype=bool)
    codes = explode_codes(column).value_counts()
    codes = codes.sort_index().sort_values(ascending=False, kind="stable").astype(int)
    if of_all and unknown:
        codes = pd.concat([codes, pd.Series({UNKNOWN: int(empty.sum())}, dtype=int)])
    known = len(column) if of_all else int((~empty).sum())
    size_hidden = size_hidden or 0 < len(column) < minimum
    cells = codes[codes > 0]
    why, withheld = protect(cells, known, int(cells.sum()) == known, minimum)
    withheld = withheld or size_hidden or 0 < known < minimum
    rows = [] if withheld else [(c, int(n), why[c]) for c, n in cells.items()]
    if unknown and not of_all and not size_hidden:  # the total less the base: hidden with it
        rows.append((UNKNOWN, int(empty.sum()), COMPLEMENT if 0 < known < minimum else ""))
    frame = pd.DataFrame(rows, columns=["category", "n", "why"]).astype({"n": int})
    frame["label"] = [_label(c, names) for c in frame["category"]]
    frame["hidden"] = (frame["why"] != "").astype(bool)
    frame["share"] = [None if h or c == UNKNOWN or not known
                      else 100 * n / known for c, n, h in
                      zip(frame["category"], frame["n"], frame["hidden"], strict=True)]
    return Breakdown(key, frame, known, len(column), minimum, size_hidden, withheld)


def citizenship_by_year(people: pd.DataFrame, years: pd.Series, minimum: int,
                        citizenship: Breakdown | None = None) -> pd.DataFrame:
    """People per citizenship and year of their incident (citizenship known), each row gated
    against its citizenship's count, which is shown (a hidden citizenship's row is left out,
    as is a row that cannot be protected); rows ordered by how many years the citizenship
    appears in."""
    codes = explode_codes(people["citizenship"].reset_index(drop=True))
    pairs = pd.DataFrame({"country": codes.to_numpy(),
                          "year": years.to_numpy()[codes.index.to_numpy(dtype=int)]})
    grid = pairs.groupby(["country", "year"]).size().rename("n").reset_index()
    if citizenship is not None:  # a hidden or withheld citizenship's years would tell its size
        shown_ = citizenship.counts[~citizenship.counts["hidden"]]["category"]
        grid = grid[grid["country"].isin(set(shown_))]
    why = []
    for _code, row in grid.groupby("country", sort=False)["n"]:
        row_why, withheld = protect(row, int(row.sum()), True, minimum)
        if not withheld:  # else the row is left out: its years and their bounds pin a cell
            why.append(row_why)
    why = pd.concat(why) if why else pd.Series([], dtype=object)
    grid = grid.loc[why.index].assign(why=why)
    grid["hidden"] = grid["why"] != ""
    spread = grid.groupby("country")["year"].nunique().rename("years")
    grid = grid.merge(spread, on="country")
    grid["label"] = grid["country"].map(lambda c: _label(c, COUNTRIES))
    return grid.sort_values(["years", "country", "year"], ascending=[False, True, True],
                            ignore_index=True)


def gate(people: pd.DataFrame, years: pd.Series | None = None,
         minimum: int | None = None) -> PeopleView:
    """The one way people counts leave the server: every breakdown of a view's people, gated
    together (a view with fewer people than the threshold is not broken down at all).
    years: the year of each person's incident, for the citizenship-by-year grid."""
    minimum = threshold() if minimum is None else minimum
    drawn = people.iloc[:0] if len(people) < minimum else people
    cit = _breakdown("people_citizenship", drawn["citizenship"], minimum, COUNTRIES)
    belgian_count = cit.counts.set_index("category")
    belgians_hidden = "BE" in belgian_count.index and bool(belgian_count.at["BE", "hidden"])
    belgians = drawn.loc[has_code(drawn["citizenship"], "BE").to_numpy()]
    born = _breakdown("people_birthplace", belgians["birth_country"], minimum, COUNTRIES,
                      of_all=True, size_hidden=belgians_hidden or cit.withheld)
    roots = _breakdown("people_heritage", drawn["heritage"], minimum, COUNTRIES)
    role = _breakdown("people_role", drawn["role"], minimum, {}, unknown=False)
    if years is None:
        years = pd.Series([0] * len(drawn))
    grid = citizenship_by_year(drawn, pd.Series(years).iloc[:len(drawn)], minimum, cit)
    return PeopleView(len(people), minimum, {"citizenship": cit, "birthplace": born,
                                             "heritage": roots, "role": role}, grid,
                      moroccan(drawn) if len(drawn) else {})


def moroccan(people: pd.DataFrame) -> dict[str, int]:
    """aggregate.moroccan_connection, and how many of those people are Belgian citizens."""
    connected = moroccan_connected(people).to_numpy(dtype=bool)
    belgian = has_code(people["citizenship"], "BE").to_numpy()
    return ag.moroccan_connection(people) | {"belgian": int((connected & belgian).sum())}
