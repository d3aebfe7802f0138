"""Static files are compressed once (brotli's best level, gzip) and decompress to the file; the
page does not name AG Grid's bundle (it loads with the table) nor dash_table's."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

from components.web.precompressed import WARMING
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def client():
    import app as app_module
    return app_module.app.server.test_client()


def _asset(client) -> str:
    page = client.get("/?lang=en").get_data(as_text=True)
    # not named as a script: assets/plotly-lazy.js loads it from the address the page gives
    return re.search(r'<meta name="be-plotly" content="(/assets/plotly-custom\.min\.js[^"]*)"',
                     page).group(1)


@pytest.mark.parametrize("accept,encoding", [("gzip, deflate, br, zstd", "br"),
                                             ("gzip", "gzip"), ("", None)])
def test_static_files_are_served_compressed_as_accepted(client, accept, encoding):
    path = _asset(client)
    response = client.get(path, headers={"Accept-Encoding": accept})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == encoding
    raw = response.get_data()
    body = brotli.decompress(raw) if encoding == "br" else gzip.decompress(raw) if (
        encoding == "gzip") else raw
    assert body == (ROOT / "assets" / "plotly-custom.min.js").read_bytes()


def test_the_warming_pass_keeps_the_best_compression(client):
    path = _asset(client)
    quick = client.get(path, headers={"Accept-Encoding": "br"}).get_data()
    best = client.get(path, headers={"Accept-Encoding": "br", WARMING: "1"}).get_data()
    again = client.get(path, headers={"Accept-Encoding": "br"}).get_data()
    assert len(best) <= len(quick) and again == best


def test_the_page_names_neither_ag_grid_nor_dash_table(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert scripts and not [s for s in scripts if "dash_ag_grid" in s or "dash_table" in s]
    later = client.get("/_dash-component-suites/dash_ag_grid/dash_ag_grid.min.js")
    assert later.status_code == 200  # fetched by assets/table.js when the table is near


def test_the_page_names_the_regenerator_runtime_not_babels_polyfill(client):
    """tools/regenerator/README.md: core-js 2 would swap built-ins for slower ones; the one
    global Dash's lazy components need is named before Dash's renderer and components."""
    page = client.get("/?lang=en").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert not [s for s in scripts if "polyfill" in s]
    runtime = next(i for i, s in enumerate(scripts) if "/assets/regenerator-runtime" in s)
    assert runtime < min(i for i, s in enumerate(scripts) if "dash_renderer" in s or "/dcc/" in s)
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="fetch"', page)
    assert preloads == ["/instant/en.json", "/_dash-layout?lang=en", "/_dash-dependencies"]


def test_a_workers_warming_pass_compresses_every_script_the_page_names(app_data):
    """The start thread reads the page as a browser does (the bare "/" redirects to its
    canonical address) and stores each script the page names at brotli's best."""
    from app import create_app
    from components.web.precompressed import StaticCompressed
    server = create_app(app_data).server
    static = StaticCompressed()
    static.install(server)
    static.warm(server)
    page = server.test_client().get("/?lang=en").get_data(as_text=True)
    scripts = set(re.findall(r'<script[^>]+src="(/(?:_dash-component-suites|assets)/[^"]+)"',
                             page))
    stored = {path.rstrip("?") for path, encoding in static.store if encoding == "br"}
    assert scripts and scripts <= stored, sorted(scripts - stored)[:3]


def test_fingerprinted_assets_are_kept_and_others_revalidated(client):
    """Every script the page names carries its fingerprint (?m=): a browser keeps it a year
    instead of revalidating each one on every view; the same file without one is revalidated."""
    page = client.get("/?lang=en").get_data(as_text=True)
    scripts = re.findall(r'<script src="(/assets/[^"]+)"', page)
    assert scripts and all("?m=" in s for s in scripts)
    for path in scripts:
        assert client.get(path).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    bare = scripts[0].split("?")[0]
    assert "immutable" not in client.get(bare).headers.get("Cache-Control", "")
