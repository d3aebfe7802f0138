"""Compute every registered figure and set it beside the reference file's value."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from data.load import Dataset
from data.study import published_people as figures_people  # noqa: F401  (registers the people figures)
from data.study.published import ERRATA, PCT, REGISTRY

REFERENCE = (
    Path(__file__).resolve().parents[3] / "shared" / "reference" / ("published-figures.yaml")
)


@dataclass(frozen=True)
class Row:
    """One figure: computed value (and share), the reference value, and whether they agree."""

    id: str
    computed: object
    computed_pct: float | None
    reference: object = None
    reference_pct: float | None = None
    kind: str = ""
    status: str = "computed"  # computed | match | conflict | differs | erratum | not computable
    conflicts_with: str = ""  # a figure of the reference that this one contradicts
    basis: str = ""  # how the reference file says the figure is counted
    page: str = ""  # where the study prints it, when the reference file says


def compute(d: Dataset) -> dict[str, object]:
    """id -> value for every figure the incident and people tables can give."""
    return {fid: fn(d) for fid, fn in REGISTRY.items()}


def reference_figures(path: Path = REFERENCE) -> dict[str, dict]:
    """The study's figures by id, from published-figures.yaml (OSError when it is absent)."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {item["id"]: item for item in doc["ctc"]}


def pct_agrees(computed: float, printed: float) -> bool:
    """A printed share agrees when it is the computed share rounded, or truncated ('more than')."""
    decimals = len(str(printed).split(".")[1]) if "." in str(printed) else 0
    return round(computed, decimals) == printed or math.floor(computed) == printed


def compare(d: Dataset, reference: dict[str, dict] | None = None) -> list[Row]:
    """Computed figures beside the reference, in the reference file's order."""
    reference = reference or {}
    computed = compute(d)
    rows = []
    for fid in list(reference) + [f for f in computed if f not in reference]:
        if fid not in computed:
            ref = reference[fid]
            rows.append(Row(fid, None, None, ref.get("value"), ref.get("pct"),
                            ref.get("kind", ""), "not computable",
                            ref.get("conflicts_with", ""), ref.get("basis", ""),
                            str(ref.get("page", ""))))
            continue
        ref = reference.get(fid, {})
        pct = PCT[fid](d) if fid in PCT else None
        status = "computed"
        if ref:
            agrees = _accepted(computed[fid], ref) and (
                pct is None or "pct" not in ref or pct_agrees(pct, ref["pct"])
            )
            printed = _same(computed[fid], ref["value"]) and (
                pct is None or "pct" not in ref or pct_agrees(pct, ref["pct"]))
            # agreeing only with a value the reference accepts because the study contradicts
            # itself is not a match: the status says that the study conflicts
            status = ("erratum" if fid in ERRATA else "match" if printed else "conflict"
                      if agrees else "differs")
        rows.append(
            Row(
                fid,
                computed[fid],
                pct,
                ref.get("value"),
                ref.get("pct"),
                ref.get("kind", ""),
                status,
                ref.get("conflicts_with", ""),
                ref.get("basis", ""),
                str(ref.get("page", "")),
            )
        )
    return rows


def _accepted(computed: object, ref: dict) -> bool:
    """The printed value, or one the reference file lists under `accept` (a known conflict)."""
    return _same(computed, ref["value"]) or any(_same(computed, a) for a in ref.get("accept", ()))


def _same(computed: object, reference: object) -> bool:
    if isinstance(reference, list):
        norm = lambda v: sorted(sorted(x) if isinstance(x, list) else x for x in v)  # noqa: E731
        return isinstance(computed, list) and norm(computed) == norm(reference)
    if isinstance(reference, dict):
        return isinstance(computed, dict) and {str(k): v for k, v in computed.items()} == {
            str(k): v for k, v in reference.items()
        }
    return computed == reference
