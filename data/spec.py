"""The view state's one declaration: every filter of the address, what kind of value it holds,
what it may name, what it tests, how it is said and where its control sits. Nothing else in the
code names a filter: Python interprets these entries (data/filters.py: parse, check, write an
address, select incidents, say a view in words; components/state.py: controls and chips) and
the browser receives them in its payload and interprets the same entries (assets/filters.js,
instant-2-cube.js, instant-3-views.js, the offline file). Adding a filter is one entry here and
its words in the catalogues.

Pure data; no logic beyond the entries' own fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from data.i18n import N_

# what a filter holds
MONTH = "month"  # one month, YYYY-MM (an end of the period: match "from" or "to")
SET = "set"  # any number of values; empty: no restriction
FLAG = "flag"  # yes / no; unset: no restriction
ONE = "one"  # one value (navigation: it selects nothing by itself)


@dataclass(frozen=True)
class Filter:
    """One filter of the view state, as its address, its test and its words declare it."""

    param: str  # its name in an address
    field: str  # its name in the state (data.filters.Filters)
    kind: str  # MONTH, SET, FLAG or ONE
    # what it may name: a vocabulary the interpreters know (data/filters.py VOCABULARIES), or
    # its own `choices`
    values: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, its name: a msgid)
    # how a value is named (data/filters.py NAMES): "word" (a codebook word), "as_is", "place",
    # "province", "country"; a filter with its own choices is named by them
    names: str = "as_is"
    # what it tests: the incidents' column (Python) and the browser's cube key, by `match`:
    # "from" / "to" (a month at or after / before), "in" (the value is one of), "flag" (yes / no),
    # "any_of" (one of a ';' list is one of), "place" (a municipality or a place group),
    # "province" (the municipality's province is one of; through `table` when given),
    # "people" (a person of the incident is one of), "" (tests nothing)
    match: str = "in"
    column: str = ""
    cube: str = ""
    table: MappingProxyType | None = None  # "province": each province's value
    # its control in the filters panel: "range" (the period's slider, both ends), "multi",
    # "segmented", "places" (groups and municipalities), "" (none); `list`: many choices (the
    # offline file lists them)
    control: str = "multi"
    list: bool = False
    label: str = ""  # the control's name (a msgid)
    # the summary: its values joined by `joiner`, after `prefix` (a msgid); "subject": it names
    # what is counted ("Inspired attacks"); a flag's words per value, on its chip and in the
    # summary
    joiner: str = " + "
    prefix: str = ""
    subject: bool = False
    chip_words: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    summary_words: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    compared: bool = True  # compare mode's slice B may set it (`vs.<param>`)
    # it says where (a slice that lifts every such filter is named "all of Belgium")
    where: bool = False
    click: str = ""  # the chart whose click toggles one of its values (data: the mark's)
    more: bool = False  # used less often: the offline file folds its control away


def _frozen(mapping: dict) -> MappingProxyType:
    return MappingProxyType(dict(mapping))


# In the order the address lists them (and the controls, the chips and the summary follow).
FILTERS = (
    Filter("from", "start", MONTH, match="from", column="month", cube="m", control="range",
           label=N_("Period")),
    Filter("to", "end", MONTH, match="to", column="month", cube="m", control="range",
           label=N_("Period")),
    Filter("type", "types", SET, values="incident_types", names="word", column="incident_type",
           cube="t", label=N_("Incident type"), subject=True),
    Filter("connection", "connections", SET, values="connections", names="word",
           column="connection", cube="c", label=N_("Connection"), subject=True, click="shares"),
    Filter("link", "links", SET, values="link_types", names="word", column="link_type", cube="l",
           label=N_("How linked"), joiner=" / ", more=True),
    Filter("plot", "plot", FLAG, match="flag", column="plot", cube="p", control="segmented",
           label=N_("Plot evidence"), more=True,
           chip_words=_frozen({"yes": N_("with a plot"), "no": N_("without a plot")}),
           summary_words=_frozen({"yes": N_("with plot evidence"),
                                  "no": N_("without plot evidence")})),
    Filter("network", "networks", SET, values="networks", match="any_of", column="networks",
           cube="n", label=N_("network"), click="networks", more=True),
    Filter("place", "places", SET, values="places", names="place", match="place",
           column="nis_code", cube="g", control="places", label=N_("Place"), where=True,
           click="map"),
    # Belgium's three regions, by our own rule on the NIS code (through its province: 21, the
    # Brussels-Capital Region's own; the Flemish and the Walloon provinces)
    Filter("region", "regions", SET, match="province", column="province", cube="g",
           choices=(("brussels", N_("Brussels-Capital Region")), ("flanders", N_("Flemish Region")),
                    ("wallonia", N_("Walloon Region"))),
           table=_frozen({"04000": "brussels", **dict.fromkeys(
               ("10000", "20001", "30000", "40000", "70000"), "flanders"), **dict.fromkeys(
               ("20002", "50000", "60000", "80000", "90000"), "wallonia")}),
           label=N_("Region"), where=True, more=True),
    Filter("province", "provinces", SET, values="provinces", names="province", match="province",
           column="province", cube="g", label=N_("Province"), where=True, more=True),
    Filter("citizenship", "citizenships", SET, values="countries", names="country",
           match="people", column="citizenship", cube="z", list=True,
           label=N_("Citizenship of people"), prefix=N_("citizens of"), click="citizenship",
           more=True),
    # the place group a map click narrowed from (its municipality's chip leads back to it)
    Filter("within", "within", ONE, values="place_groups", names="place", match="",
           control="", compared=False),
)
FILTER = {f.param: f for f in FILTERS}
