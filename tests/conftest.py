"""Shared fixtures: the reference figures, the bundled dataset, and a dataset builder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from data import BUNDLED, load
from data.study import reference_figures

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE_YAML = SHARED / "reference" / "published-figures.yaml"
TOPOJSON = SHARED / "reference" / "belgium-municipalities.topojson"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Tests never write into the project's own cache folder."""
    import os

    from data.geography import CACHE_ENV
    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if old is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = old


@pytest.fixture(scope="session")
def reference() -> dict[str, dict]:
    return reference_figures(REFERENCE_YAML)


@pytest.fixture(scope="session")
def bundled():
    return load()


@pytest.fixture
def make_dataset(tmp_path) -> Callable[..., Path]:
    """Copy the bundled CSVs into tmp, let a function change the raw tables, return the folder."""

    def build(change: Callable[[dict[str, pd.DataFrame]], None] | None = None) -> Path:
        folder = tmp_path / "dataset"
        shutil.copytree(BUNDLED, folder)
        if change:
            tables = {n: pd.read_csv(folder / f"{n}.csv", dtype=str, keep_default_na=False)
                      for n in ("incidents", "people", "networks")}
            change(tables)
            for name, frame in tables.items():
                frame.to_csv(folder / f"{name}.csv", index=False)
        return folder

    return build
