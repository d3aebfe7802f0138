"""The bundled dataset reproduces every published, derived and inferred figure of the study."""

from __future__ import annotations

import pytest
import yaml

from data.study.compare import compare, pct_agrees
from data.study.published import ERRATA, REGISTRY
from tests.conftest import REFERENCE_YAML

CHECKED_KINDS = {"published", "derived", "inferred"}
NOT_IN_TABLES: set[str] = set()  # figures no coding of the codebook gives (none since contact_ref)
ITEMS = yaml.safe_load(REFERENCE_YAML.read_text())["ctc"]
IDS = [i["id"] for i in ITEMS if i["kind"] in CHECKED_KINDS and i["id"] not in ERRATA]


def test_every_reference_figure_is_computed_or_explained():
    missing = {i["id"] for i in ITEMS} - set(REGISTRY) - NOT_IN_TABLES
    assert missing == set()


@pytest.mark.parametrize("fid", [i for i in IDS if i not in NOT_IN_TABLES])
def test_bundled_dataset_matches_the_study(bundled, reference, fid):
    row = next(r for r in compare(bundled, reference) if r.id == fid)
    # the one figure the study contradicts itself on matches the consistent value: "conflict"
    assert row.status == ("conflict" if fid == TWO_PLUS else "match"), (
        row.computed, row.computed_pct, row.reference, row.reference_pct)


def test_other_places_is_the_files_own_arithmetic(bundled, reference):
    ref = {k: v["value"] for k, v in reference.items()}
    corrected = (ref["incidents_total"] - ref["incidents_brussels"] - ref["incidents_charleroi"]
                 - ref["incidents_antwerp"])
    assert corrected == 27 == ref["incidents_other_places"]
    assert REGISTRY["incidents_other_places"](bundled) == corrected


TWO_PLUS = "pct_individuals_with_two_or_more_of_citizenship_heritage_birthplace"


def test_two_or_more_known_follows_from_the_published_counts(bundled, reference):
    ref = {k: v["value"] for k, v in reference.items()}
    c, h, b = (ref["individuals_with_citizenship_known"], ref["individuals_with_heritage_known"],
               ref["individuals_with_birthplace_known"])
    all3, any_known = ref["individuals_with_all_three_known"], ref[
        "individuals_with_any_of_citizenship_heritage_birthplace"]
    # inclusion-exclusion: any = c + h + b - pairs + all3, and two_plus = pairs - 2 * all3
    two_plus = (c + h + b + all3 - any_known) - 2 * all3
    assert two_plus == 63
    assert all(round(100 * two_plus / base) != ref[TWO_PLUS] for base in (any_known, 135))
    computed = REGISTRY[TWO_PLUS](bundled)
    assert computed == round(100 * two_plus / any_known, 1) in reference[TWO_PLUS]["accept"]


def test_an_accepted_value_matches_and_names_its_conflict(bundled, reference):
    row = next(r for r in compare(bundled, reference) if r.id == TWO_PLUS)
    assert (row.status, row.conflicts_with) == (
        "conflict", "individuals_with_any_of_citizenship_heritage_birthplace")


@pytest.mark.parametrize("value,status", [(41, "match"), (54.8, "conflict"), (46.7, "differs")])
def test_accept_list_decides_agreement(monkeypatch, bundled, reference, value, status):
    monkeypatch.setitem(REGISTRY, TWO_PLUS, lambda d: value)
    row = next(r for r in compare(bundled, reference) if r.id == TWO_PLUS)
    assert row.status == status


@pytest.mark.parametrize("computed,printed,agrees", [
    (91.26, 91, True), (18.57, 18, True), (85.71, 85.7, True), (64.89, 65, True),
    (17.48, 18, False), (33.04, 34, False),
])
def test_printed_share_agreement(computed, printed, agrees):
    assert pct_agrees(computed, printed) is agrees
