"""What the browser needs to draw the main views itself (assets/instant.js), sent once per language
(components/web/instant.py serves it; the offline file writes it in): the incidents as a compact
cube, the words and number forms of the page's language, and the parts of each chart's frame, all
produced here by the same Python code that draws the charts, so both sides say the same (a parity
test holds them to it). No Dash.

The cube: one row per distinct combination of everything a filter can select (month, type,
connection, link, plot, place, set of networks, set of citizenships of the people, provenance),
with how many incidents and people it holds; its columns are dictionary codes and counts sent
as little-endian typed arrays (base64). The bundled data gives 106 rows; 1,000,000 generated
incidents give 530,226 rows (7.8 MB raw, 2.3 MB brotli). Built and compressed once per worker at
start (app.py), the cube once for all languages.
"""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd

from components import ids, state
from components.charts import comparison, figures, maps, registry, views
from components.charts.figspec import Fig
from components.runtime import AppData
from data import aggregate as ag
from data import codebook as cb
from data import compare, i18n
from data.facts import SMALL_N
from data.filters import ERRORS, Filters
from data.i18n import _, n_, t
from data.places import (
    GROUPS,
    bilingual,
    gazetteer,
    in_panel,
    province_of,
)

# the plural messages the browser forms, as (singular, plural) msgids
PLURALS = {
    "summary": ("{n} incident", "{n} incidents"),
    "caption_n": ("n = {n} incident", "n = {n} incidents"),
    "share_incidents": ("{value} of n = {n} incident", "{value} of n = {n} incidents"),
    "share_actions": ("{value} of n = {n} arrest action", "{value} of n = {n} arrest actions"),
    "alt_places": ("{n} incidents in {m} municipality; most in {top}.",
                   "{n} incidents in {m} municipalities; most in {top}."),
}
MESSAGES = (
    "Remove filter: {label}", "with a plot", "without a plot", "{part} of {whole}",
    "of {total} {noun}, {linked}{share} were linked and {inspired} inspired", "no {noun}",
    "No incidents in any period.",
    "Incidents per year: {listed}; {total} in all, most in {peak} ({most}).",
    "Incidents per month: {with_any} of {months} months with at least one; {total} in all, "
    "most in {peak} ({most}).",
    "No incidents in any municipality.", "{value} per 100,000", "Where: {area}",
    "Where: {area} (schematic: zooming in needs the boundary file)",
    "Where (schematic: no boundary file loaded)",
    "Ignored an invalid filter: {error}", "Invalid filter",
    *ERRORS.values(),  # a refused filter, said as the server says it
    *comparison.WORDS,  # compare mode (components/charts/comparison.py)
)


def _codes(values: pd.Series) -> tuple[np.ndarray, list]:
    codes, uniques = pd.factorize(values, sort=True)
    return codes.astype(np.int32), list(uniques)


KEYS = ["m", "t", "c", "l", "p", "g", "n", "z", "s"]  # what a cube row is one combination of


def _frame(data: AppData) -> pd.DataFrame:
    """Each incident's cube keys (and its people, "k")."""
    d = data.dataset
    inc = d.incidents
    nets = inc["networks"].fillna("").map(
        lambda s: ";".join(sorted({n.strip() for n in s.split(";") if n.strip()})))
    people = d.people
    cits = pd.Series("", index=range(len(inc)))
    if len(people):
        per = people.assign(c=people["citizenship"].fillna("").astype(str)).groupby(
            "incident_row")["c"].agg(lambda s: ";".join(sorted(
                {code for v in s for code in v.split(";") if code.strip()})))
        cits.iloc[per.index.to_numpy()] = per.to_numpy()
    return pd.DataFrame({
        "m": inc["month"].to_numpy(), "t": inc["incident_type"].to_numpy(),
        "c": inc["connection"].to_numpy(), "l": inc["link_type"].fillna("").to_numpy(),
        "p": inc["plot"].to_numpy(dtype=bool).astype(np.int8),
        "g": inc["nis_code"].astype(str).to_numpy(), "n": nets.to_numpy(),
        "z": cits.to_numpy(), "s": (inc["source_type"] == "reconstructed").to_numpy(
            dtype=bool).astype(np.int8),
        "k": pd.to_numeric(inc["people"]).to_numpy(dtype=np.int64)})


# The views' aggregates beyond the main charts, declared for the browser, which interprets them
# over the cube (assets/instant-2-cube.js grouped): the rows a filter state selects where
# `where` holds; per value of the set column `by` (a row with two networks counts for both) the
# sum of `count` and the first and last `span`; per pair of values in one row, the sum of
# `count`; each list ordered as `order` says ("-" before a field: largest first). The networks
# section: data/aggregate.py by_network, network_pairs and network_activity (its first and
# last month: the cube holds months, not days), held to them by tests/browser/test_offline.py.
AGGREGATES = {
    "networks": {"where": {"t": ["arrest_action"]}, "by": "n", "count": "w", "span": "m",
                 "order": {"groups": ["-count", "key"], "pairs": ["-count", "a", "b"]}},
}


def cube_rows(data: AppData) -> np.ndarray:
    """The cube row each incident is counted in (in the dataset's order): what lets a browser
    list the incidents a filter state selects from the cube's own selection."""
    return _frame(data).groupby(KEYS, sort=False, dropna=False).ngroup().to_numpy()


def cube(data: AppData) -> dict:
    """The incidents grouped by everything a filter selects: columns of small integers."""
    frame = _frame(data)
    keys = KEYS
    grouped = frame.groupby(keys, sort=False, dropna=False).agg(
        w=("k", "size"), k=("k", "sum")).reset_index()
    out: dict = {"rows": len(grouped), "dict": {}}
    for key in keys:
        if key in ("p", "s"):
            out[key] = _column(grouped[key].to_numpy())
            continue
        codes, uniques = _codes(grouped[key])
        out[key] = _column(codes)
        out["dict"][key] = ([[x for x in u.split(";") if x] for u in uniques]
                            if key in ("n", "z") else [str(u) for u in uniques])
    out["w"] = _column(grouped["w"].to_numpy())
    out["k"] = _column(grouped["k"].to_numpy())
    return out


DTYPES = (("u8", np.uint8), ("u16", np.uint16), ("u32", np.uint32))


def _column(values: np.ndarray) -> dict:
    """A column of non-negative integers as the smallest little-endian typed array that holds
    it, base64 (the browser reads it into a Uint8/16/32Array without parsing numbers)."""
    values = np.asarray(values, dtype=np.int64)
    top = int(values.max(initial=0))
    if values.size and int(values.min()) < 0:
        raise ValueError("cube columns hold codes and counts: never negative")
    name, dtype = next((n, d) for n, d in DTYPES if top <= np.iinfo(d).max)
    return {"dtype": name, "data": base64.b64encode(values.astype(dtype).astype(
        np.dtype(dtype).newbyteorder("<")).tobytes()).decode("ascii")}


def _plural(singular: str, plural: str, lang: str) -> list[str]:
    """The form for n = 0, 1 and 2 or more (all three languages' rules depend on no more)."""
    return [n_(singular, plural, n, lang) for n in (0, 1, 2)]


def _frame_parts(data: AppData, lang: str) -> dict:
    """The foot (with and without the provenance line), its lines unwrapped (the screen shows
    them as the card's text), the bottom margin it needs and the empty-state notes, as
    figures._frame draws them."""
    source = views.source_line(data, lang)
    out: dict = {"foot": {}, "lines": {}, "margin_b": {}, "empty": {}}
    for key, provenance in (("plain", ""), ("provenance", _(views.RECONSTRUCTED_LINE, lang))):
        cap = figures.Caption(subtitle="", source=source, provenance=provenance, lang=lang)
        fig = figures.frame(Fig(), "", cap, 100)
        out["lines"][key] = figures.foot_lines(cap)
        out["foot"][key] = next(a for a in fig["layout"]["annotations"] if a["name"] == "foot")
        out["margin_b"][key] = fig["layout"]["margin"]["b"]
    out["event_room"] = figures.EVENT_ROOM
    for empty, hint in (("no_match", "no_match_hint"),
                        ("no_match_in_panel", "no_match_in_panel_hint")):
        cap = figures.Caption(subtitle="", source=source, lang=lang, n=0, empty=empty, hint=hint)
        fig = figures.frame(Fig(), "", cap, 100)
        out["empty"][empty] = next(a for a in fig["layout"]["annotations"]
                                   if a["name"] == "empty-state")
    # compare mode's map: an empty slice's note over its own panel (maps.pair_note)
    out["pair_empty"] = {key: maps.pair_note(key, lang) for key in out["empty"]}
    return out


def _places(data: AppData, lang: str) -> dict:
    """Names for captions (gazetteer first) and for chips, the groups, the map's panels."""
    names = data.names(lang)
    places = gazetteer()
    codes = sorted(data.vocabulary.places)
    out = {"table": names, "groups": {g: list(c) for g, c in GROUPS.items()},
           # each known municipality's province (places.province_of)
           "province_of": {c: province_of(c) for c in codes if province_of(c)}}
    if data.munis is not None:
        munis = data.munis
        hover = munis["name_fr"].where(munis["name_fr"] == munis["name_nl"],
                                       munis["name_fr"] + " / " + munis["name_nl"]).map(
            figures.escape_markup)
        population = pd.to_numeric(munis["population"], errors="coerce")
        out["panels"] = {
            panel: [c for c in munis["nis_code"] if in_panel(c, panel)]
            for panel in maps.PANEL_TITLES}
        out["panel_titles"] = {panel: maps.panel_title(panel, lang) for panel in maps.PANEL_TITLES}
        # every municipality's province, for the map's drill-down (places.map_area)
        out["province_of"] |= {c: province_of(c) for c in munis["nis_code"] if province_of(c)}
        out["hover"] = dict(zip(munis["nis_code"], hover, strict=True))
        out["population"] = {c: (None if pd.isna(p) else float(p)) for c, p in zip(
            munis["nis_code"], population, strict=True)}
    else:
        out["schematic"] = {c: {"names": bilingual(p.name_fr, p.name_nl),
                                "map_name": p.map_name(lang), "label": p.label,
                                "tile": list(p.tile) if p.tile else None,
                                "lonlat": list(p.lonlat)} for c, p in places.items()}
    return out


def words(lang: str) -> dict:
    """Everything the browser writes, in lang: keys, messages, plural forms (numbers: the
    browser's Intl.NumberFormat for lang, held equal to Babel's by tests/test_js.py)."""
    with i18n.use(lang):
        return {
            "lang": lang, "t": {k: t(k) for k in i18n.KEYS},
            "msg": {m: _(m) for m in MESSAGES},
            "plural": {k: _plural(s, p, lang) for k, (s, p) in PLURALS.items()},
            "months": {m: i18n.month(m) for m in state.MONTHS},
            "countries": {c: i18n.country(c, lang, name) for c, name in cb.COUNTRIES.items()},
            # what a difference of two shares can carry, by key (data/compare.py VERDICTS)
            "verdicts": {k: _(v) for k, v in compare.VERDICTS.items()},
        }


def skeletons(data: AppData, lang: str) -> dict:
    """Each main chart for all incidents, in every option it can be drawn with: the browser
    keeps their frame (titles, axes, events, geometry link) and puts its numbers in."""
    f = Filters()
    with i18n.use(lang):
        return {
            "shares": views.shares_figure(data, f),
            "timeline": {f"{freq}|{by}|{int(ev)}": views.timeline_figure(data, f, freq, by, ev)
                         for freq in views.OPTIONS["freq"] for by in views.OPTIONS["by"]
                         for ev in (False, True)},
            "map": {f"{panel}|{metric}": views.map_figure(data, f, panel, metric)
                    for panel in views.OPTIONS["panel"] for metric in views.OPTIONS["metric"]},
            # compare mode's timeline: both slices' frame (the browser puts in names and counts)
            "timeline_compare": {freq: _compare_skeleton(data, freq, lang)
                                 for freq in views.OPTIONS["freq"]},
            "shares_compare": _shares_skeleton(data, lang),
            # compare mode's map: both slices' panels (their places' arrays the browser's)
            "map_compare": _map_skeletons(data, lang),
        }


def _map_skeletons(data: AppData, lang: str) -> dict[str, Fig]:
    """Compare mode's map for all incidents in each option: the choropleths' frames keyed as
    the single map's (their per-place arrays emptied: the browser fills every one), or the
    schematic's ("schematic": its grids kept, the browser sets their cells)."""
    c = compare.Comparison(a=Filters(), b=Filters(), overrides=())
    if data.munis is None:
        return {"schematic": comparison.map_pair(data, c, ("", ""), lang=lang)[0]}
    out = {}
    for panel in views.OPTIONS["panel"]:
        for metric in views.OPTIONS["metric"]:
            fig = comparison.map_pair(data, c, ("", ""), panel, metric, lang)[0]
            for trace in fig["data"]:
                trace.update(locations=[], z=[], text=[], customdata=[])
            out[f"{panel}|{metric}"] = fig
    return out


def _compare_skeleton(data: AppData, freq: str, lang: str) -> Fig:
    table = ag.by_period(data.dataset.incidents, freq)
    cap = figures.Caption(subtitle="", source=views.source_line(data, lang), lang=lang)
    return figures.timeline_compare((table, table), ("", ""), cap)


def _shares_skeleton(data: AppData, lang: str) -> Fig:
    table = comparison.shares_table(data.dataset.incidents, data.dataset.incidents)
    cap = figures.Caption(subtitle="", source=views.source_line(data, lang), lang=lang)
    return figures.shares(table, cap)


def payload(data: AppData, lang: str) -> dict:
    """All the browser needs to draw the main views in lang (built once, then kept)."""
    key = ("instant", lang)
    if key not in data.geojson_cache:
        data.geojson_cache[key] = {
            "cube": _cube(data), "words": words(lang), "frame": _frame_parts(data, lang),
            "places": _places(data, lang), "months": state.MONTHS,
            "vocabulary": state.vocabulary(data.vocabulary),
            "types": list(cb.INCIDENT_TYPES), "connections": list(cb.CONNECTIONS),
            "small_n": SMALL_N, "boundaries": data.munis is not None,
            "town_colours": [maps.TOWN, maps.TOWN_NONE],  # the schematic map's dots
            "skeletons": skeletons(data, lang), "targets": ids.MAIN_VIEWS,
            "failed": figures.failed(t("view_failed", lang), t("view_failed_hint", lang)),
            "map_notice": views.map_notice(data, lang),
            # the sections' charts whose clicks toggle a filter (graph id -> click source)
            "clicks": registry.SECTION_CLICKS,
            # how each filter is said: its values' names, a flag's words (data/spec.py)
            "filter_words": state.filter_words(data.vocabulary, lang, data.names(lang)),
            "aggregates": AGGREGATES,
        }
    return data.geojson_cache[key]


def _cube(data: AppData) -> dict:
    if ("instant-cube",) not in data.geojson_cache:
        data.geojson_cache[("instant-cube",)] = cube(data)
    return data.geojson_cache[("instant-cube",)]
