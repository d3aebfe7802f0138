"""The maps: the choropleth of one panel (or of the provinces it drills down to) and the
schematic map drawn when no boundary file is loaded. Pure functions of their tables, as the
other figure specs (figures.py)."""

from __future__ import annotations

import pandas as pd

from components.charts.figspec import Fig
from components.charts.figures import (
    BLUES,
    NEUTRAL,
    Caption,
    _frame,
    _integer_axis,
    escape_markup,
    incidents_count,
    rate_axis,
)
from data import i18n
from data.filters import provinces_named
from data.i18n import N_, _, num, t
from data.i18n import cap as upper
from data.places import GROUP_NAMES, map_area

PANEL_TITLES = {"brussels": N_("Brussels-Capital Region"),
                "charleroi": N_("Charleroi and surroundings"),
                "antwerp": N_("Antwerp and surroundings"), "belgium": N_("Belgium")}
PANEL_SHORT = {"brussels": N_("Brussels"), "charleroi": "Charleroi", "antwerp": N_("Antwerp"),
               "belgium": N_("Belgium")}


def panel_title(panel: str, lang: str | None = None, short: bool = False) -> str:
    return _((PANEL_SHORT if short else PANEL_TITLES)[panel], lang)


def provinces_title(provinces, lang: str | None = None) -> str:
    """The provinces filtered on, as the summary names them (filters.provinces_named)."""
    return provinces_named(provinces, i18n.valid(lang) or i18n.current())


def choropleth(munis: pd.DataFrame, counts: pd.DataFrame, geojson: dict | str, cap: Caption,
               panel: str = "brussels", metric: str = "incidents", provinces=()) -> Fig:
    """Municipalities of one panel coloured by incidents (or per 100,000); zero drawn neutral.
    With provinces filtered on, the panel's municipalities in them, or where it has none the
    provinces' own: the map drills down to them (places.map_area) and its title says so."""
    codes, drilled = map_area(list(munis["nis_code"]), panel, provinces)
    area = munis[munis["nis_code"].isin(codes)]
    merged = area.merge(counts, on="nis_code", how="left").fillna({"incidents": 0})
    names = merged["name_fr"].where(
        merged["name_fr"] == merged["name_nl"], merged["name_fr"] + " / " + merged["name_nl"]
    ).map(escape_markup)
    lang = cap.lang
    hover = [f"<b>{n}</b><br>{incidents_count(i, lang)}" + (
        " · " + _("{value} per 100,000", lang).format(value=num(p, lang, 1)) if pd.notna(p)
        else "")
             for n, i, p in zip(names, merged["incidents"],
                                merged.get("per_100k", pd.Series(index=merged.index)),
                                strict=True)]
    has = merged["incidents"] > 0
    z = merged[metric] if metric in merged else merged["incidents"]
    fig = Fig()
    common = {"geojson": geojson, "featureidkey": "id", "hoverinfo": "text",
              "marker": {"line": {"color": "white", "width": 0.6}}}
    fig.add_trace("choropleth", locations=merged.loc[~has, "nis_code"], z=[0] * int((~has).sum()),
                       colorscale=[[0, NEUTRAL], [1, NEUTRAL]], showscale=False,
                       text=[h for h, k in zip(hover, has, strict=True) if not k],
                       customdata=merged.loc[~has, "nis_code"], name="none", **common)
    per_100k = metric == "per_100k"
    top = float(z[has].max()) if has.any() else 1.0
    bar = {"title": {"text": _("per 100,000", lang) if per_100k else t("incidents", lang)},
           "thickness": 14}
    bar |= rate_axis(top) if per_100k else _integer_axis(top)  # drawn alike on screen
    fig.add_trace("choropleth", locations=merged.loc[has, "nis_code"], z=z[has], zmin=0,
                       zmax=max(top, 1.0), colorscale=BLUES,
                       text=[h for h, k in zip(hover, has, strict=True) if k],
                       customdata=merged.loc[has, "nis_code"], name="incidents",
                       colorbar=bar, **common)
    fig.update_layout(geo={"fitbounds": "locations", "visible": False,
                           "projection": {"type": "mercator"}})
    where = provinces_title(provinces, cap.lang) if drilled else panel_title(panel, cap.lang)
    return _frame(fig, _("Where: {area}", cap.lang).format(area=escape_markup(where)), cap, 520)


TILE_COLOURS = [[0, NEUTRAL], [0.001, "#deebf7"], [1, "#08519c"]]
TOWN, TOWN_NONE = "#0072B2", "#bdbdbd"  # a place's dot, with incidents or none
# the schematic map's "rest of the country": lon/lat, a degree of latitude drawn 1.57 times
# a degree of longitude (1 / cos 50.5°), over the whole country whatever the filters show
BELGIUM_VIEW = {"lon": [2.45, 6.6], "lat": [49.4, 51.6], "ratio": 1.57}


def fallback_map(layout: pd.DataFrame, counts: pd.DataFrame, cap: Caption, provinces=()) -> Fig:
    """Schematic map of our own (no boundary file): Brussels' 19 communes as a grid of tiles
    (a heatmap, so tiles and their labels scale with the chart), the other places as dots on
    longitude and latitude (grey at 0). Both keep their shape and stay put whatever the
    filters."""
    lang = cap.lang
    merged = layout.merge(counts[["nis_code", "incidents"]], on="nis_code", how="left").fillna(
        {"incidents": 0})
    tiles, towns = merged[merged["tile_col"].notna()], merged[merged["tile_col"].isna()]
    n_rows, n_cols = int(tiles["tile_row"].max()) + 1, int(tiles["tile_col"].max()) + 1
    z = [[None] * n_cols for _ in range(n_rows)]
    text, hover, codes = ([[""] * n_cols for _ in range(n_rows)] for _ in range(3))

    def said(row) -> str:
        return f"<b>{escape_markup(row.names)}</b><br>{incidents_count(row.incidents, lang)}"

    for row in tiles.itertuples():
        r, c = int(row.tile_row), int(row.tile_col)
        z[r][c] = int(row.incidents)
        label = escape_markup(row.map_name).replace("\n", "<br>")  # a long name: two lines
        text[r][c] = f"{label}<br>{num(row.incidents, lang)}"
        hover[r][c] = said(row)
        codes[r][c] = row.nis_code
    fig = Fig()
    said_as = "%{hovertext}<extra></extra>"
    fig.add_trace("heatmap", z=z, zmin=0, zmax=max(float(tiles["incidents"].max()), 1.0),
                  colorscale=TILE_COLOURS, showscale=False, xgap=3, ygap=3, text=text,
                  texttemplate="%{text}", hovertext=hover, hovertemplate=said_as,
                  hoverongaps=False, customdata=codes, name="Brussels")
    sizes = [8 + 4 * float(i) ** 0.5 for i in towns["incidents"]]
    fig.add_trace("scatter", x=towns["lon"], y=towns["lat"], xaxis="x2", yaxis="y2",
                  mode="markers+text",
                  text=[f"{escape_markup(n)} {num(i, lang)}" for n, i in
                        zip(towns["map_name"], towns["incidents"], strict=True)],
                  textposition=list(towns["label"]), textfont={"size": 12}, cliponaxis=False,
                  hovertext=[said(row) for row in towns.itertuples()], hovertemplate=said_as,
                  customdata=towns["nis_code"], name="Belgium",
                  marker={"size": sizes, "color": [TOWN if i else TOWN_NONE
                                                   for i in towns["incidents"]],
                          "line": {"color": "white", "width": 1}})
    hidden = {"visible": False, "fixedrange": True, "constrain": "domain"}
    view = BELGIUM_VIEW
    fig.update_layout(
        showlegend=False,
        xaxis=hidden | {"domain": [0, 0.5], "range": [-0.5, n_cols - 0.5]},
        yaxis=hidden | {"range": [n_rows - 0.5, -0.5], "scaleanchor": "x"},
        xaxis2=hidden | {"domain": [0.54, 1], "range": view["lon"], "anchor": "y2"},
        yaxis2=hidden | {"range": view["lat"], "anchor": "x2", "scaleanchor": "x2",
                         "scaleratio": view["ratio"]})
    for axes, words in (("", panel_title("brussels", lang)),
                        ("2", upper(GROUP_NAMES["elsewhere"][lang]))):
        fig.add_annotation(text=f"<b>{escape_markup(words)}</b>", xref=f"x{axes} domain",
                           yref=f"y{axes} domain", x=0, y=1, xanchor="left", yanchor="bottom",
                           showarrow=False, font={"size": 13}, name="area")
    if provinces:  # it filters, but it cannot zoom in: the title says what would
        title = _("Where: {area} (schematic: zooming in needs the boundary file)",
                  cap.lang).format(area=escape_markup(provinces_title(provinces, cap.lang)))
    else:
        title = _("Where (schematic: no boundary file loaded)", cap.lang)
    return _frame(fig, title, cap, 520)
