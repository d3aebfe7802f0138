"""The codebook page in docs/ is the one the code generates."""

from data.cli import CODEBOOK_PAGE
from data.codebook import TABLES, markdown


def test_codebook_page_is_up_to_date():
    assert CODEBOOK_PAGE.read_text(encoding="utf-8") == markdown() + "\n"


def test_every_column_has_meaning_and_example():
    for cols in TABLES.values():
        for col in cols:
            assert col.meaning and col.example, col.name
