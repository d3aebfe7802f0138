"""The routes of the pages outside Dash: an embed (/embed/<chart>), briefing mode (/brief) and
the dashboard in one file (/offline.html).
Each reads the request, asks its pure page function (components/exports/embed.py,
components/projector/page.py) and answers with the headers that page needs."""

from __future__ import annotations

import hashlib
import threading
from datetime import date

import brotli
from flask import Flask, Response, redirect, request

from components.exports import embed
from components.offline import bundle
from components.projector import page as brief
from components.runtime import current, public_url
from components.web.exports_api import allowed, come_back
from components.web.precompressed import choose, compress
from data import i18n
from data.filters import FilterError
from data.i18n import use


def embed_cache_control(pinned: str, version: str) -> str:
    """A page pinned to the version served never changes for it: kept a year; one pinned to
    another version (it says so) or not pinned at all, a few minutes."""
    if pinned and pinned == version:
        return "public, max-age=31536000, immutable"
    return "public, max-age=300"


_building = threading.Lock()


def _offline_file(data, lang: str, day: str) -> dict[str, bytes | str]:
    """The offline file for lang, made once a day per worker, and compressed once with it
    (brotli 9, gzip 9): {"": bytes, "br": bytes, "gzip": bytes, "etag": str}. Requests that
    arrive while it is built wait for that build (one at a time), never start their own."""
    key = ("offline-file", lang, day)
    with _building:
        if key not in data.geojson_cache:
            for old in [k for k in data.geojson_cache if isinstance(k, tuple)
                        and k[:1] == ("offline-file",) and k[2] != day]:
                data.geojson_cache.pop(old)
            body = bundle.build(data, lang, day).encode("utf-8")
            data.geojson_cache[key] = {"": body, "br": brotli.compress(body, quality=9),
                                       "gzip": compress(body, "gzip"),
                                       "etag": hashlib.sha256(body).hexdigest()[:32]}
        return data.geojson_cache[key]


def install(server: Flask, story_path: str | None = None) -> None:
    """Serve /embed/<chart> and /brief; the story is loaded and checked first (StoryError)."""
    brief.load_story(story_path)

    @server.route("/embed/<chart>")
    def embed_page(chart: str):
        args = request.args.to_dict()
        if chart in embed.CHARTS:  # one address per view: any other form is sent to it
            try:
                query = embed.canonical(args, current().vocabulary)
            except FilterError as err:
                return Response(f"invalid filter: {err}\n", status=400, mimetype="text/plain")
            if request.query_string.decode() != query:
                return redirect(f"/embed/{chart}" + (f"?{query}" if query else ""), 302)
        try:  # a view not drawn yet counts as a new render of its reader's (exports_api)
            body, status = embed.page(chart, args, public_url(request.host_url),
                                      request.headers.get("Accept-Language", ""),
                                      lambda: allowed(request.remote_addr or ""))
        except embed.Busy as busy:
            return come_back(429, f"too many new views from this client: ask again in "
                                  f"{busy.seconds} s", busy.seconds)
        response = Response(body, status=status,
                            mimetype="text/html" if status == 200 else "text/plain")
        response.headers["Content-Security-Policy"] = embed.EMBED_CSP
        if status == 200:  # an HTTP cache (nginx, a CDN) may keep it: ETag, and how long
            response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
            response.headers["Cache-Control"] = embed_cache_control(
                args.get("v", ""), current().dataset.version)
            response.vary.add("Accept-Language")
            response = response.make_conditional(request)
        return response

    @server.route("/offline.html")
    def offline_file():
        """The page's "Save for offline": the dashboard in one file for the data served
        (components/offline/bundle.py), in the reader's language, made once a day."""
        lang = i18n.valid(request.args.get("lang")) or i18n.negotiate(
            request.headers.get("Accept-Language"))
        data = current()
        variants = _offline_file(data, lang, date.today().isoformat())
        encoding = choose(request.headers.get("Accept-Encoding", ""))
        response = Response(variants[encoding or ""], mimetype="text/html")
        if encoding:  # compressed once, when built (flask-compress leaves it alone)
            response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        name = f"is-belgium-{data.dataset.version or 'data'}-{lang}.html"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Cache-Control"] = "no-cache"
        response.set_etag(variants["etag"] + (f"-{encoding}" if encoding else ""))
        return response.make_conditional(request)

    @server.route("/brief")
    def brief_page():
        lang = i18n.valid(request.args.get("lang")) or i18n.negotiate(
            request.headers.get("Accept-Language"))
        with use(lang):
            body = brief.page(request.args.get("scene"), lang)
        return Response(body, mimetype="text/html")
