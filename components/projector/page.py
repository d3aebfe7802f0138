"""/brief: the study's story on a projector — one scene per screen (a chart and a caption whose
numbers are computed from the loaded data), large type, keyboard and clicker navigation
(static/brief.js), the scene number in the URL, an Explore link to the same filters in the
dashboard, and a printable handout (one page per scene). Served from our own files: offline."""

from __future__ import annotations

import html
import json
import os

from flask import Flask, Response, request

from components.charts import views
from components.charts.registry import figure_for
from components.projector import story
from components.runtime import current
from data import i18n, viewstate
from data.i18n import LANGS, NAMES, _, use
from data.study.compare import REFERENCE, compare, reference_figures

SIZES = {"font": 20, "title": 22, "mark": 16}
BRIEF_EVENT_ROOM = 2.0  # the count axis reaches twice the peak where events are marked


def _figure(data, scene: story.Scene) -> tuple[dict, str]:
    """The scene's chart, from the embed's figure function, set for a projector."""
    options = views.chart_options(**scene.options)  # keys checked by story.parse
    fig = figure_for(data, scene.filters, f"chart-{scene.chart}", options)
    layout = fig.setdefault("layout", {})
    subtitle = layout.get("title", {}).get("subtitle", {}).get("text", "")
    layout["title"] = {"text": subtitle, "font": {"size": SIZES["title"]}, "x": 0.01,
                       "xanchor": "left"}
    layout.setdefault("font", {})["size"] = SIZES["font"]
    layout.pop("height", None)
    layout.pop("width", None)
    layout.setdefault("margin", {}).update(t=60, b=50)
    # the source and provenance lines are in the page's foot, the key (what the marks stand
    # for) under the chart, both in large type; the marks themselves readable from the back
    annotations = layout.get("annotations", [])
    key = " ".join(a["text"].replace("<br>", " ") for a in annotations if a.get("name") == "key")
    layout["annotations"] = [a for a in annotations if a.get("name") not in ("foot", "key")]
    axis = layout.get("yaxis", {})
    if key and axis.get("range"):  # larger marks on a shorter plot: more room above the bars
        axis["range"] = [0, axis["range"][1] / views.figures.EVENT_ROOM * BRIEF_EVENT_ROOM]
    for a in layout["annotations"]:
        size = a.get("font", {}).get("size", SIZES["mark"])
        if size < SIZES["mark"]:
            a["font"]["size"] = SIZES["mark"]
            if a.get("yshift"):  # a row of words under another: the rows grow with the type
                a["yshift"] = a["yshift"] * SIZES["mark"] / size
    return fig, key


def _reference_rows(data) -> dict:
    try:
        reference = reference_figures(REFERENCE)
    except OSError:
        return {}
    return {r.id: r for r in compare(data.dataset, reference)}


def _study_note(scene: story.Scene, rows: dict) -> str:
    """Which study figures the scene shows, the study's value beside ours (and p. N if known)."""
    parts = []
    for fid in scene.figures:
        row = rows.get(fid)
        if row is None or row.reference is None:
            continue
        page = _(" p. {page}").format(page=row.page) if row.page else ""
        mark = "✓" if row.status == "match" else "≠"
        parts.append(f"<code>{html.escape(fid)}</code>{page}: {html.escape(str(row.reference))}"
                     f" {mark}")
    if not parts:
        return ""
    return (_("In the study (CTC, 2018):") + " " + " · ".join(parts))


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
    w = {k: html.escape(v) for k, v in {  # every word of the page, in lang
        "explore": _("Explore these filters in the dashboard"), "briefing": _("Briefing"),
        "language": _("Language"), "dashboard": _("Dashboard"), "scenes": _("Scenes"),
        "scene_of": _("Scene {n} of {total}"), "previous": _("Previous"), "next": _("Next"),
        "keys": _("Keys: ← → or Page Up / Page Down, Space"),
        "source": _("Source: {study}").format(study=views.figures.STUDY),
        "data": _("Data: {dataset}").format(
            dataset=f"{data.dataset.name} {data.dataset.version}".strip()),
        "provenance": _(views.RECONSTRUCTED_LINE) if data.dataset.reconstructed else "",
    }.items()}
    sections = []
    for i, scene in enumerate(scenes, start=1):
        incidents, people = views.shown(data, scene.filters)
        values = story.numbers(incidents, people, names)
        caption = story.caption(scene, values, lang)
        graph = f"chart-{scene.chart}"
        described = views.descriptions(data, scene.filters,
                                       scene.options.get("freq", "year"), (graph,))[graph]
        explore = f"/?{html.escape(viewstate.address(scene.query, scene.options, lang))}"
        figure, key = _figure(data, scene)  # the key as plotly markup: escaped text
        fig = json.dumps(figure, separators=(",", ":")).replace("</", "<\\/")
        note = _study_note(scene, rows)
        sections.append(f"""
<section class="scene" id="scene-{i}" aria-labelledby="scene-{i}-title" data-scene="{i}"
  {'' if i == shown_index else 'hidden'}>
  <h2 id="scene-{i}-title"><span class="scene-number">{i}/{len(scenes)}</span>
    {html.escape(scene.text("title", lang))}</h2>
  <div class="scene-chart" id="scene-{i}-chart" role="img"
       aria-label="{html.escape(described)}"></div>
  {f'<p class="scene-key">{key}</p>' if key else ''}
  <p class="scene-caption">{html.escape(caption)}</p>
  <p class="scene-foot">{note}{' · ' if note else ''}<a href="{explore}">{w["explore"]}</a></p>
  <script type="application/json" class="scene-figure">{fig}</script>
</section>""")
    langs = "".join(
        f'<a href="/brief?lang={code}&amp;scene={shown_index}" lang="{code}" hreflang="{code}" '
        f'class="lang-link{" current" if code == lang else ""}" '
        f'aria-current="{"true" if code == lang else "false"}" '
        f'aria-label="{NAMES[code]}">{code.upper()}</a>' for code in LANGS)
    title = i18n.t("title")
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{w["briefing"]} · {html.escape(title)}</title>
<link rel="stylesheet" href="/static/brief.css">
<script src="/assets/plotly-custom.min.js"></script></head>
<body class="brief">
<header class="brief-bar">
  <h1 class="brief-title">{html.escape(title)}</h1>
  <nav aria-label="{w["language"]}" class="brief-langs">{langs}</nav>
  <a class="brief-exit" href="/?lang={lang}">{w["dashboard"]}</a>
</header>
<main id="scenes" data-count="{len(scenes)}" data-locale="{lang}"
      data-label-scene="{w["scene_of"]}">{"".join(sections)}
</main>
<nav class="brief-nav" aria-label="{w["scenes"]}">
  <button type="button" id="brief-prev">← {w["previous"]}</button>
  <span id="brief-counter" aria-live="polite">{w["scene_of"].format(n=shown_index,
                                                                   total=len(scenes))}</span>
  <button type="button" id="brief-next">{w["next"]} →</button>
  <span class="brief-keys">{w["keys"]}</span>
</nav>
<footer class="brief-source">{w["source"]} · {w["data"]}{
    " · " + w["provenance"] if w["provenance"] else ""}</footer>
<script src="/static/brief.js"></script>
</body></html>"""



_STORY: dict = {}


def data_story() -> list[story.Scene]:
    return _STORY["scenes"]


def install(server: Flask, story_path: str | None = None) -> None:
    """Load and check the story (StoryError at start-up), then serve /brief."""
    _STORY["scenes"] = story.load(story_path or os.environ.get(story.ENV) or None,
                                  current().vocabulary)
    _PAGES.clear()

    @server.route("/brief")
    def brief():
        lang = i18n.valid(request.args.get("lang")) or i18n.negotiate(
            request.headers.get("Accept-Language"))
        with use(lang):
            body = page(request.args.get("scene"), lang)
        return Response(body, mimetype="text/html")
