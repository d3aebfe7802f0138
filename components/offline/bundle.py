"""The dashboard in one HTML file (`python app.py bundle --out FILE.html`): the main views'
payload in every language (components/charts/payload.py, the very one the app serves), the map's
outlines (simplified), the app's own scripts and styles, all inline, nothing fetched; it opens
from file:// with no server and no network. The views are drawn by the app's scripts
(assets/instant.js and the rest); components/offline/offline.js stands where the server and
Dash stand in the app (the view state in the address's fragment). No Dash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from datetime import date
from pathlib import Path

from components import ids, state
from components.charts import comparison, controls, registry
from components.charts import payload as instant
from components.charts.maps import panel_title
from components.exports import urls
from components.offline import rows, sections
from components.projector import page as brief
from components.projector import story
from components.runtime import GEOJSON_URL, AppData
from components.templating import render
from data import codebook as cb
from data import export, i18n, viewstate
from data.export import tr
from data.facts import CITATION
from data.i18n import N_, _

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
# the app's scripts the views need, in the order the app's page loads them (Dash: by name)
SCRIPTS = ("bars.js", "choro.js", "filters.js", "instant-1-format.js", "instant-2-cube.js",
           "instant-3-views.js", "instant-4-compare.js", "instant.js", "plotly-lazy.js")
PLOTLY = "plotly-custom.min.js"  # only for the schematic map (no boundary file)
RUNTIME = tuple(Path(__file__).with_name(name) for name in ("table.js", "sections.js",
                                                            "offline.js"))
DECIMALS = 4  # the outlines' coordinates: 4 decimals of a degree, about 10 m
PANELS = ("brussels", "charleroi", "antwerp", "belgium")
WORDS = {
    "notice": N_("Includes reconstructed records: totals match the study (see methodology)."),
    "about": N_("{dataset} · file made {made} · payload SHA-256 {sha256}"),
    "cannot": N_("This file draws the views and their numbers; images, PDF files and the "
                 "briefing pack need the online dashboard."),
    "filters": N_("Filters"), "reset": N_("Reset filters"), "year": N_("Year"),
    "more": N_("More filters"), "add": N_("Add or remove…"), "chart_options": N_("Chart options"),
    "languages": N_("Language"),
    "briefing": N_("Briefing"), "start": N_("Step through the key findings"),
    "scene_of": N_("Scene {n} of {total}"), "previous": N_("Previous"), "next": N_("Next"),
    "keys": N_("Keys: ← → or Page Up / Page Down, Space"),
    "open": N_("Open this view in the dashboard"),
}


def _rounded(value):
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, list):
        out = [_rounded(v) for v in value]
        if out and all(isinstance(p, list) and len(p) == 2 and all(
                isinstance(x, float | int) for x in p) for p in out):
            # a ring: consecutive points that round to one point are one point
            out = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
        return out
    return value


def outlines(data: AppData) -> dict | None:
    """Every municipality's outline (the whole country's panel: every other panel's communes
    are among them), coordinates rounded to DECIMALS; None without a boundary file."""
    if data.munis is None:
        return None
    country = data.geojson("belgium")
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": f["id"], "geometry": {
            "type": f["geometry"]["type"], "coordinates": _rounded(f["geometry"]["coordinates"])}}
        for f in country["features"]]}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def contents(data: AppData) -> tuple[dict[str, str], str | None]:
    """The payload of every language and the outlines, as the file writes them (JSON text)."""
    payloads = {lang: _json(instant.payload(data, lang)) for lang in i18n.LANGS}
    geo = outlines(data)
    return payloads, None if geo is None else _json(geo)


def digest(data: AppData, compute: bool = True,
           made: tuple[dict[str, str], str | None] | None = None) -> str | None:
    """SHA-256 of what the file's views are drawn from (every language's payload and the
    outlines): the same whatever language it opens in or the day it was made, and what /health
    reports, so a reader can check a file against the app (compute=False: None if it has not
    been computed yet)."""
    key = ("bundle-digest",)
    if key not in data.geojson_cache and not compute:
        return None
    if key not in data.geojson_cache:
        payloads, geo = made or contents(data)
        h = hashlib.sha256()
        for lang in sorted(payloads):
            h.update(lang.encode() + b"\0" + payloads[lang].encode() + b"\0")
        h.update((geo or "").encode())
        data.geojson_cache[key] = h.hexdigest()
    return data.geojson_cache[key]


# the chart data a reader downloads from the file, as the app's files head it (data.export
# chart_data: shares and timeline whole; the map's first three columns)
CSV_HEADINGS = (N_("incident type"), N_("connection"), N_("incidents"),
                N_("incidents of this type"), N_("share (%)"), N_("fewer than 5 (flag)"),
                N_("period"), N_("incidents in the period"), N_("NIS code"), N_("municipality"))
CSV_WORDS = {"csv": N_("CSV"), "csv_label": N_("Download this chart's data as CSV")}


def csv_words(lang: str) -> dict:
    """The chart data's words in lang: headings, codebook values as the app's files say them."""
    with i18n.use(lang):
        return {"headings": {h: _(h) for h in CSV_HEADINGS},
                "values": {k: tr(k) for k in (*cb.INCIDENT_TYPES, *cb.CONNECTIONS)}} | {
            k: _(v) for k, v in CSV_WORDS.items()}


def compare_words(data: AppData, lang: str) -> dict:
    """The Compare control in lang, as the dashboard's (components/dashboard/layout.py
    compare_controls): its words and its choices (comparison.choices: B's name and `vs.` pairs)."""
    with i18n.use(lang):
        return {"open": _("Compare…"), "with": _("Compare this view with"),
                "start": _("Compare"), "swap": _("Swap A and B"), "end": _("End comparison"),
                "choices": comparison.choices(data.vocabulary, lang, data.names(lang))}


def option_words(lang: str) -> dict[str, list]:
    """Each chart option's control as the dashboard's says it (state.OPTION_WORDS): its name
    and [value, label] per choice, in lang."""
    out = {}
    for o in viewstate.OPTIONS:
        name, labels = state.OPTION_WORDS[o.param]
        out[o.param] = [_(name, lang), [
            [v, panel_title(v, lang, short=True) if o.param == "panel" else _(labels[v], lang)]
            for v in o.choices if not o.switch]]
    return out


def scenes(data: AppData, story_path: str | None = None) -> list[dict]:
    """The briefing story's scenes for the file: each one's view (its address, the file's
    fragment), chart, and title and caption in every language, the caption computed from these
    data as briefing mode computes it (components/projector)."""
    out = []
    for scene in story.load(story_path or os.environ.get(story.ENV) or None, data.vocabulary):
        captions = {lang: story.caption(scene, brief.scene_numbers(data, scene, data.names(lang)),
                                        lang) for lang in i18n.LANGS}
        out.append({"query": viewstate.address(scene.query, viewstate.options_of(scene.options)),
                    "chart": f"chart-{scene.chart}", "caption": captions,
                    "title": {lang: scene.text("title", lang) for lang in i18n.LANGS}})
    return out


def _script_safe(text: str) -> str:
    """JSON inside <script>: no '</' (it would end the element), no HTML comment opener."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _script_text(text: str) -> str:
    """A script as the file holds it: '</script' (it would end the element) written '<\\/'."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class Parts:
    """What a file of the dashboard is made of: its meta document (every language's words,
    the scenes), its data documents (id, JSON text), its scripts (name, text) and style."""

    def __init__(self, data: AppData, made: str | None = None):
        payloads, geo = contents(data)
        words = {}
        self.listed = rows.fits(data)  # the table's rows: up to rows.ROWS_MAX incidents
        for code in i18n.LANGS:
            with i18n.use(code):
                words[code] = {k: _(v) for k, v in WORDS.items()} | {
                    "cite": CITATION, "dataset": data.dataset.title(code),
                    "files": {c.graph: urls.stem(c.slug) for c in registry.CHARTS},
                    "options": option_words(code), "csv": csv_words(code),
                    "compare": compare_words(data, code), "networks": sections.networks(code),
                    "controls": controls.controls(data, code),
                    "people": sections.people(data, code),
                    "table": rows.words(data, code) if self.listed else rows.too_many(data,
                                                                                      code)}
        self.meta = {"langs": list(i18n.LANGS), "made": made or date.today().isoformat(),
                     "dataset": data.dataset.name, "version": data.dataset.version,
                     "sha256": digest(data, made=(payloads, geo)), "words": words,
                     "geo_urls": [GEOJSON_URL.format(panel=p) for p in PANELS] if geo else [],
                     # what a CSV cell may not start with (data/export.py), for every file made
                     "formula": list(export.FORMULA_START),
                     "scenes": scenes(data)}
        names = [*((PLOTLY,) if geo is None else ()), *SCRIPTS]  # plotly.js: the schematic's
        self.scripts = [(name, (ASSETS / name).read_text(encoding="utf-8")) for name in names]
        self.scripts += [(path.name, path.read_text(encoding="utf-8")) for path in RUNTIME]
        # the cube (all that grows with the data) once: it is every language's
        cubes = {code: json.loads(text)["cube"] for code, text in payloads.items()}
        shared = next(iter(cubes.values()))
        if any(c != shared for c in cubes.values()):
            raise ValueError("the languages' cubes differ")
        self.documents = [("be-bundle", _json(self.meta)), ("be-cube", _json(shared))] + [
            (f"be-payload-{code}", _json({k: v for k, v in json.loads(text).items()
                                          if k != "cube"})) for code, text in payloads.items()]
        if self.listed:
            self.documents.append(("be-rows", _json(rows.shared(data))))
        if geo is not None:
            self.documents.append(("be-geo", geo))
        self.style = (ASSETS / "style.css").read_text(encoding="utf-8") + (
            Path(__file__).with_name("offline.css").read_text(encoding="utf-8"))


def _page(lang: str, csp: str, style: str, documents: list[tuple[str, str]],
          scripts: list[str], sources: list[str], embed: str = "") -> str:
    """A page of the dashboard (or, embed: one chart's page) in lang."""
    graphs = tuple(EMBEDS)  # the main charts, in the page's order
    with i18n.use(lang):
        return render("bundle.html", lang=lang, csp=csp, style=style, scripts=scripts,
                      sources=sources, documents=[(k, _script_safe(v)) for k, v in documents],
                      title=html.escape(i18n.t("title")), ids=ids, embed=embed,
                      graphs=tuple(g for g in graphs if not embed or g == embed),
                      describe=ids.description, langs=[(c, i18n.NAMES[c]) for c in i18n.LANGS])


def build(data: AppData, lang: str = i18n.DEFAULT, made: str | None = None,
          auto: bool = False) -> str:
    """The file's HTML, opening in lang (every language is in it); auto: in the reader's
    browser language where the file has it (lang otherwise)."""
    p = Parts(data, made)
    scripts = [_script_text(text) for _name, text in p.scripts]
    # no network at all; scripts only as written here (their hashes), no eval
    csp = ("default-src 'none'; script-src " + " ".join(_hash(s) for s in scripts)
           + "; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
           "connect-src 'none'; base-uri 'none'; form-action 'none'")
    page = {"lang": lang} | ({"auto": True} if auto else {})
    return _page(lang, csp, p.style, [*p.documents, ("be-page", _json(page))], scripts, [])


# a static site's pages: nothing but its own files, no request elsewhere, no eval
STATIC_CSP = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
              "img-src 'self' data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; "
              "form-action 'none'")
# an embed page per main chart, named as the app's /embed/<slug>
EMBEDS = {c.graph: c.slug for c in registry.CHARTS if c.section == "main"}


def _atomic(path: Path, text: str) -> int:
    """Write a file whole or not at all (a temporary file renamed); its size in bytes."""
    body = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(body)
    tmp.replace(path)
    return len(body)


def write_static(data: AppData, out: Path, made: str | None = None) -> list[tuple[Path, int]]:
    """The dashboard as a folder of static files (`python app.py build-static`): a page per
    language (index.html, fr/index.html, nl/index.html) and per language and main chart an
    embed page (embed/<chart>.html), which load the shared data and scripts as files named by
    their content (data/, js/: a host may cache them for ever). Each file is written whole or
    not at all; files already there that are not the site's are left alone. The pages and
    files written, with their sizes."""
    out = Path(out)
    p = Parts(data, made)
    written: list[tuple[Path, int]] = []
    named: dict[str, str] = {}
    for key, text in p.documents:  # a data document as a script that hands it to offline.js
        body = f"(window.beDocs=window.beDocs||{{}})[{json.dumps(key)}]={text};\n"
        name = f"data/{key}.{hashlib.sha256(body.encode()).hexdigest()[:12]}.js"
        named[key] = name
        written.append((out / name, _atomic(out / name, body)))
    scripts = []
    for script, text in p.scripts:
        name = f"js/{Path(script).stem}.{hashlib.sha256(text.encode()).hexdigest()[:12]}.js"
        scripts.append(name)
        written.append((out / name, _atomic(out / name, text)))
    home = {lang: ("" if lang == i18n.DEFAULT else f"{lang}/") for lang in i18n.LANGS}
    for lang in i18n.LANGS:
        for embed in ("", *EMBEDS):
            page = home[lang] + (f"embed/{EMBEDS[embed]}.html" if embed else "index.html")
            up = "../" * page.count("/")
            keys = ["be-bundle", "be-cube", f"be-payload-{lang}", "be-geo"] + (
                [] if embed else ["be-rows"])
            sources = [up + named[k] for k in keys if k in named] + [up + s for s in scripts]
            pages = {code: up + home[code] + (f"embed/{EMBEDS[embed]}.html" if embed else
                                              "index.html") for code in i18n.LANGS}
            about = {"lang": lang, "pages": pages, "dashboard": up + home[lang] + "index.html"}
            text = _page(lang, STATIC_CSP, p.style, [("be-page", _json(about))], [], sources,
                         embed)
            written.append((out / page, _atomic(out / page, text)))
    return written


def write(data: AppData, out: Path, lang: str | None = None) -> int:
    """Write the file (whole or not at all: a temporary file renamed); its size in bytes. No
    lang: it opens in its reader's browser language (English where the file has not it)."""
    return _atomic(Path(out), build(data, lang or i18n.DEFAULT, auto=lang is None))
