"""Who draws an export, apart from the threads that serve pages (no Dash, no Flask).

By default a small pool of threads in each app worker (BEEXPLORER_RENDERERS, 1), holding at
most BEEXPLORER_RENDER_QUEUE renders waiting. With BEEXPLORER_RENDER_POOL=celery (and
BEEXPLORER_REDIS_URL) the renders go to Celery workers through that Redis, so every app instance
shares one set of renderers, on as many machines as wanted:

    BEEXPLORER_REDIS_URL=redis://host:6379/0 celery -A components.web.renderers worker \
        --queues exports --concurrency 1

The workers load the dataset themselves (BEEXPLORER_DATA, as the app) and write each file, its
progress or its failure to the shared render cache, where the app's request finds it. The queue
waiting in Redis is bounded (BEEXPLORER_RENDER_QUEUE: beyond it, the app answers 503) and a
render has a time limit (BEEXPLORER_RENDER_SECONDS). With Redis gone, the app renders in its own
pool meanwhile, with one warning line."""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import threading
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl

from celery import Celery, signals
from celery.exceptions import SoftTimeLimitExceeded

from components import runtime
from components.charts import registry as charts
from components.exports import files, urls
from components.exports import images as image_export
from components.exports.pack import pack
from components.web.render_store import REDIS_DOWN, REDIS_ENV, redis_down, render_cache
from data.i18n import use

log = logging.getLogger(__name__)
POOL_ENV = "BEEXPLORER_RENDER_POOL"  # "local" (default): threads in each worker; "celery"
RENDERERS_ENV = "BEEXPLORER_RENDERERS"  # renders a worker's own pool runs at once (default 1)
QUEUE_ENV = "BEEXPLORER_RENDER_QUEUE"  # renders kept waiting (per worker, or in Redis); 503 beyond
SECONDS_ENV = "BEEXPLORER_RENDER_SECONDS"  # a Celery render's time limit (default 100)
QUEUE = "exports"  # the Celery queue (a Redis list of that name)
CLIENT_GROUP = "client:"  # the renders one client has waiting (render_store claim groups)
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


def queue_limit() -> int:
    return int(os.environ.get(QUEUE_ENV) or 8)


def time_limit() -> int:
    return int(os.environ.get(SECONDS_ENV) or 100)


def _render(data, req: urls.Request, host: str, progress=None) -> bytes:
    link = files.permalink(host, req.filters, req.options, req.comparison)
    if req.name == "compare":
        return files.comparison(data, req.comparison, req.fmt, link)
    if req.name == "pack":  # a comparison's: both slices in every part
        return pack(data, req.filters, req.options, link, progress, req.comparison)
    if req.comparison is not None and req.name == "rows":  # both slices' rows, each said
        return files.compared_rows(data, req.comparison, req.fmt, link)
    if req.comparison is not None:  # a chart of both slices
        return files.compared_chart(data, req.comparison, req.name, req.fmt, req.options, link)
    table = charts.CHART_DATA.get(req.graph, "")
    body, _suffix = files.build(data, req.filters, table, req.fmt, req.options, link, req.graph)
    return body


def failure(status: int, line: str) -> bytes:
    """A failed render as the cache keeps it for the request that waits: status, then why."""
    return f"{status}\n{line}".encode()


QUICK = ("csv", "xlsx")  # cheap files (rows, a chart's data): a lane of their own


def lane(req: urls.Request) -> str:
    """Which of a worker's lanes draws req: "quick" for the cheap files, "packs", "images". No
    render waits behind another kind: an image waits at most for one chart of a pack (the
    worker's one browser draws one image at a time, taking turns)."""
    return "quick" if req.ext in QUICK else "packs" if req.name == "pack" else "images"


class _Lane:
    """A worker's renders of one kind, waiting for the lane's daemon threads: a worker's exit
    (or the end of a test run) never waits on a render, and a render has its deadline
    (images.RenderTimeout)."""

    def __init__(self, name: str, threads: int):
        self.waiting: queue.SimpleQueue = queue.SimpleQueue()
        for i in range(threads):
            threading.Thread(target=self.draw, daemon=True, name=f"render_{name}_{i}").start()

    def put(self, args: tuple) -> None:
        self.waiting.put(args)

    def draw(self) -> None:
        while True:
            args = self.waiting.get()
            try:
                job(*args)
            except Exception:  # noqa: BLE001  (job says its own failures; the lane goes on)
                log.exception("a render could not be run")


_lanes: dict[str, _Lane] = {}
_pending: set[str] = set()
_pending_lock = threading.Lock()


def job(data, req: urls.Request, host: str, key: str, client: str = "") -> None:
    """One render: its bytes in the cache, or why it failed (said once: the next request
    renders again); its places in the queue and in its client's share given back. Run by the
    local pool or by a Celery worker alike."""
    store = render_cache()
    said = None
    busy = str(os.getpid()).encode()
    store.set("busy:" + key, busy, RENDER_SECONDS)  # drawn from now: RENDER_SECONDS from now

    def progress(done: int, total: int) -> None:  # a pack's "charts 4 of 10", for the page
        store.set("progress:" + key, f"{done}/{total}".encode(), RENDER_SECONDS)
        store.set("busy:" + key, busy, RENDER_SECONDS)  # still being drawn

    try:
        with use(req.lang):
            body = _render(data, req, host, progress)
        store.set(key, body, KEEP_SECONDS)
    except image_export.ExportUnavailable as err:
        said = failure(503, f"images cannot be drawn on this server ({err})")
    except SoftTimeLimitExceeded:
        said = failure(503, f"the export took longer than {time_limit()} s; ask again later")
    except image_export.RenderTimeout as err:  # its browser was killed; the next one is new
        said = failure(503, f"a chart image {err} to draw and was abandoned; ask again later")
    except Exception as err:  # noqa: BLE001  (said in one line; the log has the rest)
        log.exception("export render failed: %s", req.query)
        said = failure(500, f"the export failed ({type(err).__name__}); the server log has why")
    finally:
        # the failure is said before the render stops being in flight: a poll in between
        # would otherwise find neither and queue the file again, unasked
        if said is not None:
            store.set("failed:" + key, said, 60)
        store.delete("busy:" + key)
        store.delete("progress:" + key)
        store.release("queue:" + lane(req), key)
        if client:
            store.release(CLIENT_GROUP + client, key)
        with _pending_lock:
            _pending.discard(key)


def _local(data, req: urls.Request, host: str, key: str, client: str = "") -> bool:
    """In this worker's own lane for its kind; False when BEEXPLORER_RENDER_QUEUE renders of
    that kind already wait in this instance (counted across its workers, in the render
    cache)."""
    kind = lane(req)
    with _pending_lock:
        if key in _pending:
            return True  # already waiting here (its mark had expired): never drawn twice
        waiting = len(_pending) + 1
        if render_cache().claim("queue:" + kind, key, queue_limit(),
                                RENDER_SECONDS * (1 + queue_limit())):
            return False  # (a wait: that many wait already)
        _pending.add(key)
        if kind not in _lanes:
            _lanes[kind] = _Lane(kind, int(os.environ.get(RENDERERS_ENV) or 1))
    _mark(key, waiting)
    _lanes[kind].put((data, req, host, key, client))
    return True


def _mark(key: str, waiting: int) -> int:
    """Mark key in flight for as long as the renders ahead of it and its own may take (a
    render refreshes its mark as it goes): a mark that lapsed while the file still waits would
    let a second request queue it again. Seconds the mark lasts."""
    seconds = RENDER_SECONDS * (1 + waiting)
    render_cache().set("busy:" + key, str(os.getpid()).encode(), seconds)
    return seconds


def start(data, req: urls.Request, host: str, key: str, client: str = "") -> bool:
    """Have req drawn apart (its caller has marked key busy, and counted it in its client's
    share); False when the queue is full. Cheap files are drawn in the worker's quick lane
    even with Celery: never behind images and packs."""
    url = os.environ.get(REDIS_ENV)
    if (os.environ.get(POOL_ENV) == "celery" and url and not REDIS_DOWN.is_set()
            and lane(req) != "quick"):
        try:
            waiting = _broker(url).llen(QUEUE)
            if waiting >= queue_limit():
                return False
            seconds = _mark(key, waiting + 1)
            draw.apply_async((f"{req.name}.{req.ext}", req.query, host, key,
                              data.dataset.version, client), queue=QUEUE, retry=False,
                             expires=seconds)  # past it, the mark has lapsed: asked again
            return True
        except Exception as err:  # noqa: BLE001  (Redis gone: this worker draws meanwhile)
            redis_down(url, err)
    return _local(data, req, host, key, client)


@cache
def _broker(url: str):
    import redis
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def _celery() -> Celery:
    """The Celery app: Redis for broker, no result backend (files go to the render cache)."""
    url = os.environ.get(REDIS_ENV) or "redis://127.0.0.1:6379/0"
    celery = Celery("beexplorer", broker=url, set_as_current=False)
    celery.conf.update(
        task_default_queue=QUEUE, task_ignore_result=True, task_serializer="json",
        accept_content=["json"], worker_prefetch_multiplier=1,  # one render at a time each
        task_soft_time_limit=time_limit(), task_time_limit=time_limit() + 10,
        # a renderer whose memory grew past this is replaced once its render is done
        worker_max_memory_per_child=int(os.environ.get("BEEXPLORER_RENDERER_MAX_MB") or 1500)
        * 1024,
        broker_connection_timeout=2, broker_connection_retry_on_startup=True,
        broker_transport_options={"socket_timeout": 2, "socket_connect_timeout": 2},
        worker_hijack_root_logger=False)
    return celery


app = _celery()
_data_lock = threading.Lock()


def _worker_data():
    """The dataset, loaded by the worker on its first render (not at import: pandas' and
    pyarrow's thread pools do not survive the fork to Celery's pool processes)."""
    with _data_lock:
        try:
            return runtime.current()
        except RuntimeError:
            data = runtime.load_app_data()
            runtime.install(data)
            return data


@signals.worker_process_init.connect
def _load(**_kwargs) -> None:
    """A Celery pool process loads the dataset as it starts, not in its first render's time."""
    _worker_data()


@app.task(name="beexplorer.render")
def draw(name_ext: str, query: str, host: str, key: str, version: str,
         client: str = "") -> None:
    """A render asked for by an app instance: the same job as the app's own pool runs."""
    data = _worker_data()
    if data.dataset.version != version:
        store = render_cache()
        store.set("failed:" + key, failure(503, f"the renderers hold dataset version "
                                                f"{data.dataset.version!r}, not {version!r}: "
                                                "restart them with the app's data"), 60)
        store.delete("busy:" + key)
        if client:
            store.release(CLIENT_GROUP + client, key)
        return
    args = dict(parse_qsl(query, keep_blank_values=True))
    job(data, urls.read(name_ext, args, data.vocabulary, version), host, key, client)
