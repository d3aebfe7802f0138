"""The export URLs (components/exports/urls.py) served: read and checked, answered from a render
cache on disk (diskcache, bounded; shared by every worker of an instance, one render per file:
concurrent identical requests join it), with Content-Disposition, a strong ETag (304 on
If-None-Match) and Cache-Control, so a browser, nginx or a CDN can keep them.

Renders run in a small pool of their own per worker, never in the threads that serve pages: a
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
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import cache
from pathlib import Path

from flask import Flask, Response, jsonify, redirect, request
from limits import parse as parse_limit
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from components.charts import registry as charts
from components.exports import files, urls
from components.exports import images as image_export
from components.exports.pack import pack
from components.runtime import current
from components.web.render_store import REDIS_DOWN, REDIS_ENV, redis_down, render_cache
from data import i18n
from data.filters import FilterError
from data.i18n import use

log = logging.getLogger(__name__)
PUBLIC_ENV = "BEEXPLORER_PUBLIC_URL"  # the address permalinks in files name (else the request's)
LIMIT_ENV = "BEEXPLORER_RENDER_LIMIT"  # new renders one client may start, e.g. 30/minute
WAIT_ENV = "BEEXPLORER_EXPORT_WAIT"  # seconds a request waits for its file before a 202 (0.3)
RENDERERS_ENV = "BEEXPLORER_RENDERERS"  # renders a worker runs at once (default 1)
QUEUE_ENV = "BEEXPLORER_RENDER_QUEUE"  # renders a worker keeps waiting; beyond: 503
KEEP_SECONDS = 2 * 86400  # a file is kept two days at most (the day is in its key)
RENDER_SECONDS = 120  # a render's mark expires after this: a dead worker never blocks the rest
ROOT = Path(__file__).resolve().parents[2]


@cache
def code_version() -> str:
    """A digest of the app's own code: a new release never serves an old release's files."""
    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("components/**/*.py"), *ROOT.glob("data/**/*.py"),
                        *ROOT.glob("components/templates/*"), *ROOT.glob("data/locale/**/*.po")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _text(status: int, line: str) -> Response:
    return Response(line + "\n", status=status, mimetype="text/plain")


def _render(data, req: urls.Request, host: str, progress=None) -> bytes:
    link = files.permalink(host, req.filters, req.options)
    if req.name == "pack":
        return pack(data, req.filters, req.options, link, progress)
    table = charts.CHART_DATA.get(req.graph, "")
    body, _suffix = files.build(data, req.filters, table, req.fmt, req.options, link, req.graph)
    return body


def _settings() -> tuple[float, int, int]:
    """How long a request waits for its render, the renders a worker runs and keeps waiting."""
    return (float(os.environ.get(WAIT_ENV) or 0.3), int(os.environ.get(RENDERERS_ENV) or 1),
            int(os.environ.get(QUEUE_ENV) or 8))


_pool: list[ThreadPoolExecutor] = []
_pending: set[str] = set()
_pending_lock = threading.Lock()


def _renderers(count: int) -> ThreadPoolExecutor:
    with _pending_lock:
        if not _pool:
            _pool.append(ThreadPoolExecutor(max_workers=count, thread_name_prefix="render"))
        return _pool[0]


def _failure(status: int, line: str) -> bytes:
    return f"{status}\n{line}".encode()


def _job(data, req: urls.Request, host: str, key: str) -> None:
    """One render, apart from the threads that serve pages: its bytes, or why it failed (said
    once: the next request renders again)."""
    store = render_cache()
    failure = None

    def progress(done: int, total: int) -> None:  # a pack's "charts 4 of 10", for the page
        store.set("progress:" + key, f"{done}/{total}".encode(), RENDER_SECONDS)

    try:
        with use(req.lang):
            body = _render(data, req, host, progress)
        store.set(key, body, KEEP_SECONDS)
    except image_export.ExportUnavailable as err:
        failure = _failure(503, f"images cannot be drawn on this server ({err})")
    except Exception as err:  # noqa: BLE001  (said in one line; the log has the rest)
        log.exception("export render failed: %s", req.query)
        failure = _failure(500, f"the export failed ({type(err).__name__}); the server log "
                                "has why")
    finally:
        # no longer in flight before the failure is said: whoever asks after hearing it
        # starts a new render rather than waiting for this one
        store.delete("busy:" + key)
        store.delete("progress:" + key)
        with _pending_lock:
            _pending.discard(key)
    if failure is not None:
        store.set("failed:" + key, failure, 60)


@cache
def _limiter():
    """How many new renders one client may start (BEEXPLORER_RENDER_LIMIT, e.g. 30/minute),
    counted in Redis when configured (every instance sees one count), else in this worker."""
    rate = parse_limit(os.environ.get(LIMIT_ENV) or "30/minute")
    url = os.environ.get(REDIS_ENV)
    shared = MovingWindowRateLimiter(storage_from_string(url)) if url else None
    return rate, shared, MovingWindowRateLimiter(storage_from_string("memory://"))


def allowed(client: str) -> tuple[bool, int]:
    """Whether client may start one more render now, else in how many seconds."""
    rate, shared, memory = _limiter()
    for limiter in (shared, memory):
        if limiter is None or (limiter is shared and REDIS_DOWN.is_set()):
            continue  # Redis gone (the cache found out): this worker counts alone meanwhile
        try:
            if limiter.hit(rate, "export", client):
                return True, 0
            reset = limiter.get_window_stats(rate, "export", client).reset_time
            return False, max(1, int(reset - time.time()) + 1)
        except Exception as err:  # noqa: BLE001  (Redis gone: this worker counts alone)
            redis_down(os.environ.get(REDIS_ENV, ""), err)
    return True, 0


def rendered(data, req: urls.Request, host: str, client: str = ""
             ) -> tuple[bytes | None, str, tuple | None]:
    """The file's bytes if they are there (cached, or rendered while this request waited),
    with how ("hit", "miss"), else None and "rendering" (ask again; with how far a pack is,
    "4/10", if it says) or "full" (too many renders waiting), or the failure (status, line) of
    the render this request waited for."""
    key = hashlib.sha256(json.dumps([code_version(), data.dataset.version, req.name, req.ext,
                                     req.query, host, date.today().isoformat()]).encode()
                         ).hexdigest()
    store = render_cache()
    body = store.get(key)
    if body is not None:
        return body, "hit", None
    wait, renderers, queue = _settings()
    mine = False
    # a render already in flight (from any worker) costs nothing: join it; a new one counts
    # against the client's limit
    if store.get("busy:" + key) is None:
        ok, retry = allowed(client)
        if not ok:
            return None, "limited", (429, retry)
    # one render per file across the instance's workers: whoever marks it busy renders it
    if store.add("busy:" + key, str(os.getpid()).encode(), RENDER_SECONDS):
        with _pending_lock:
            full = len(_pending) >= queue
            if not full:
                _pending.add(key)
        if full:
            store.delete("busy:" + key)
            return None, "full", None
        _renderers(renderers).submit(_job, data, req, host, key)
        mine = True
    deadline = time.monotonic() + wait
    while True:
        body = store.get(key)
        if body is not None:
            return body, "miss" if mine else "hit", None
        failed = store.pop("failed:" + key)
        if failed is not None:
            status, line = failed.decode().split("\n", 1)
            return None, "failed", (int(status), line)
        if time.monotonic() >= deadline:
            done = store.get("progress:" + key)
            return None, "rendering", done.decode() if done else None
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
        host = (os.environ.get(PUBLIC_ENV) or request.host_url).rstrip("/") + "/"
        body, how, said = rendered(data, req, host, request.remote_addr or "")
        if how == "limited":
            response = _text(429, f"too many new exports from this client: ask again in "
                                  f"{said[1]} s")
            response.headers.update({"Retry-After": str(said[1]), "Cache-Control": "no-store"})
            return response
        if how == "rendering":  # being drawn (202: ask again), and how far, if it says
            done, total = (said or "/").split("/")
            response = _text(202, "being drawn" + (f": charts {done} of {total}" if total else "")
                             + "; ask again in 2 s")
            response.headers.update({"Retry-After": "2", "Cache-Control": "no-store"})
            if total:
                response.headers["X-Export-Progress"] = said
            return response
        if said:  # the render this request waited for failed: why, in one line
            return _text(*said)
        if body is None:  # too many renders waiting
            response = _text(503, "too many exports are being drawn: ask again in 10 s")
            response.headers.update({"Retry-After": "10", "Cache-Control": "no-store"})
            return response
        tag = hashlib.sha256(body).hexdigest()[:32]
        headers = {"ETag": f'"{tag}"', "X-Export-Cache": how,
                   # pinned to the version served: a day (files say the day they were made)
                   "Cache-Control": "public, max-age=86400" if req.pinned else
                   "public, max-age=300", "Vary": "Accept-Encoding"}
        if request.if_none_match.contains(tag):
            return Response(status=304, headers=headers)
        headers["Content-Disposition"] = (
            f'attachment; filename="{req.filename(date.today().isoformat())}"')
        return Response(body, mimetype=urls.MEDIA[req.ext], headers=headers)
