"""Places: NIS codes, the study's city groups, and a small gazetteer of our own."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BRUSSELS = tuple(f"210{i:02d}" for i in range(1, 20))  # the Brussels-Capital Region's 19
CHARLEROI = ("52011",)
ANTWERP = ("11002",)
GROUPS: dict[str, tuple[str, ...]] = {
    "brussels": BRUSSELS,
    "charleroi": CHARLEROI,
    "antwerp": ANTWERP,
}
GROUP_NAMES = {
    "brussels": {
        "en": "Brussels-Capital Region",
        "fr": "Région de Bruxelles-Capitale",
        "nl": "Brussels Hoofdstedelijk Gewest",
    },
    "charleroi": {"en": "Charleroi", "fr": "Charleroi", "nl": "Charleroi"},
    "antwerp": {"en": "Antwerp", "fr": "Anvers", "nl": "Antwerpen"},
    "elsewhere": {
        "en": "elsewhere in Belgium",
        "fr": "ailleurs en Belgique",
        "nl": "elders in België",
    },
}
# The ten provinces and the Brussels-Capital Region, by their NIS codes, with their names: each
# says it is the province, never the city of Antwerp or the map's Antwerp area
PROVINCES: dict[str, dict[str, str]] = {
    "04000": {"en": "Brussels-Capital Region (province level)",
              "fr": "Région de Bruxelles-Capitale (niveau provincial)",
              "nl": "Brussels Hoofdstedelijk Gewest (provinciaal niveau)"},
    "10000": {"en": "Province of Antwerp", "fr": "Province d'Anvers",
              "nl": "Provincie Antwerpen"},
    "20001": {"en": "Province of Flemish Brabant", "fr": "Province du Brabant flamand",
              "nl": "Provincie Vlaams-Brabant"},
    "20002": {"en": "Province of Walloon Brabant", "fr": "Province du Brabant wallon",
              "nl": "Provincie Waals-Brabant"},
    "30000": {"en": "Province of West Flanders", "fr": "Province de Flandre-Occidentale",
              "nl": "Provincie West-Vlaanderen"},
    "40000": {"en": "Province of East Flanders", "fr": "Province de Flandre-Orientale",
              "nl": "Provincie Oost-Vlaanderen"},
    "50000": {"en": "Province of Hainaut", "fr": "Province de Hainaut",
              "nl": "Provincie Henegouwen"},
    "60000": {"en": "Province of Liège", "fr": "Province de Liège", "nl": "Provincie Luik"},
    "70000": {"en": "Province of Limburg", "fr": "Province de Limbourg",
              "nl": "Provincie Limburg"},
    "80000": {"en": "Province of Luxembourg", "fr": "Province de Luxembourg",
              "nl": "Provincie Luxemburg"},
    "90000": {"en": "Province of Namur", "fr": "Province de Namur", "nl": "Provincie Namen"},
}
# The province of a municipality, by our own rule on its NIS code (not from a boundary file):
# its first two digits where they say it (21 Brussels, 23/24 Flemish Brabant, 25 Walloon
# Brabant), else its first digit
_PROVINCE_BY_PREFIX = {"21": "04000", "23": "20001", "24": "20001", "25": "20002"}


def in_panel(nis_code: str, panel: str) -> bool:
    """Brussels: the 19 communes; Charleroi / Antwerp: their arrondissements; Belgium: all."""
    prefix = {"brussels": "21", "charleroi": "52", "antwerp": "11"}.get(panel)
    return prefix is None or nis_code.startswith(prefix)


def province_of(nis_code: str) -> str | None:
    """The province (or the Brussels-Capital Region) of a municipality; None if the code names
    none (not five digits, or a first digit no province has)."""
    if len(nis_code) != 5 or not nis_code.isdigit():
        return None
    code = _PROVINCE_BY_PREFIX.get(nis_code[:2], f"{nis_code[0]}0000")
    return code if code in PROVINCES else None


def map_area(codes, panel: str, provinces=()) -> tuple[list[str], bool]:
    """The municipalities (of codes, in their order) the map shows, and whether it drilled down:
    the panel's, within the provinces filtered on; where the panel holds none of them, the
    provinces' own municipalities (the map zooms to them: drilled down, True)."""
    shown = [c for c in codes if in_panel(c, panel)]
    if not provinces:
        return shown, False
    inside = [c for c in shown if province_of(c) in provinces]
    if inside and len(inside) == len(shown):
        return shown, False
    return (inside, True) if inside else ([c for c in codes if province_of(c) in provinces], True)


# The 43 arrondissements of 2019: a NIS code's first two digits name one of them.
ARRONDISSEMENTS = frozenset(
    "11 12 13 21 23 24 25 31 32 33 34 35 36 37 38 41 42 43 44 45 46 51 52 53 55 56 57 58 "
    "61 62 63 64 71 72 73 81 82 83 84 85 91 92 93".split()  # noqa: SIM905
)
GAZETTEER = Path(__file__).with_name("places.csv")


@dataclass(frozen=True)
class Place:
    """A municipality we know by name without any boundary file."""

    nis_code: str
    name_fr: str
    name_nl: str
    name_en: str
    area: str
    tile: tuple[int, int] | None
    lonlat: tuple[float, float]
    short: tuple[str, str] = ("", "")  # French, Dutch: what a schematic map's tile holds
    label: str = "top center"  # where a schematic map writes a town's name beside its dot

    def name(self, lang: str = "en") -> str:
        if lang == "nl":
            return self.name_nl
        if lang == "fr":
            return self.name_fr
        return self.name_en or bilingual(self.name_fr, self.name_nl)

    def map_name(self, lang: str = "en") -> str:
        """One name to write on a map: the page's language, in English the name in use
        (Antwerp) or the place's own (Leuven, Liège; French for Brussels' communes); a tile
        holds its short form (Molenbeek)."""
        dutch = lang == "nl" or (lang == "en" and local_language(self.nis_code) == "nl")
        if self.tile:
            return _two_lines((self.short[1] if dutch else self.short[0]) or self.name(lang))
        if lang == "en" and self.name_en:
            return self.name_en
        return self.name_nl if dutch else self.name_fr


def _two_lines(name: str, width: int = 10) -> str:
    """A tile's name longer than width broken after the hyphen nearest its middle
    ('St-L-\\nWoluwe'): the tiles' labels are sized to fit their longest line."""
    cuts = [i + 1 for i, ch in enumerate(name) if ch == "-"]
    if len(name) <= width or not cuts:
        return name
    cut = min(cuts, key=lambda i: abs(i - len(name) / 2))
    return f"{name[:cut]}\n{name[cut:]}"


def local_language(nis_code: str) -> str:
    """'nl' in Flanders, 'fr' in Wallonia and (for its names on a map) in Brussels."""
    return "nl" if nis_code[:1] in "1347" or nis_code[:2] in ("23", "24") else "fr"


def bilingual(name_fr: str, name_nl: str) -> str:
    """'Molenbeek-Saint-Jean / Sint-Jans-Molenbeek', or one name where both are the same."""
    return name_fr if name_fr == name_nl else f"{name_fr} / {name_nl}"


@cache
def gazetteer() -> dict[str, Place]:
    """Our own list of the places the study names (not derived from any boundary file)."""
    with GAZETTEER.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {
        r["nis_code"]: Place(
            r["nis_code"],
            r["name_fr"],
            r["name_nl"],
            r["name_en"],
            r["area"],
            (int(r["tile_col"]), int(r["tile_row"])) if r["tile_col"] else None,
            (float(r["lon"]), float(r["lat"])),
            (r["short_fr"], r["short_nl"]),
            r["label"] or "top center",
        )
        for r in rows
    }


def area_of(nis_code: str) -> str:
    """The study's place group: brussels, charleroi, antwerp or elsewhere."""
    for group, codes in GROUPS.items():
        if nis_code in codes:
            return group
    return "elsewhere"


def is_wellformed_nis(code: str) -> bool:
    """Five digits whose first two name a 2019 arrondissement."""
    return len(code) == 5 and code.isdigit() and code[:2] in ARRONDISSEMENTS
