"""Filter state <-> controls, URL and clicks: pure functions the callbacks adapt (no Dash).

Linking runs one way: controls, URL and clicks each produce a new Filters; views only read it.
"""

from __future__ import annotations

from dataclasses import replace
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
    in_group,
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
CONTROLS = tuple(CONTROL_OF)
SET_CONTROLS = {s.field: s.param for s in FILTERS if s.kind == SET and s.control}


def from_controls(values: dict, known: Vocabulary) -> Filters:
    """Filters from control values (validated like URL parameters: clients can post anything)."""
    values = values if isinstance(values, dict) else {}
    query: dict[str, list[str]] = {}
    for name, specs in CONTROL_OF.items():
        chosen = values.get(name)
        if name == DATE:  # the slider's two months; an end at the study's own end sets nothing
            low, high = _month_range(chosen)
            for spec, index, end in zip(specs, (low, high), (0, len(MONTHS) - 1), strict=True):
                if index != end:
                    query[spec.param] = [MONTHS[index]]
            continue
        spec = specs[0]
        if spec.kind == FLAG:  # any, yes or no
            if chosen in FLAG_VALUES:
                query[spec.param] = [chosen]
            elif chosen is not None and chosen != ANY:
                raise FilterError("bad_control", param=spec.param)
            continue
        if chosen is None or chosen == "":
            chosen = []
        elif isinstance(chosen, str):  # one value
            chosen = [chosen]
        elif not isinstance(chosen, list) or not all(isinstance(v, str) for v in chosen):
            raise FilterError("bad_control", param=spec.param)
        if chosen:
            query[spec.param] = chosen
    return Filters.from_query(query, known)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _month_range(value) -> tuple[int, int]:
    """The slider's two month indexes (whole numbers, each kept within the study's months);
    anything but two numbers is the whole period."""
    last = len(MONTHS) - 1
    if not isinstance(value, list) or len(value) != 2 or not all(_number(v) for v in value):
        return 0, last
    low, high = sorted(max(0, min(last, int(v))) for v in value)
    return low, high


def to_controls(f: Filters) -> dict:
    """Control values showing f."""
    values = {}
    for name, specs in CONTROL_OF.items():
        value = getattr(f, specs[0].field)
        if name == DATE:
            values[name] = [MONTHS.index(f.start) if f.start in MONTHS else 0,
                            MONTHS.index(f.end) if f.end in MONTHS else len(MONTHS) - 1]
        elif specs[0].kind == FLAG:
            values[name] = ANY if value is None else "yes" if value else "no"
        else:
            values[name] = canonical_order(value)
    return values


def from_click(source: str, click: object, f: Filters, known: Vocabulary) -> Filters:
    """A click on a chart toggles the filter it stands for; anything unexpected changes nothing."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    if not isinstance(point, dict):
        return f
    data = point.get("customdata")
    value = data[0] if isinstance(data, list) and data else data
    spec = next((s for s in FILTERS if s.click and s.click == source), None)
    if spec is not None and isinstance(value, str):
        if spec.match == "place":  # a municipality: a group that holds it narrows to it
            return f.drill(value).checked() if value in known.places else f
        return f.toggle(spec.field, value) if value in choices_of(spec, known) else f
    if source == "timeline":  # the category axis's period, as text
        x = point.get("x")
        return _toggle_period(f, x) if isinstance(x, str) else f
    return f


def _toggle_period(f: Filters, period: str) -> Filters:
    if len(period) == 4 and period.isascii() and period.isdigit():
        start, end = max(f"{period}-01", MONTHS[0]), min(f"{period}-12", MONTHS[-1])
    elif period in MONTHS:
        start = end = period
    else:
        return f
    if (f.start, f.end) == (start, end):
        return replace(f, start=None, end=None)
    return replace(f, start=start, end=end)


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


def remove(f: Filters, name: object, value: object) -> Filters:
    """The state with one chip removed (a chip naming no filter changes nothing)."""
    if name == PERIOD:
        return replace(f, start=None, end=None)
    spec = next((s for s in FILTERS if s.field == name), None)
    if spec is None or spec.kind == MONTH:
        return f
    if spec.kind == FLAG:
        return replace(f, **{spec.field: None})
    if spec.kind == ONE:  # back to the group the map click narrowed from
        if not f.within:
            return f
        kept = frozenset(p for p in f.places if not in_group(p, f.within))
        return replace(f, places=kept | {f.within}, within=None)
    if not isinstance(value, str):
        return f
    return f.without(name, value or None)


def without_view(search: str) -> dict[str, list[str]]:
    """A URL's filters alone (without the page's language and the chart options), each
    parameter's values in the order given."""
    out: dict[str, list[str]] = {}
    for key, value in viewstate.split(parse_qsl(search.lstrip("?")))[0]:
        if not key.startswith(compare.VS):  # slice B's (next_view reads them)
            out.setdefault(key, []).append(value)
    return out


def options_in(search: str) -> dict[str, str]:
    """The chart options a URL's query names (FilterError for a value no option has)."""
    return viewstate.parse_options(viewstate.split(parse_qsl(search.lstrip("?")))[1])


def lang_of(search: object) -> str | None:
    """The language a URL's query asks for, if it is one we speak."""
    if not isinstance(search, str):
        return None
    return next((i18n.valid(v) for k, v in parse_qsl(search.lstrip("?")) if k == "lang"), None)


def next_filters(source: str, detail: object, search: object, controls: dict,
                 previous: object, known: Vocabulary) -> Filters:
    """The filter state after one event; FilterError for a value no control can produce.

    source: "url" (also the first load), "controls", "reset", "chip" (detail: the chip's id),
    "click:<chart>" (detail: the chart's clickData) or "options" (a chart option: the filters
    stay). Any JSON value in any argument is handled.
    """
    if source == "url":
        return Filters.from_query(without_view(search if isinstance(search, str) else ""), known)
    if source == "controls":  # keeps the way back of a map drill-down, where it still applies
        f = from_controls(controls, known)
        try:
            before = Filters.from_query(previous if isinstance(previous, dict) else {}, known)
        except FilterError:
            return f
        return replace(f, within=before.within).checked()
    if source == "reset":
        return Filters()
    f = Filters.from_query(previous if isinstance(previous, dict) else {}, known)
    if source == "chip" and isinstance(detail, dict):
        return remove(f, detail.get("name"), detail.get("value"))
    if source.startswith("click:"):
        return from_click(source.removeprefix("click:"), detail, f, known)
    return f


# the chart options' controls, in the order of the filter callback's inputs (after the clicks)
OPTION_CONTROLS = tuple(o.param for o in viewstate.OPTIONS)
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


COMPARE_ACTIONS = ("set", "swap", "end")


def next_view(source: str, detail: object, search: object, controls: dict, previous: object,
              known: Vocabulary) -> tuple[Filters, compare.Comparison | None]:
    """Slice A and the comparison after one event (next_filters for A): an address reads B's
    `vs.` filters; any other event keeps them, B being A with them replaced; reset ends a
    comparison. source "compare" (detail: {"action": "set", "pairs": [[param, value], ...]},
    "swap" or "end") starts, changes, swaps or ends one; a chip named "vs" removes B's filter on its
    value (a parameter). FilterError names `vs.<param>` for a value B's filter refuses."""
    mine, vs = compare.state_parts(previous) if isinstance(previous, dict) else (previous, [])
    if source == "url":
        text = search if isinstance(search, str) else ""
        vs = compare.split(parse_qsl(text.lstrip("?"), keep_blank_values=True))[1]
        f = next_filters(source, detail, search, controls, mine, known)
        return f, compare.canonical(f, vs, known)
    if source == "reset":
        return Filters(), None
    if source == "compare" or (source == "chip" and isinstance(detail, dict)
                               and detail.get("name") == "vs"):
        a, c = compare.slices(previous if isinstance(previous, dict) else {}, known)
        return _compared(source, detail, a, c, known)
    if source.startswith("click:") and vs and of_slice_b(detail):
        a, c = compare.slices(previous if isinstance(previous, dict) else {}, known)
        if c is not None:  # a click on slice B's mark (a section's) sets that filter on B
            b = from_click(source.removeprefix("click:"), detail, c.b, known).to_state()
            pairs = [(s.param, b.get(s.param, "")) for s in FILTERS if s.compared]
            return a, compare.canonical(a, pairs, known)
    f = next_filters(source, detail, search, controls, mine, known)
    return f, compare.canonical(f, vs, known)


def of_slice_b(click: object) -> bool:
    """A click on a mark of compare mode's slice B: its customdata [value, "B"]
    (figures.stack_pair)."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    data = point.get("customdata") if isinstance(point, dict) else None
    return isinstance(data, list) and len(data) == 2 and data[1] == "B"


def _compared(source: str, detail: object, a: Filters, c: compare.Comparison | None,
              known: Vocabulary) -> tuple[Filters, compare.Comparison | None]:
    detail = detail if isinstance(detail, dict) else {}
    overrides = dict(c.overrides) if c else {}
    if source == "chip":  # B's chip: its filter as A's again
        if isinstance(detail.get("value"), str):  # its parameters, comma-joined (from,to)
            for name in detail["value"].split(","):
                overrides.pop(name, None)
        return a, compare.canonical(a, overrides.items(), known)
    action = detail.get("action")
    if action == "end":
        return a, None
    if action == "swap":
        return (c.b, compare.canonical(c.b, c.swapped().overrides, known)) if c else (a, None)
    pairs = detail.get("pairs")
    if action != "set" or not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in pairs):
        return a, c
    for param, value in pairs:
        overrides[param] = value
    return a, compare.canonical(a, overrides.items(), known)


def option_controls(options: dict) -> dict:
    """The chart options' control values showing options (the events switch: a bool)."""
    return {k: v == "1" if k == "events" else v for k, v in options.items()}


def filter_outputs(source: str, detail: object, search: object, controls: dict,
                   previous: object, known: Vocabulary, lang: str,
                   options: object = None) -> dict:
    """What one event writes: the store's state, the URL's query (the filters, the chart
    options, the page's language), each control's value and each option control's (None where
    it already shows it), the chart options in force and the error message if the state was
    refused (then the state is the empty one, the options their defaults). The browser
    computes the same in assets/filters.js (tests/js/filters.test.js holds the two together)."""
    shown = viewstate.options_of(options)
    try:
        f, c = next_view(source, detail, search, controls, previous, known)
        opts = options_in(search if isinstance(search, str) else "") if source == "url" else shown
        error = None
    except FilterError as err:
        f, c, opts = Filters(), None, dict(viewstate.DEFAULTS)
        error = _("Ignored an invalid filter: {error}").format(error=err)
    values, option_values = to_controls(f), option_controls(opts)
    controls = controls if isinstance(controls, dict) else {}
    options = options if isinstance(options, dict) else {}
    query = "&".join(q for q in (f.to_query(), c.query() if c else "") if q)
    return {"state": {**f.to_state(), **compare.state_of(c)},
            "search": f"?{viewstate.address(query, opts, lang)}",
            "controls": [None if shows(controls.get(name), values[name]) else values[name]
                         for name in CONTROLS],
            "options": opts,
            "option_controls": [None if shows(options.get(name), option_values[name])
                                else option_values[name] for name in OPTION_CONTROLS],
            "error": error}


def shows(control: object, wanted: object) -> bool:
    """Whether a control's value already shows wanted (then it is not written again): the same
    strings in any order, the same two numbers, the same text or the same switch."""
    if isinstance(wanted, bool):
        return control is wanted
    if isinstance(wanted, str):
        return control == wanted
    if not isinstance(control, list) or len(control) != len(wanted):
        return False
    if all(isinstance(v, str) for v in wanted):  # a set filter's values
        return all(isinstance(v, str) for v in control) and canonical_order(control) == wanted
    return all(_number(v) for v in control) and control == wanted  # the slider's months


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
            # the filter callback's other inputs, by their ids (assets/filters.js rolesOf)
            "inputs": {"url": ids.URL, "reset": [ids.RESET, ids.EMPTY_RESET],
                       "event": ids.FILTER_EVENT},
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
