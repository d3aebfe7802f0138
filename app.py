"""Composition root: load the dataset and boundaries, build Dash, expose `server` for gunicorn.

    python app.py [--data PATH] [--boundaries FILE] [--story FILE] [--host H] [--port P]
                  [--debug]
    BEEXPLORER_DATA=PATH BEEXPLORER_STORY=FILE gunicorn app:server
"""

from __future__ import annotations

import argparse
import html
import os
import re
import secrets
import sys
import threading
from pathlib import Path

import dash
import dash_ag_grid as dag
from dash import _dash_renderer, dash_table, dcc
from dash.exceptions import DependencyException
from flask import Response, has_request_context, jsonify, redirect, request
from flask_compress import Compress

from components import state
from components.charts import table
from components.charts.maps import PANEL_TITLES as PANELS
from components.dashboard import (
    callbacks,  # noqa: F401  (registers the callbacks)
    downloads,  # noqa: F401  (registers the download callbacks)
)
from components.dashboard.layout import layout
from components.offline import bundle
from components.projector.story import ENV as STORY_ENV
from components.projector.story import StoryError
from components.runtime import GEOJSON_URL, AppData, install, load_app_data
from components.web import exports_api, guard, routes
from components.web.instant import build_all, instant_json
from components.web.precompressed import StaticCompressed
from data import i18n

PLOTLY_BUNDLE = "plotly-custom.min.js"  # bar, choropleth, heatmap, scatter, scattergeo


# gunicorn's "worker failed to boot" code: the master stops instead of restarting workers
# (a fallback: gunicorn.conf.py already checks a user's dataset before workers start).
# (Not preload_app: pyarrow's thread pools do not survive a fork, and workers would hang.)
WORKER_BOOT_ERROR = 3


def _trim_first_load() -> None:
    """What the page names to load: assets/plotly-custom.min.js (bar, choropleth, scatter)
    replaces Dash's full plotly bundle; assets/regenerator-runtime.min.js replaces
    @babel/polyfill (tools/regenerator/README.md: core-js 2 swaps built-ins for slower ones)."""
    dcc._js_dist[:] = [d for d in dcc._js_dist if d.get("namespace") != "plotly"]
    for dependency in _dash_renderer._js_dist_dependencies:
        for key in ("external_url", "relative_package_path"):
            for mode, paths in dependency.get(key, {}).items():
                dependency[key][mode] = [p for p in paths if "polyfill" not in p]
    # AG Grid's code is fetched when the table comes near the screen (assets/table.js), not
    # named in the page; dash_table is not used at all
    for entry in dag._js_dist:
        if entry["relative_package_path"] == "dash_ag_grid.min.js":
            entry["dynamic"] = True
    dash_table._js_dist[:] = [d for d in dash_table._js_dist if d.get("dynamic")]


def _compress(server) -> StaticCompressed:
    """Dynamic answers compressed per request (brotli 9); static files once, at brotli 11
    (components/web/precompressed.py). No zstd: its default level is larger than brotli's."""
    server.config.update(COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_BR_LEVEL=9,
                         COMPRESS_ALGORITHM_STREAMING=["br", "deflate"])
    Compress(server)
    static = StaticCompressed()
    static.install(server)
    return static


def request_lang() -> str:
    """The language of a page load: `lang=` in its URL, else the browser's Accept-Language.
    (assets/view-guard.js adds the page's `lang=` to Dash's layout request.)"""
    if not has_request_context():
        return i18n.DEFAULT
    return i18n.valid(request.args.get("lang")) or i18n.negotiate(
        request.headers.get("Accept-Language"))


class App(dash.Dash):
    """Dash, with the page's language on its <html> element and in its title, and the
    browser's views payload asked for with the page."""

    def interpolate_index(self, **kwargs):
        lang = request_lang()
        with i18n.use(lang):
            kwargs["title"] = i18n.t("title")
        # the views payload, the layout (as assets/view-guard.js asks for it, in the page's
        # language) and the callbacks' dependencies are fetched while the scripts load, not
        # after Dash's renderer has started
        prefix = self.config.requests_pathname_prefix
        preload = "\n".join(
            f'<link rel="preload" href="{prefix}{path}" as="fetch" crossorigin="anonymous">'
            for path in (f"instant/{lang}.json", f"_dash-layout?lang={lang}", "_dash-dependencies"))
        # plotly.js is not named in the page (assets_ignore): assets/plotly-lazy.js loads it
        # from this address when a chart first needs it
        plotly = f'<meta name="be-plotly" content="{html.escape(self._plotly_url())}">'
        page = super().interpolate_index(**kwargs).replace("<html>", f'<html lang="{lang}">', 1)
        return page.replace("</head>", f"{preload}\n{plotly}\n</head>", 1)

    def _plotly_url(self) -> str:
        """The bundle's address, with its change time as Dash writes it for the assets it
        names (a new bundle is a new address)."""
        path = Path(self.config.assets_folder) / PLOTLY_BUNDLE
        return f"{self.get_asset_url(PLOTLY_BUNDLE)}?m={path.stat().st_mtime}"


_WORKER_NAMES: dict[int, str] = {}


def worker_name() -> str:
    """This process's name in /health: random, made once per process (a forked worker too)."""
    return _WORKER_NAMES.setdefault(os.getpid(), "w-" + secrets.token_hex(4))


def _canonical(path: str, query: bytes, known, lang: str):
    """A redirect to the canonical form of a page's query, or None when it has it already or
    is refused (then the page shows its error), or if that form were not its own fixed point."""
    search = "?" + query.decode("utf-8", "replace")
    out = state.from_address(search, known, lang)
    if out["error"] is not None or out["search"] == search:
        return None
    again = state.from_address(out["search"], known, lang)
    if again["search"] != out["search"]:  # never a loop of redirects
        return None
    return redirect(path + out["search"], 302)


def create_app(data: AppData, story_path: str | None = None, exit_code: int = 1) -> dash.Dash:
    install(data)
    # the grid is mounted after the page (components/dashboard/layout.py table()): callbacks
    # name ids the first layout does not hold; tests/test_views.py checks every id a callback names
    # is in the layout or the grid instead
    app = App(__name__, title="IS-related incidents in Belgium", serve_locally=True,
              assets_ignore=rf"^{re.escape(PLOTLY_BUNDLE)}$",
              suppress_callback_exceptions=True, update_title=None)
    _trim_first_load()
    app.layout = lambda: layout(data, request_lang())
    server = app.server
    static = _compress(server)

    @server.route("/health")
    def health():
        # the dataset's version and the SHA-256 of what the views are drawn from, as the file
        # `python app.py bundle` writes shows them on its about line (null until warmed)
        # worker: which process answered, as an opaque name (never its PID)
        return jsonify(status="ok", incidents=len(data.dataset.incidents),
                       boundaries=data.munis is not None, worker=worker_name(),
                       warm=static.warmed.is_set(), dataset_version=data.dataset.version,
                       payload_sha256=bundle.digest(data, compute=False))

    @server.route(GEOJSON_URL.replace("{panel}", "<panel>"))
    def municipalities_geojson(panel: str):
        if panel not in PANELS or data.munis is None:
            return Response("no such map panel, or no boundary file loaded", status=404)
        response = jsonify(data.geojson(panel))
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    @server.route("/instant/<lang>.json")
    def instant_payload(lang: str):
        """What the browser draws the main views from (components/web/instant.py), per language."""
        if i18n.valid(lang) != lang:
            return Response("no such language", status=404)
        encoded = instant_json(data, lang)
        encoding, body = encoded.best(request.headers.get("Accept-Encoding", ""))
        response = Response(body, mimetype="application/json")
        if encoding:  # compressed once, when built (flask-compress leaves it alone)
            response.headers["Content-Encoding"] = encoding
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = "no-cache"  # revalidated: the dataset may change
        response.set_etag(encoded.etag)
        return response.make_conditional(request)

    @server.route("/methodology")
    @server.route("/study")
    def page():
        return app.index()

    # Dash registers its script paths on a worker's first request; with threaded workers two
    # first requests race and one may be refused. Register them now, before any request.
    with server.test_request_context("/"):
        app._setup_server()
    try:
        routes.install(server, story_path)
        exports_api.install(server)
    except StoryError as err:
        print(f"The briefing story cannot be used ({len(err.problems)} problems):",
              file=sys.stderr)
        print("\n".join(err.problems), file=sys.stderr)
        raise SystemExit(exit_code) from None
    guard.install(server, app.callback_map, app.csp_hashes(), not_found=(DependencyException,))

    @server.before_request
    def canonical_address():
        """A page's link in another form than the one the page writes (no `lang=`, another
        order, another encoding) is sent to that form before the page loads. Otherwise the page
        would add the canonical form as a new history entry, and Back would return to the old
        form, which sends the reader forward again: Back could never leave the page. A link the
        filters refuse is served as it is: the page says what it ignored."""
        if request.method != "GET" or request.path not in guard.PAGES:
            return None
        return _canonical(request.path, request.query_string, data.vocabulary, request_lang())

    # the browser's views payload (every language) and the static files at brotli's best,
    # built beside the worker's first requests rather than in a user's first page load
    def warm():
        try:
            build_all(data)
            bundle.digest(data)  # what /health reports, as a file of these data shows it
            static.warm(server)
            table.warm(data)
        except Exception:  # noqa: BLE001 (a cache not warmed is built on first request)
            server.logger.exception("warming the caches failed")

    threading.Thread(target=warm, name="warm-caches", daemon=True).start()
    return app


def _args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Belgian IS activity explorer")
    p.add_argument("--data", help="dataset folder, .xlsx or Parquet folder (default: bundled)")
    p.add_argument("--boundaries", help="boundary file (default: the cached download)")
    p.add_argument("--boundary-id", help="column of the boundary file holding NIS codes")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--story", help=f"briefing story YAML (default: docs/story.yaml; or "
                                   f"{STORY_ENV})")
    p.add_argument("--debug", action="store_true")
    return p.parse_args(argv)


if __name__ == "__main__" and sys.argv[1:2] == ["bundle"]:  # the dashboard in one file
    from components.offline.cli import main as bundle_main
    raise SystemExit(bundle_main(sys.argv[2:]))
if __name__ == "__main__" and sys.argv[1:2] == ["build-static"]:  # ... as a static folder
    from components.offline.cli import build_static
    raise SystemExit(build_static(sys.argv[2:]))
if __name__ == "__main__":
    args = _args()
    app = create_app(load_app_data(args.data, args.boundaries, args.boundary_id), args.story)
    app.run(host=args.host, port=args.port, debug=args.debug)
else:
    app = create_app(load_app_data(exit_code=WORKER_BOOT_ERROR), exit_code=WORKER_BOOT_ERROR)
    server = app.server
