"""The study check page: every reference figure beside the computed one, with its status."""

from __future__ import annotations

from components.dashboard.study_page import study_content
from components.runtime import AppData
from data import load
from data.study.compare import compare


def _cells(page) -> dict[str, list[str]]:
    table = next(c for c in page.children if getattr(c, "className", "") == "study-table")
    return {tr.id.removeprefix("study-"): [str(td.children) for td in tr.children]
            for tr in table.children[1].children}


def test_every_reference_figure_is_listed_and_the_bundled_data_matches(offline_data, reference):
    page = study_content(offline_data)
    cells = _cells(page)
    assert set(cells) >= set(reference)
    checked = [f for f, r in reference.items() if r["kind"] in ("published", "derived",
                                                                 "inferred")]
    two_plus_id = "pct_individuals_with_two_or_more_of_citizenship_heritage_birthplace"
    assert all(cells[f][4] == "match" for f in checked if f != two_plus_id)
    summary = "".join(str(c) for c in page.children[1].children)
    assert f"{len(checked)} of {len(checked)} published, derived or inferred figures match" in (
        summary) and "1 of them only where the study's own figures conflict" in summary
    two_plus = cells[two_plus_id]
    # two different numbers are never a "match": the status says the study conflicts
    assert two_plus[2] == "41" and two_plus[3] == "54.8" and two_plus[4] == (
        "conflict in the study") and "Conflicts with “People with any of" in two_plus[5]
    assert two_plus[0] == ("Share of people with two or more of citizenship, heritage and "
                           "birthplace known")
    assert cells["arrest_actions_with_two_networks"][2] == (
        "Brussels cell – Paris cell; Brussels cell – Zerkani network")
    assert cells["incidents_per_year"][1] == "assumed (not in the study)"


def test_the_study_checks_lists_are_in_the_pages_language(offline_data, reference):
    """The reference file names countries and networks in English: the French page lists them
    in French, sorted as French reads them."""
    from data.i18n import use
    with use("fr"):
        cells = _cells(study_content(offline_data))
    assert cells["citizenship_country_list"][2].startswith(
        "Algérie, Belgique, Espagne, France, Irak, Kosovo, Maroc, Pays-Bas, Russie")
    assert cells["arrest_actions_with_two_networks"][2] == (
        "cellule de Bruxelles – cellule de Paris; cellule de Bruxelles – réseau Zerkani")


def test_a_users_dataset_shows_where_its_coding_differs(make_dataset, reference):
    uncoded = make_dataset(lambda t: t["incidents"].__setitem__("contact_ref", ""))
    data = AppData(load(uncoded), None)
    cells = _cells(study_content(data))
    assert cells["antwerp_arrest_actions_tied_to_one_recruiter"][3:5] == ["0", "differs"]
    assert cells["incidents_total"][4] == "match"


def test_a_figure_without_a_computation_is_not_computable(bundled, reference):
    extra = {**reference, "new_figure": {"id": "new_figure", "value": 1, "kind": "published"}}
    row = next(r for r in compare(bundled, extra) if r.id == "new_figure")
    assert row.status == "not computable" and row.computed is None


def test_a_page_reference_is_shown_when_the_reference_file_has_one(offline_data, reference,
                                                                     monkeypatch, tmp_path):
    import yaml

    from components.dashboard import study_page
    doc = {"ctc": [{**reference["attacks"], "page": 12}]}
    path = tmp_path / "figures.yaml"
    path.write_text(yaml.safe_dump(doc))
    monkeypatch.setattr(study_page, "REFERENCE", path)
    assert _cells(study_content(offline_data))["attacks"][5].startswith("p. 12. ")
