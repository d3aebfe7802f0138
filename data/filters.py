"""One immutable filter state: it feeds every view, the URL, captions and exports.

Values are checked against allow-lists where they enter (URL, callback payloads); unknown or
malformed values raise FilterError naming the parameter and value, never pass through.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, quote_plus

import numpy as np
import pandas as pd

from data import codebook as cb
from data.codebook import has_code
from data.facts import FIRST_MONTH, LAST_MONTH
from data.i18n import N_, _, country, current, month, t, valid
from data.places import GROUP_NAMES, GROUPS, PROVINCES, gazetteer

PLACE_GROUPS = (*GROUPS, "elsewhere")
MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")  # ASCII digits, as the browser's check
# URL parameter -> Filters field, in the order the URL shows them.
PARAMS = {
    "from": "start",
    "to": "end",
    "type": "types",
    "connection": "connections",
    "link": "links",
    "plot": "plot",
    "network": "networks",
    "place": "places",
    "province": "provinces",
    "citizenship": "citizenships",
    "within": "within",
}


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


def provinces_named(provinces, lang: str) -> str:
    """Provinces as the summary and the map's title name them, in the address's order."""
    return " + ".join(PROVINCES[p][lang] for p in canonical_order(provinces))


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


@dataclass(frozen=True)
class Filters:
    """The filter state; empty sets mean 'no restriction'."""

    start: str | None = None
    end: str | None = None
    types: frozenset[str] = field(default_factory=frozenset)
    connections: frozenset[str] = field(default_factory=frozenset)
    links: frozenset[str] = field(default_factory=frozenset)
    plot: bool | None = None
    networks: frozenset[str] = field(default_factory=frozenset)
    places: frozenset[str] = field(default_factory=frozenset)
    provinces: frozenset[str] = field(default_factory=frozenset)  # NIS codes of provinces
    citizenships: frozenset[str] = field(default_factory=frozenset)
    # the place group a map click narrowed from (its municipality's chip leads back to it);
    # navigation only: it selects nothing by itself
    within: str | None = None

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

    def drill(self, code: str) -> Filters:
        """A map click on a municipality: narrow a selected group that holds it to it alone,
        or, clicked again, go back to the group; otherwise toggle it."""
        if code in self.places and self.within and in_group(code, self.within):
            return replace(self, places=self.places - {code} | {self.within}, within=None)
        holder = next((g for g in sorted(self.places) if g in PLACE_GROUPS
                       and in_group(code, g)), None)
        if holder and code not in self.places:
            return replace(self, places=self.places - {holder} | {code}, within=holder)
        return self.toggle("places", code)

    def to_query(self) -> str:
        """Canonical query string (sorted values, comma-separated); '' when nothing is set."""
        pairs = []
        for param, name in PARAMS.items():
            value = getattr(self, name)
            if value is None or value == frozenset():
                continue
            if isinstance(value, bool):
                text = "yes" if value else "no"
            elif isinstance(value, frozenset):
                text = ",".join(canonical_order(value))
            else:
                text = value
            pairs.append((param, text))
        # a set's values joined by ',' (no value holds one: they are split on it)
        return "&".join(f"{form_quote(k)}={','.join(form_quote(v) for v in text.split(','))}"
                        for k, text in pairs)

    def to_state(self) -> dict:
        """A JSON-ready dict for the browser's store (same keys as the URL)."""
        return dict(parse_qsl(self.to_query()))

    def is_empty(self) -> bool:
        return self == Filters()

    def toggle(self, name: str, value: str) -> Filters:
        """Add value to a set filter, or remove it if present (a click on a bar or a commune)."""
        current = getattr(self, name)
        return replace(self, **{name: current ^ {value}})

    def without(self, name: str, value: str | None = None) -> Filters:
        """This state with one filter (or one value of it) removed: a chip's close button."""
        default = getattr(Filters(), name)
        current = getattr(self, name)
        if value is not None and isinstance(current, frozenset):
            return replace(self, **{name: current - {value}})
        return replace(self, **{name: default})

    def describe(self, lang: str | None = None, names: Mapping[str, str] | None = None) -> str:
        """A short summary for captions: 'Inspired attacks, Brussels-Capital Region, 2016-01 to
        2016-12'."""
        return ", ".join(_describe_parts(self, lang, names or {}))


def _as_list(v) -> list:
    return list(v) if isinstance(v, list | tuple | set | frozenset) else [v]


def allowed_values(known: Vocabulary) -> dict[str, tuple[str, ...]]:
    """What each set filter's parameter may name (the browser gets the same lists)."""
    return {
        "type": tuple(cb.INCIDENT_TYPES),
        "connection": tuple(cb.CONNECTIONS),
        "link": tuple(cb.LINK_TYPES),
        "network": tuple(sorted(known.networks)),
        "place": (*PLACE_GROUPS, *sorted(known.places)),
        "province": tuple(PROVINCES),
        "citizenship": tuple(cb.COUNTRIES),
    }


def _parse(key: str, values: list[str], known: Vocabulary):
    allowed = allowed_values(known)
    if key in ("from", "to"):
        if len(values) != 1 or not MONTH.fullmatch(values[0]):
            raise FilterError("one_month", param=key, value=",".join(values))
        return values[0]
    if key in ("within", "plot"):
        choices = PLACE_GROUPS if key == "within" else ("yes", "no")
        if len(values) != 1 or values[0] not in choices:
            raise FilterError("one_of", param=key, choices=", ".join(choices),
                              value=",".join(values))
        return values[0] if key == "within" else values[0] == "yes"
    bad = [v for v in values if v not in allowed[key]]
    if bad:
        raise FilterError("unknown_value", param=key, value=bad[0])
    return frozenset(values)


def _describe_parts(f: Filters, lang: str | None, names: Mapping[str, str]) -> list[str]:
    lang = valid(lang) or current()
    places = gazetteer()
    noun = next(iter(f.types)) + "s" if len(f.types) == 1 else "incidents"
    subject = t(noun, lang)
    if len(f.connections) == 1:
        subject = t(f"{next(iter(f.connections))}_{noun}", lang)
    parts = [
        subject[0].upper() + subject[1:] if (f.types or f.connections) else t("all_incidents", lang)
    ]
    if f.links:
        parts.append(" / ".join(t(x, lang) for x in canonical_order(f.links)))
    if f.plot is not None:
        parts.append(t("with_plot" if f.plot else "without_plot", lang))
    if f.networks:
        parts.append(" + ".join(canonical_order(f.networks)))
    if f.places:
        parts.append(
            " + ".join(
                GROUP_NAMES[p][lang]
                if p in GROUP_NAMES
                else places[p].name(lang)
                if p in places
                else names.get(p, p)
                for p in canonical_order(f.places)
            )
        )
    if f.provinces:
        parts.append(provinces_named(f.provinces, lang))
    if f.citizenships:
        parts.append(f"{t('citizens', lang)} " + " + ".join(
            country(c, lang, cb.COUNTRIES[c]) for c in canonical_order(f.citizenships)))
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
    if f.start:
        mask &= incidents["month"] >= f.start
    if f.end:
        mask &= incidents["month"] <= f.end
    for name, column in (
        ("types", "incident_type"),
        ("connections", "connection"),
        ("links", "link_type"),
    ):
        if getattr(f, name):
            mask &= incidents[column].isin(getattr(f, name))
    if f.plot is not None:
        mask &= incidents["plot"] == f.plot
    if f.networks:
        mask &= _has_any(incidents["networks"], f.networks)
    if f.places:
        mask &= place_codes(f.places, incidents["nis_code"])
    if f.provinces:
        mask &= incidents["province"].isin(f.provinces)  # derived once, at load
    if f.citizenships and people is not None:
        rows = people.loc[_has_code(people["citizenship"], f.citizenships), "incident_row"]
        held = np.zeros(len(incidents), dtype=bool)
        held[rows.to_numpy()] = True
        mask &= held
    return mask


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
