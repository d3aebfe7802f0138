"""Municipality boundaries: pinned download, checked cache, browser-ready GeoJSON, fallback.

The boundary file is third-party: it is never in the repository. `fetch` downloads it, pinned
to one commit and checked against its sha256, into a cache folder git ignores.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.error
import urllib.request
from functools import cache
from pathlib import Path

import pandas as pd

from data.places import bilingual, gazetteer

BOUNDARY_COMMIT = "a903fdab5a765822dafabf42c258809d4ad74e78"
BOUNDARY_URL = (
    f"https://raw.githubusercontent.com/bmesuere/belgium-topojson/{BOUNDARY_COMMIT}/belgium.json"
)
BOUNDARY_SHA256 = "7ddc9dc111856b4ef9ad72e73f80ac94b8112fa0a7cd0a77c63c94f732bf9454"
BOUNDARY_NAME = "belgium-municipalities.topojson"
SIMPLIFY_TOLERANCE = 0.001  # degrees, 70-110 m: Brussels communes (2-5 km) keep their shape
CACHE_ENV = "BEEXPLORER_CACHE"
BOUNDARY_ENV = "BEEXPLORER_BOUNDARIES"
ID_COLUMN_ENV = "BEEXPLORER_BOUNDARY_ID"


class FetchError(Exception):
    """The boundary file could not be downloaded or did not match its checksum."""


def cache_dir(override: Path | None = None) -> Path:
    """Where downloads and derived files live (git-ignored; BEEXPLORER_CACHE overrides)."""
    if override:
        return Path(override)
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path(__file__).resolve().parents[1] / "cache"


def fetch(url: str = BOUNDARY_URL, cache: Path | None = None, timeout: float = 20) -> Path:
    """Download the boundary file, check its sha256, and move it into the cache atomically."""
    folder = cache_dir(cache)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / BOUNDARY_NAME
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            payload = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise FetchError(
            f"cannot download {url}: {getattr(err, 'reason', err)} (offline? "
            "the app still runs, with its own schematic map)"
        ) from err
    digest = hashlib.sha256(payload).hexdigest()
    if digest != BOUNDARY_SHA256:
        raise FetchError(
            f"checksum mismatch for {url}: got sha256 {digest}, expected "
            f"{BOUNDARY_SHA256}; nothing was written"
        )
    _write_atomic(target, payload)
    return target


def _write_atomic(target: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".part")
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
    os.replace(tmp, target)


def boundary_file(path: Path | None = None, cache: Path | None = None) -> Path | None:
    """The boundary file to use: given, from BEEXPLORER_BOUNDARIES, or the cached download."""
    if path:
        return Path(path)
    env = os.environ.get(BOUNDARY_ENV)
    if env:
        return Path(env)
    cached = cache_dir(cache) / BOUNDARY_NAME
    return cached if cached.exists() else None


class BoundaryError(ValueError):
    """A boundary file that cannot be used, with what to do about it."""


REFETCH = "run `python -m data geometry fetch` to download it again"


def load_municipalities(
    path: Path | None = None, id_column: str | None = None, cache: Path | None = None
) -> pd.DataFrame | None:
    """Municipalities (EPSG:4326, nis_code, name_fr, name_nl, population, geometry) or None.

    BoundaryError (one line, no traceback) when the file is damaged or cannot be read.
    """
    source = boundary_file(path, cache)
    if source is None:
        return None
    downloaded = source == cache_dir(cache) / BOUNDARY_NAME
    try:
        if downloaded and hashlib.sha256(source.read_bytes()).hexdigest() != BOUNDARY_SHA256:
            raise BoundaryError(f"{source}: the cached boundary file is damaged or truncated "
                                f"(its checksum does not match); {REFETCH}")
        return _load(source.resolve(), id_column or os.environ.get(ID_COLUMN_ENV) or "nis",
                     cache_dir(cache))
    except BoundaryError:
        raise
    except Exception as err:  # noqa: BLE001 - GDAL, shapely and the OS raise many kinds
        first = (str(err).strip().splitlines() or [type(err).__name__])[0][:200]
        raise BoundaryError(f"{source}: cannot be read ({first})"
                            + (f"; {REFETCH}" if downloaded else "")) from None


@cache
def _load(source: Path, id_column: str, folder: Path):
    """Read, simplify and orient once; later starts read the small GeoJSON left in the cache."""
    import geopandas as gpd

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    cached = folder / f"municipalities-{digest}-{id_column}-{SIMPLIFY_TOLERANCE}.geojson"
    if cached.exists():
        try:
            frame = gpd.read_file(cached)
            frame["nis_code"] = frame["nis_code"].astype(str)
            return frame
        except Exception:  # noqa: BLE001 - a damaged derived file: rebuild it from the source
            cached.unlink(missing_ok=True)
    out = _prepare(source, id_column)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".geojson")
        os.close(fd)
        out.to_file(tmp, driver="GeoJSON")
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only cache only costs the next start a second
    return out


def _prepare(source: Path, id_column: str):
    import geopandas as gpd
    import shapely

    layer = "municipalities" if source.suffix in {".json", ".topojson"} else None
    kwargs = {"layer": layer} if layer and _has_layer(source, layer) else {}
    frame = gpd.read_file(source, **kwargs)
    if id_column not in frame:
        raise ValueError(f"{source}: no column {id_column!r} (columns: {', '.join(frame.columns)})")
    frame = frame.set_crs(4326) if frame.crs is None else frame.to_crs(4326)
    codes = frame[id_column].astype(str).str.zfill(5)
    out = gpd.GeoDataFrame(
        {
            "nis_code": codes,
            "name_fr": _names(frame, "name_fr", codes, lambda p: p.name_fr),
            "name_nl": _names(frame, "name_nl", codes, lambda p: p.name_nl),
            "population": pd.to_numeric(frame.get("population"), errors="coerce")
            if "population" in frame
            else pd.NA,
        },
        geometry=frame.geometry.values,
        crs=4326,
    )
    valid = shapely.make_valid(out.geometry.values, method="structure")
    simplified = shapely.coverage_simplify(valid, SIMPLIFY_TOLERANCE)
    out["geometry"] = shapely.orient_polygons(simplified, exterior_cw=True)
    return out.sort_values("nis_code", ignore_index=True)


def _has_layer(source: Path, layer: str) -> bool:
    import pyogrio

    return layer in {row[0] for row in pyogrio.list_layers(source)}


def _names(frame, column, codes, from_gazetteer):
    if column in frame:
        return frame[column].astype(str).values
    places = gazetteer()
    return [from_gazetteer(places[c]) if c in places else c for c in codes]


def municipality_codes(path: Path | None = None) -> set[str] | None:
    """NIS codes of the boundary register, or None when no boundary file is available."""
    munis = load_municipalities(path)
    return None if munis is None else set(munis["nis_code"])


def geojson(munis) -> dict:
    """Browser-ready GeoJSON (coordinates rounded to ~10 m), features keyed by nis_code."""
    doc = json.loads(munis.to_json(drop_id=True, to_wgs84=False))
    for feature in doc["features"]:
        feature["id"] = feature["properties"]["nis_code"]
        feature["properties"] = {k: feature["properties"][k] for k in ("name_fr", "name_nl")}
        feature["geometry"]["coordinates"] = _round(feature["geometry"]["coordinates"])
    return doc


def _round(coords):
    if isinstance(coords[0], int | float):
        return [round(coords[0], 4), round(coords[1], 4)]
    return [_round(c) for c in coords]


def fallback_places(lang: str = "en") -> pd.DataFrame:
    """Our own schematic layout (no boundary file): every place of our gazetteer (a map of a
    filter with none there shows them at 0), Brussels' communes as tiles, the others as points,
    each with the names it is hovered by, the name a map writes in lang and where it writes it
    (label). A code the gazetteer does not know has no place on it."""
    return pd.DataFrame([
        {
            "nis_code": code,
            "names": bilingual(p.name_fr, p.name_nl),
            "map_name": p.map_name(lang),
            "label": p.label,
            "tile_col": p.tile[0] if p.tile else None,
            "tile_row": p.tile[1] if p.tile else None,
            "lon": p.lonlat[0],
            "lat": p.lonlat[1],
        }
        for code, p in sorted(gazetteer().items())
    ])
