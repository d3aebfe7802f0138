"""/brief: the study's story on a projector — one scene per screen (a chart and a caption whose
numbers are computed from the loaded data), large type, keyboard and clicker navigation
(static/brief.js), the scene number in the URL, an Explore link to the same filters in the
dashboard, and a printable handout (one page per scene). Served from our own files: offline.
The page is components/templates/brief.html; its route is in components/web/routes.py."""

from __future__ import annotations

import os
from types import SimpleNamespace

from components.charts import comparison, views
from components.charts.figures import escape_markup
from components.charts.registry import figure_for
from components.projector import story
from components.runtime import current
from components.templating import render
from data import i18n, viewstate
from data.i18n import LANGS, NAMES, _
from data.places import GROUP_NAMES, GROUPS, gazetteer
from data.study.compare import REFERENCE, compare, reference_figures
from data.study.labels import label

SIZES = {"font": 20, "title": 22, "mark": 16}
BRIEF_EVENT_ROOM = 2.0  # the count axis reaches twice the peak where events are marked


def _figure(data, scene: story.Scene) -> tuple[dict, str]:
    """The scene's chart, from the embed's figure function (a comparison's: both slices, as
    compare mode shows them), set for a projector."""
    options = views.chart_options(**scene.options)  # keys checked by story.parse
    graph = f"chart-{scene.chart}"
    fig = (comparison.figure(data, scene.comparison, graph, options, inline=True)[0]
           if scene.comparison else figure_for(data, scene.filters, graph, options))
    layout = fig.setdefault("layout", {})
    subtitle = layout.get("title", {}).get("subtitle", {}).get("text", "")
    layout["title"] = {"text": subtitle, "font": {"size": SIZES["title"]}, "x": 0.01,
                       "xanchor": "left"}
    layout.setdefault("font", {})["size"] = SIZES["font"]
    layout.pop("height", None)
    layout.pop("width", None)
    layout.setdefault("margin", {}).update(t=60, b=50)
    if scene.comparison and layout.get("showlegend") is not False:
        # its first slice's name stands above the plot: the legend goes to the right
        layout["legend"] = {**layout.get("legend", {}), "orientation": "v", "x": 1.01,
                            "y": 1, "yanchor": "top", "xanchor": "left"}
        layout["margin"]["r"] = 160
    # the source and provenance lines are in the page's foot, the key (what the marks stand
    # for) under the chart, both in large type; the marks themselves readable from the back
    annotations = layout.get("annotations", [])
    key = " ".join(a["text"].replace("<br>", " ") for a in annotations if a.get("name") == "key")
    layout["annotations"] = [a for a in annotations if a.get("name") not in ("foot", "key")]
    axis = layout.get("yaxis", {})
    if key and axis.get("range"):  # larger marks on a shorter plot: more room above the bars
        axis["range"] = [0, axis["range"][1] / views.figures.EVENT_ROOM * BRIEF_EVENT_ROOM]
    for trace in fig.get("data", []):  # a bar's value readable from the back of the room
        if trace.get("type") == "bar" and trace.get("text") is not None:
            trace["textfont"] = {**trace.get("textfont", {}), "size": SIZES["mark"]}
    if "geo" in layout and not scene.comparison:  # a map of the country: its places named
        _name_places(fig, data, scene)
    for a in layout["annotations"]:
        size = a.get("font", {}).get("size", SIZES["mark"])
        if size < SIZES["mark"]:
            a["font"]["size"] = SIZES["mark"]
            if a.get("yshift"):  # a row of words under another: the rows grow with the type
                a["yshift"] = a["yshift"] * SIZES["mark"] / size
    return fig, key


def _name_places(fig: dict, data, scene: story.Scene) -> None:
    """A map scene names, on the map, the places the story counts (Brussels-Capital Region,
    Charleroi, Antwerp: each with its incidents in view; Brussels with its commune of most
    incidents), so a caption's places can be found on the projector's map."""
    lang = i18n.current()
    incidents = views.shown(data, scene.filters)[0]
    counts = incidents["nis_code"].value_counts()
    where = gazetteer()
    at = {"brussels": "21004", "charleroi": "52011", "antwerp": "11002"}
    texts, lon, lat, positions = [], [], [], []
    for group, codes in GROUPS.items():
        n = int(counts.reindex(list(codes)).fillna(0).sum())
        if not n or at[group] not in where:
            continue
        text = f"<b>{escape_markup(GROUP_NAMES[group][lang])}: {i18n.num(n, lang)}</b>"
        inside = counts.reindex(list(codes)).dropna()
        if len(codes) > 1 and len(inside):
            top = str(inside.idxmax())
            name = where[top].name(lang) if top in where else data.place_names.get(top, top)
            text += f"<br>{escape_markup(name)}: {i18n.num(int(inside.max()), lang)}"
        texts.append(text)
        lon.append(where[at[group]].lonlat[0])
        lat.append(where[at[group]].lonlat[1])
        positions.append("middle left" if group == "brussels" else "middle right")
    if texts:  # the country with room on both sides for the names (fitted: no room)
        fig["layout"]["geo"] = {**fig["layout"].get("geo", {}), "fitbounds": False,
                                "lonaxis": {"range": [-2.5, 11.5]},
                                "lataxis": {"range": [49.45, 51.55]}}
        fig["data"] = [*fig.get("data", []), {
            "type": "scattergeo", "lon": lon, "lat": lat, "text": texts, "mode": "markers+text",
            "textposition": positions, "marker": {"size": 8, "color": "#222"},
            "textfont": {"size": SIZES["mark"], "color": "#111"}, "hoverinfo": "skip",
            "showlegend": False}]


def scene_numbers(data, scene: story.Scene, names: dict[str, str]) -> dict[str, object]:
    """The numbers a scene's caption may use: its view's, or a comparison's (both slices)."""
    c = scene.comparison
    if c is None:
        return story.numbers(*views.shown(data, scene.filters), names)
    return story.compared_numbers(views.shown(data, c.a), views.shown(data, c.b), names)


def _reference_rows(data) -> dict:
    try:
        reference = reference_figures(REFERENCE)
    except OSError:
        return {}
    return {r.id: r for r in compare(data.dataset, reference)}


def _study_note(scene: story.Scene, rows: dict) -> list[dict]:
    """Which study figures the scene shows, the study's value beside ours (and p. N if known)."""
    out = []
    for fid in scene.figures:
        row = rows.get(fid)
        if row is None or row.reference is None:
            continue
        figure = label(fid) + (_(" p. {page}").format(page=row.page) if row.page else "")
        value = str(row.reference) if not isinstance(row.reference, list | dict) else ""
        out.append({"text": _("{figure}: {value}").format(figure=figure, value=value)
                    if value else figure, "mark": "✓" if row.status == "match" else "≠"})
    return out


def page(scene_arg: str | None, lang: str) -> str:
    """The page in lang, opened at a scene (the data do not change while the app runs: each
    page is built once per language and scene, then served from memory)."""
    try:
        shown_index = min(max(int(scene_arg or 1), 1), len(data_story()))
    except ValueError:
        shown_index = 1
    key = (lang, shown_index)
    if key not in _PAGES:
        _PAGES[key] = _page(shown_index, lang)
    return _PAGES[key]


_PAGES: dict[tuple[str, int], str] = {}


def _page(shown_index: int, lang: str) -> str:
    data = current()
    scenes = data_story()
    rows = _reference_rows(data)
    names = data.names(lang)
    w = {  # every word of the page, in lang
        "explore": _("Explore these filters in the dashboard"), "briefing": _("Briefing"),
        "language": _("Language"), "dashboard": _("Dashboard"), "scenes": _("Scenes"),
        "scene_of": _("Scene {n} of {total}"), "previous": _("Previous"), "next": _("Next"),
        "keys": _("Keys: ← → or Page Up / Page Down, Space"),
        "in_study": _("In the study (CTC, 2018):"),
        "source": _("Source: {study}").format(study=views.figures.STUDY),
        "data": _("Data: {dataset}").format(dataset=data.dataset.title()),
        "provenance": _(views.RECONSTRUCTED_LINE) if data.dataset.reconstructed else "",
    }
    shown = []
    for i, scene in enumerate(scenes, start=1):
        graph = f"chart-{scene.chart}"
        figure, key = _figure(data, scene)  # the key as plotly markup: escaped text
        c = scene.comparison
        if c is None:
            described = views.descriptions(data, scene.filters,
                                           scene.options.get("freq", "year"), (graph,))[graph]
        else:  # both slices' chart
            described = comparison.figure(data, c, graph,
                                          views.chart_options(**scene.options), lang)[1]
        shown.append({
            "n": i, "title": scene.text("title", lang), "figure": figure, "key": key,
            "caption": story.caption(scene, scene_numbers(data, scene, names), lang),
            "described": described,
            "explore": f"/?{viewstate.address(scene.query, scene.options, lang)}",
            "note": _study_note(scene, rows),
        })
    return render("brief.html", lang=lang, title=i18n.t("title"), w=SimpleNamespace(**w),
                  scenes=shown,
                  shown=shown_index, langs=[(code, NAMES[code]) for code in LANGS])


_STORY: dict = {}


def data_story() -> list[story.Scene]:
    return _STORY["scenes"]


def load_story(story_path: str | None = None) -> None:
    """Load and check the story (StoryError names every problem); pages are built anew."""
    _STORY["scenes"] = story.load(story_path or os.environ.get(story.ENV) or None,
                                  current().vocabulary)
    _PAGES.clear()
