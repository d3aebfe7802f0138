"""The briefing pack, opened as its reader would: the PDF's pages and text, the QR code read
back, every chart's images, the workbook, the README."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from components.exports import pack as briefing
from data.filters import Filters

LINK = "http://127.0.0.1:8050/?place=brussels&type=attack"
OPTIONS = {"freq": "year", "by": "connection", "events": False, "metric": "incidents",
           "panel": "brussels"}


@pytest.fixture(scope="module")
def pack(app_data, tmp_path_factory):
    f = Filters.from_query("place=brussels&type=attack", app_data.vocabulary)
    folder = tmp_path_factory.mktemp("pack")
    body = briefing.pack(app_data, f, OPTIONS, LINK)
    (folder / "pack.zip").write_bytes(body)
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        z.extractall(folder)
        names = set(z.namelist()) - {"pack.zip"}
    return folder, names


def test_a_pack_drawn_again_is_the_same_bytes_dated_its_day(pack, app_data):
    """A cached pack must not lie: its bytes follow from the view and the day alone (no random
    SVG ids, no PDF time to the second, every ZIP entry and the workbook dated the day)."""
    folder, _ = pack
    first = (folder / "pack.zip").read_bytes()
    f = Filters.from_query("place=brussels&type=attack", app_data.vocabulary)
    again = briefing.pack(app_data, f, OPTIONS, LINK)
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(again)) as b:
        changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
        assert changed == []
        day = date.today()
        assert {i.date_time for i in a.infolist()} == {(day.year, day.month, day.day, 0, 0, 0)}
    assert again == first
    with zipfile.ZipFile(folder / "data.xlsx") as book:
        core = book.read("docProps/core.xml").decode()
        assert core.count(f"{day.isoformat()}T00:00:00Z") == 2  # created and modified
        assert {i.date_time[:3] for i in book.infolist()} == {(day.year, day.month, day.day)}


# what the three attacks in Brussels draw: no arrest action (the network charts count them)
# and too few people for citizenship or birthplace; the rest is left out, and said so
DRAWN = ("shares", "timeline", "map", "people-heritage")


def test_the_pack_holds_every_chart_the_pdf_the_data_and_a_readme(pack):
    _, names = pack
    assert names == {"briefing.pdf", "data.xlsx", "README.txt"} | {
        f"charts/{c}.{ext}" for c in DRAWN for ext in ("png", "svg")}


def test_the_pdf_has_a_cover_and_one_page_per_chart_with_something_to_draw(pack):
    folder, _ = pack
    reader = PdfReader(folder / "briefing.pdf")
    assert len(reader.pages) == 1 + len(DRAWN)
    cover = " ".join(reader.pages[0].extract_text().replace("\ufb01", "fi").split())
    for text in ("Briefing pack", "Attacks, Brussels-Capital Region", "Incidents: 3",
                 "Bundled dataset (reconstructed), version 1.2", "Van Ostaeyen", LINK,
                 "Provenance: public record: 3", "the people's attributes are reconstructed",
                 "Not in this pack: Arrest actions per named network · How the networks "
                 "connect · When each network was active · Citizenship"):
        assert text in cover, text
    assert "Linked or inspired?" in reader.pages[1].extract_text()
    for page in reader.pages[1:]:  # no page prints the screen's way out of an empty view
        assert "Remove a filter" not in page.extract_text()


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="poppler-utils and zbar-tools are installed by make test")
def test_the_qr_code_on_the_cover_reads_back_as_the_permalink(pack, tmp_path):
    folder, _ = pack
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png",
                    str(folder / "briefing.pdf"), str(tmp_path / "cover")], check=True)
    page = next(tmp_path.glob("cover*.png"))
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(page)], capture_output=True,
                          text=True)
    assert read.stdout.strip() == LINK


def test_the_workbook_and_readme(pack):
    folder, _ = pack
    book = openpyxl.load_workbook(folder / "data.xlsx")
    assert {"shares", "timeline", "map", "networks", "citizenship", "rows in view", "filters",
            "about"} <= set(book.sheetnames)
    assert book["rows in view"].max_row == 1 + 3  # the three attacks in Brussels
    readme = (folder / "README.txt").read_text()
    assert LINK in readme and "Beyond the Caliphate" in readme and "reconstruction" in readme
    assert "Of 0 arrest actions" not in readme and "No arrest actions; of 3 attacks" in readme


def test_a_comparisons_pack_carries_both_slices_in_every_part(app_data, tmp_path):
    """/export/pack.zip with vs.: the cover names both slices with their figures, intervals and
    verdicts; every chart draws both; the workbook has the key figures, a column per slice and
    the rows of both saying which slice; the README names both."""
    from data import compare as cmp
    link = "http://127.0.0.1:8050/?type=arrest_action&vs.type=attack&lang=en"
    a, c = cmp.slices({"type": "arrest_action", "vs.type": "attack"}, app_data.vocabulary)
    body = briefing.pack(app_data, a, OPTIONS, link, None, c)
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        z.extractall(tmp_path)
    reader = PdfReader(tmp_path / "briefing.pdf")
    assert len(reader.pages) == 1 + len(briefing.PACK_CHARTS)
    cover = reader.pages[0].extract_text().replace("\ufb01", "fi")
    for text in ("Arrest actions against Attacks", "A · Arrest actions:", "B · Attacks:",
                 "Incidents: 103", "Incidents: 4", "95% interval 84%–95%",
                 "unlikely to be chance alone", link):
        assert text in cover, text
    for page in reader.pages[1:]:
        assert "Arrest actions against Attacks" in page.extract_text()
    book = openpyxl.load_workbook(tmp_path / "data.xlsx")
    figures = {r[0]: r[1:4] for r in book["comparison"].iter_rows(values_only=True) if r[0]}
    assert figures["incidents"] == (103, 4, -99)
    header = next(book["networks"].iter_rows(values_only=True))
    assert header[1:] == ("A: Arrest actions: arrest actions", "B: Attacks: arrest actions",
                          "difference (B − A)")
    slices = [r[0] for r in book["rows in view"].iter_rows(min_row=2, values_only=True)]
    assert len(slices) == 107 and slices.count("B") == 4
    readme = (tmp_path / "README.txt").read_text()
    assert "A: Arrest actions | B: Attacks" in readme and "A · Arrest actions:" in readme
