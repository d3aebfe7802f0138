"""The maps: the choropleth of one panel (or of the provinces it drills down to) and the
schematic map drawn when no boundary file is loaded. Pure functions of their tables, as the
other figure specs (figures.py)."""

from __future__ import annotations

import pandas as pd

from components.charts.figspec import Fig
from components.charts.figures import (
    BLUES,
    EMPTY_NOTE,
    NEUTRAL,
    SLICE_COLORS,
    Caption,
    _frame,
    _integer_axis,
    _wrap,
    escape_markup,
    incidents_count,
    rate_axis,
)
from data import i18n
from data.facts import SMALL_N
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


def _choro_area(munis: pd.DataFrame, counts: pd.DataFrame, panel: str, metric: str,
                provinces) -> tuple[pd.DataFrame, pd.Series, pd.Series, bool]:
    """A panel's municipalities with their counts (merged), which have incidents, the value
    each is coloured by, and whether the provinces drilled the panel down."""
    codes, drilled = map_area(list(munis["nis_code"]), panel, provinces)
    area = munis[munis["nis_code"].isin(codes)]
    merged = area.merge(counts, on="nis_code", how="left").fillna({"incidents": 0})
    has = merged["incidents"] > 0
    z = merged[metric] if metric in merged else merged["incidents"]
    return merged, has, z, drilled


def _choro_traces(fig: Fig, merged: pd.DataFrame, has: pd.Series, z: pd.Series,
                  geojson: dict | str, lang: str, metric: str, top: float, geo: str = "geo",
                  tag: str = "") -> None:
    """A panel's two traces: its municipalities at 0 (neutral), the others on the colour scale
    0..top (its bar drawn by the first panel's only). A tag ("B") marks each commune's
    customdata with its slice: a click on it sets that slice's filter."""
    names = merged["name_fr"].where(
        merged["name_fr"] == merged["name_nl"], merged["name_fr"] + " / " + merged["name_nl"]
    ).map(escape_markup)
    hover = [f"<b>{n}</b><br>{incidents_count(i, lang)}" + (
        " · " + _("{value} per 100,000", lang).format(value=num(p, lang, 1))
        # a rate on a handful of incidents: flagged, as a share on few is
        + (f" ⚠ n < {SMALL_N}" if 0 < i < SMALL_N else "") if pd.notna(p) else "")
             for n, i, p in zip(names, merged["incidents"],
                                merged.get("per_100k", pd.Series(index=merged.index)),
                                strict=True)]

    def marked(codes: pd.Series) -> list:
        return [[c, tag] for c in codes] if tag else list(codes)

    common = {"geojson": geojson, "featureidkey": "id", "hoverinfo": "text",
              "marker": {"line": {"color": "white", "width": 0.6}}}
    if geo != "geo":
        common["geo"] = geo
    fig.add_trace("choropleth", locations=merged.loc[~has, "nis_code"], z=[0] * int((~has).sum()),
                       colorscale=[[0, NEUTRAL], [1, NEUTRAL]], showscale=False,
                       text=[h for h, k in zip(hover, has, strict=True) if not k],
                       customdata=marked(merged.loc[~has, "nis_code"]), name="none", **common)
    per_100k = metric == "per_100k"
    scale: dict = {"showscale": False}
    if geo == "geo":
        bar = {"title": {"text": _("per 100,000", lang) if per_100k else t("incidents", lang)},
               "thickness": 14}
        bar |= rate_axis(top) if per_100k else _integer_axis(top)  # drawn alike on screen
        scale = {"colorbar": bar}
    fig.add_trace("choropleth", locations=merged.loc[has, "nis_code"], z=z[has], zmin=0,
                       zmax=max(top, 1.0), colorscale=BLUES,
                       text=[h for h, k in zip(hover, has, strict=True) if k],
                       customdata=marked(merged.loc[has, "nis_code"]), name="incidents",
                       **scale, **common)


GEO = {"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"}}


def _peak(has: pd.Series, z: pd.Series) -> float:
    return float(z[has].max()) if has.any() else 1.0


def choropleth(munis: pd.DataFrame, counts: pd.DataFrame, geojson: dict | str, cap: Caption,
               panel: str = "brussels", metric: str = "incidents", provinces=()) -> Fig:
    """Municipalities of one panel coloured by incidents (or per 100,000); zero drawn neutral.
    With provinces filtered on, the panel's municipalities in them, or where it has none the
    provinces' own: the map drills down to them (places.map_area) and its title says so."""
    merged, has, z, drilled = _choro_area(munis, counts, panel, metric, provinces)
    fig = Fig()
    _choro_traces(fig, merged, has, z, geojson, cap.lang, metric, _peak(has, z))
    fig.update_layout(geo=GEO)
    where = provinces_title(provinces, cap.lang) if drilled else panel_title(panel, cap.lang)
    return _frame(fig, _("Where: {area}", cap.lang).format(area=escape_markup(where)), cap, 520)


# compare mode: where each slice's panel is (A left, B right; the schematic's A above B) and
# where its "no incidents" note goes (instant-3-views.js reads them from the figure's meta)
PAIR_DOMAINS = ([0, 0.47], [0.53, 1])
SCHEMATIC_ROWS = ([0.54, 0.96], [0, 0.44])
PAIR_HEIGHT, SCHEMATIC_PAIR_HEIGHT = 520, 860
# the schematic pair in a narrow card (instant.js stack: under 900 px): its four parts one under
# another, each as wide as the card (A's tiles, A's towns, B's tiles, B's towns), the chart
# taller by `extra` times the card's width; its slices' names and notes moved with them
STACKED_PAIR = {
    "x": {"xaxis": [0, 1], "xaxis2": [0, 1], "xaxis3": [0, 1], "xaxis4": [0, 1]},
    "y": {"yaxis": [0.77, 0.96], "yaxis2": [0.53, 0.71], "yaxis3": [0.25, 0.44],
          "yaxis4": [0.01, 0.19]},
    "slice_y": [0.96, 0.44], "empty_at": [{"x": 0.5, "y": 0.75}, {"x": 0.5, "y": 0.23}],
    "extra": 0.9}


def _slice_label(fig: Fig, tag: str, name: str, x: float, y: float, **where) -> None:
    """'A · Brussels-Capital Region' over a slice's panel, in the slice's colour."""
    fig.add_annotation(text=f"<b>{tag} · {escape_markup(name)}</b>", xref="paper",
                       yref="paper", x=x, y=y, xanchor="left", yanchor="bottom",
                       showarrow=False, font={"size": 14, "color": SLICE_COLORS["AB".index(tag)]},
                       name="slice", **where)


def pair_note(key: str, lang: str, at: dict | None = None, tag: str = "") -> dict:
    """An empty slice's note ("No incidents match these filters"), narrow enough for its half
    of the map, at its panel's centre, named by its slice ("empty-B"; the browser's payload has
    it untagged, and places and names it)."""
    return EMPTY_NOTE | (at or {}) | {"text": f"<b>{_wrap(t(key, lang), 28)}</b>"} | (
        {"name": f"empty-{tag}"} if tag else {})


def _pair_notes(fig: Fig, empties: tuple[str | None, str | None], lang: str) -> Fig:
    """Each empty slice's note over its own panel, the other's map beside it (after the
    frame's own notes)."""
    for tag, at, key in zip("AB", fig["layout"]["meta"]["empty_at"], empties, strict=True):
        if key:
            fig.add_annotation(**pair_note(key, lang, at, tag))
    return fig


def choropleth_pair(munis: pd.DataFrame, counts: tuple[pd.DataFrame, pd.DataFrame],
                    geojsons: tuple[dict | str, dict | str], cap: Caption,
                    names: tuple[str, str], panel: str = "brussels",
                    metric: str = "incidents", provinces=((), ()),
                    empties: tuple[str | None, str | None] = (None, None)) -> Fig:
    """Compare mode: slice A's panel beside slice B's, on one colour scale (0 to the larger
    peak of the two), each named over it; a click on one of B's communes sets B's place."""
    shaded = [_choro_area(munis, c, panel, metric, p) for c, p in zip(counts, provinces,
                                                                        strict=True)]
    top = max(_peak(has, z) for _m, has, z, _d in shaded)
    fig = Fig()
    for i, ((merged, has, z, _d), geojson) in enumerate(zip(shaded, geojsons, strict=True)):
        _choro_traces(fig, merged, has, z, geojson, cap.lang, metric, top,
                      "geo" if i == 0 else "geo2", "B" if i else "")
    fig.update_layout(geo=GEO | {"domain": {"x": PAIR_DOMAINS[0], "y": [0, 0.94]}},
                      geo2=GEO | {"domain": {"x": PAIR_DOMAINS[1], "y": [0, 0.94]}},
                      meta={"empty_at": [{"x": sum(d) / 2, "y": 0.5} for d in PAIR_DOMAINS]})
    for tag, name, domain in zip("AB", names, PAIR_DOMAINS, strict=True):
        _slice_label(fig, tag, name, domain[0], 0.95)
    wheres = [provinces_title(p, cap.lang) if d else panel_title(panel, cap.lang)
              for (_m, _h, _z, d), p in zip(shaded, provinces, strict=True)]
    where = wheres[0] if wheres[0] == wheres[1] else " | ".join(wheres)
    _frame(fig, _("Where: {area}", cap.lang).format(area=escape_markup(where)), cap, PAIR_HEIGHT)
    return _pair_notes(fig, empties, cap.lang)


TILE_COLOURS = [[0, NEUTRAL], [0.001, "#deebf7"], [1, "#08519c"]]
TOWN, TOWN_NONE = "#0072B2", "#bdbdbd"  # a place's dot, with incidents or none
# the schematic map's "rest of the country": lon/lat, a degree of latitude drawn 1.57 times
# a degree of longitude (1 / cos 50.5°), over the whole country whatever the filters show
BELGIUM_VIEW = {"lon": [2.45, 6.6], "lat": [49.4, 51.6], "ratio": 1.57}


def _schematic(fig: Fig, layout: pd.DataFrame, counts: pd.DataFrame, lang: str,
               top: float | None = None, axes: tuple[str, str] = ("", "2"), tag: str = ""
               ) -> tuple[int, int]:
    """A slice's schematic map into fig on its two pairs of axes (the tiles', the towns'):
    its heatmap (0..top; its own peak without one) and its dots. A tag ("B") marks each
    place's customdata with its slice. Returns the grid's (rows, columns)."""
    merged = layout.merge(counts[["nis_code", "incidents"]], on="nis_code", how="left").fillna(
        {"incidents": 0})
    tiles, towns = merged[merged["tile_col"].notna()], merged[merged["tile_col"].isna()]
    n_rows, n_cols = int(tiles["tile_row"].max()) + 1, int(tiles["tile_col"].max()) + 1
    z = [[None] * n_cols for _ in range(n_rows)]
    text, hover, codes = ([[""] * n_cols for _ in range(n_rows)] for _ in range(3))

    def said(row) -> str:
        return f"<b>{escape_markup(row.names)}</b><br>{incidents_count(row.incidents, lang)}"

    def marked(code):
        return [code, tag] if tag else code

    for row in tiles.itertuples():
        r, c = int(row.tile_row), int(row.tile_col)
        z[r][c] = int(row.incidents)
        label = escape_markup(row.map_name).replace("\n", "<br>")  # a long name: two lines
        text[r][c] = f"{label}<br>{num(row.incidents, lang)}"
        hover[r][c] = said(row)
        codes[r][c] = marked(row.nis_code)
    said_as = "%{hovertext}<extra></extra>"
    peak = float(tiles["incidents"].max()) if top is None else top
    tiles_on, towns_on = ({"xaxis": f"x{a}", "yaxis": f"y{a}"} if a else {} for a in axes)
    fig.add_trace("heatmap", z=z, zmin=0, zmax=max(peak, 1.0),
                  colorscale=TILE_COLOURS, showscale=False, xgap=3, ygap=3, text=text,
                  texttemplate="%{text}", hovertext=hover, hovertemplate=said_as,
                  hoverongaps=False, customdata=codes, name="Brussels", **tiles_on)
    sizes = [8 + 4 * float(i) ** 0.5 for i in towns["incidents"]]
    fig.add_trace("scatter", x=towns["lon"], y=towns["lat"], **towns_on,
                  mode="markers+text",
                  text=[f"{escape_markup(n)} {num(i, lang)}" for n, i in
                        zip(towns["map_name"], towns["incidents"], strict=True)],
                  textposition=list(towns["label"]), textfont={"size": 12}, cliponaxis=False,
                  hovertext=[said(row) for row in towns.itertuples()], hovertemplate=said_as,
                  customdata=[marked(c) for c in towns["nis_code"]], name="Belgium",
                  marker={"size": sizes, "color": [TOWN if i else TOWN_NONE
                                                   for i in towns["incidents"]],
                          "line": {"color": "white", "width": 1}})
    return n_rows, n_cols


def _schematic_axes(fig: Fig, grid: tuple[int, int], lang: str, axes: tuple[str, str] = ("", "2"),
                    rows: list[float] | None = None) -> None:
    """A slice's hidden axes (the tiles left, the towns right, in rows' band of the height)
    and the headings of its two parts."""
    n_rows, n_cols = grid
    hidden = {"visible": False, "fixedrange": True, "constrain": "domain"}
    view = BELGIUM_VIEW
    band = {"domain": rows} if rows else {}
    a, b = axes
    fig.update_layout(**{
        f"xaxis{a}": hidden | {"domain": [0, 0.5], "range": [-0.5, n_cols - 0.5]}
        | ({"anchor": f"y{a}"} if a else {}),
        f"yaxis{a}": hidden | {"range": [n_rows - 0.5, -0.5], "scaleanchor": f"x{a}"} | band
        | ({"anchor": f"x{a}"} if a else {}),
        f"xaxis{b}": hidden | {"domain": [0.54, 1], "range": view["lon"], "anchor": f"y{b}"},
        f"yaxis{b}": hidden | {"range": view["lat"], "anchor": f"x{b}", "scaleanchor": f"x{b}",
                               "scaleratio": view["ratio"]} | band})
    for ax, words in ((a, panel_title("brussels", lang)),
                      (b, upper(GROUP_NAMES["elsewhere"][lang]))):
        fig.add_annotation(text=f"<b>{escape_markup(words)}</b>", xref=f"x{ax} domain",
                           yref=f"y{ax} domain", x=0, y=1, xanchor="left", yanchor="bottom",
                           showarrow=False, font={"size": 13}, name="area")


def _schematic_title(provinces, lang: str) -> str:
    if provinces:  # it filters, but it cannot zoom in: the title says what would
        return _("Where: {area} (schematic: zooming in needs the boundary file)",
                 lang).format(area=escape_markup(provinces_title(provinces, lang)))
    return _("Where (schematic: no boundary file loaded)", lang)


def fallback_map(layout: pd.DataFrame, counts: pd.DataFrame, cap: Caption, provinces=()) -> Fig:
    """Schematic map of our own (no boundary file): Brussels' 19 communes as a grid of tiles
    (a heatmap, so tiles and their labels scale with the chart), the other places as dots on
    longitude and latitude (grey at 0). Both keep their shape and stay put whatever the
    filters."""
    fig = Fig()
    grid = _schematic(fig, layout, counts, cap.lang)
    fig.update_layout(showlegend=False)
    _schematic_axes(fig, grid, cap.lang)
    return _frame(fig, _schematic_title(provinces, cap.lang), cap, 520)


def fallback_pair(layout: pd.DataFrame, counts: tuple[pd.DataFrame, pd.DataFrame],
                  cap: Caption, names: tuple[str, str], provinces=((), ()),
                  empties: tuple[str | None, str | None] = (None, None)) -> Fig:
    """Compare mode's schematic map: slice A's above slice B's, each named, the tiles on one
    colour scale (0 to the larger peak) and the dots on one size scale; a click on one of B's
    places sets B's place."""
    merged = [layout.merge(c[["nis_code", "incidents"]], on="nis_code", how="left")
              for c in counts]
    top = max(float(m.loc[m["tile_col"].notna(), "incidents"].fillna(0).max()) for m in merged)
    fig = Fig()
    fig.update_layout(showlegend=False, meta={"empty_at": [
        {"x": 0.5, "y": sum(r) / 2} for r in SCHEMATIC_ROWS], "stacked": STACKED_PAIR})
    for i, (tag, name, c, rows) in enumerate(zip("AB", names, counts, SCHEMATIC_ROWS,
                                                 strict=True)):
        axes = ("", "2") if i == 0 else ("3", "4")
        grid = _schematic(fig, layout, c, cap.lang, top, axes, "B" if i else "")
        _schematic_axes(fig, grid, cap.lang, axes, rows)
        _slice_label(fig, tag, name, 0, rows[1], yshift=22)
    said = [_schematic_title(p, cap.lang) for p in provinces]
    _frame(fig, said[0] if said[0] == said[1] else " | ".join(said), cap, SCHEMATIC_PAIR_HEIGHT)
    return _pair_notes(fig, empties, cap.lang)
