"""`python app.py bundle --out FILE.html [--data PATH] [--lang en|fr|nl]`: the dashboard in one
file (components/offline/bundle.py), for a briefing room with no network or a laptop with no
Python. Says what it wrote, how large and with which digest; a problem in one line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components.offline import bundle
from components.runtime import install, load_app_data
from data import i18n

LARGE = 20_000_000  # bytes: above, the file is too large to mail (it is written all the same)


def _data_arguments(p: argparse.ArgumentParser) -> None:
    """The data the file is made of, named as `python app.py` names them."""
    p.add_argument("--data", help="dataset folder, .xlsx or Parquet folder (default: bundled)")
    p.add_argument("--boundaries", help="boundary file (default: the cached download)")
    p.add_argument("--boundary-id", help="column of the boundary file holding NIS codes")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python app.py bundle",
                                description="the dashboard in one HTML file, for offline use")
    p.add_argument("--out", required=True, help="the file to write (e.g. explorer.html)")
    _data_arguments(p)
    p.add_argument("--lang", default=None, choices=i18n.LANGS,
                   help="the language it opens in (all three are in the file; default: the "
                        "reader's browser language, else English)")
    args = p.parse_args(argv)
    out = Path(args.out)
    if not out.parent.is_dir():
        print(f"bundle: cannot write {out}: no folder {out.parent}", file=sys.stderr)
        return 2
    data = load_app_data(args.data, args.boundaries, args.boundary_id)
    install(data)
    try:
        size = bundle.write(data, out, args.lang)
    except OSError as err:
        print(f"bundle: cannot write {out}: {err.strerror or err}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({size / 1e6:.2f} MB; {len(data.dataset.incidents):,} incidents, "
          f"{'map outlines' if data.munis is not None else 'schematic map, no boundary file'}"
          f"; payload SHA-256 {bundle.digest(data)})")
    if size > LARGE:
        print(f"bundle: {out} is {size / 1e6:.0f} MB: too large to mail (most mail stops at "
              f"20-25 MB); share it on a drive or use build-static on a web host",
              file=sys.stderr)
    return 0


def build_static(argv: list[str]) -> int:
    """`python app.py build-static --out DIR`: the dashboard as a folder of static files, a page
    per language (index.html in English, fr/ and nl/ beside it) and embed pages per main chart
    (embed/<chart>.html), with their data and scripts as files, for any static host or CDN: no
    application server."""
    p = argparse.ArgumentParser(prog="python app.py build-static",
                                description="the dashboard as static files, for any web host")
    p.add_argument("--out", required=True, help="the folder to write (made if missing)")
    _data_arguments(p)
    args = p.parse_args(argv)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"build-static: {out} is a file, not a folder", file=sys.stderr)
        return 2
    data = load_app_data(args.data, args.boundaries, args.boundary_id)
    install(data)
    try:
        written = bundle.write_static(data, out)
    except OSError as err:
        print(f"build-static: cannot write into {out}: {err.strerror or err}", file=sys.stderr)
        return 2
    pages = [(page, size) for page, size in written if page.suffix == ".html"]
    print(f"wrote {len(written)} files into {out} ({sum(s for _p, s in written) / 1e6:.2f} MB): "
          f"{len(pages)} pages (the dashboard in each language and an embed page per main "
          f"chart), their data and scripts")
    for page, size in pages:
        print(f"  {page.relative_to(out)} ({size / 1e3:.0f} kB)")
    print(f"payload SHA-256 {bundle.digest(data)}; serve the folder as it is (e.g. python -m "
          f"http.server --directory {out})")
    return 0
