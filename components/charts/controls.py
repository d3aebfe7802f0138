"""The filter controls as data: each filter's name and choices in a language, read by the
dashboard's controls (components/dashboard/layout.py) and by the offline file's buttons and
lists (components/offline), so both offer the same choices in the same words. No Dash."""

from __future__ import annotations

from components import state
from components.runtime import AppData
from components.state import MONTHS
from data.filters import choices_of, value_name
from data.i18n import N_, _, month, use
from data.i18n import cap as upper
from data.places import GROUP_NAMES
from data.spec import FLAG as FLAG_KIND

# a flag's control: unset, yes or no
FLAG = {state.ANY: N_("Any"), "yes": N_("Yes"), "no": N_("No")}


def lists(data: AppData) -> tuple[frozenset, list[str]]:
    """The municipalities with incidents and the citizenships of the people, once per dataset
    (a page load at 1,000,000 incidents must not walk them again)."""
    key = ("layout-lists",)
    if key not in data.geojson_cache:
        codes = data.dataset.incidents["nis_code"].astype(str).unique()
        cits = data.dataset.people["citizenship"].fillna("").astype(str).str.split(";")
        data.geojson_cache[key] = (frozenset(codes), sorted(
            {c.strip() for c in cits.explode().dropna().unique() if c.strip()}))
    return data.geojson_cache[key]


def municipalities(data: AppData, lang: str) -> list[tuple[str, str]]:
    """Every municipality as (code, name in lang): those with incidents first, then by name."""
    shown = lists(data)[0]
    names = data.names(lang)
    return [(c, names[c]) for c in sorted(names, key=lambda c: (c not in shown, names[c]))]


def controls(data: AppData, lang: str) -> list[dict]:
    """Each filter control in lang, in the panel's order (data/spec.py): its parameter, its
    kind of control, name, and choices as [value, label] (a "places" control gives two: the
    groups and the municipalities, both setting `place`; a flag's are FLAG; the period's its
    months); `more`: a filter used less often (the offline file folds it away)."""
    out = []
    with use(lang):
        for name, specs in state.CONTROL_OF.items():
            spec = specs[0]
            said = {"param": spec.param, "control": spec.control, "more": spec.more,
                    "label": upper(_(spec.label))}
            if name == state.DATE:
                out.append(said | {"param": "period", "ends": [_("First month"), _("Last month")],
                                   "choices": [[m, month(m)] for m in MONTHS]})
            elif spec.kind == FLAG_KIND:
                out.append(said | {"choices": [[v, _(FLAG[v])] for v in FLAG]})
            elif spec.control == "places":
                out.append(said | {"group": _("Groups"), "choices": [
                    [g, names[lang]] for g, names in GROUP_NAMES.items()]})
                out.append(said | {"label": _("Municipalities"), "list": True,
                                   "choices": [list(p) for p in municipalities(data, lang)]})
            else:
                # a filter on the people offers the values they hold, others every value
                values = (lists(data)[1] if spec.match == "people"
                          else choices_of(spec, data.vocabulary))
                out.append(said | {"list": spec.list, "choices": [
                    [v, upper(value_name(spec, v, lang, data.names(lang)))] for v in values]})
    return out
