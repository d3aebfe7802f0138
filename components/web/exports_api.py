"""The export URLs (components/exports/urls.py) served: read and checked, answered from a render
cache on disk (diskcache, bounded; shared by every worker of an instance, one render per file:
concurrent identical requests join it), with Content-Disposition, a strong ETag (304 on
If-None-Match) and Cache-Control, so a browser, nginx or a CDN can keep them.

Renders run apart, never in the threads that serve pages (components/web/renderers.py: a small
pool per worker, or Celery workers shared by every instance): a
request waits a moment for its file (BEEXPLORER_EXPORT_WAIT), then is told 202 with
Retry-After (being drawn: ask again) and its thread is free; with too many renders waiting, 503
with Retry-After. A failed render says why in one line, once; the next request renders again.

The cache key is everything a file's bytes depend on: the app's code, the dataset version, the
canonical request, the permalink's host (BEEXPLORER_PUBLIC_URL, else the request's) and the day
(files print the day they were exported, so a cached file is kept for that day only)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from datetime import date
from functools import cache
from typing import NamedTuple

from flask import Flask, Response, jsonify, redirect, request
from limits import parse as parse_limit

from components.exports import urls
from components.runtime import current, public_url
from components.web import renderers
from components.web.render_store import render_cache
from components.web.renderers import RENDER_SECONDS, code_version
from data import i18n
from data.filters import FilterError

log = logging.getLogger(__name__)
LIMIT_ENV = "BEEXPLORER_RENDER_LIMIT"  # new renders one client may start, e.g. 30/minute
WAIT_ENV = "BEEXPLORER_EXPORT_WAIT"  # seconds a request waits for its file before a 202 (0.3)
CLIENT_ENV = "BEEXPLORER_CLIENT_RENDERS"  # images and packs one client may have waiting (2)


def _text(status: int, line: str) -> Response:
    return Response(line + "\n", status=status, mimetype="text/plain")


def come_back(status: int, line: str, seconds: int | str) -> Response:
    """A refusal or a "not yet": one line, when to ask again, and kept by no cache."""
    response = _text(status, line)
    response.headers.update({"Retry-After": str(seconds), "Cache-Control": "no-store"})
    return response


@cache
def _limiter() -> tuple[int, int]:
    """How many new renders one client may start, and in how many seconds
    (BEEXPLORER_RENDER_LIMIT, e.g. 30/minute)."""
    rate = parse_limit(os.environ.get(LIMIT_ENV) or "30/minute")
    return rate.amount, rate.get_expiry()


def allowed(client: str) -> int:
    """0 if client may start one more render now, else in how many seconds: a moving window
    counted in the render cache, so every worker of the instance (every instance, with Redis)
    sees one count."""
    amount, seconds = _limiter()
    return render_cache().claim(f"rate:{amount}/{seconds}:{client}", uuid.uuid4().hex,
                                amount, seconds)


def client_renders() -> int:
    return int(os.environ.get(CLIENT_ENV) or 2)


class Answer(NamedTuple):
    """What a request for a file gets: its bytes and how ("hit", "miss"), or none yet and why
    ("rendering", with how far a pack is, "4/10", if it says; "limited" for retry seconds;
    "crowded": this client has its share of images waiting; "full": too many renders waiting;
    "failed" with the status and line of the render)."""

    body: bytes | None
    how: str
    progress: str = ""
    retry: int = 0
    status: int = 0
    line: str = ""


def rendered(data, req: urls.Request, host: str, client: str = "") -> Answer:
    """The file, cached or drawn while this request waited, or why not yet. Only the request
    that starts a render waits for it (BEEXPLORER_EXPORT_WAIT): one that finds it in flight is
    told at once how far it is, so pollers never hold the threads that serve pages."""
    key = hashlib.sha256(json.dumps([code_version(), data.dataset.version, req.name, req.ext,
                                     req.query, host, date.today().isoformat()]).encode()
                         ).hexdigest()
    store = render_cache()
    body = store.get(key)
    if body is not None:
        return Answer(body, "hit")
    # a render that failed since it was last asked for: said once, and nothing started by the
    # request that hears it (it used to queue the file again in the same breath: a stray
    # render a Celery worker then restored to the queue on shutdown, filling its bound)
    failed = store.pop("failed:" + key)
    if failed is not None:
        status, line = failed.decode().split("\n", 1)
        return Answer(None, "failed", status=int(status), line=line)
    # a render already in flight (from any worker) costs nothing: join it; a new one counts
    # against the client's limit
    joined = store.get("busy:" + key) is not None
    if not joined:
        retry = allowed(client)
        if retry:
            return Answer(None, "limited", retry=retry)
        # one render per file across the instances: whoever marks it busy has it drawn
        joined = not store.add("busy:" + key, str(os.getpid()).encode(), RENDER_SECONDS)
        if not joined and (body := store.get(key)) is not None:
            # a render finished between the first look and the mark (it stores the file
            # before it lifts its mark): the file, not a second render
            store.delete("busy:" + key)
            return Answer(body, "hit")
        share = renderers.CLIENT_GROUP + client if renderers.lane(req) != "quick" else ""
        if not joined and share and store.claim(share, key, client_renders(),
                                                RENDER_SECONDS * 2):
            store.delete("busy:" + key)  # its images and packs waiting: one done first
            return Answer(None, "crowded", retry=5)
        if not joined and not renderers.start(data, req, host, key, client if share else ""):
            store.delete("busy:" + key)
            if share:
                store.release(share, key)
            return Answer(None, "full")
    deadline = time.monotonic() + (0 if joined else float(os.environ.get(WAIT_ENV) or 0.3))
    while True:
        body = store.get(key)
        if body is not None:
            return Answer(body, "hit" if joined else "miss")
        failed = store.pop("failed:" + key)
        if failed is not None:
            status, line = failed.decode().split("\n", 1)
            return Answer(None, "failed", status=int(status), line=line)
        if time.monotonic() >= deadline:
            done = store.get("progress:" + key)
            return Answer(None, "rendering", progress=done.decode() if done else "")
        time.sleep(0.05)


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
        host = public_url(request.host_url)
        answer = rendered(data, req, host, request.remote_addr or "")
        if answer.how == "limited":
            return come_back(429, f"too many new exports from this client: ask again in "
                                  f"{answer.retry} s", answer.retry)
        if answer.how == "crowded":
            return come_back(429, f"{client_renders()} of your exports are being drawn: ask "
                                  f"again in {answer.retry} s, once one is done", answer.retry)
        if answer.how == "rendering":  # being drawn (202: ask again), and how far, if it says
            done, _, total = answer.progress.partition("/")
            again = "2" if req.name == "pack" else "1"  # a chart takes well under a second
            response = come_back(202, "being drawn" + (f": charts {done} of {total}" if total
                                                       else "") + f"; ask again in {again} s",
                                 again)
            if total:
                response.headers["X-Export-Progress"] = answer.progress
            return response
        if answer.how == "failed":  # the render this request waited for: why, in one line
            return _text(answer.status, answer.line)
        if answer.how == "full":  # too many renders waiting
            return come_back(503, "too many exports are being drawn: ask again in 10 s", 10)
        body, how = answer.body, answer.how
        tag = hashlib.sha256(body).hexdigest()[:32]
        headers = {"ETag": f'"{tag}"', "X-Export-Cache": how,
                   # pinned to the version served: a day (files say the day they were made)
                   "Cache-Control": "public, max-age=86400" if req.pinned else
                   "public, max-age=300", "Vary": "Accept-Encoding"}
        if request.if_none_match.contains(tag):
            return Response(status=304, headers=headers)
        headers["Content-Disposition"] = (
            f'attachment; filename="{req.filename(date.today().isoformat(), data.place_names)}"')
        return Response(body, content_type=urls.MEDIA[req.ext], headers=headers)
