"""/embed/<chart>?<filters>&v=<version>: one chart with its caption, source and a link back to
the full view; no controls, sized to its frame, drawn from our own files (works offline).
The page is components/templates/embed.html; its route is in components/web/routes.py. Embed
pages may be framed by any site; every other page may not (components/web/guard.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from contextvars import ContextVar
from types import SimpleNamespace
from urllib.parse import urlencode

from components.charts import comparison, views
from components.charts import registry as charts
from components.charts.figures import plain_title, without_hint
from components.charts.registry import figure_for
from components.runtime import current
from components.templating import render
from data import compare, i18n, places, viewstate
from data.filters import FilterError, Filters
from data.i18n import _, use

CHARTS = charts.SLUGS
EMBED_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; "
             "frame-ancestors *")


FOOT_ROOM = 64  # px under the chart in the embed page: its link line, wrapped on a phone


def snippet(host: str, chart: str, f: Filters, options: dict, version: str,
            height: int | None = None, c: compare.Comparison | None = None) -> str:
    """The iframe a journalist pastes: the view (a comparison's too) pinned to the dataset
    version it shows, as tall as its chart and the page's foot (no blank band under it)."""
    view = viewstate.address(_state(f, c), options)
    if height is None:  # as the page will draw it (a map with no panel= named: panel_of's)
        drawn = viewstate.as_chart_options({}) | dict(options)
        if chart == "map" and "panel=" not in view:
            drawn["panel"] = panel_of(current(), f, c)
        height = int(_figure(current(), f, c, f"chart-{chart}", drawn)[0]["layout"][
            "height"]) + FOOT_ROOM
    extra = urlencode({"v": version, "lang": i18n.current()})
    src = f"{host.rstrip('/')}/embed/{chart}?{view + '&' if view else ''}{extra}"
    return render("snippet.html", src=src, height=height,
                  title=_("Chart: {name}").format(name=_(charts.BY_SLUG[chart].name))).strip()


VERSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")  # a dataset version's name


def canonical(args: dict[str, str], vocabulary) -> str:
    """An embed's address in the one form its code is written in (snippet(): the view, then
    v=, then lang=); FilterError for a value no filter or option has, or a malformed v= or
    lang=. An address in another form is sent to this one, so every cache (the app's, nginx's,
    a reader's) holds one copy of a view, however its address is dressed up."""
    pinned, lang = args.get("v", ""), args.get("lang", "")
    if pinned and not VERSION_NAME.fullmatch(pinned):
        raise FilterError("unknown_value", param="v", value=pinned)
    if lang and i18n.valid(lang) != lang:
        raise FilterError("one_of", param="lang", choices=", ".join(i18n.LANGS), value=lang)
    options, f, c = _view(args, vocabulary)
    extra = urlencode({k: v for k, v in (("v", pinned), ("lang", lang)) if v})
    return "&".join(q for q in (viewstate.address(_state(f, c), options), extra) if q)


def _view(args: dict[str, str], vocabulary):
    """An embed's chart options (as its address names them), slice A and a comparison's B;
    FilterError for a value no filter or option has."""
    options = viewstate.parse_options(args.items())
    f, c = compare.slices({k: v for k, v in args.items()
                           if k not in (*viewstate.OPTION, "v", "lang")}, vocabulary)
    return options, f, c


class Busy(Exception):
    """The view is not drawn yet and its reader may not have another drawn now (the seconds
    to wait)."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds


_charge: ContextVar[Callable[[], int] | None] = ContextVar("embed_charge", default=None)


def page(chart: str, args: dict[str, str], host: str, accept_language: str = "",
         charge: Callable[[], int] | None = None) -> tuple[str, int]:
    """The embed page's HTML and status (404 for an unknown chart, 400 for a bad filter or
    option), in the language of its `lang=` (else the reader's browser). charge: called when
    the view must be drawn (not when it is kept already): 0 to draw it, else the seconds its
    reader must wait (Busy)."""
    token = _charge.set(charge)
    try:
        with use(i18n.valid(args.get("lang")) or i18n.negotiate(accept_language)):
            return _page(chart, args, host)
    finally:
        _charge.reset(token)


def _page(chart: str, args: dict[str, str], host: str) -> tuple[str, int]:
    data = current()
    if chart not in CHARTS:
        return "no such chart", 404
    try:  # a comparison's B in vs.<filter>: both slices, as compare mode shows them
        named, f, c = _view(args, data.vocabulary)
    except FilterError as err:
        return f"invalid filter: {err}", 400
    options = viewstate.as_chart_options(named)
    if chart == "map" and "panel" not in args:
        options["panel"] = panel_of(data, f, c)
    # drawn once per view and language, whatever v= says (only the page's notice does)
    fig, described = data.memo("embed-figures", 64, _drawn)(
        f, c, f"chart-{chart}", tuple(sorted(options.items())), i18n.current())
    version = data.dataset.version
    pinned = args.get("v", "")
    notice = "" if not pinned or pinned == version else _(
        "Published with dataset version {pinned}; this server now has {version}: the numbers "
        "may differ from those first published.").format(pinned=pinned,
                                                         version=version or _("none"))
    lang = i18n.current()
    # the title as text: plotly markup without its tags (the template escapes it again)
    title = plain_title(fig)
    return render(
        "embed.html", lang=lang, described=described, notice=notice, figure=fig,
        title=html.unescape(title) or described[:80], dataset=data.dataset.title(),
        live=f"{host.rstrip('/')}/?{viewstate.address(_state(f, c), options, lang)}",
        words=SimpleNamespace(open=_("Open the full view"))), 200


def panel_of(data, f: Filters, c: compare.Comparison | None = None) -> str:
    """The map panel an embed opens on when its address names none: the one that holds every
    incident in view (both slices'), else the whole country: an embed's map never leaves an
    incident it counts off the map."""
    shown = [views.shown(data, s)[0] for s in ((f,) if c is None else (c.a, c.b))]
    codes = {code for incidents in shown for code in incidents["nis_code"]}
    return next((p for p in ("brussels", "charleroi", "antwerp")
                 if codes and all(places.in_panel(code, p) for code in codes)), "belgium")


def _figure(data, f: Filters, c: compare.Comparison | None, graph: str, options: dict
            ) -> tuple[dict, str]:
    """The embed's figure and its text alternative (a comparison: both slices). A map's
    outlines are named by URL (/geo/<panel>.json): fetched once, kept by the reader's browser
    and any cache for every map embed, never sent again inside each page."""
    if c is not None:
        fig, described = comparison.figure(data, c, graph, options)
    else:
        fig, described = (figure_for(data, f, graph, options, inline=False),
                          views.descriptions(data, f, options["freq"], (graph,))[graph])
    # an empty view says what is empty, not the dashboard's way out ("remove a filter above"):
    # an embed has no filters
    notes = [without_hint(dict(a)) if a.get("name") == "empty-state" else a
             for a in fig["layout"].get("annotations") or []]
    return {**fig, "layout": {**fig["layout"], "annotations": notes}}, described


def _drawn(f: Filters, c: compare.Comparison | None, graph: str, options: tuple, lang: str
           ) -> tuple[dict, str]:
    charge = _charge.get()
    if charge is not None and (wait := charge()):
        raise Busy(wait)  # (lru_cache keeps no exception: asked again, it is drawn)
    with use(lang):
        return _figure(current(), f, c, graph, dict(options))


def _state(f: Filters, c: compare.Comparison | None) -> str:
    """The view's filters, then a comparison's B (its canonical address order)."""
    return "&".join(q for q in (f.to_query(), c.query() if c else "") if q)
