"""The view state as one declaration: every URL parameter -- the filters and the chart options --
with its kind, its values, its default and its place in the canonical address.

Python validates and writes addresses from it; the browser receives `schema()` in its payload
and reads and writes addresses from the same lists (assets/filters.js), so a link reopens
exactly what was on screen. A link that spells a default out (a published embed snippet's
`freq=year`) still works; the canonical form leaves defaults out. Designed to take prefixed
overrides for a second slice (`vs.<param>`) and the same parameters in an address's fragment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from data.filters import SPACE, FilterError, form_quote
from data.spec import FILTERS

PAGE_PARAMS = ("lang",)  # how the page speaks, beside the view state


@dataclass(frozen=True)
class Option:
    """A chart option: one of `choices` (the first is the default), for the chart it redraws."""

    param: str
    choices: tuple[str, ...]
    chart: str  # "timeline" or "map": an option change redraws only that chart
    # whether it still applies in compare mode (the timeline of both slices has no series by
    # connection or type, nor the events layer: those controls are disabled meanwhile)
    compared: bool = True
    # a switch: its choices off and on ("0", "1"), its control and the figures a bool
    switch: bool = False

    @property
    def default(self) -> str:
        return self.choices[0]


# in the order the address shows them, after the filters
OPTIONS = (
    Option("freq", ("year", "month"), "timeline"),
    Option("by", ("connection", "incident_type"), "timeline", compared=False),
    Option("events", ("0", "1"), "timeline", compared=False, switch=True),
    Option("panel", ("brussels", "charleroi", "antwerp", "belgium"), "map"),
    Option("metric", ("incidents", "per_100k"), "map"),
)
OPTION = {o.param: o for o in OPTIONS}
DEFAULTS = {o.param: o.default for o in OPTIONS}


def options_of(values: Mapping | None) -> dict[str, str]:
    """The chart options from control values or a stored state: a value no option has (a client
    can post anything) is the default. A switch may come as its control's True/False."""
    values = values if isinstance(values, Mapping) else {}
    out = {}
    for o in OPTIONS:
        value = values.get(o.param)
        if o.switch and isinstance(value, bool):
            value = "1" if value else "0"
        out[o.param] = value if isinstance(value, str) and value in o.choices else o.default
    return out


def parse_options(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The chart options an address names (others default); FilterError for a value no option
    has, or for an option given twice with different values."""
    out = dict(DEFAULTS)
    seen: dict[str, str] = {}
    for key, raw in pairs:
        if key not in OPTION:
            continue
        value = raw.strip(SPACE)
        if value not in OPTION[key].choices:
            raise FilterError("one_of", param=key, choices=", ".join(OPTION[key].choices),
                              value=raw)
        if seen.get(key, value) != value:
            raise FilterError("given_twice", param=key, first=seen[key], second=value)
        seen[key] = out[key] = value
    return out


def options_query(options: Mapping[str, str]) -> str:
    """The canonical address part of the chart options: defaults left out, in OPTIONS order."""
    opts = options_of(options)
    return "&".join(f"{form_quote(o.param)}={form_quote(opts[o.param])}" for o in OPTIONS
                    if opts[o.param] != o.default)


def split(pairs: Iterable[tuple[str, str]]) -> tuple[list, list]:
    """An address's parameters as (filter pairs, option pairs); the page's own (lang) dropped."""
    filters, options = [], []
    for key, value in pairs:
        if key in PAGE_PARAMS:
            continue
        (options if key in OPTION else filters).append((key, value))
    return filters, options


def address(filter_query: str, options: Mapping[str, str], lang: str | None = None) -> str:
    """The canonical query of a view: its filters, then its chart options, then the language."""
    parts = [filter_query, options_query(options), f"lang={lang}" if lang else ""]
    return "&".join(p for p in parts if p)


def as_chart_options(options: Mapping[str, str]) -> dict:
    """The options as the figure functions take them (a switch as a bool)."""
    opts = options_of(options)
    return {o.param: opts[o.param] == "1" if o.switch else opts[o.param] for o in OPTIONS}


def schema() -> dict:
    """The declaration for the browser (assets/filters.js, instant-2-cube.js, instant-3-views.js
    and the offline file interpret the same entries)."""
    return {"filters": [{"param": s.param, "field": s.field, "kind": s.kind, "match": s.match,
                         "cube": s.cube, "table": dict(s.table) if s.table else None,
                         "control": s.control, "list": s.list, "compared": s.compared,
                         "subject": s.subject, "joiner": s.joiner, "where": s.where,
                         "click": s.click} for s in FILTERS],
            "options": [{"param": o.param, "choices": list(o.choices), "chart": o.chart,
                         "compared": o.compared, "switch": o.switch}
                        for o in OPTIONS],
            "page": list(PAGE_PARAMS)}
