"""Filter state <-> controls, URL and clicks: pure functions the callbacks adapt (no Dash).

Linking runs one way: controls, URL and clicks each produce a new Filters; views only read it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pandas as pd

from components import ids
from data import compare, i18n, viewstate
from data.facts import FIRST_MONTH, LAST_MONTH
from data.filters import (
    ERRORS,
    FLAG_VALUES,
    PLACE_GROUPS,
    FilterError,
    Filters,
    Vocabulary,
    allowed_values,
    canonical_order,
    choices_of,
    value_name,
)
from data.i18n import N_, _
from data.places import GROUP_NAMES, GROUPS, province_of
from data.spec import FILTERS, FLAG, MONTH, ONE, SET

MONTHS = list(pd.period_range(FIRST_MONTH, LAST_MONTH, freq="M").strftime("%Y-%m"))
PERIOD = "period"  # the period's chip (both ends)
ANY = "any"  # a flag's control when it is unset
# each control of the filters panel by its name (a filter's field; the period's slider "date"),
# in the panel's order: what it sets (data/spec.py)
DATE = "date"
CONTROL_OF = {}
for _spec in FILTERS:
    if _spec.control:
        CONTROL_OF.setdefault(DATE if _spec.control == "range" else _spec.field, []).append(_spec)


def period_label(f: Filters) -> str:
    """'Jan 2016 – Dec 2016' in the current language."""
    return f"{i18n.month(f.start or MONTHS[0])} – {i18n.month(f.end or MONTHS[-1])}"


def chips(f: Filters, describe_value) -> list[tuple[str, str, str]]:
    """(field, value, label) for each active filter value, for removable chips: the set
    filters' values, the flags, the period, the way back of a map drill-down."""
    out = []
    for spec in FILTERS:
        if spec.kind == SET:
            out += [(spec.field, v, describe_value(spec.field, v))
                    for v in canonical_order(getattr(f, spec.field))]
    for spec in FILTERS:
        value = getattr(f, spec.field)
        if spec.kind == FLAG and value is not None:
            out.append((spec.field, "", _(spec.chip_words[FLAG_VALUES[0 if value else 1]])))
    if f.start or f.end:
        out.append((PERIOD, "", period_label(f)))
    for spec in FILTERS:
        if spec.kind == ONE and getattr(f, spec.field):
            out.append((spec.field, getattr(f, spec.field),
                        f"↩ {describe_value('places', getattr(f, spec.field))}"))
    return out


def without_view(search: str) -> dict[str, list[str]]:
    """A URL's filters alone (without the page's language and the chart options), each
    parameter's values in the order given."""
    out: dict[str, list[str]] = {}
    for key, value in viewstate.split(parse_qsl(search.lstrip("?")))[0]:
        if not key.startswith(compare.VS):  # slice B's (from_address reads them)
            out.setdefault(key, []).append(value)
    return out


def options_in(search: str) -> dict[str, str]:
    """The chart options a URL's query names (FilterError for a value no option has)."""
    return viewstate.parse_options(viewstate.split(parse_qsl(search.lstrip("?")))[1])


# the chart options' controls, in the order of the filter callback's inputs (after the clicks)
# what each chart option's control says (msgids): its name, and each choice's label (the map's
# areas are named by maps.panel_title); the dashboard's controls and the offline file's read it
OPTION_WORDS = {
    "freq": (N_("Period of each bar"), {"year": N_("By year"), "month": N_("By month")}),
    "by": (N_("Colour the bars by"), {"connection": N_("Linked / inspired"),
                                      "incident_type": N_("Arrests / attacks")}),
    "events": (N_("Attacks and threat levels"), {}),
    "panel": (N_("Map area"), {}),
    "metric": (N_("Map measure"), {"incidents": N_("Incidents"), "per_100k": N_("Per 100,000")}),
}


def from_address(search: object, known: Vocabulary, lang: str) -> dict:
    """What an address says (a page's query, as the browser reads it in assets/filters.js):
    the store's state (slice A's filters and B's `vs.` ones), the canonical query (the filters,
    B's, the chart options, the page's language), the chart options and the error, if it was
    refused (then the state is the empty one, the options their defaults). The server redirects
    a page's address to this canonical form (app.py); tests/test_js.py checks that every state
    the browser writes, this reads and writes back as it is."""
    text = search if isinstance(search, str) else ""
    try:
        vs = compare.split(parse_qsl(text.lstrip("?"), keep_blank_values=True))[1]
        f = Filters.from_query(without_view(text), known)
        c = compare.canonical(f, vs, known)
        options = options_in(text)
        error = None
    except FilterError as err:
        f, c, options = Filters(), None, dict(viewstate.DEFAULTS)
        error = _("Ignored an invalid filter: {error}").format(error=err)
    query = "&".join(q for q in (f.to_query(), c.query() if c else "") if q)
    return {"state": {**f.to_state(), **compare.state_of(c)},
            "search": f"?{viewstate.address(query, options, lang)}", "options": options,
            "error": error}


def vocabulary(known: Vocabulary) -> dict:
    """What a filter may name, for the browser's own checks (assets/filters.js)."""
    return {"places": sorted(known.places), "place_groups": list(PLACE_GROUPS),
            "groups": {g: sorted(codes) for g, codes in GROUPS.items()}, "months": MONTHS,
            "province_of": {code: province_of(code) for code in sorted(known.places)
                            if province_of(code)},
            "allowed": {k: list(v) for k, v in allowed_values(known).items()},
            # each control by its name, the filters it sets and its id, in the panel's order
            "controls": [[name, [s.param for s in specs],
                          ids.control_id("period" if name == DATE else specs[0].param)]
                         for name, specs in CONTROL_OF.items()],
            # the filter callback's other inputs, and what assets/filters.js writes, by id
            "inputs": {"url": ids.URL, "reset": [ids.RESET, ids.EMPTY_RESET],
                       "store": ids.FILTER_STATE, "error": ids.FILTER_ERROR},
            "errors": ERRORS,
            "schema": _schema()}


def chip_label(spec, value: str, lang: str, place_names: dict[str, str]) -> str:
    """How a filter's chip names one value (a municipality as the table names it)."""
    if spec.names == "place":
        return GROUP_NAMES[value][lang] if value in GROUP_NAMES else place_names.get(value, value)
    return value_name(spec, value, lang, place_names)


def filter_words(known: Vocabulary, lang: str, place_names: dict[str, str]) -> dict:
    """How each filter is said in lang, for the browser's chips and summary: its values' names
    (a place's on its chip as the table names it), a flag's words, the summary's prefix."""
    out = {}
    with i18n.use(lang):
        for spec in FILTERS:
            if spec.kind == MONTH:
                continue
            values = choices_of(spec, known)
            words = {"names": {v: value_name(spec, v, lang, place_names) for v in values}}
            if spec.names == "place":
                words["chip"] = {v: chip_label(spec, v, lang, place_names) for v in values}
            if spec.prefix:
                words["prefix"] = _(spec.prefix)
            if spec.kind == FLAG:
                words["chip"] = {k: _(v) for k, v in spec.chip_words.items()}
                words["summary"] = {k: _(v) for k, v in spec.summary_words.items()}
            out[spec.param] = words
    return out


def _schema() -> dict:
    """The view state's declaration, with each chart option's control (its element's id)."""
    schema = viewstate.schema()
    for option in schema["options"]:
        option["control"] = ids.OPTION_CONTROLS[option["param"]]
    return schema
