"""`python -m data ...`: validate, figures, reconstruct, codebook, geometry fetch, generate."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from data import catalogues, codebook, geography
from data.load import BUNDLED, load
from data.problems import DatasetError
from data.study import compare as study
from data.study import reconstruct
from data.synthetic import write_synthetic

CODEBOOK_PAGE = Path(__file__).resolve().parents[1] / "docs" / "codebook.md"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m data", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a dataset; one line per problem")
    v.add_argument("path", type=Path)
    v.add_argument("--boundaries", type=Path, help="boundary file whose NIS codes are real")
    f = sub.add_parser("figures", help="the study's figures computed from a dataset")
    f.add_argument("--data", type=Path, default=BUNDLED)
    f.add_argument("--json", action="store_true")
    f.add_argument("--reference", type=Path, default=study.REFERENCE)
    r = sub.add_parser("reconstruct", help="write the bundled reconstruction")
    r.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("codebook", help="write the codebook page")
    c.add_argument("--out", type=Path, default=CODEBOOK_PAGE)
    g = sub.add_parser("geometry", help="municipality boundaries")
    gsub = g.add_subparsers(dest="action", required=True)
    fetch = gsub.add_parser("fetch", help="download the pinned boundary file into the cache")
    fetch.add_argument("--url", default=geography.BOUNDARY_URL)
    fetch.add_argument("--cache", type=Path, default=None)
    gen = sub.add_parser("generate", help="a large synthetic dataset, for benchmarks")
    gen.add_argument("--incidents", type=int, default=100_000)
    gen.add_argument("--out", type=Path, required=True)
    i = sub.add_parser("i18n", help="the French and Dutch message catalogues")
    i.add_argument("action", choices=("check", "update"))
    return p


def _i18n(args) -> int:
    if args.action == "update":
        catalogues.update()
    gaps = catalogues.missing()
    for lang, messages in gaps.items():
        for message in messages:
            print(f"{catalogues.po_path(lang).relative_to(catalogues.ROOT)}: no translation "
                  f"of {message!r}")
    print(", ".join(f"{lang}: {len(m)} untranslated" for lang, m in gaps.items()),
          file=sys.stderr)
    return 1 if any(gaps.values()) else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return COMMANDS[args.command](args)


def _validate(args) -> int:
    started = time.perf_counter()
    register = geography.municipality_codes(args.boundaries)
    try:
        d = load(args.path, register)
    except DatasetError as err:
        print(err.report())
        print(f"{err.total:,} problem(s) in {args.path}", file=sys.stderr)
        return 1
    checked = "boundary register" if register else "arrondissement codes (no boundary file)"
    print(
        f"valid: {len(d.incidents)} incidents, {len(d.people)} people, "
        f"{len(d.networks)} networks; NIS codes checked against {checked}; "
        f"{time.perf_counter() - started:.2f} s"
    )
    return 0


def _figures(args) -> int:
    try:
        d = load(args.data)
    except DatasetError as err:
        print(err.report())
        return 1
    ref = study.reference_figures(args.reference) if args.reference.exists() else {}
    rows = study.compare(d, ref)
    if args.json:
        print(json.dumps({r.id: r.computed for r in rows}, ensure_ascii=False, indent=1))
        return 0
    print(f"{'figure':<66} {'computed':>22} {'reference':>22}  status")
    for r in rows:
        comp = _show(r.computed, r.computed_pct)
        note = f" (conflicts with {r.conflicts_with})" if r.conflicts_with else ""
        print(f"{r.id:<66} {comp:>22} {_show(r.reference, r.reference_pct):>22}  {r.status}{note}")
    return 0


def _show(value, pct) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
    if len(text) > 22:
        text = text[:19] + "..."
    return text + (f" ({pct:g}%)" if pct is not None else "")


def _reconstruct(args) -> int:
    for path in reconstruct.write(args.out):
        print(path)
    return 0


def _codebook(args) -> int:
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(codebook.markdown() + "\n", encoding="utf-8")
    print(args.out)
    return 0


def _geometry(args) -> int:
    try:
        path = geography.fetch(args.url, args.cache)
    except geography.FetchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"boundary file ready: {path}")
    return 0


def _generate(args) -> int:
    print(write_synthetic(args.out, args.incidents))
    return 0


COMMANDS = {
    "validate": _validate,
    "i18n": _i18n,
    "figures": _figures,
    "reconstruct": _reconstruct,
    "codebook": _codebook,
    "geometry": _geometry,
    "generate": _generate,
}
