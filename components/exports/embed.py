"""/embed/<chart>?<filters>&v=<version>: one chart with its caption, source and a link back to
the full view; no controls, sized to its frame, drawn from our own files (works offline).
Embed pages may be framed by any site; every other page may not (components/web/guard.py)."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlencode

from flask import Flask, Response, request

from components.charts import registry as charts
from components.charts import views
from components.charts.registry import figure_for
from components.runtime import current
from data import i18n, viewstate
from data.filters import FilterError, Filters
from data.i18n import _, use

CHARTS = charts.SLUGS
EMBED_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; "
             "frame-ancestors *")


def snippet(host: str, chart: str, f: Filters, options: dict, version: str,
            height: int = 520) -> str:
    """The iframe a journalist pastes: the view pinned to the dataset version it shows."""
    view = viewstate.address(f.to_query(), options)
    extra = urlencode({"v": version, "lang": i18n.current()})
    src = f"{host.rstrip('/')}/embed/{chart}?{view + '&' if view else ''}{extra}"
    title = html.escape(_("Chart: {name}").format(name=chart))
    return (f'<iframe src="{html.escape(src)}" width="100%" height="{height}" '
            f'style="border:0" loading="lazy" title="{title}"></iframe>')


def page(chart: str, args: dict[str, str], host: str, accept_language: str = ""
         ) -> tuple[str, int]:
    """The embed page's HTML and status (404 for an unknown chart, 400 for a bad filter), in
    the language of its `lang=` (else the reader's browser)."""
    with use(i18n.valid(args.get("lang")) or i18n.negotiate(accept_language)):
        return _page(chart, args, host)


def _page(chart: str, args: dict[str, str], host: str) -> tuple[str, int]:
    data = current()
    if chart not in CHARTS:
        return "no such chart", 404
    options = viewstate.as_chart_options(args)  # an unknown option's value: its default
    filters = {k: v for k, v in args.items() if k not in (*viewstate.OPTION, "v", "lang")}
    try:
        f = Filters.from_query(filters, data.vocabulary)
    except FilterError as err:
        return f"invalid filter: {err}", 400
    graph = f"chart-{chart}"
    fig = figure_for(data, f, graph, options)
    described = views.descriptions(data, f, options["freq"], (graph,))[graph]
    version = data.dataset.version
    pinned = args.get("v", "")
    notice = "" if not pinned or pinned == version else (
        '<p class="embed-version" role="note">' + html.escape(_(
            "Published with dataset version {pinned}; this server now has {version}: the "
            "numbers may differ from those first published.").format(
                pinned=pinned, version=version or _("none"))) + "</p>")
    lang = i18n.current()
    live = f"{host.rstrip('/')}/?{viewstate.address(f.to_query(), options, lang)}"
    title = re.sub(r"<[^>]+>", "", str(fig["layout"].get("title", {}).get("text", "")))
    title = html.unescape(title) or described[:80]
    words = {"open": html.escape(_("Open the full view")), "dataset": html.escape(_("dataset"))}
    figure_json = json.dumps(fig, separators=(",", ":")).replace("</", "<\\/")
    return (f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(described[:80])}</title>
<link rel="stylesheet" href="/static/embed.css">
<script src="/assets/plotly-custom.min.js"></script></head>
<body><main><h1 class="visually-hidden">{html.escape(title)}</h1>{notice}
<div id="chart" role="figure" aria-label="{html.escape(described[:200])}"
     aria-describedby="desc" data-locale="{lang}"></div>
<p id="desc" class="visually-hidden">{html.escape(described)}</p>
<p class="embed-foot"><a href="{html.escape(live)}" target="_top" rel="noopener">{
    words["open"]}</a> · {words["dataset"]} {html.escape(data.dataset.name)}
{html.escape(version)}</p></main>
<script id="figure" type="application/json">{figure_json}</script>
<script src="/static/embed.js"></script>
</body></html>""", 200)


def install(server: Flask) -> None:
    @server.route("/embed/<chart>")
    def embed(chart: str):
        body, status = page(chart, request.args.to_dict(), request.host_url,
                            request.headers.get("Accept-Language", ""))
        response = Response(body, status=status,
                            mimetype="text/html" if status == 200 else "text/plain")
        response.headers["Content-Security-Policy"] = EMBED_CSP
        return response
