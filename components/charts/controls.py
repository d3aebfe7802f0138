"""The filter controls as data: each filter's name and choices in a language, read by the
dashboard's controls (components/dashboard/layout.py) and by the offline file's buttons and
lists (components/offline), so both offer the same choices in the same words. No Dash."""

from __future__ import annotations

from components.runtime import AppData
from components.state import MONTHS
from data import codebook as cb
from data.codebook import COUNTRIES
from data.i18n import N_, _, country, month, t, use
from data.i18n import cap as upper
from data.places import GROUP_NAMES, PROVINCES

PLOT = {"any": N_("Any"), "yes": N_("Yes"), "no": N_("No")}


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
    """Each filter control in lang, in the dashboard's order: its parameter, name, and choices
    as [value, label] ("groups" and "municipalities" both set `place`; "plot" is one of
    PLOT; "period" its months)."""
    with use(lang):
        return [
            {"param": "period", "label": t("period"),
             "choices": [[m, month(m)] for m in MONTHS],
             "ends": [_("First month"), _("Last month")]},
            {"param": "type", "label": t("incident_type"),
             "choices": [[v, upper(t(v))] for v in cb.INCIDENT_TYPES]},
            {"param": "connection", "label": t("connection"),
             "choices": [[v, upper(t(v))] for v in cb.CONNECTIONS]},
            {"param": "link", "label": t("how_linked"),
             "choices": [[v, t(v)] for v in cb.LINK_TYPES]},
            {"param": "plot", "label": t("plot_evidence"),
             "choices": [[v, _(PLOT[v])] for v in PLOT]},
            {"param": "network", "label": upper(t("network")),
             "choices": [[n, n] for n in sorted(data.dataset.networks["network"])]},
            {"param": "place", "label": t("place"), "group": _("Groups"),
             "choices": [[g, names[lang]] for g, names in GROUP_NAMES.items()]},
            {"param": "place", "label": _("Municipalities"), "list": True,
             "choices": [list(p) for p in municipalities(data, lang)]},
            {"param": "province", "label": t("province"),
             "choices": [[code, names[lang]] for code, names in PROVINCES.items()]},
            {"param": "citizenship", "label": t("citizenship"), "list": True,
             "choices": [[c, country(c, lang, COUNTRIES.get(c))] for c in lists(data)[1]]},
        ]
