"""Boundary download (against a local server serving the shared copy), cache, loader, fallback."""

from __future__ import annotations

import functools
import http.server
import json
import socket
import threading

import pytest
import shapely

from data import geography
from data.geography import FetchError, fetch, load_municipalities
from tests.conftest import TOPOJSON


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A local HTTP server: /belgium.json is the shared copy, /tampered.json is not."""
    root = tmp_path_factory.mktemp("www")
    (root / "belgium.json").write_bytes(TOPOJSON.read_bytes())
    (root / "tampered.json").write_bytes(TOPOJSON.read_bytes() + b" ")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_downloads_checks_and_caches(server, tmp_path):
    path = fetch(f"{server}/belgium.json", tmp_path)
    assert path == tmp_path / geography.BOUNDARY_NAME
    assert path.read_bytes() == TOPOJSON.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [geography.BOUNDARY_NAME]


def test_checksum_mismatch_writes_nothing(server, tmp_path):
    with pytest.raises(FetchError, match="checksum mismatch"):
        fetch(f"{server}/tampered.json", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_checksum_mismatch_keeps_a_good_cached_copy(server, tmp_path):
    fetch(f"{server}/belgium.json", tmp_path)
    with pytest.raises(FetchError):
        fetch(f"{server}/tampered.json", tmp_path)
    assert (tmp_path / geography.BOUNDARY_NAME).read_bytes() == TOPOJSON.read_bytes()


def test_offline_is_a_clear_error(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="cannot download"):
        fetch(f"http://127.0.0.1:{port}/belgium.json", tmp_path, timeout=2)
    assert list(tmp_path.iterdir()) == []


def test_cli_fetch_reports_failure_without_traceback(tmp_path):
    from data.cli import main
    assert main(["geometry", "fetch", "--url", "http://127.0.0.1:9/x", "--cache",
                 str(tmp_path)]) == 1


@pytest.fixture(scope="module")
def munis():
    return load_municipalities(TOPOJSON)


def test_loader_gives_581_municipalities_in_wgs84(munis):
    assert len(munis) == 581 and munis.crs.to_epsg() == 4326
    assert {"nis_code", "name_fr", "name_nl", "population"} <= set(munis.columns)
    row = munis.set_index("nis_code").loc["21012"]
    assert (row["name_fr"], row["name_nl"]) == ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek")
    assert munis["population"].sum() > 11_000_000


def test_polygons_are_clockwise_for_plotly(munis):
    for geom in munis.geometry:
        for poly in getattr(geom, "geoms", [geom]):
            assert not poly.exterior.is_ccw


def _bad_edges(geoms) -> int:
    return sum(not e.is_empty for e in shapely.coverage_invalid_edges(geoms))


def test_simplified_as_a_coverage_keeping_shared_edges(munis):
    import geopandas as gpd
    raw = gpd.read_file(TOPOJSON, layer="municipalities").geometry.values
    assert shapely.is_valid(munis.geometry.values).all()
    assert _bad_edges(munis.geometry.values) <= _bad_edges(raw)  # no new gaps or overlaps
    assert sum(shapely.get_num_coordinates(munis.geometry.values)) < 0.6 * sum(
        shapely.get_num_coordinates(raw))
    molenbeek = munis.set_index("nis_code").geometry["21012"]
    brussels = munis.set_index("nis_code").geometry["21004"]
    assert molenbeek.intersection(brussels).length > 0.005  # a shared border, not a gap


def test_browser_geojson_is_small_and_keyed_by_nis(munis):
    doc = geography.geojson(munis)
    assert len(doc["features"]) == 581 and doc["features"][0]["id"] == "11001"
    assert len(json.dumps(doc, separators=(",", ":"))) < 800_000


def test_any_boundary_file_with_a_named_id_column(munis, tmp_path):
    path = tmp_path / "mine.geojson"
    munis.rename(columns={"nis_code": "code"})[["code", "geometry"]].to_file(path)
    mine = load_municipalities(path, id_column="code")
    assert len(mine) == 581 and mine.set_index("nis_code").loc["21012", "name_nl"] == (
        "Sint-Jans-Molenbeek")  # names from our gazetteer when the file has none
    with pytest.raises(ValueError, match="no column 'nis'"):
        load_municipalities(path, id_column="nis")


def test_no_boundary_file_means_none_and_a_fallback(tmp_path, monkeypatch):
    monkeypatch.delenv(geography.BOUNDARY_ENV, raising=False)
    assert load_municipalities(cache=tmp_path) is None
    layout = geography.fallback_places().set_index("nis_code")
    assert layout.loc["21012", "tile_col"] == 2 and layout.loc["62063", "lon"] > 5
    assert len(layout[layout["tile_col"].notna()]) == 19


def test_register_rejects_codes_outside_it(make_dataset):
    from data.load import validate_path
    codes = geography.municipality_codes(TOPOJSON)
    assert len(codes) == 581
    folder = make_dataset(lambda t: t["incidents"].__setitem__(
        "nis_code", t["incidents"]["nis_code"].where(t["incidents"].index != 0, "21099")))
    assert any("is not a municipality" in str(p) for p in validate_path(folder, codes))


def test_second_start_reads_the_cached_geojson(tmp_path):
    first = geography._load.__wrapped__(TOPOJSON.resolve(), "nis", tmp_path)
    files = list(tmp_path.glob("municipalities-*.geojson"))
    assert len(files) == 1 and files[0].stat().st_size < 2_000_000
    again = geography._load.__wrapped__(TOPOJSON.resolve(), "nis", tmp_path)
    assert list(again["nis_code"]) == list(first["nis_code"])
    assert all(not g.exterior.is_ccw for geom in again.geometry
               for g in getattr(geom, "geoms", [geom]))
