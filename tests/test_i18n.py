"""French, Dutch and English: complete catalogues, CLDR formats, the page's language from the
URL or the browser, and every view, export and embed in the language asked for."""

from __future__ import annotations

import io
import json
import re
import string
import tokenize
from pathlib import Path

import pandas as pd
import pytest

from components import ids
from components.charts import table
from components.dashboard import callbacks
from components.exports import embed
from components.exports import files as exports
from data import catalogues, i18n
from data.filters import Filters
from data.i18n import num, pct, use
from tests import python_views

ROOT = Path(__file__).resolve().parents[1]


def test_every_message_has_a_french_and_a_dutch_translation():
    assert catalogues.missing() == {"fr": [], "nl": []}


def _names(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_translations_keep_every_placeholder(lang):
    """A translation that drops or renames {n} would fail (or lie) at run time."""
    for msg in catalogues.read(lang):
        if not msg.id:
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        for translated in strings:
            assert _names(translated) == _names(ids[-1]), (lang, msg.id, translated)


def test_no_message_hides_inside_an_f_string():
    """The extractor cannot see `_()` inside an f-string: such a message would never be
    translated, and the catalogue check would not notice."""
    found = []
    for path in [*ROOT.glob("components/**/*.py"), *ROOT.glob("data/**/*.py"), ROOT / "app.py"]:
        with path.open("rb") as fh:
            for tok in tokenize.tokenize(fh.readline):
                if tok.type == tokenize.STRING and re.match(r"(?i)r?f", tok.string) and (
                        re.search(r"(?<![\w.])(n_|_|N_)\(", tok.string)):
                    found.append(f"{path.name}:{tok.start[0]}")
        # nor can it read plural forms passed as *args
        found += [f"{path.name}: n_(*" for _ in re.findall(r"\bn_\(\*", path.read_text())]
    assert found == []


def test_numbers_and_percentages_in_the_locales_form():
    assert pct(91.3, "fr") == "91\u00a0%" and pct(91.3, "nl") == "91%" and pct(91.3, "en") == "91%"
    assert pct(54.83, "fr", 1) == "54,8\u00a0%" and pct(54.83, "nl", 1) == "54,8%"
    assert num(12345, "nl") == "12.345" and num(12345, "en") == "12,345"
    assert num(12345, "fr") in ("12\u202f345", "12\u00a0345")  # CLDR: a no-break space
    assert i18n.month("2016-03", "fr") == "mars 2016" and i18n.country("MA", "nl") == "Marokko"


@pytest.mark.parametrize("header,lang", [
    ("nl-BE,nl;q=0.9,en;q=0.8", "nl"), ("fr-BE", "fr"), ("de-DE,fr;q=0.3", "fr"),
    ("de-DE", "en"), ("", "en"), ("*;q=0,xx", "en"), ("en-GB,fr;q=0.9", "en"),
])
def test_accept_language_chooses_among_our_languages(header, lang):
    assert i18n.negotiate(header) == lang


def test_the_page_follows_lang_then_accept_language(app_data):
    from app import create_app
    client = create_app(app_data).server.test_client()
    assert '<html lang="fr">' in client.get("/", headers={"Accept-Language": "fr-BE"},
                                            follow_redirects=True).text
    assert '<html lang="nl">' in client.get("/?lang=nl",
                                            headers={"Accept-Language": "fr-BE"}).text
    # read as JSON, not as bytes: Dash escapes differently with and without orjson
    layout = json.dumps(client.get("/_dash-layout?lang=fr").get_json(), ensure_ascii=False)
    assert "Réinitialiser les filtres" in layout and "Reset all filters" not in layout
    assert "Molenbeek-Saint-Jean" in layout and "Sint-Jans-Molenbeek" not in layout
    dutch = json.dumps(client.get("/_dash-layout?lang=nl").get_json(), ensure_ascii=False)
    assert "Sint-Jans-Molenbeek" in dutch and "Alle filters wissen" in dutch
    assert "Molenbeek-Saint-Jean / Sint-Jans-Molenbeek" in json.dumps(
        client.get("/_dash-layout").get_json(), ensure_ascii=False)


def test_every_view_is_drawn_in_the_language_asked_for(app_data):
    with use("fr"):
        out = dict(zip(python_views.VIEW_KEYS, python_views.draw({"type": ["attack"]}),
                       strict=True))
        page = table.page(app_data, Filters(types=frozenset({"attack"})), {"startRow": 0,
                                                                            "endRow": 20})
    assert out["filter-summary"].startswith("Attentats · 4 incidents")
    labels = [card.children[0].children for card in out["kpis"]]
    assert labels == ["Incidents", "Arrestations", "Attentats", "Personnes", "Liés",
                      "Avec projet"]
    shares = out["chart-shares"].to_dict()
    assert shares["layout"]["title"]["text"] == "<b>Liés ou inspirés ?</b>"
    assert any("inspirés 75\u00a0%" in str(t) for tr in shares["data"] for t in tr["text"])
    assert shares["layout"]["separators"] == ",\u202f"
    assert page["rowData"][0]["type"] == "attentat"
    with use("nl"):
        out = dict(zip(python_views.VIEW_KEYS, python_views.draw({}), strict=True))
        first = table.page(app_data, Filters(), {"startRow": 0, "endRow": 1})["rowData"][0]
    assert out["filter-summary"] == "Alle incidenten · 107 incidenten"
    assert out[ids.description(ids.CHART_SHARES)].startswith("Van 103 arrestaties waren er 94")
    assert first["description"].startswith("Arrestatie")


ENGLISH = re.compile(r"\b(arrest|attacks?|incidents? per|of n|people|persons?)\b", re.I)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_what_a_hover_says_is_in_the_page_language(app_data, lang):
    """Every chart's hover (its template and texts) with no English word in it."""
    with use(lang):  # every chart, the sections' too
        out = dict(zip(python_views.VIEW_KEYS, python_views.draw({}, "month", events=True),
                       strict=True))
    said = []
    for key, value in out.items():
        if key.startswith("chart-") and hasattr(value, "to_dict"):
            for trace in value.to_dict()["data"]:
                for field in ("hovertemplate", "hovertext"):
                    text = trace.get(field)
                    said += [str(x) for x in text] if isinstance(text, list) else [str(text or "")]
    assert len(said) > 20
    assert [s for s in said if ENGLISH.search(s)] == []


def test_exports_speak_the_language_of_the_page(app_data):
    f = Filters()
    with use("fr"):
        payload, _ = exports.build(app_data, f, "shares", "csv", {}, "http://h/?lang=fr")
        book, _ = exports.build(app_data, f, "shares", "xlsx", {}, "http://h/?lang=fr")
    table = pd.read_csv(io.BytesIO(payload))
    assert list(table.columns)[:3] == ["type d'incident", "lien", "incidents"]
    assert set(table["lien"]) == {"liés", "inspirés"}
    sheets = pd.read_excel(io.BytesIO(book), sheet_name=None)
    assert list(sheets) == ["données", "filtres", "à propos"]
    assert "Tous les incidents" in sheets["filtres"].to_string()


def test_an_embed_speaks_its_lang_or_its_readers(app_data):
    with use("nl"):
        snippet = embed.snippet("http://h", "shares", Filters(), {}, "v1")
    assert "lang=nl" in snippet
    body, status = embed.page("shares", {"lang": "nl"}, "http://h/", "fr-BE")
    assert status == 200 and '<html lang="nl">' in body and "De volledige weergave openen" in body
    body, _ = embed.page("shares", {}, "http://h/", "fr-BE,fr;q=0.9")
    assert '<html lang="fr">' in body and "Ouvrir la vue complète" in body


def test_municipality_names_follow_the_language(app_data):
    assert app_data.names("fr")["21012"] == "Molenbeek-Saint-Jean"
    assert app_data.names("nl")["21012"] == "Sint-Jans-Molenbeek"
    assert app_data.names("en")["21012"] == "Molenbeek-Saint-Jean / Sint-Jans-Molenbeek"
    with use("nl"):
        assert "Sint-Jans-Molenbeek" in python_views.summary_line(
            app_data, Filters.from_query("place=21012", app_data.vocabulary), 14)


@pytest.mark.parametrize("lang,heading", [("en", "# Methodology"), ("fr", "# Méthodologie"),
                                          ("nl", "# Methodologie")])
def test_the_methodology_is_written_in_each_language(app_data, lang, heading):
    hidden, shown, body, *_ = callbacks.show_page("/methodology", lang)
    assert shown == {} and body.children.startswith(heading)
    assert "P-0001" in body.children  # the same content: the anonymous ids explained
