"""The gettext catalogues: extract the English source messages from the code, add new ones to
the French and Dutch `.po` files, and say which are not translated (no Dash).

    python -m data i18n check     # exit 1 and list what lacks a translation
    python -m data i18n update    # add new messages (untranslated), drop ones no longer used
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from data.i18n import CATALOGUES, DEFAULT, DOMAIN, LANGS, LOCALES

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("components", "data", "app.py")
KEYWORDS = {"_": None, "n_": (1, 2), "N_": None}


def extract() -> Catalog:
    """Every message the code marks (`_`, `n_`, `N_`), with where it is used."""
    cat = Catalog(project="Belgian IS activity explorer", charset="utf-8")
    for source in SOURCES:
        path = ROOT / source
        folder, only = (path, None) if path.is_dir() else (path.parent, path.name)
        for filename, line, message, comments, context in extract_from_dir(
                folder, method_map=[(only or "**.py", "python")], keywords=KEYWORDS,
                comment_tags=("TRANSLATORS:",)):
            rel = (path.relative_to(ROOT) / filename if path.is_dir() else Path(filename))
            if message and (message if isinstance(message, str) else message[0]):
                cat.add(message, locations=[(rel.as_posix(), line)],
                        auto_comments=comments, context=context)
    return cat


def po_path(lang: str) -> Path:
    return CATALOGUES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=LOCALES[lang])


def write(lang: str, cat: Catalog) -> None:
    """Written to a temporary file first, then moved: never a half-written catalogue."""
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".po.tmp")
    with tmp.open("wb") as fh:
        write_po(fh, cat, width=100, sort_output=True, include_previous=False)
    tmp.replace(path)


def update() -> None:
    template = extract()
    for lang in LANGS:
        if lang == DEFAULT:
            continue
        cat = read(lang) if po_path(lang).exists() else Catalog(locale=LOCALES[lang])
        cat.update(template, no_fuzzy_matching=True)
        cat.obsolete.clear()
        write(lang, cat)


def missing() -> dict[str, list[str]]:
    """Per language, the source messages with no (or a fuzzy) translation."""
    template = extract()
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        if lang == DEFAULT:
            continue
        cat = read(lang) if po_path(lang).exists() else Catalog(locale=LOCALES[lang])
        gaps = []
        for msg in template:
            if not msg.id:
                continue
            done = cat.get(msg.id, context=msg.context)
            strings = (done.string if done and isinstance(done.string, tuple | list)
                       else [done.string if done else ""])
            if done is None or done.fuzzy or not all(strings):
                gaps.append(msg.id if isinstance(msg.id, str) else msg.id[0])
        out[lang] = gaps
    return out
