"""The bundled reconstruction: byte-for-byte reproducible, honest about provenance, anonymous."""

from __future__ import annotations

import filecmp

import pandas as pd
import yaml

from data import BUNDLED
from data.study.reconstruct import write
from tests.conftest import REFERENCE_YAML


def test_regenerating_gives_the_committed_files_byte_for_byte(tmp_path):
    written = write(tmp_path)
    for path in written:
        assert filecmp.cmp(path, BUNDLED / path.name, shallow=False), path.name


def test_every_incident_says_where_it_comes_from(bundled):
    assert set(bundled.incidents["source_type"]) == {"public_record", "reconstructed"}
    assert (bundled.incidents["sources"] != "").all()


def test_the_four_attacks_are_the_public_record(bundled):
    attacks = yaml.safe_load(REFERENCE_YAML.read_text())["attacks_public_record"]
    rows = bundled.incidents[bundled.incidents["incident_type"] == "attack"]
    assert sorted(rows["date"].dt.strftime("%Y-%m-%d")) == sorted(a["date"] for a in attacks)
    for a in attacks:
        row = rows[rows["date"] == pd.Timestamp(a["date"])].iloc[0]
        assert row["connection"] == a["connection"]
        assert row["source_type"] == "public_record"
        assert int(row["killed"]) == a["killed"]


def test_people_are_anonymous_ids_only(bundled):
    assert bundled.people["person_id"].str.fullmatch(r"P-\d{4}").all()
    assert set(bundled.people.columns) <= {"person_id", "incident_id", "role", "citizenship",
                                           "birth_country", "heritage", "source_type",
                                           "incident_row"}


def test_people_counts_agree_with_incidents(bundled):
    listed = bundled.people["incident_id"].value_counts()
    counted = bundled.incidents.set_index("incident_id")["people"]
    assert (listed.reindex(counted.index, fill_value=0) == counted).all()


def test_assumed_yearly_counts_are_used(bundled):
    per_year = bundled.incidents["year"].value_counts().to_dict()
    assert per_year == {2014: 12, 2015: 32, 2016: 50, 2017: 13}
