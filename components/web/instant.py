"""The browser's payload (components/charts/payload.py) as /instant/<lang>.json serves it:
serialised and compressed once per language and process, with an ETag."""

from __future__ import annotations

import hashlib
import threading

import brotli
import plotly.io.json as pio_json

from components.charts.payload import payload
from components.runtime import AppData
from components.web.precompressed import choose, compress
from data import i18n

_building = threading.Lock()


def instant_json(data: AppData, lang: str) -> Encoded:
    """The payload as the browser fetches it: serialised and compressed once per language and
    process (brotli and gzip, at levels that take at most about a second)."""
    key = ("instant-json", lang)
    with _building:  # one build per language, even when a worker's threads ask at once
        if key not in data.geojson_cache:
            body = pio_json.to_json_plotly(payload(data, lang)).encode()
            data.geojson_cache[key] = Encoded(
                body, {"br": brotli.compress(body, quality=_quality(len(body))),
                       "gzip": compress(body, "gzip", best=False)},
                hashlib.sha256(body).hexdigest()[:32])
    return data.geojson_cache[key]


def _quality(size: int) -> int:
    """Brotli's best for small bodies; faster levels where the best would take seconds."""
    return 11 if size < 1 << 20 else 9 if size < 4 << 20 else 5


def build_all(data: AppData) -> None:
    """Every language's payload, built ahead of the first page (a worker's start-up thread)."""
    for lang in i18n.LANGS:
        instant_json(data, lang)


class Encoded:
    """A response body and its compressed forms, with an ETag."""

    def __init__(self, body: bytes, encoded: dict[str, bytes], etag: str):
        self.body, self.encoded, self.etag = body, encoded, etag

    def best(self, accept: str) -> tuple[str | None, bytes]:
        """The smallest form the client accepts (Accept-Encoding)."""
        encoding = choose(accept)
        return encoding, self.encoded[encoding] if encoding else self.body
