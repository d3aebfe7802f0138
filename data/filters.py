"""One immutable filter state: it feeds every view, the URL, captions and exports.

Values are checked against allow-lists where they enter (URL, callback payloads); unknown or
malformed values raise FilterError naming the parameter and value, never pass through.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, make_dataclass, replace
from urllib.parse import parse_qsl, quote_plus

import numpy as np
import pandas as pd

from data import codebook as cb
from data.codebook import has_code
from data.facts import FIRST_MONTH, LAST_MONTH
from data.i18n import N_, _, country, current, month, t, valid
from data.places import GROUP_NAMES, GROUPS, PROVINCES, gazetteer
from data.spec import FILTER, FILTERS, FLAG, MONTH, ONE, SET, Filter

PLACE_GROUPS = (*GROUPS, "elsewhere")
MONTH_TEXT = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")  # ASCII digits, as the browser's check
# URL parameter -> Filters field, in the order the URL shows them (data/spec.py)
PARAMS = {f.param: f.field for f in FILTERS}


# What a refused value is told as: a code and its parameters; the words are the catalogues'
# (translated), so the browser says the same from the same templates (vocabulary "errors")
ERRORS = {
    "bad_state": N_("a filter state must be an address's query or a mapping of its parameters"),
    "unknown_parameter": N_("unknown parameter “{param}”"),
    "one_month": N_("“{param}” must be one month as YYYY-MM, not “{value}”"),
    "one_of": N_("“{param}” must be one of {choices}, not “{value}”"),
    "unknown_value": N_("unknown value for “{param}”: “{value}”"),
    "from_after_to": N_("“from” ({start}) is after “to” ({end})"),
    "given_twice": N_("“{param}” is given twice: “{first}” and “{second}”"),
    "bad_control": N_("the “{param}” control sent a value it cannot hold"),
}
# what is trimmed from each value of an address (ASCII white space: the browser trims the same)
SPACE = " \t\n\r\f\v"


class FilterError(ValueError):
    """A filter value that is not allowed: an error code (ERRORS) and its parameters."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def __str__(self) -> str:  # in the current language
        return _(ERRORS[self.code]).format(**self.params)


def form_quote(text: str) -> str:
    """A parameter's name or value as the web's form encoding writes it (URLSearchParams in the
    browser): letters, digits and *-._ kept, a space as +, all else percent-encoded."""
    return quote_plus(text, safe="*").replace("~", "%7E")


def canonical_order(values) -> list[str]:
    """Values in the order the canonical address lists them: by UTF-16 code units, which is
    the browser's own string order, so both sides sort alike without imitating each other."""
    return sorted(values, key=lambda v: v.encode("utf-16-be"))


@dataclass(frozen=True)
class Vocabulary:
    """What a filter may name: the dataset's networks and municipalities."""

    networks: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, incidents: pd.DataFrame, networks: pd.DataFrame, municipalities: set[str] | None = None
    ) -> Vocabulary:
        known = set(incidents["nis_code"]) | set(gazetteer()) | set(municipalities or ())
        return cls(frozenset(networks["network"]), frozenset(known))


class _State:
    """The filter state's behaviour; its fields are data/spec.py's filters (Filters below)."""

    # --- reading and writing ---------------------------------------------------------------
    @classmethod
    def from_query(cls, query: str | Mapping, known: Vocabulary) -> Filters:
        """Parse '?type=attack&place=brussels,52011' (or a mapping); FilterError if invalid."""
        if isinstance(query, str):
            pairs = parse_qsl(query.lstrip("?"), keep_blank_values=False)
        elif isinstance(query, Mapping):
            pairs = [(k, v) for k, vs in query.items() for v in _as_list(vs)]
        else:
            raise FilterError("bad_state")
        values: dict[str, list[str]] = {}
        for key, raw in pairs:
            if not isinstance(key, str) or not isinstance(raw, str):
                raise FilterError("bad_state")
            if key not in PARAMS:
                raise FilterError("unknown_parameter", param=key)
            values.setdefault(key, []).extend(
                v.strip(SPACE) for v in raw.split(",") if v.strip(SPACE))
        return cls(**{PARAMS[k]: _parse(k, v, known) for k, v in values.items()}).checked()

    def checked(self) -> Filters:
        if self.start and self.end and self.start > self.end:
            raise FilterError("from_after_to", start=self.start, end=self.end)
        if self.within and not any(in_group(p, self.within) for p in self.places):
            return replace(self, within=None)  # nothing left that came from it
        return self

    def to_query(self) -> str:
        """Canonical query string (sorted values, comma-separated); '' when nothing is set."""
        pairs = []
        for spec in FILTERS:
            value = getattr(self, spec.field)
            if value is None or value == frozenset():
                continue
            if spec.kind == FLAG:
                value = ["yes" if value else "no"]
            elif spec.kind == SET:
                value = canonical_order(value)
            else:
                value = [value]
            # a set's values joined by ',' (no value holds one: they are split on it)
            pairs.append(f"{form_quote(spec.param)}={','.join(form_quote(v) for v in value)}")
        return "&".join(pairs)

    def to_state(self) -> dict:
        """A JSON-ready dict for the browser's store (same keys as the URL)."""
        return dict(parse_qsl(self.to_query()))

    def is_empty(self) -> bool:
        return self == Filters()

    def describe(self, lang: str | None = None, names: Mapping[str, str] | None = None) -> str:
        """A short summary for captions: 'Inspired attacks, Brussels-Capital Region, 2016-01 to
        2016-12'."""
        return ", ".join(_describe_parts(self, lang, names or {}))


def _default(spec: Filter):
    return field(default_factory=frozenset) if spec.kind == SET else None


# The filter state: one field per filter of data/spec.py (a set filter's values a frozenset,
# empty for no restriction; a month or a one-of a text, a flag a bool; None when unset)
Filters = make_dataclass(
    "Filters", [(s.field, frozenset[str] if s.kind == SET else str | bool | None, _default(s))
                for s in FILTERS], bases=(_State,), frozen=True)
Filters.__module__ = __name__
Filters.__doc__ = "The filter state (data/spec.py FILTERS); empty sets mean 'no restriction'."


def _as_list(v) -> list:
    return list(v) if isinstance(v, list | tuple | set | frozenset) else [v]


# Where a filter's values come from (data/spec.py Filter.values); a filter with its own
# choices needs none
VOCABULARIES = {
    "incident_types": lambda known: tuple(cb.INCIDENT_TYPES),
    "connections": lambda known: tuple(cb.CONNECTIONS),
    "link_types": lambda known: tuple(cb.LINK_TYPES),
    "networks": lambda known: tuple(sorted(known.networks)),
    "places": lambda known: (*PLACE_GROUPS, *sorted(known.places)),
    "place_groups": lambda known: PLACE_GROUPS,
    "provinces": lambda known: tuple(PROVINCES),
    "countries": lambda known: tuple(cb.COUNTRIES),
}
FLAG_VALUES = ("yes", "no")


def choices_of(spec: Filter, known: Vocabulary) -> tuple[str, ...]:
    """What one filter may name."""
    if spec.kind == FLAG:
        return FLAG_VALUES
    if spec.choices:
        return tuple(v for v, _name in spec.choices)
    return VOCABULARIES[spec.values](known) if spec.values else ()


def allowed_values(known: Vocabulary) -> dict[str, tuple[str, ...]]:
    """What each filter's parameter may name but a month's (the browser gets the same lists)."""
    return {s.param: choices_of(s, known) for s in FILTERS if s.kind != MONTH}


def _parse(key: str, values: list[str], known: Vocabulary):
    spec = FILTER[key]
    if spec.kind == MONTH:
        if len(values) != 1 or not MONTH_TEXT.fullmatch(values[0]):
            raise FilterError("one_month", param=key, value=",".join(values))
        return values[0]
    allowed = choices_of(spec, known)
    if spec.kind in (ONE, FLAG):
        if len(values) != 1 or values[0] not in allowed:
            raise FilterError("one_of", param=key, choices=", ".join(allowed),
                              value=",".join(values))
        return values[0] == "yes" if spec.kind == FLAG else values[0]
    bad = [v for v in values if v not in allowed]
    if bad:
        raise FilterError("unknown_value", param=key, value=bad[0])
    return frozenset(values)


def value_name(spec: Filter, value: str, lang: str, names: Mapping[str, str]) -> str:
    """How the summary and the chips name one value of a filter, in lang."""
    if spec.choices:
        return next((_(name, lang) for v, name in spec.choices if v == value), value)
    if spec.names == "word":
        return t(value, lang)
    if spec.names == "place":
        places = gazetteer()
        return (GROUP_NAMES[value][lang] if value in GROUP_NAMES
                else places[value].name(lang) if value in places else names.get(value, value))
    if spec.names == "province":
        return PROVINCES[value][lang] if value in PROVINCES else value
    if spec.names == "country":
        return country(value, lang, cb.COUNTRIES.get(value))
    return value


def named(spec: Filter, values, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A set filter's values as the summary says them ("Province of Liège + Province of
    Namur"), in the address's order."""
    return spec.joiner.join(value_name(spec, v, lang, names or {}) for v in canonical_order(values))


def provinces_named(provinces, lang: str) -> str:
    """Provinces as the summary and the map's title name them, in the address's order."""
    return named(FILTER["province"], provinces, lang)


def _describe_parts(f: Filters, lang: str | None, names: Mapping[str, str]) -> list[str]:
    lang = valid(lang) or current()
    types, connections = (getattr(f, s.field) for s in FILTERS if s.subject)
    noun = next(iter(types)) + "s" if len(types) == 1 else "incidents"
    subject = t(noun, lang)
    if len(connections) == 1:
        subject = t(f"{next(iter(connections))}_{noun}", lang)
    parts = [subject[0].upper() + subject[1:] if (types or connections)
             else t("all_incidents", lang)]
    for spec in FILTERS:
        value = getattr(f, spec.field)
        if spec.subject or spec.kind in (MONTH, ONE) or value is None or value == frozenset():
            continue
        if spec.kind == FLAG:
            parts.append(_(spec.summary_words[FLAG_VALUES[0 if value else 1]], lang))
            continue
        said = named(spec, value, lang, names)
        parts.append(" ".join((_(spec.prefix, lang), said)) if spec.prefix else said)
    if f.start or f.end:
        parts.append(f"{month(f.start or FIRST_MONTH, lang)} – {month(f.end or LAST_MONTH, lang)}")
    return parts


def in_group(code: str, group: str) -> bool:
    """A municipality belongs to a place group ('elsewhere': to none of the city groups)."""
    if group == "elsewhere":
        return code.isascii() and code.isdigit() and not any(
            code in codes for codes in GROUPS.values())
    return code in GROUPS.get(group, ())


def place_codes(places: frozenset[str], incidents_codes: pd.Series) -> pd.Series:
    """Mask of incidents whose municipality is one of places (NIS codes or group names)."""
    codes = {c for p in places for c in GROUPS.get(p, ())} | {p for p in places if p.isdigit()}
    mask = incidents_codes.isin(codes)
    if "elsewhere" in places:
        grouped = {c for group in GROUPS.values() for c in group}
        mask |= ~incidents_codes.isin(grouped)
    return mask


def _has_code(column: pd.Series, codes: frozenset[str]) -> pd.Series:
    """Holds any of codes (validated ';'-separated 2-letter codes, see codebook.has_code)."""
    mask = pd.Series(False, index=column.index)
    for code in codes:
        mask |= has_code(column, code)
    return mask


def _has_any(column: pd.Series, names: frozenset[str]) -> pd.Series:
    """Holds any of names as one of its ';'-separated items (spaces around an item ignored).
    Each distinct value is tested once: few network sets, however many incidents."""
    values = column.fillna("").astype(str)
    held = {v for v in pd.unique(values) if any(p.strip() in names for p in v.split(";"))}
    return values.isin(held)


def apply(incidents: pd.DataFrame, f: Filters, people: pd.DataFrame | None = None) -> pd.DataFrame:
    """The incidents that pass every filter (citizenship needs the people table)."""
    mask = _mask(incidents, f, people)
    return incidents if mask.all() else incidents[mask]


def positions(incidents: pd.DataFrame, f: Filters, people: pd.DataFrame | None = None
              ) -> np.ndarray:
    """The row positions of the incidents that pass every filter (no rows copied)."""
    return np.flatnonzero(_mask(incidents, f, people).to_numpy())


def _mask(incidents: pd.DataFrame, f: Filters, people: pd.DataFrame | None) -> pd.Series:
    mask = pd.Series(True, index=incidents.index)
    for spec in FILTERS:
        value = getattr(f, spec.field)
        if value is None or value == frozenset() or not spec.match:
            continue
        if spec.match == "people" and people is None:
            continue
        mask &= _test(spec, value, incidents, people)
    return mask


def _test(spec: Filter, value, incidents: pd.DataFrame, people) -> pd.Series:
    """Which incidents one filter's value keeps, by its match rule (data/spec.py)."""
    column = incidents.get(spec.column)
    if spec.match == "from":
        return column >= value
    if spec.match == "to":
        return column <= value
    if spec.match == "flag":
        return column == value
    if spec.match == "in":
        return column.isin(value)
    if spec.match == "any_of":
        return _has_any(column, value)
    if spec.match == "place":
        return place_codes(value, column)
    if spec.match == "province":  # derived once, at load
        return (column.map(spec.table) if spec.table else column).isin(value)
    if spec.match == "people":
        rows = people.loc[_has_code(people[spec.column], value), "incident_row"]
        held = np.zeros(len(incidents), dtype=bool)
        held[rows.to_numpy()] = True
        return pd.Series(held, index=incidents.index)
    raise ValueError(f"no match rule {spec.match!r} (data/spec.py, filter {spec.param!r})")


def apply_people(people: pd.DataFrame, shown: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The people of the incidents shown (only the matching citizens, if citizenship is set)."""
    if f.is_empty():
        rows = people
    else:
        positions, shown_rows = people["incident_row"].to_numpy(), shown.index.to_numpy()
        size = max(positions.max(initial=-1), shown_rows.max(initial=-1)) + 1
        selected = np.zeros(size, dtype=bool)
        selected[shown_rows] = True
        rows = people[selected[positions]]
    if f.citizenships:
        rows = rows[_has_code(rows["citizenship"], f.citizenships)]
    return rows
