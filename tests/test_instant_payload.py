"""The browser's views payload (/instant/<lang>.json): the cube's typed columns hold every
incident and person once, and the route serves the compressed forms the client accepts."""

from __future__ import annotations

import base64
import gzip
import json

import brotli
import numpy as np
import pytest

from components.charts import payload as instant


@pytest.fixture(scope="module")
def client():
    import app as app_module
    return app_module.app.server.test_client()


def column_values(column: dict) -> np.ndarray:
    """A cube column back as integers (components/charts/payload.py _column: little-endian)."""
    dtype = dict(instant.DTYPES)[column["dtype"]]
    return np.frombuffer(base64.b64decode(column["data"]), dtype=np.dtype(dtype).newbyteorder(
        "<")).astype(np.int64)


def test_the_cube_holds_every_incident_and_person_once(app_data):
    cube = instant.cube(app_data)
    weights = column_values(cube["w"])
    assert len(weights) == cube["rows"] and weights.min() >= 1
    assert weights.sum() == len(app_data.dataset.incidents)
    assert column_values(cube["k"]).sum() == app_data.dataset.incidents["people"].sum()
    months = column_values(cube["m"])
    counts = app_data.dataset.incidents["month"].value_counts()
    for code, month in enumerate(cube["dict"]["m"]):
        assert weights[months == code].sum() == counts[month]


@pytest.mark.parametrize(("values", "dtype"), [
    ([0, 1, 255], "u8"), ([0, 256], "u16"), ([65_535], "u16"), ([65_536, 3], "u32"), ([], "u8")])
def test_a_column_takes_the_smallest_type_that_holds_it(values, dtype):
    column = instant._column(np.array(values, dtype=np.int64))
    assert column["dtype"] == dtype
    assert column_values(column).tolist() == values


def test_a_negative_value_is_refused():
    with pytest.raises(ValueError, match="never negative"):
        instant._column(np.array([3, -1]))


@pytest.mark.parametrize("accept", ["br, gzip", "gzip", ""])
def test_the_payload_is_served_as_the_client_accepts_it(client, accept):
    response = client.get("/instant/fr.json", headers={"Accept-Encoding": accept})
    assert response.status_code == 200 and response.headers["Vary"] == "Accept-Encoding"
    raw = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    assert encoding == ({"br, gzip": "br", "gzip": "gzip"}.get(accept))
    body = brotli.decompress(raw) if encoding == "br" else gzip.decompress(raw) if (
        encoding == "gzip") else raw
    payload = json.loads(body)
    assert payload["words"]["lang"] == "fr" and payload["cube"]["rows"] > 0
    again = client.get("/instant/fr.json", headers={"Accept-Encoding": accept,
                                                    "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_an_unknown_language_is_not_found(client):
    assert client.get("/instant/de.json").status_code == 404


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_the_foot_lines_are_the_figures_foot_unwrapped(app_data, lang):
    """The screen shows a main chart's source lines as text (assets/instant.js): the same lines
    as the figure's foot, which every export draws, only not broken at plotly's fixed width."""
    parts = instant._frame_parts(app_data, lang)
    for key in ("plain", "provenance"):
        lines = parts["lines"][key]
        foot = parts["foot"][key]["text"]
        assert lines and all("<" not in line for line in lines)
        assert " ".join(lines) == " ".join(
            foot.removeprefix("<span style='font-size:11px;color:#555'>")
            .removesuffix("</span>").split("<br>"))
    assert len(parts["lines"]["provenance"]) == len(parts["lines"]["plain"]) + 1
