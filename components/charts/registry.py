"""The chart registry: one entry per chart, read by the page, the Download menu, exports, embeds,
the briefing pack and the filter callback's clicks (every chart draws both slices of a
comparison too: components/charts/comparison.py figure). Adding a chart is one entry here and its
figure in `figures_for`. No Dash."""

from __future__ import annotations

from dataclasses import dataclass

from components import ids
from components.charts import views
from data.filters import Filters
from data.i18n import N_


@dataclass(frozen=True)
class Chart:
    """A chart: its element, its public name, where it is, what it exports and what a click on
    it filters (the click's source: data/spec.py Filter.click, read by assets/filters.js;
    None: a click sets nothing)."""

    graph: str  # the element's id
    slug: str  # its name in embeds and export addresses: /embed/<slug>
    section: str  # "main" (drawn in the browser), "networks" or "people" (drawn by the server)
    table: str  # the table its data downloads are (data.export.chart_data)
    name: str  # msgid: what the Download menu says it is
    click: str | None = None
    file: str = ""  # msgid: what its files are named after, where its name is another's too


CHARTS = (
    Chart(ids.CHART_SHARES, "shares", "main", "shares", N_("linked or inspired"), "shares"),
    Chart(ids.CHART_TIMELINE, "timeline", "main", "timeline", N_("over time"), "timeline"),
    Chart(ids.CHART_MAP, "map", "main", "map", N_("map"), "map"),
    Chart(ids.CHART_NETWORKS, "networks", "networks", "networks", N_("networks"), "networks",
          N_("arrest actions by network")),
    Chart(ids.CHART_NETWORK_LINKS, "network-links", "networks", "networks", N_("networks"),
          "networks", N_("links between networks")),
    Chart(ids.CHART_NETWORK_TIME, "network-time", "networks", "networks", N_("networks"),
          "networks", N_("networks over time")),
    Chart(ids.CHART_PEOPLE_CITIZENSHIP, "people-citizenship", "people", "citizenship",
          N_("citizenship"), "citizenship"),
    Chart(ids.CHART_PEOPLE_YEARS, "people-years", "people", "citizenship", N_("citizenship"),
          "citizenship", N_("citizenship by year")),
    Chart(ids.CHART_PEOPLE_BIRTHPLACE, "people-birthplace", "people", "birthplace",
          N_("country of birth")),
    Chart(ids.CHART_PEOPLE_HERITAGE, "people-heritage", "people", "heritage",
          N_("family heritage")),
)  # in page order
BY_GRAPH = {c.graph: c for c in CHARTS}
BY_SLUG = {c.slug: c for c in CHARTS}
CHART_DATA = {c.graph: c.table for c in CHARTS}  # graph id -> the table it draws
SLUGS = tuple(BY_SLUG)
NETWORK_GRAPHS = tuple(c.graph for c in CHARTS if c.section == "networks")
# in the order views.people_views draws them
PEOPLE_GRAPHS = (ids.CHART_PEOPLE_CITIZENSHIP, ids.CHART_PEOPLE_BIRTHPLACE,
                 ids.CHART_PEOPLE_HERITAGE, ids.CHART_PEOPLE_YEARS)
# the sections' charts are plotly graphs: their clicks are inputs of the filter callback (a main
# chart's click is applied in the browser: assets/instant.js draws them, filters.js apply)
SECTION_CLICKS = {c.graph: c.click for c in CHARTS if c.section != "main" and c.click}


def figure_for(data, f: Filters, graph: str, o: dict, inline: bool = True) -> dict:
    """The figure a graph shows (see figures_for)."""
    return figures_for(data, f, (graph,), o, inline)[graph]


def figures_for(data, f: Filters, graphs: tuple[str, ...], o: dict, inline: bool = True
                ) -> dict[str, dict]:
    """The figures graphs show, from the same view functions as the screen, each view function
    called once. inline: the map's boundaries in the figure (the export renderer fetches
    nothing); else by their URL (a page fetches them once, cached, for every map it shows)."""
    unknown = set(graphs) - set(BY_GRAPH)
    if unknown:
        raise ValueError(f"no chart {sorted(unknown)[0]!r}")
    out: dict[str, dict] = {}
    if ids.CHART_SHARES in graphs:
        out[ids.CHART_SHARES] = views.shares_figure(data, f)
    if ids.CHART_TIMELINE in graphs:
        out[ids.CHART_TIMELINE] = views.timeline_figure(data, f, o["freq"], o["by"],
                                                        o["events"])
    if ids.CHART_MAP in graphs:
        out[ids.CHART_MAP] = views.map_figure(data, f, o["panel"], o["metric"], inline=inline)
    if set(graphs) & set(NETWORK_GRAPHS):
        out |= dict(zip(NETWORK_GRAPHS, views.network_figures(data, f), strict=True))
    if set(graphs) & set(PEOPLE_GRAPHS):
        out |= dict(zip(PEOPLE_GRAPHS, views.people_views(data, f)[1:], strict=True))
    return {g: out[g] for g in graphs}
