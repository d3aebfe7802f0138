"""Charts as PNG, SVG and PDF, drawn on the server by kaleido from the same figure dicts as the
screen, with the permalink and the export date added to the foot. No Dash.

One export browser per worker (the system Chromium, BROWSER_PATH), started on the first export,
not at import; exports are serialised; a dead renderer is restarted on the next export. The
page kaleido draws in loads our own plotly.js bundle and our own topojson files: no MathJax,
nothing from the network.

No drawing without a deadline (BEEXPLORER_IMAGE_SECONDS, 30): the browser is driven from an
event loop on a daemon thread of its own, and a drawing that overruns is abandoned, its browser
killed (the next export starts another) and the export told why (RenderTimeout). Nothing ever
waits on that thread: not the next export, not a worker's exit, not the end of a test run.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import copy
import os
import re
import signal
import threading
from concurrent.futures import CancelledError
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from components.charts import figures
from components.charts.figures import escape_markup
from data.i18n import _

ASSETS = Path(__file__).resolve().parents[2] / "assets"
BROWSER_ENV = "BROWSER_PATH"
DEFAULT_BROWSER = "/usr/bin/chromium"
SECONDS_ENV = "BEEXPLORER_IMAGE_SECONDS"  # seconds one image may take (30), then abandoned
START_SECONDS = 60  # the browser's start
SIZES = {"png": (1200, 675), "png-square": (1080, 1080), "png-screen": (1000, 0),
         "svg": (1200, 675), "pdf": (1200, 675)}  # png-screen: the chart's own height

EXPORT_CHARS = 130  # characters a foot's or key's line holds in an image 1000 px wide or more
FOOT_START = "<span style='font-size:11px"  # the source lines figures._frame writes
_lock = threading.Lock()


class ExportUnavailable(RuntimeError):
    """No browser to draw images with (the data files can still be downloaded)."""


class RenderTimeout(RuntimeError):
    """A drawing overran its deadline: abandoned, its browser killed."""


def deadline() -> float:
    return float(os.environ.get(SECONDS_ENV) or 30)


class _Browser:
    """One kaleido.Kaleido (a Chromium) driven from an event loop on its own daemon thread."""

    def __init__(self):
        import kaleido
        from kaleido import PageGenerator

        os.environ.setdefault(BROWSER_ENV, browser() or DEFAULT_BROWSER)
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="export-browser",
                         daemon=True).start()
        self.waiting: set = set()
        page = PageGenerator(plotly=str(ASSETS / "plotly-custom.min.js"), mathjax=False)
        self.kaleido = kaleido.Kaleido(n=1, timeout=deadline(), page_generator=page)
        self.call(self.kaleido.open(), START_SECONDS)

    def call(self, coroutine, seconds: float):
        """The coroutine's result, run on the browser's loop; RenderTimeout past seconds."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        self.waiting.add(future)
        try:
            return future.result(timeout=seconds)
        except (FutureTimeout, CancelledError):
            raise RenderTimeout(f"took longer than {seconds:g} s") from None
        finally:
            self.waiting.discard(future)

    def kill(self) -> None:
        """The browser and its children killed at once, whatever it was doing; anyone waiting
        on it is let go (cancelled); its loop stopped. Nothing is joined."""
        process = getattr(self.kaleido, "subprocess", None)
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # choreographer starts it as a group
            except (ProcessLookupError, PermissionError):
                process.kill()
        for future in list(self.waiting):
            future.cancel()
        self.loop.call_soon_threadsafe(self.loop.stop)

    def close(self) -> None:
        """A clean stop, given a few seconds; then killed."""
        with contextlib.suppress(Exception):  # a broken browser: killed below
            self.call(self.kaleido.close(), 5)
        self.kill()


_browser: list[_Browser] = []


def browser() -> str | None:
    path = os.environ.get(BROWSER_ENV) or DEFAULT_BROWSER
    return path if Path(path).exists() else None


def for_export(fig: dict, permalink: str, exported: str) -> dict:
    """The figure with one more line at its foot: where to see it live, and when it was made."""
    out = figures.widen(copy.deepcopy(dict(fig)), EXPORT_CHARS)
    layout = out.setdefault("layout", {})
    for note in layout.get("annotations") or []:  # an empty view: what it is, not the screen's
        if note.get("name") == "empty-state":  # way out of it
            figures.without_hint(note)
    notes = layout.get("annotations", [])
    foot = next((a for a in notes if str(a.get("text", "")).startswith(FOOT_START)), None)
    line = escape_markup(_("View: {link} · exported {date}").format(link=permalink,
                                                                     date=exported))
    if foot is not None:
        foot["text"] = foot["text"].replace("</span>", f"<br>{line}</span>")
        foot["yshift"] = foot.get("yshift", 0) - 14
    margin = layout.setdefault("margin", {})
    margin["b"] = margin.get("b", 40) + 14
    layout["height"] = layout.get("height", 450) + 14
    return out


def render(fig: dict, fmt: str, size: tuple[int, int] | None = None) -> bytes:
    """PNG (2x pixel density), SVG or PDF bytes of a figure; ExportUnavailable without a browser,
    RenderTimeout past the deadline."""
    if browser() is None:
        raise ExportUnavailable(f"no browser at {os.environ.get(BROWSER_ENV) or DEFAULT_BROWSER}")
    width, height = size or SIZES[fmt]
    # each trace named by its place: plotly.js would name it at random, and the SVG with it
    fig = {**fig, "data": [{"uid": f"t{i}", **trace}
                           for i, trace in enumerate(fig.get("data") or [])]}
    if fmt != "png-square":  # a tall chart keeps its height
        height = max(height, int(fig.get("layout", {}).get("height", 0)))
    opts = {"format": fmt.split("-")[0], "width": width, "height": height,
            "scale": 2 if fmt.startswith("png") else 1}
    with _lock:
        if not _browser:
            _browser.append(_Browser())
        try:
            return steady(_browser[0].call(_browser[0].kaleido.calc_fig(
                fig, opts=opts, topojson=(ASSETS / "topojson").as_uri() + "/"), deadline()),
                opts["format"])
        except Exception:
            _stop(clean=False)  # the next export starts a fresh renderer
            raise


_SVG_UID = re.compile(rb'id="defs-([0-9a-z]+)"')
_PDF_TIMES = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{8})\d{6}")


def steady(body: bytes, fmt: str) -> bytes:
    """The same image without what changes from one drawing to the next, so that a file's
    bytes (and its ETag) follow from what it shows: plotly.js names an SVG's clip paths and
    patterns after a random id, and Chromium dates a PDF to the second. The id becomes
    "export", patterns are numbered in order, the time is midnight of the day (same length:
    the PDF's offsets stay right)."""
    if fmt == "svg":
        uid = _SVG_UID.search(body)
        if uid:
            body = re.sub(rb"(defs-|clip|legend|[#\"'][pg])" + re.escape(uid.group(1)),
                          rb"\g<1>export", body)
            # a pattern's id (bar hatching) ends with another hash, random for the legend's:
            # numbered in order of appearance instead
            names: dict[bytes, bytes] = {}
            body = re.sub(rb"pexport-[0-9a-z-]+", lambda m: names.setdefault(
                m.group(0), b"pexport-%d" % len(names)), body)
    elif fmt == "pdf":
        body = _PDF_TIMES.sub(rb"/\g<1> (D:\g<2>000000", body)
    return body


def _stop(clean: bool = True) -> None:
    """The export browser stopped (closed, or killed at once); the next export starts one."""
    if _browser:
        browser_ = _browser.pop()
        browser_.close() if clean else browser_.kill()


atexit.register(_stop, False)  # the export browser ends with the worker, never waited on
