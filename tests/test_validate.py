"""One malformed dataset per validation rule; every problem located; never a partial load."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from data import DatasetError, load
from data.load import validate_path
from tests.conftest import ROOT


def _set(table, row, column, value):
    def change(tables):
        tables[table].loc[row, column] = value
    return change


def _drop(table, column):
    def change(tables):
        tables[table] = tables[table].drop(columns=[column])
    return change


# (name, change, expected "FILE:ROW: COLUMN" start of a problem line, value shown)
CASES = [
    ("duplicate id", _set("incidents", 1, "incident_id", "BE-2014-001"),
     "incidents.csv:2: incident_id", "BE-2014-001"),
    ("bad date", _set("incidents", 4, "date", "2015-02-30"), "incidents.csv:6: date",
     "2015-02-30"),
    ("date format", _set("incidents", 4, "date", "15/01/2015"), "incidents.csv:6: date", ""),
    ("precision", _set("incidents", 2, "date_precision", "week"),
     "incidents.csv:4: date_precision", "week"),
    ("type", _set("incidents", 3, "incident_type", "raid"), "incidents.csv:5: incident_type",
     "raid"),
    ("connection", _set("incidents", 3, "connection", "Linked"), "incidents.csv:5: connection",
     ""),
    ("link type vocabulary", _set("incidents", 3, "link_type", "cell"),
     "incidents.csv:5: link_type", "cell"),
    ("linked needs link type", _set("incidents", 3, "link_type", ""),
     "incidents.csv:5: link_type: is required when connection is linked", ""),
    ("plot", _set("incidents", 3, "plot", "maybe"), "incidents.csv:5: plot", "maybe"),
    ("nis code shape", _set("incidents", 3, "nis_code", "2101"), "incidents.csv:5: nis_code",
     "2101"),
    ("nis arrondissement", _set("incidents", 3, "nis_code", "99001"),
     "incidents.csv:5: nis_code", "99001"),
    ("people negative", _set("incidents", 3, "people", "-1"), "incidents.csv:5: people", "-1"),
    ("people text", _set("incidents", 3, "people", "two"), "incidents.csv:5: people", "two"),
    ("killed", _set("incidents", 3, "killed", "1.5"), "incidents.csv:5: killed", "1.5"),
    ("weapon", _set("incidents", 3, "weapon", "firearm;laser"), "incidents.csv:5: weapon", ""),
    ("target", _set("incidents", 3, "target", "banks"), "incidents.csv:5: target", "banks"),
    ("source type", _set("incidents", 3, "source_type", "rumour"),
     "incidents.csv:5: source_type", "rumour"),
    ("contact reference is no name", _set("incidents", 3, "contact_ref", "John Doe"),
     "incidents.csv:5: contact_ref: must be an opaque reference", "John Doe"),
    ("network unknown", _set("incidents", 3, "networks", "Nowhere cell"),
     "incidents.csv:5: networks: is not in the networks table", "Nowhere cell"),
    ("required column", _drop("incidents", "connection"), "incidents.csv:1: connection", ""),
    ("required empty", _set("incidents", 3, "incident_type", ""),
     "incidents.csv:5: incident_type: is required", ""),
    ("person id unique", _set("people", 1, "person_id", "P-0001"), "people.csv:2: person_id",
     ""),
    ("person incident", _set("people", 0, "incident_id", "BE-1999-001"),
     "people.csv:2: incident_id: is not in the incidents table", "BE-1999-001"),
    ("role", _set("people", 0, "role", "suspect"), "people.csv:2: role", "suspect"),
    ("citizenship", _set("people", 0, "citizenship", "be"), "people.csv:2: citizenship", "be"),
    ("birth country", _set("people", 0, "birth_country", "BE;MA"),
     "people.csv:2: birth_country", ""),
    ("heritage", _set("people", 0, "heritage", "Morocco"), "people.csv:2: heritage", ""),
    ("network unique", _set("networks", 1, "network", "Zerkani network"),
     "networks.csv:2: network", ""),
]


def _attack_without_attacker(tables):
    inc = tables["incidents"]
    row = inc.index[inc["incident_type"] == "attack"][1]
    inc.loc[row, "people"] = "0"
    people = tables["people"]
    tables["people"] = people[people["incident_id"] != inc.loc[row, "incident_id"]]


def _inspired_with_link(tables):
    inc = tables["incidents"]
    inc.loc[inc.index[inc["connection"] == "inspired"][0], "link_type"] = "local_cell"


def _role_mismatch(tables):
    people = tables["people"]
    people.loc[people.index[people["role"] == "attacker"][0], "role"] = "arrested"


def _too_many_people(tables):
    inc = tables["incidents"]
    inc.loc[0, "people"] = "0"


CROSS = [
    ("attack needs an attacker", _attack_without_attacker, "an attack has at least 1 attacker"),
    ("inspired has no link type", _inspired_with_link, "must be empty when inspired"),
    ("role fits incident", _role_mismatch, "role: does not fit the incident"),
    ("people listed within count", _too_many_people, "1 people listed but the incident counts 0"),
]


@pytest.mark.parametrize("name,change,where,value", CASES, ids=[c[0] for c in CASES])
def test_each_rule_is_reported_with_its_location(make_dataset, name, change, where, value):
    problems = [str(p) for p in validate_path(make_dataset(change))]
    hits = [p for p in problems if p.startswith(where)]
    assert hits, problems
    assert value in hits[0]


@pytest.mark.parametrize("name,change,message", CROSS, ids=[c[0] for c in CROSS])
def test_cross_table_rules(make_dataset, name, change, message):
    problems = [str(p) for p in validate_path(make_dataset(change))]
    assert any(message in p for p in problems), problems


def test_nis_code_must_be_in_the_boundary_register(make_dataset):
    folder = make_dataset(_set("incidents", 3, "nis_code", "21099"))
    problems = [str(p) for p in validate_path(folder, municipalities={"21001", "21004"})]
    assert any(p.startswith("incidents.csv:5: nis_code: is not a municipality") for p in problems)


def test_all_problems_are_reported_at_once_and_nothing_loads(make_dataset):
    def many(tables):
        _set("incidents", 0, "date", "yesterday")(tables)
        _set("incidents", 5, "connection", "?")(tables)
        _set("people", 7, "role", "?")(tables)
    with pytest.raises(DatasetError) as err:
        load(make_dataset(many))
    assert len(err.value.problems) >= 3


def test_extra_columns_are_kept(make_dataset):
    d = load(make_dataset(lambda t: t["incidents"].__setitem__("coder", "AB")))
    assert (d.incidents["coder"] == "AB").all()


def test_workbook_and_parquet_load_the_same_as_csv(make_dataset, tmp_path, bundled):
    folder = make_dataset()
    tables = {n: pd.read_csv(folder / f"{n}.csv", dtype=str, keep_default_na=False)
              for n in ("incidents", "people", "networks")}
    book = tmp_path / "dataset.xlsx"
    with pd.ExcelWriter(book) as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    parquet = tmp_path / "pq"
    parquet.mkdir()
    for name, frame in tables.items():
        frame.to_parquet(parquet / f"{name}.parquet")
    for path in (book, parquet):
        d = load(path)
        assert len(d.incidents) == 107 and len(d.people) == 135
        assert d.incidents["plot"].sum() == bundled.incidents["plot"].sum()


def test_workbook_problems_name_the_sheet(tmp_path, make_dataset):
    folder = make_dataset(_set("incidents", 3, "people", "x"))
    book = tmp_path / "bad.xlsx"
    with pd.ExcelWriter(book) as writer:
        for name in ("incidents", "people", "networks"):
            pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False).to_excel(
                writer, sheet_name=name, index=False)
    assert any(str(p).startswith("bad.xlsx[incidents]:5: people") for p in validate_path(book))


def test_missing_table_and_unreadable_file(tmp_path):
    (tmp_path / "people.csv").write_bytes(b"\xff\xfe\x00broken")
    problems = [str(p) for p in validate_path(tmp_path)]
    assert any("incidents.csv: table is missing" in p for p in problems)
    assert any(p.startswith("people.csv:1: is not UTF-8 text") for p in problems)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, capture_output=True,
                          text=True)


def test_cli_validate_valid_dataset_prints_one_line():
    run = _cli("validate", "data/bundled")
    assert run.returncode == 0
    assert run.stdout.count("\n") == 1 and run.stdout.startswith("valid: 107 incidents")


def test_cli_validate_invalid_dataset_lists_problems_without_traceback(make_dataset):
    def bad(tables):
        _set("incidents", 3, "people", "two")(tables)
        _set("people", 0, "role", "suspect")(tables)
    run = _cli("validate", str(make_dataset(bad)))
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "incidents.csv:5: people: must be a whole number ≥ 0 ('two')",
        "people.csv:2: role: must be one of arrested, attacker ('suspect')",
    ]
    assert "Traceback" not in run.stderr


def test_cli_validate_missing_path_is_a_clear_error(tmp_path):
    run = _cli("validate", str(tmp_path / "nope"))
    assert run.returncode == 1 and "no such file or folder" in run.stdout
    assert "Traceback" not in run.stderr


# --- limits: answered at once, one line each --------------------------------------------------
def test_report_lists_200_problems_then_counts_per_rule(make_dataset):
    def many(tables):
        tables["incidents"]["connection"] = "maybe"
        tables["people"]["role"] = "suspect"
    with pytest.raises(DatasetError) as err:
        load(make_dataset(many))
    problems, lines = err.value.problems, err.value.report().splitlines()
    rest = {(p.file, p.column, p.message) for p in problems[200:]}
    assert len(problems) > 200 and len(lines) == 200 + len(rest)
    assert lines[:200] == [str(p) for p in problems[:200]]
    counted = sum(int(line.split()[2].replace(",", "")) for line in lines[200:])
    assert counted == len(problems) - 200
    # 107 incidents listed first, then 93 of the 135 people: 42 counted
    assert "... and 42 more in people.csv: role: must be one of arrested, attacker" in lines


def test_a_header_of_100_000_columns_is_refused_from_its_first_line(tmp_path):
    (tmp_path / "incidents.csv").write_text(",".join(f"c{i}" for i in range(100_000)) + "\n1\n")
    problems = [str(p) for p in validate_path(tmp_path)]
    assert problems == ["incidents.csv:1: header has 100,000 columns; at most 200 are read"]


def test_a_header_longer_than_a_megabyte_is_refused(tmp_path):
    (tmp_path / "incidents.csv").write_text(",".join(f"c{i}" for i in range(1_000_000)))
    assert [str(p) for p in validate_path(tmp_path)] == [
        "incidents.csv:1: header row is longer than 1,048,576 bytes"]


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path, monkeypatch, make_dataset):
    folder = make_dataset()
    monkeypatch.setenv("BEEXPLORER_MAX_FILE_MB", "0")
    problems = [str(p) for p in validate_path(folder)]
    assert any(p.startswith("incidents.csv: file is 0 MB, more than the 0 MB") for p in problems)


def _workbook(tmp_path, make_dataset):
    folder = make_dataset()
    book = tmp_path / "data.xlsx"
    with pd.ExcelWriter(book) as writer:
        for name in ("incidents", "people", "networks"):
            pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False).to_excel(
                writer, sheet_name=name, index=False)
    return book


@pytest.mark.parametrize("damage,message", [
    (lambda b: b[: len(b) // 2], "is not a readable .xlsx workbook (truncated or damaged?)"),
    (lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000,
     "workbook is password-protected (or an old .xls)"),
    (lambda b: b"PK\x03\x04 garbage", "is not a readable .xlsx workbook"),
])
def test_damaged_or_encrypted_workbooks_get_one_line(tmp_path, make_dataset, damage, message):
    book = _workbook(tmp_path, make_dataset)
    book.write_bytes(damage(book.read_bytes()))
    problems = [str(p) for p in validate_path(book)]
    assert len(problems) == 1 and problems[0].startswith(f"data.xlsx: {message}")


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    import zipfile
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 50_000_000)
    problems = [str(p) for p in validate_path(bomb)]
    assert len(problems) == 1 and "refused" in problems[0] and "unpacks to 50 MB" in problems[0]


def test_cli_caps_its_listing(make_dataset):
    def many(tables):
        tables["incidents"]["connection"] = "maybe"
        tables["people"]["role"] = "suspect"
    run = _cli("validate", str(make_dataset(many)))
    lines = run.stdout.splitlines()
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert 200 < len(lines) < 210 and lines[-1].startswith("... and ")


def test_problems_of_one_rule_are_kept_200_and_counted_beyond(tmp_path):
    from data.synthetic import synthetic_tables
    tables = synthetic_tables(450)
    tables["incidents"]["connection"] = "maybe"
    for name, frame in tables.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    with pytest.raises(DatasetError) as err:
        load(tmp_path)
    rule = ("incidents.csv", "connection", "must be one of linked, inspired")
    assert err.value.total == 450 and len(err.value.problems) == 200
    assert err.value.more == {rule: 250}
    assert err.value.report().splitlines()[-1] == (
        "... and 250 more in incidents.csv: connection: must be one of linked, inspired")
