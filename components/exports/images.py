"""Charts as PNG, SVG and PDF, drawn on the server by kaleido from the same figure dicts as the
screen, with the permalink and the export date added to the foot. No Dash.

One export browser per worker (the system Chromium, BROWSER_PATH), started on the first export,
not at import; exports are serialised; a dead renderer is restarted on the next export. The
page kaleido draws in loads our own plotly.js bundle and our own topojson files: no MathJax,
nothing from the network.
"""

from __future__ import annotations

import atexit
import copy
import os
import re
import threading
from pathlib import Path

from components.charts import figures
from components.charts.figures import escape_markup
from data.i18n import _

ASSETS = Path(__file__).resolve().parents[2] / "assets"
BROWSER_ENV = "BROWSER_PATH"
DEFAULT_BROWSER = "/usr/bin/chromium"
TIMEOUT = 30  # seconds one export may take
SIZES = {"png": (1200, 675), "png-square": (1080, 1080), "png-screen": (1000, 0),
         "svg": (1200, 675), "pdf": (1200, 675)}  # png-screen: the chart's own height

EXPORT_CHARS = 130  # characters a foot's or key's line holds in an image 1000 px wide or more
FOOT_START = "<span style='font-size:11px"  # the source lines figures._frame writes
_lock = threading.Lock()
_started = False


class ExportUnavailable(RuntimeError):
    """No browser to draw images with (the data files can still be downloaded)."""


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
    """PNG (2x pixel density), SVG or PDF bytes of a figure; ExportUnavailable without a browser."""
    import kaleido

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
        _start()
        try:
            return steady(kaleido.calc_fig_sync(
                fig, opts=opts, topojson=(ASSETS / "topojson").as_uri() + "/"), opts["format"])
        except Exception:
            _stop()  # the next export starts a fresh renderer
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


def _start() -> None:
    global _started
    if _started:
        return
    import kaleido
    from kaleido import PageGenerator

    os.environ.setdefault(BROWSER_ENV, browser() or DEFAULT_BROWSER)
    page = PageGenerator(plotly=str(ASSETS / "plotly-custom.min.js"), mathjax=False)
    kaleido.start_sync_server(n=1, timeout=TIMEOUT, page_generator=page, silence_warnings=True)
    _started = True
    atexit.register(_stop)  # the export browser ends with the worker


def _stop() -> None:
    global _started
    import kaleido

    if not _started:
        return
    try:
        kaleido.stop_sync_server(silence_warnings=True)
    finally:
        _started = False
