"""Read a dataset (CSV folder, .xlsx workbook or Parquet folder), validate it, type it.

Either the whole dataset loads or a DatasetError lists every problem: never a partial load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from data import codebook as cb
from data import limits
from data.i18n import _
from data.places import area_of, province_of
from data.problems import DatasetError, Problem
from data.validate import check_columns, check_incident_rules, check_people_rules, counted

BUNDLED = Path(__file__).with_name("bundled")
TABLES = ("incidents", "people", "networks")
OPTIONAL_TABLES = ("people", "networks")


BUNDLED_NAME = "Bundled reconstruction"  # an identifier: readers see Dataset.title
RECONSTRUCTION = "reconstruction"  # the bundled versions' prefix (reconstruction-1.2)


@dataclass(frozen=True)
class Dataset:
    """A validated, typed dataset: incidents, people and networks, plus where it came from."""

    incidents: pd.DataFrame
    people: pd.DataFrame
    networks: pd.DataFrame
    name: str
    version: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def reconstructed(self) -> bool:
        return bool((self.incidents["source_type"] == "reconstructed").any())

    def title(self, lang: str | None = None) -> str:
        """The dataset as readers see it: the bundled data's name in their language, and the
        version once, in words ("Bundled dataset (reconstructed), version 1.2"); the
        version's own identifier (for v=) stays in files' about sheet and in addresses."""
        name = _("Bundled dataset (reconstructed)", lang) if self.name == BUNDLED_NAME else (
            self.name)
        number = self.version.removeprefix(f"{RECONSTRUCTION}-")
        version = _("version {version}", lang).format(version=number)
        return f"{name}, {version}" if number else name


def read_raw(path: Path) -> tuple[dict[str, pd.DataFrame], dict[str, str], list[Problem]]:
    """All tables as text, the label of each table's file, and problems reading them."""
    path = Path(path)
    if not path.exists():
        return {}, {}, [Problem(str(path), 0, "", "no such file or folder")]
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    if path.is_dir():
        return _read_folder(path)
    return (
        {},
        {},
        [
            Problem(
                str(path), 0, "", "expected a folder of CSV or Parquet files or an .xlsx workbook"
            )
        ],
    )


def _read_folder(folder: Path):
    frames, files, problems = {}, {}, []
    for table in TABLES:
        csv, parquet = folder / f"{table}.csv", folder / f"{table}.parquet"
        file = csv if csv.exists() else parquet if parquet.exists() else None
        if file is None:
            if table not in OPTIONAL_TABLES:
                problems.append(
                    Problem(
                        str(csv), 0, "", f"table is missing (need {table}.csv or {table}.parquet)"
                    )
                )
            continue
        files[table] = file.name
        refused = limits.too_large(file, file.name) or (
            limits.csv_header_problem(file, file.name) if file.suffix == ".csv"
            else _parquet_width_problem(file))
        if refused:
            problems.append(refused)
            continue
        try:
            frames[table] = _read_csv(file) if file.suffix == ".csv" else _read_parquet(file)
        except (ValueError, OSError, UnicodeDecodeError, ImportError) as err:
            problems.append(Problem(file.name, 0, "", f"cannot be read: {_first_line(err)}"))
    return frames, files, problems


def _first_line(err: Exception) -> str:
    text = str(err).strip().splitlines()
    return (text[0][:200] if text else type(err).__name__) or type(err).__name__


def _parquet_width_problem(file: Path) -> Problem | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        width = len(pq.read_schema(file).names)
    except (pa.ArrowException, OSError, ValueError) as err:
        return Problem(file.name, 0, "", f"cannot be read as Parquet: {_first_line(err)}")
    return limits.sheet_width_problem(file, file.name, width)


def _read_csv(file: Path) -> pd.DataFrame:
    frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return _tidy(frame)


def _read_parquet(file: Path) -> pd.DataFrame:
    frame = pd.read_parquet(file)
    for col in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    return _tidy(frame.astype(object).where(frame.notna(), "").astype(str))


def _read_xlsx(path: Path):
    refused = limits.too_large(path, path.name) or limits.workbook_problem(path)
    if refused:
        return {}, {}, [refused]
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        return {}, {}, [Problem(path.name, 0, "", "cannot be read as a workbook: "
                                f"{_first_line(err)}")]
    frames, files, problems = {}, {}, []
    for table in TABLES:
        if table in sheets:
            label = f"{path.name}[{table}]"
            wide = limits.sheet_width_problem(path, label, len(sheets[table].columns))
            if wide:
                problems.append(wide)
                continue
            frames[table] = _tidy(sheets[table])
            files[table] = label
        elif table not in OPTIONAL_TABLES:
            problems.append(Problem(path.name, 0, "", f"sheet '{table}' is missing"))
    return frames, files, problems


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype(str).apply(lambda s: s.str.strip())
    return frame.reset_index(drop=True)


def validate_path(path: Path, municipalities: set[str] | None = None) -> list[Problem]:
    """The problems of the dataset at path, at most PER_RULE of each rule (empty when valid)."""
    return counted(_check(path, municipalities)[1])[0]


def _check(path: Path, municipalities: set[str] | None):
    frames, files, problems = read_raw(path)
    for table, frame in frames.items():
        problems += check_columns(table, frame, files[table])
    if "incidents" in frames:
        names = (
            set(frames["networks"]["network"])
            if "networks" in frames and ("network" in frames["networks"])
            else set()
        )
        problems += check_incident_rules(
            frames["incidents"], files["incidents"], names, municipalities
        )
        if "people" in frames:
            problems += check_people_rules(frames["people"], frames["incidents"], files["people"])
    return frames, problems


def load(
    path: Path | None = None, municipalities: set[str] | None = None, name: str | None = None
) -> Dataset:
    """Load and validate a dataset (the bundled one by default); DatasetError if invalid."""
    path = Path(path) if path else BUNDLED
    frames, problems = _check(path, municipalities)
    if problems:
        raise DatasetError(*counted(problems))
    version = _read_version(path)
    incidents = _type_incidents(frames["incidents"])
    people = _type_people(frames.get("people", _empty("people")))
    # each person's incident as a row position: filters select people with one numpy lookup
    people["incident_row"] = pd.Index(incidents["incident_id"]).get_indexer(people["incident_id"])
    return Dataset(
        incidents=incidents,
        people=people,
        networks=frames.get("networks", _empty("networks")),
        name=name or (BUNDLED_NAME if path == BUNDLED else path.name),
        version=version,
    )


def _read_version(path: Path) -> str:
    version_file = path / "VERSION" if path.is_dir() else None
    return version_file.read_text().strip() if version_file and version_file.exists() else ""


def _empty(table: str) -> pd.DataFrame:
    return pd.DataFrame({c.name: pd.Series(dtype=str) for c in cb.TABLES[table]})


def _type_incidents(raw: pd.DataFrame) -> pd.DataFrame:
    inc = raw.copy()
    for col in cb.INCIDENTS:
        if col.name not in inc:
            inc[col.name] = col.default
        elif col.default:
            inc[col.name] = inc[col.name].replace("", col.default)
    inc["date"] = pd.to_datetime(inc["date"], format="%Y-%m-%d")
    inc["plot"] = inc["plot"].str.lower().isin(cb.TRUE_WORDS)
    inc["people"] = inc["people"].astype(int)
    for col in ("killed", "injured"):
        inc[col] = pd.to_numeric(inc[col].replace("", None)).astype("Int64")
    inc["year"] = inc["date"].dt.year.astype(int)
    inc["month"] = inc["date"].dt.strftime("%Y-%m")
    inc["area"] = inc["nis_code"].map(area_of)
    # the province's NIS code as text ('04000' keeps its zero), by our rule on the NIS code
    inc["province"] = inc["nis_code"].map(lambda c: province_of(str(c)) or "")
    return inc


def _type_people(raw: pd.DataFrame) -> pd.DataFrame:
    people = raw.copy()
    for col in cb.PEOPLE:
        if col.name not in people:
            people[col.name] = ""
    return people
