"""The export URLs (components/exports/urls.py) served: read and checked, answered from a render
cache on disk (diskcache, bounded; shared by every worker of an instance, one render at a time
per file: concurrent identical requests wait for the first), with Content-Disposition, a strong
ETag (304 on If-None-Match) and Cache-Control, so a browser, nginx or a CDN can keep them.

The cache key is everything a file's bytes depend on: the app's code, the dataset version, the
canonical request, the permalink's host (BEEXPLORER_PUBLIC_URL, else the request's) and the day
(files print the day they were exported, so a cached file is kept for that day only)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import date
from functools import cache
from pathlib import Path

import diskcache
from flask import Flask, Response, jsonify, redirect, request

from components.charts import registry as charts
from components.exports import files, urls
from components.exports import images as image_export
from components.exports.pack import pack
from components.runtime import current
from data import geography, i18n
from data.filters import FilterError
from data.i18n import use

log = logging.getLogger(__name__)
PUBLIC_ENV = "BEEXPLORER_PUBLIC_URL"  # the address permalinks in files name (else the request's)
CACHE_ENV = "BEEXPLORER_EXPORT_CACHE_MB"  # the render cache's bound on disk, in MB
RENDER_SECONDS = 120  # a render's lock expires after this: a dead worker never blocks the rest
ROOT = Path(__file__).resolve().parents[2]


@cache
def code_version() -> str:
    """A digest of the app's own code: a new release never serves an old release's files."""
    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("components/**/*.py"), *ROOT.glob("data/**/*.py"),
                        *ROOT.glob("components/templates/*"), *ROOT.glob("data/locale/**/*.po")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def render_cache() -> diskcache.Cache:
    size = int(os.environ.get(CACHE_ENV) or 512) * 2**20
    return diskcache.Cache(str(geography.cache_dir() / "exports"), size_limit=size,
                           eviction_policy="least-recently-used")


def _text(status: int, line: str) -> Response:
    return Response(line + "\n", status=status, mimetype="text/plain")


def _render(data, req: urls.Request, host: str) -> bytes:
    link = files.permalink(host, req.filters, req.options)
    if req.name == "pack":
        return pack(data, req.filters, req.options, link)
    table = charts.CHART_DATA.get(req.graph, "")
    body, _suffix = files.build(data, req.filters, table, req.fmt, req.options, link, req.graph)
    return body


def rendered(data, req: urls.Request, host: str) -> tuple[bytes, bool]:
    """The file's bytes and whether they came from the cache (else rendered now, once)."""
    key = hashlib.sha256(json.dumps([code_version(), data.dataset.version, req.name, req.ext,
                                     req.query, host, date.today().isoformat()]).encode()
                         ).hexdigest()
    store = render_cache()
    body = store.get(key)
    if body is not None:
        return body, True
    with diskcache.Lock(store, "lock:" + key, expire=RENDER_SECONDS):
        body = store.get(key)  # rendered meanwhile by the request that held the lock
        if body is not None:
            return body, True
        with use(req.lang):
            body = _render(data, req, host)
        store.set(key, body, expire=2 * 86400)
    return body, False


def install(server: Flask) -> None:
    @server.route("/export/index.json")
    def export_index():
        return jsonify(urls.index())

    @server.route("/export/<name_ext>")
    def export(name_ext: str):
        data = current()
        try:
            req = urls.read(name_ext, request.args.to_dict(), data.vocabulary,
                            data.dataset.version)
        except urls.Refused as err:
            return _text(err.status, str(err))
        except FilterError as err:
            return _text(400, f"invalid filter: {err}")
        if not req.lang:  # one URL per language, so no cache mixes them
            lang = i18n.negotiate(request.headers.get("Accept-Language"))
            req = urls.read(name_ext, {**request.args.to_dict(), "lang": lang},
                            data.vocabulary, data.dataset.version)
        if request.query_string.decode() != req.query:
            return redirect(f"/export/{name_ext}?{req.query}", 302)
        host = (os.environ.get(PUBLIC_ENV) or request.host_url).rstrip("/") + "/"
        try:
            body, hit = rendered(data, req, host)
        except image_export.ExportUnavailable as err:
            return _text(503, f"images cannot be drawn on this server ({err})")
        tag = hashlib.sha256(body).hexdigest()[:32]
        headers = {"ETag": f'"{tag}"', "X-Export-Cache": "hit" if hit else "miss",
                   # pinned to the version served: a day (files say the day they were made)
                   "Cache-Control": "public, max-age=86400" if req.pinned else
                   "public, max-age=300", "Vary": "Accept-Encoding"}
        if request.if_none_match.contains(tag):
            return Response(status=304, headers=headers)
        headers["Content-Disposition"] = (
            f'attachment; filename="{req.filename(date.today().isoformat())}"')
        return Response(body, mimetype=urls.MEDIA[req.ext], headers=headers)
