"""Static files (Dash's component bundles, our assets) compressed once per worker with brotli's
best level (gzip for clients without brotli) and kept, instead of being compressed again on
every request at a fast level: a smaller first load at no cost per request. A worker warms the
cache for what a page load asks for in a background thread at start."""

from __future__ import annotations

import gzip
import re
import threading

import brotli
from flask import Flask, request

WARMING = "X-Beexplorer-Warming"  # only our own start-up thread sends it
PREFIXES = ("/_dash-component-suites/", "/assets/")
# the chunks the page loads later (dcc.Graph's, AG Grid's), not named in the index
LATER = ("/_dash-component-suites/dash/dcc/async-graph.js",
         "/_dash-component-suites/dash_ag_grid/async-community.js")


def choose(accept: str) -> str | None:
    """The encoding to answer with for an Accept-Encoding header: brotli, else gzip, else
    none."""
    accepted = {part.split(";")[0].strip() for part in accept.lower().split(",")}
    return "br" if "br" in accepted else "gzip" if "gzip" in accepted else None


def compress(body: bytes, encoding: str, best: bool = True) -> bytes:
    """body in encoding: brotli 11 / gzip 9 at best, brotli 5 / gzip 6 for a quick answer."""
    if encoding == "br":
        return brotli.compress(body, quality=11 if best else 5)
    return gzip.compress(body, 9 if best else 6)


class StaticCompressed:
    def __init__(self):
        self.store: dict[tuple[str, str], bytes] = {}
        self.lock = threading.Lock()
        self.warmed = threading.Event()

    def install(self, server: Flask) -> None:
        # registered after flask-compress, so it runs before it (Flask runs after_request
        # functions last-registered first); flask-compress leaves encoded responses alone
        server.after_request(self.after)

    def after(self, response):
        if (request.method == "GET" and response.status_code in (200, 304)
                and request.path.startswith("/assets/") and "m" in request.args):
            # the page names each asset with its fingerprint (?m=, the file's mtime): a new
            # file is a new URL, so a browser keeps this one instead of revalidating it on
            # every view (Dash's own component suites are fingerprinted and kept a year too)
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        if (request.method != "GET" or response.status_code != 200
                or not request.path.startswith(PREFIXES)
                or "Content-Encoding" in response.headers):
            return response
        encoding = choose(request.headers.get("Accept-Encoding", ""))
        if encoding is None:
            return response
        key = (request.full_path, encoding)
        body = self.store.get(key)
        if body is None:  # the warming thread's best level; a fast one for a request before it
            best = request.headers.get(WARMING) == "1"
            response.direct_passthrough = False
            body = compress(response.get_data(), encoding, best or encoding == "gzip")
            if best or encoding == "gzip":
                with self.lock:
                    self.store[key] = body
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        return response

    def warm(self, server: Flask) -> None:
        """Compress what a page load asks for, before a user does (a worker's start thread)."""
        client = server.test_client()
        page = client.get("/", follow_redirects=True).get_data(as_text=True)  # "/?lang=..."
        paths = re.findall(r'(?:src|href)="(/(?:_dash-component-suites|assets)/[^"]+)"', page)
        for path in (*paths, *LATER):
            client.get(path, headers={"Accept-Encoding": "br", WARMING: "1"})
        self.warmed.set()
