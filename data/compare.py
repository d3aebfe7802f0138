"""Two slices side by side: the view state A, and B as A with some filters replaced.

In an address, B's filters are `vs.<param>=<value>`, the same names and values as the filters:
`type=attack&place=brussels&vs.place=antwerp` is attacks in Brussels (A) against attacks in
Antwerp (B). `vs.place=` (no value) lifts A's place filter for B: `place=brussels&vs.place=`
is Brussels against the whole country. Only filters take `vs.`; chart options apply to both.

And what small numbers can carry: each share's 95% Wilson score interval, and Fisher's exact
test (two-sided) for the difference of two shares from slices that share no incident. Pure
Python (math only); tests hold both to scipy.stats, and the browser's twins
(assets/instant-4-compare.js) to these.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

import pandas as pd

from data.facts import FIRST_MONTH, LAST_MONTH
from data.filters import (
    PARAMS,
    SPACE,
    FilterError,
    Filters,
    Vocabulary,
    _describe_parts,
    form_quote,
)
from data.i18n import N_, _, cap, current, month, num, pct, t, valid
from data.spec import FILTER, FILTERS

VS = "vs."
Z95 = 1.959963984540054  # the standard normal's 97.5% quantile
CHANCE = 0.05  # a difference with Fisher's p at or above this may be chance


@dataclass(frozen=True)
class Comparison:
    """Slice A, slice B and which filters B replaces (canonical order, "" where B lifts one)."""

    a: Filters
    b: Filters
    overrides: tuple[tuple[str, str], ...]

    def query(self) -> str:
        """The `vs.` part of the canonical address, after A's filters."""
        return "&".join(f"{form_quote(VS + k)}={form_quote(v)}" for k, v in self.overrides)

    def swapped(self) -> Comparison:
        """B as A, A as B: the overrides then say what A had where B differed."""
        mine = dict(_pairs(self.a.to_query()))
        return Comparison(self.b, self.a, tuple((k, mine.get(k, "")) for k, _ in self.overrides))


def split(pairs: Iterable[tuple[str, str]]) -> tuple[list, list]:
    """An address's parameters as (its other pairs, B's `vs.` pairs without the prefix, blanks
    kept); FilterError naming `vs.<param>` for a `vs.` on something that is not a filter."""
    rest, vs = [], []
    for key, value in pairs:
        if key.startswith(VS):
            name = key[len(VS):]
            if name not in PARAMS or not FILTER[name].compared:
                raise FilterError("unknown_parameter", param=key)
            vs.append((name, value))
        else:
            rest.append((key, value))
    return rest, vs


def _pairs(query: str) -> list[tuple[str, str]]:
    return parse_qsl(query, keep_blank_values=True)


def compare(a: Filters, vs: Iterable[tuple[str, str]], known: Vocabulary) -> Comparison | None:
    """B from A and B's `vs.` pairs (None when there are none); FilterError names `vs.<param>`
    for a value the filter refuses, as the filter itself is named for A."""
    vs = list(vs)
    if not vs:
        return None
    given: dict[str, list[str]] = {}
    for name, raw in vs:
        given.setdefault(name, []).extend(v.strip(SPACE) for v in raw.split(",")
                                          if v.strip(SPACE))
    try:  # each override alone first, so that an error names the `vs.` parameter
        Filters.from_query({k: v for k, v in given.items() if v}, known)
    except FilterError as err:
        if "param" in err.params:
            err.params["param"] = VS + err.params["param"]
        raise
    mine = {k: v for k, v in _pairs(a.to_query()) if k not in given and FILTER[k].compared}
    b = Filters.from_query({**mine, **{k: ",".join(v) for k, v in given.items() if v}}, known)
    written = dict(_pairs(b.to_query()))
    overrides = tuple((k, written.get(k, "")) for k in PARAMS if k in given)
    return Comparison(a, b, overrides)


def canonical(a: Filters, vs: Iterable[tuple[str, str]], known: Vocabulary
              ) -> Comparison | None:
    """compare(), with the overrides that change nothing dropped (`place=brussels&vs.place=
    brussels`, or `vs.place=` with no place filter): None when none is left. FilterError
    naming `vs.<param>` for a `vs.` on something that is not a filter, as split() does."""
    vs = list(vs)
    split((VS + k, v) for k, v in vs)
    c = compare(a, vs, known)
    if c is None:
        return None
    mine = dict(_pairs(a.to_query()))
    kept = tuple((k, v) for k, v in c.overrides if mine.get(k, "") != v)
    return Comparison(c.a, c.b, kept) if kept else None


def state_parts(state: Mapping) -> tuple[dict, list[tuple[str, str]]]:
    """A stored view state (the address's parameters) as A's own and B's `vs.` pairs (prefix
    removed, a blank value kept: it lifts A's filter)."""
    mine, vs = {}, []
    for key, value in state.items():
        if isinstance(key, str) and key.startswith(VS):
            vs.append((key[len(VS):], value if isinstance(value, str) else ""))
        else:
            mine[key] = value
    return mine, vs


def state_of(c: Comparison | None) -> dict[str, str]:
    """B's part of a stored view state: {"vs.place": "antwerp"} (canonical order)."""
    return {} if c is None else {VS + k: v for k, v in c.overrides}


def slices(state: object, known: Vocabulary) -> tuple[Filters, Comparison | None]:
    """A stored view state as slice A and the comparison (None when there is none);
    FilterError as for A alone, naming `vs.<param>` where B's part is wrong."""
    mine, vs = state_parts(state) if isinstance(state, Mapping) else (state, [])
    a = Filters.from_query(mine if isinstance(mine, Mapping) else {}, known)
    return a, canonical(a, vs, known)


# --- what small numbers can carry -----------------------------------------------------------

def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of k successes in n (as fractions), None when n is 0."""
    if n <= 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p of Fisher's exact test for the table [[a, b], [c, d]]: the probability,
    margins fixed, of every table no more likely than this one (as scipy.stats counts it)."""
    row, col, total = a + b, a + c, a + b + c + d
    if total == 0:
        return 1.0

    def log_p(x: int) -> float:  # the hypergeometric log-probability of x in the top left
        return (_log_choose(row, x) + _log_choose(total - row, col - x)
                - _log_choose(total, col))

    seen = log_p(a)
    lo, hi = max(0, col - (total - row)), min(row, col)
    p = sum(math.exp(log_p(x)) for x in range(lo, hi + 1)
            if log_p(x) <= seen + 1e-7)  # scipy's relative tolerance, in logs
    return min(1.0, p)


_LOG_FACTORIALS = [0.0]  # log(n!) for n = 0, 1, ...: sums of logs, as the browser adds them
_GROWING = threading.Lock()


def _log_factorial(n: int) -> float:
    table = _LOG_FACTORIALS
    if n >= len(table):
        with _GROWING:
            while len(table) <= n:
                table.append(table[-1] + math.log(len(table)))
    return table[n]


def _log_choose(n: int, k: int) -> float:
    return _log_factorial(n) - _log_factorial(k) - _log_factorial(n - k)


@dataclass(frozen=True)
class Share:
    """k of n, its percentage and its 95% Wilson interval (percentages)."""

    k: int
    n: int

    @property
    def pct(self) -> float | None:
        return round(100 * self.k / self.n, 1) if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        w = wilson(self.k, self.n)
        return None if w is None else (round(100 * w[0], 1), round(100 * w[1], 1))


@dataclass(frozen=True)
class Difference:
    """Two shares, B minus A in points, and Fisher's p when the slices share no incident
    (None otherwise: `why` says which case)."""

    a: Share
    b: Share
    points: float | None
    p: float | None
    why: str  # "tested", "overlap" (some incidents are in both), "empty" (a slice has none)

    @property
    def may_be_chance(self) -> bool | None:
        return None if self.p is None else self.p >= CHANCE


def difference(a: Share, b: Share, shared: int) -> Difference:
    """The difference of two shares; tested only when no incident is in both slices."""
    points = None if a.pct is None or b.pct is None else round(b.pct - a.pct, 1)
    if not a.n or not b.n:
        return Difference(a, b, points, None, "empty")
    if shared:
        return Difference(a, b, points, None, "overlap")
    return Difference(a, b, points, fisher_exact(a.k, a.n - a.k, b.k, b.n - b.k), "tested")


def slice_of(in_a: bool, in_b: bool) -> str:
    """Which slice a row is in, as the table and the rows' files say it: "A", "B" or both."""
    return _("A and B") if in_a and in_b else "A" if in_a else "B"


def shared_incidents(a: pd.DataFrame, b: pd.DataFrame) -> int:
    """How many incidents are in both slices (by id)."""
    return len(set(a["incident_id"]) & set(b["incident_id"]))


# --- naming the slices and their key figures ------------------------------------------------

def name_of(f: Filters, params: Iterable[str], lang: str | None = None,
            place_names: dict[str, str] | None = None) -> str:
    """A slice named by what it has for these parameters alone (B's chip: "Antwerp")."""
    return _name(f, {PARAMS[k] for k in params}, lang, place_names or {})


def names(c: Comparison, lang: str | None = None,
          place_names: dict[str, str] | None = None) -> tuple[str, str]:
    """Each slice named in words from what differs: ("Brussels-Capital Region", "Antwerp"),
    ("Jan 2015 – Dec 2015", "Jan 2016 – Dec 2016"), ("Arrest actions", "Attacks")."""
    fields = {PARAMS[k] for k, _ in c.overrides}
    return (_name(c.a, fields, lang, place_names or {}),
            _name(c.b, fields, lang, place_names or {}))


def common(c: Comparison, lang: str | None = None,
           place_names: dict[str, str] | None = None) -> str:
    """What both slices share, in words ("Attacks, Jun 2017 – Jun 2017"): A's filters that B
    does not replace; "" when there are none."""

    replaced = {PARAMS[k] for k, _v in c.overrides} | {s.field for s in FILTERS if not s.compared}
    both = replace(c.a, **{k: getattr(Filters(), k) for k in replaced})
    parts = _describe_parts(both, lang, place_names or {})
    if not (both.types or both.connections):
        parts = parts[1:]  # "All incidents": nothing shared about the subject
    return ", ".join(parts)


def _name(f: Filters, fields: set[str], lang, place_names) -> str:
    lang = valid(lang) or current()
    only = Filters(**{k: getattr(f, k) for k in fields - {"start", "end"}})
    parts = _describe_parts(only, lang, place_names)
    if not fields & {s.field for s in FILTERS if s.subject}:
        parts = parts[1:]  # the subject ("All incidents") is the same on both sides
    wheres = [s.field for s in FILTERS if s.where]
    if fields & set(wheres) and not any(getattr(only, w) for w in wheres):
        parts.append(t("all_places", lang))
    if fields & {"start", "end"}:
        start, end = f.start or FIRST_MONTH, f.end or LAST_MONTH
        whole_year = start[:4] == end[:4] and start[5:] == "01" and end[5:] == "12"
        parts.append(start[:4] if whole_year else f"{month(start, lang)} – {month(end, lang)}")
    return cap(", ".join(parts)) if parts else t("all_incidents", lang)


def key_figures(a: dict[str, dict], b: dict[str, dict], shared: int) -> dict[str, dict]:
    """aggregate.key_figures of each slice, side by side: each count with B minus A, each share
    with its interval and the difference (tested when no incident is in both slices)."""
    out = {}
    for key, fa in a.items():
        fb = b[key]
        if "n" in fa:  # a share: value of n
            sa, sb = Share(fa["value"], fa["n"]), Share(fb["value"], fb["n"])
            out[key] = {"a": sa, "b": sb, "difference": difference(sa, sb, shared)}
        else:
            out[key] = {"a": fa["value"], "b": fb["value"], "difference": fb["value"] - fa["value"]}
    return out


INTERVAL = N_("95% interval {low}–{high}")


def interval_text(k: int, n: int, lang: str | None = None) -> str:
    """"95% interval 82%–97%" for k of n (its ends rounded once, as shown); "" when n is 0."""
    w = wilson(k, n)
    return "" if w is None else _(INTERVAL, lang).format(low=pct(100 * w[0], lang),
                                                         high=pct(100 * w[1], lang))


VERDICTS = {  # how a difference of two shares is told, by what the numbers can carry
    "chance": N_("{a} against {b}: a difference these numbers cannot tell from chance "
                 "(Fisher's exact p = {p})"),
    "unlikely": N_("{a} against {b}: unlikely to be chance alone (Fisher's exact p = {p})"),
    "overlap": N_("{a} against {b}: not tested, as some incidents are in both slices"),
    "empty": N_("{a} against {b}: not tested, as one slice has n = 0"),
}


def p_value(p: float, lang: str | None = None) -> str:
    """1.0, 0.70, 0.004, < 0.001 in the language's digits."""
    if p < 0.001:
        return "< " + num(0.001, lang, 3)
    return num(p, lang, 1 if p >= 0.995 else 2 if p >= 0.01 else 3)


# the same, told to a room (a briefing's caption): what the test says, without its p-value
PLAIN_VERDICTS = VERDICTS | {
    "chance": N_("{a} against {b}: a difference these numbers cannot tell from chance"),
    "unlikely": N_("{a} against {b}: unlikely to be chance alone"),
}


def verdict(d: Difference, lang: str | None = None, plain: bool = False) -> str:
    """One line on a difference of two shares, in lang: "92% against 100%: a difference these
    numbers cannot tell from chance (Fisher's exact p = 1.0)" (plain: without the test's
    name and p-value, for a briefing)."""
    key = d.why if d.p is None else "chance" if d.may_be_chance else "unlikely"
    said = _((PLAIN_VERDICTS if plain else VERDICTS)[key], lang)
    return said.format(a=pct(d.a.pct, lang), b=pct(d.b.pct, lang),
                       p=p_value(d.p, lang) if d.p is not None else "")
