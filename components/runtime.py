"""What the running app loaded once at start-up: dataset, vocabulary, boundaries (no Dash).
The app and the Celery renderers (components/web/renderers.py) load it alike."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

import pandas as pd

from data import DatasetError, geography, i18n, load
from data.filters import Vocabulary
from data.load import Dataset
from data.places import GROUP_NAMES, bilingual, gazetteer, in_panel

DATA_ENV = "BEEXPLORER_DATA"
PUBLIC_ENV = "BEEXPLORER_PUBLIC_URL"  # the one address every link the app prints starts with
HOSTS_ENV = "BEEXPLORER_HOSTS"  # the host names requests may name (Host); "*": any
LOOPBACK = ("localhost", "127.0.0.1")
GEOJSON_URL = "/geo/{panel}.json"  # one small file per map panel, fetched once, cached


@dataclass
class AppData:
    """The dataset and geography one app process serves."""

    dataset: Dataset
    munis: pd.DataFrame | None  # None: no boundary file, the schematic map is used
    memos: dict = field(default_factory=dict, repr=False)  # memo()'s caches, by name
    geojson_cache: dict = field(default_factory=dict, repr=False)
    names_cache: dict = field(default_factory=dict, repr=False)

    def memo(self, name: str, size: int, fn: Callable) -> Callable:
        """fn, kept for this dataset by functools.lru_cache: its size most recently used
        results (a filter state's incidents, the table's rows and orders)."""
        if name not in self.memos:
            self.memos[name] = lru_cache(maxsize=size)(fn)
        return self.memos[name]

    @cached_property
    def vocabulary(self) -> Vocabulary:
        codes = set(self.munis["nis_code"]) if self.munis is not None else None
        return Vocabulary.of(self.dataset.incidents, self.dataset.networks, codes)

    @cached_property
    def population(self) -> pd.Series | None:
        if self.munis is None:
            return None
        return self.munis.set_index("nis_code")["population"]

    def geojson(self, panel: str) -> dict | None:
        """Browser-ready GeoJSON of one map panel's municipalities."""
        if self.munis is None:
            return None
        if panel not in self.geojson_cache:
            rows = self.munis[self.munis["nis_code"].map(lambda c: in_panel(c, panel))]
            self.geojson_cache[panel] = geography.geojson(rows)
        return self.geojson_cache[panel]

    @property
    def place_names(self) -> dict[str, str]:
        """NIS code -> name in the current language, for every place the app can show."""
        return self.names(i18n.current())

    def names(self, lang: str) -> dict[str, str]:
        """NIS code -> name in lang: French in FR, Dutch in NL, 'French / Dutch' in English
        where the two differ (a name in English where one is in use: Antwerp, Brussels)."""
        if lang not in self.names_cache:
            names = {c: p.name(lang) for c, p in gazetteer().items()}
            if self.munis is not None:
                for r in self.munis.itertuples():
                    known = gazetteer().get(r.nis_code)
                    if lang == "en" and known and known.name_en:
                        continue  # an English name in use (Antwerp): kept
                    names[r.nis_code] = {"fr": r.name_fr, "nl": r.name_nl}.get(
                        lang, bilingual(r.name_fr, r.name_nl))
            self.names_cache[lang] = names
        return self.names_cache[lang]

    def place_label(self, code: str) -> str:
        if code in GROUP_NAMES:
            return GROUP_NAMES[code][i18n.current()]
        return self.place_names.get(code, code)


_CURRENT: AppData | None = None


def install(data: AppData) -> None:
    global _CURRENT
    _CURRENT = data


def current() -> AppData:
    if _CURRENT is None:
        raise RuntimeError("the app's data is not loaded: call runtime.install first")
    return _CURRENT


def load_app_data(data_path: str | None = None, boundaries: str | None = None,
                  boundary_id: str | None = None, exit_code: int = 1) -> AppData:
    """Dataset and boundaries; an invalid dataset exits with its problems, no traceback."""
    folder = geography.cache_dir()
    if folder.exists() and not folder.is_dir():
        print(f"cache folder {folder} is not a folder (check {geography.CACHE_ENV}): no cached "
              "boundaries, the schematic map is shown", file=sys.stderr)
    try:
        munis = geography.load_municipalities(boundaries, boundary_id)
    except (ValueError, OSError) as err:
        print(f"boundary file ignored, the schematic map is shown: {err}", file=sys.stderr)
        munis = None
    codes = set(munis["nis_code"]) if munis is not None else None
    try:
        dataset = load(data_path or os.environ.get(DATA_ENV) or None, codes)
    except DatasetError as err:
        print(f"The dataset cannot be loaded ({err.total:,} problems):", file=sys.stderr)
        print(err.report(), file=sys.stderr)
        raise SystemExit(exit_code) from None
    return AppData(dataset, munis)


def public_url(request_host_url: str) -> str:
    """The address links in pages, embeds, files and packs start with ("https://x.org/"):
    BEEXPLORER_PUBLIC_URL when set, else the request's own (a host trusted_hosts() let in)."""
    return (os.environ.get(PUBLIC_ENV) or request_host_url).rstrip("/") + "/"


def trusted_hosts() -> list[str] | None:
    """The host names a request may name (Flask's TRUSTED_HOSTS: any other answers 400 before a
    page is built): BEEXPLORER_HOSTS (comma-separated; default the loopback names) and the
    public address's host. None with BEEXPLORER_HOSTS=*: any host (links then print it unless
    BEEXPLORER_PUBLIC_URL is set)."""
    named = [h.strip() for h in (os.environ.get(HOSTS_ENV) or ",".join(LOOPBACK)).split(",")]
    if "*" in named:
        return None
    public = urlsplit(os.environ.get(PUBLIC_ENV) or "").hostname
    hosts = [h for h in named if h] or list(LOOPBACK)  # (an empty list would let any in)
    return hosts + ([public] if public else [])
