"""Checks that answer at once, before a file is parsed: size, header width, workbook archive.

A 200 MB file, a header of a million columns, a truncated or password-protected workbook or a
zip bomb each get one line naming the file, without reading the whole of it into memory.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

from data.problems import Problem

MAX_COLUMNS = 200  # the codebook has 17 columns in its widest table; extra columns are kept
MAX_HEADER_BYTES = 1024 * 1024
MAX_FILE_MB_ENV = "BEEXPLORER_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # an .xlsx unpacks to at most this
MAX_PACK_RATIO = 200  # unpacked / packed: real workbooks stay under 30


def max_file_bytes() -> int:
    """The largest file read (BEEXPLORER_MAX_FILE_MB, default 1024 MB)."""
    raw = os.environ.get(MAX_FILE_MB_ENV, "")
    return int(raw) * 1024 * 1024 if raw.isdigit() else DEFAULT_MAX_FILE_MB * 1024 * 1024


def too_large(file: Path, label: str) -> Problem | None:
    size = file.stat().st_size
    limit = max_file_bytes()
    if size > limit:
        return Problem(label, 0, "", f"file is {size / 1e6:,.0f} MB, more than the "
                       f"{limit / 1e6:,.0f} MB this app reads (set {MAX_FILE_MB_ENV} to raise it)")
    return None


def csv_header_problem(file: Path, label: str) -> Problem | None:
    """Reads only the header row: too long, too many columns, or not text."""
    with open(file, "rb") as fh:
        head = fh.read(MAX_HEADER_BYTES + 1)
    end = head.find(b"\n")
    if end < 0 and len(head) > MAX_HEADER_BYTES:
        return Problem(label, 1, "", f"header row is longer than {MAX_HEADER_BYTES:,} bytes")
    line = head[: end if end >= 0 else len(head)]
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Problem(label, 1, "", "is not UTF-8 text (save it as CSV UTF-8)")
    columns = next(csv.reader(io.StringIO(text)), [])
    if len(columns) > MAX_COLUMNS:
        return Problem(label, 1, "", f"header has {len(columns):,} columns; at most "
                       f"{MAX_COLUMNS} are read")
    return None


def workbook_problem(file: Path) -> Problem | None:
    """An .xlsx is a zip archive: check it is one, is not encrypted, and unpacks to a sane size."""
    with open(file, "rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return Problem(file.name, 0, "", "workbook is password-protected (or an old .xls): "
                       "save it without a password as .xlsx")
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return Problem(file.name, 0, "", "is not a readable .xlsx workbook (truncated or damaged?)")
    packed = max(1, sum(e.compress_size for e in entries))
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_PACK_RATIO:
        return Problem(file.name, 0, "", f"workbook unpacks to {unpacked / 1e6:,.0f} MB from "
                       f"{packed / 1e6:,.1f} MB; refused (more than {MAX_UNPACKED_BYTES / 1e6:,.0f}"
                       f" MB or {MAX_PACK_RATIO}x)")
    if not any(e.filename.startswith("xl/worksheets/") for e in entries):
        return Problem(file.name, 0, "", "is a zip archive but not an .xlsx workbook")
    return None


def sheet_width_problem(file: Path, label: str, frame_columns: int) -> Problem | None:
    if frame_columns > MAX_COLUMNS:
        return Problem(label, 1, "", f"header has {frame_columns:,} columns; at most "
                       f"{MAX_COLUMNS} are read")
    return None
