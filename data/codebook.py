"""The codebook: every column of every table, one source for validation, docs and the UI."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

INCIDENT_TYPES = ("arrest_action", "attack")
CONNECTIONS = ("linked", "inspired")
LINK_TYPES = ("local_cell", "deployed_operative", "both", "unknown")
DATE_PRECISIONS = ("day", "month", "year")
SOURCE_TYPES = ("public_record", "reconstructed", "coded")
ROLES = ("arrested", "attacker")
WEAPONS = ("firearm", "explosive_tatp", "explosive_other", "bladed", "vehicle", "other")
TARGETS = ("police", "military", "transport", "public_event", "public_space", "religious", "other")
TRUE_WORDS = ("true", "yes", "1", "y")
FALSE_WORDS = ("false", "no", "0", "n")

# Alpha-2 codes: ISO 3166-1 plus XK (Kosovo), the user-assigned code in common use.
COUNTRIES = {
    "AF": "Afghanistan",
    "AL": "Albania",
    "DZ": "Algeria",
    "BA": "Bosnia and Herzegovina",
    "BE": "Belgium",
    "CD": "DR Congo",
    "DE": "Germany",
    "EG": "Egypt",
    "ES": "Spain",
    "FR": "France",
    "GB": "United Kingdom",
    "IQ": "Iraq",
    "IT": "Italy",
    "JO": "Jordan",
    "LB": "Lebanon",
    "LY": "Libya",
    "MA": "Morocco",
    "MK": "North Macedonia",
    "NL": "Netherlands",
    "PK": "Pakistan",
    "PS": "Palestine",
    "RS": "Serbia",
    "RU": "Russia",
    "SA": "Saudi Arabia",
    "SE": "Sweden",
    "SO": "Somalia",
    "SY": "Syria",
    "TN": "Tunisia",
    "TR": "Turkey",
    "US": "United States",
    "XK": "Kosovo",
    "LU": "Luxembourg",
    "DK": "Denmark",
    "AT": "Austria",
    "CH": "Switzerland",
    "GE": "Georgia",
    "TJ": "Tajikistan",
    "UZ": "Uzbekistan",
    "CM": "Cameroon",
    "SN": "Senegal",
    "GN": "Guinea",
    "ML": "Mali",
    "MR": "Mauritania",
    "NO": "Norway",
    "FI": "Finland",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "BG": "Bulgaria",
    "CZ": "Czechia",
    "GR": "Greece",
    "IE": "Ireland",
    "IR": "Iran",
    "KZ": "Kazakhstan",
    "AZ": "Azerbaijan",
    "AM": "Armenia",
    "CN": "China",
    "IN": "India",
    "BD": "Bangladesh",
    "ID": "Indonesia",
    "MY": "Malaysia",
    "PH": "Philippines",
    "NG": "Nigeria",
    "ER": "Eritrea",
    "ET": "Ethiopia",
    "SD": "Sudan",
    "YE": "Yemen",
    "KW": "Kuwait",
    "QA": "Qatar",
    "AE": "United Arab Emirates",
    "OM": "Oman",
    "BH": "Bahrain",
    "CA": "Canada",
    "AU": "Australia",
    "BR": "Brazil",
    "CO": "Colombia",
    "HR": "Croatia",
    "SI": "Slovenia",
    "HU": "Hungary",
    "SK": "Slovakia",
    "UA": "Ukraine",
    "BY": "Belarus",
    "ME": "Montenegro",
    "CY": "Cyprus",
    "MT": "Malta",
    "IL": "Israel",
    "CI": "Côte d'Ivoire",
}


@dataclass(frozen=True)
class Column:
    """One column of the codebook."""

    name: str
    kind: str  # text | date | choice | choices | bool | int | nis | id | countries | country | ref
    required: bool
    meaning: str
    example: str
    allowed: tuple[str, ...] = ()
    default: str = ""


INCIDENTS = (
    Column("incident_id", "id", True, "Unique id of the incident.", "BE-2015-0007"),
    Column(
        "date",
        "date",
        True,
        "Date of the arrest action or attack, YYYY-MM-DD. With month "
        "or year precision, use the first day of the month or year.",
        "2015-01-15",
    ),
    Column(
        "date_precision", "choice", False, "How precise the date is.", "day", DATE_PRECISIONS, "day"
    ),
    Column(
        "incident_type",
        "choice",
        True,
        "Arrest action (one police operation, one date, one "
        "place, one or more people arrested) or attack.",
        "arrest_action",
        INCIDENT_TYPES,
    ),
    Column(
        "connection",
        "choice",
        True,
        "linked: a direct tie to IS members in Syria/Iraq; "
        "inspired: no such tie proven, acting on IS propaganda.",
        "linked",
        CONNECTIONS,
    ),
    Column(
        "link_type",
        "choice",
        False,
        "For linked incidents, how the tie runs: a local cell "
        "supported from Syria/Iraq, an operative deployed by IS, both, or unknown. Required "
        "when linked, empty when inspired.",
        "local_cell",
        LINK_TYPES,
    ),
    Column(
        "plot",
        "bool",
        True,
        "The arrest action revealed evidence of a planned attack. true/false, yes/no or 1/0.",
        "false",
    ),
    Column(
        "nis_code",
        "nis",
        True,
        "Statbel NIS code of the municipality (5 digits, 2019 boundaries).",
        "21012",
    ),
    Column(
        "people",
        "int",
        True,
        "People arrested (arrest action) or attackers (attack); an "
        "integer of 0 or more, at least 1 for an attack.",
        "2",
    ),
    Column("killed", "int", False, "Victims killed (attackers not counted).", "0"),
    Column("injured", "int", False, "Victims injured.", "2"),
    Column(
        "weapon", "choices", False, "Weapons used or found, separated by ';'.", "bladed", WEAPONS
    ),
    Column(
        "target",
        "choices",
        False,
        "Targets attacked or planned, separated by ';'.",
        "police",
        TARGETS,
    ),
    Column(
        "networks",
        "text",
        False,
        "Named networks the incident belongs to, separated by "
        "';'; each must be in the networks table.",
        "Paris cell;Brussels cell",
    ),
    Column(
        "contact_ref",
        "ref",
        False,
        "An opaque reference shared by incidents tied to the same facilitator or recruiter "
        "(a person outside the named networks): letters, digits, '-', '_' or '.', at most 32, "
        "no spaces. Never a name.",
        "R-01",
    ),
    Column(
        "source_type",
        "choice",
        False,
        "Provenance of the record: public_record (details "
        "widely published), reconstructed (generated to match published aggregates) or "
        "coded (from a coder's own sources).",
        "coded",
        SOURCE_TYPES,
        "coded",
    ),
    Column(
        "description",
        "text",
        False,
        "What happened, without names of people.",
        "Police raid on a safe house",
    ),
    Column("description_fr", "text", False,
           "The description in French (shown on the French page; else description).",
           "Descente de police dans une planque"),
    Column("description_nl", "text", False,
           "The description in Dutch (shown on the Dutch page; else description).",
           "Politie-inval in een schuiladres"),
    Column("sources", "text", False, "Where the record comes from.", "CTC 2018, p. 12"),
)

PEOPLE = (
    Column("person_id", "id", True, "Unique anonymous id of the person.", "P-0001"),
    Column(
        "incident_id",
        "text",
        True,
        "The incident the person was arrested in or carried "
        "out; must exist in the incidents table.",
        "BE-2015-0007",
    ),
    Column("role", "choice", True, "Arrested or attacker.", "arrested", ROLES),
    Column(
        "citizenship",
        "countries",
        False,
        "Citizenships as alpha-2 codes separated by ';' (dual citizens have two); empty = unknown.",
        "BE;MA",
    ),
    Column("birth_country", "country", False, "Country of birth, alpha-2; empty = unknown.", "BE"),
    Column(
        "heritage",
        "countries",
        False,
        "Family heritage (countries of family roots), alpha-2 separated by ';'; empty = unknown.",
        "MA",
    ),
)

NETWORKS = (
    Column("network", "id", True, "Unique name of the network.", "Verviers cell"),
    Column(
        "cluster",
        "text",
        False,
        "Larger circle the network belongs to, if any.",
        "Paris-Brussels circle",
    ),
    Column(
        "description",
        "text",
        False,
        "What the network was, without names of people.",
        "Cell dismantled in January 2015",
    ),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "incidents": INCIDENTS,
    "people": PEOPLE,
    "networks": NETWORKS,
}


def split(s: pd.Series) -> pd.Series:
    """';'-separated codes or names as lists, stripped (empty cell = empty list)."""
    return s.fillna("").map(lambda v: [p.strip() for p in v.split(";") if p.strip()])


def explode_codes(s: pd.Series) -> pd.Series:
    """Every ';'-separated code or name of a column, one per row, keeping the row's index
    (vectorised: no Python call per row; empty cells give nothing)."""
    s = s.fillna("").astype(str).str.strip()
    several = s.str.contains(";", regex=False).to_numpy(dtype=bool)
    single = s[~several & (s != "").to_numpy(dtype=bool)]  # most cells: no split needed
    parts = s[several].str.split(";").explode().str.strip()
    return pd.concat([single, parts[parts != ""]])


def has_code(s: pd.Series, code: str) -> pd.Series:
    """Whether a column of validated ';'-separated two-letter codes holds code (exact: a
    two-letter code cannot straddle a ';')."""
    return s.fillna("").astype(str).str.contains(code, regex=False).astype(bool)


def moroccan_connected(people: pd.DataFrame) -> pd.Series:
    """Born in Morocco, Moroccan citizen, or Moroccan family roots."""
    return (
        has_code(people["citizenship"], "MA")
        | (people["birth_country"] == "MA").astype(bool)
        | has_code(people["heritage"], "MA")
    )


def markdown() -> str:
    """The codebook as a Markdown page (docs/codebook.md is generated from it)."""
    out = [
        "# Codebook",
        "",
        "Generated from `data/codebook.py` by `python -m data codebook`; do not edit by hand.",
        "",
        "A dataset is a folder of CSV files (`incidents.csv`, `people.csv`, `networks.csv`), "
        "one .xlsx workbook with one sheet per table (sheets named `incidents`, `people`, "
        "`networks`), or a folder of Parquet files with the same names. Columns not listed "
        "here are kept as they are. Empty cells mean *unknown* or *not applicable*.",
        "",
    ]
    for table, cols in TABLES.items():
        out += [
            f"## {table}",
            "",
            "| column | type | required | allowed values | meaning | example |",
            "|---|---|---|---|---|---|",
        ]
        for c in cols:
            allowed = " \\| ".join(c.allowed) if c.allowed else _kind_note(c.kind)
            default = f" Default `{c.default}`." if c.default else ""
            out.append(
                f"| `{c.name}` | {c.kind} | {'yes' if c.required else 'no'} | "
                f"{allowed} | {c.meaning}{default} | `{c.example}` |"
            )
        out.append("")
    return "\n".join(out)


def _kind_note(kind: str) -> str:
    return {
        "date": "YYYY-MM-DD",
        "bool": "true/false, yes/no, 1/0",
        "int": "integer ≥ 0",
        "nis": "5-digit NIS code of a Belgian municipality",
        "id": "unique, non-empty",
        "countries": "alpha-2 codes separated by `;`",
        "country": "one alpha-2 code",
        "ref": "opaque reference, e.g. `R-01`",
    }.get(kind, "text")
