"""Every user-facing string, number and date in English, French or Dutch.

Messages are English source strings (`_("Period")`); their French and Dutch translations live in
gettext catalogues, `data/locale/<lang>/LC_MESSAGES/messages.po`, compiled in memory at start-up
(no build step, nothing written to disk). Numbers, percentages, months and country names come
from Babel's CLDR data for fr-BE, nl-BE and English.

The language of a request is set once by its adapter (`with use(lang):`) and read by the pure
functions below it; a function may also be given `lang` explicitly.

    python -m data i18n check     # every message translated in every catalogue?
    python -m data i18n update    # add new source messages to the catalogues (untranslated)
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LANGS = ("en", "fr", "nl")
DEFAULT = "en"
LOCALES = {"en": "en_GB", "fr": "fr_BE", "nl": "nl_BE"}
NAMES = {"en": "English", "fr": "Français", "nl": "Nederlands"}
CATALOGUES = Path(__file__).with_name("locale")
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("lang", default=DEFAULT)


def valid(lang: object) -> str | None:
    """lang if it is one we speak (case-insensitive, 'fr-BE' counts as 'fr'), else None."""
    if not isinstance(lang, str):
        return None
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else None


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for an Accept-Language header ('nl-BE,nl;q=0.9,en;q=0.8')."""
    ranked = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        lang = valid(tag)
        if lang and q > 0:
            ranked.append((-q, i, lang))
    return min(ranked)[2] if ranked else DEFAULT


def current() -> str:
    return _current.get()


@contextmanager
def use(lang: object) -> Iterator[str]:
    """Run the block in lang (an unknown value: the default language)."""
    token = _current.set(valid(lang) or DEFAULT)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _lang(lang: str | None) -> str:
    return valid(lang) or _current.get()


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of lang (English: the source strings themselves)."""
    path = CATALOGUES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as fh:
        cat = read_po(fh, locale=LOCALES[lang])
    buffer = io.BytesIO()
    write_mo(buffer, cat)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str, lang: str | None = None) -> str:
    """message (an English source string) in lang, or in the current language."""
    return catalogue(_lang(lang)).gettext(message)


def n_(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The singular or plural form for n, in the language's plural rules."""
    return catalogue(_lang(lang)).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for translation where it is defined; it is translated where shown."""
    return message


# Codebook values and the phrases built from them, by key (values of the data: 'linked').
KEYS: dict[str, str] = {
    "arrest_action": N_("arrest action"), "arrest_actions": N_("arrest actions"),
    "attack": N_("attack"), "attacks": N_("attacks"), "incidents": N_("incidents"),
    "linked": N_("linked"), "inspired": N_("inspired"), "local_cell": N_("local cell"),
    "deployed_operative": N_("deployed operative"), "both": N_("cell and operative"),
    "unknown": N_("unknown"), "all_incidents": N_("All incidents"),
    # a connection with what it qualifies (word order and agreement differ by language)
    "linked_incidents": N_("linked incidents"), "inspired_incidents": N_("inspired incidents"),
    "linked_arrest_actions": N_("linked arrest actions"),
    "inspired_arrest_actions": N_("inspired arrest actions"),
    "linked_attacks": N_("linked attacks"), "inspired_attacks": N_("inspired attacks"),
    "with_plot": N_("with plot evidence"), "without_plot": N_("without plot evidence"),
    "citizens": N_("citizens of"), "network": N_("network"),
    "all_places": N_("all of Belgium"),
    "title": N_("IS-related incidents in Belgium, 2014–2017"),
    "period": N_("Period"), "incident_type": N_("Incident type"),
    "connection": N_("Connection"), "how_linked": N_("How linked"),
    "plot_evidence": N_("Plot evidence"), "place": N_("Place"),
    "province": N_("Province"),
    "citizenship": N_("Citizenship of people"), "reset": N_("Reset all filters"),
    "people": N_("People"), "people_note": N_("arrested or attackers"),
    "share_linked": N_("Linked"), "share_plot": N_("With a plot"),
    "incidents_shown": N_("Incidents shown"), "search_table": N_("Search the table…"),
    "chart_shares": N_("Linked or inspired?"), "chart_years": N_("Year by year"),
    "chart_months": N_("Month by month"),
    "tied_to_network": N_("with a network"), "links": N_("links"),
    "networks_title": N_("Named networks"),
    "people_title": N_("People involved (aggregates only)"),
    "chart_people_citizenship": N_("Citizenship"),
    "chart_people_birthplace": N_("Belgian citizens: country of birth"),
    "chart_people_heritage": N_("Family heritage"),
    "chart_people_years": N_("Citizenships year by year"),
    "shares_of": N_("shares of"), "with_citizenship_known": N_("with citizenship known"),
    "with_heritage_known": N_("with heritage known"), "belgian_citizens": N_("Belgian citizens"),
    "arrested_people": N_("arrested"), "attacker_people": N_("attackers"),
    "moroccan_connection": N_("with a Moroccan connection (citizenship, birth or family)"),
    "of": N_("of"), "with_any_known": N_("with any of these known"),
    "of_them_belgian": N_("of them Belgian citizens"),
    "too_few_people": N_("Too few people in view to break down (disclosure control)"),
    "no_people": N_("No people in view"),
    "chart_networks": N_("Arrest actions per named network"),
    "chart_network_links": N_("How the networks connect"),
    "chart_network_time": N_("When each network was active"),
    "no_match": N_("No incidents match these filters"),
    "no_network_match": N_("No arrest action in view is tied to a named network"),
    "no_match_in_panel": N_("None of the incidents in view is in this area"),
    "no_match_in_panel_hint": N_("Choose another area above the map"),
    "no_match_hint": N_("Remove a filter above, or reset all filters"),
    "show_all": N_("Show all incidents"), "view_failed": N_("This view could not be drawn"),
    "filter_failed": N_("The filters could not be applied; the views still show the previous "
                        "filters. Try again, or reset the filters."),
    "stale": N_("The server did not answer: the numbers on screen may not match the filters "
                "shown. Reload the page."),
    "view_failed_hint": N_("Nothing shown here is for the current filters. Try again, or reset "
                           "the filters; the error is in the server log."),
}


def t(key: str, lang: str | None = None) -> str:
    """The message of a key (a codebook value or a named phrase) in lang; else the key."""
    source = KEYS.get(key)
    return key if source is None else _(source, lang)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- numbers, dates and names in the locale's form (CLDR, through Babel) ---------------------
def num(value: float, lang: str | None = None, digits: int = 0) -> str:
    """1234 -> '1,234' (en), '1.234' (fr-BE, nl-BE)."""
    fmt = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=fmt, locale=LOCALES[_lang(lang)])


def pct(value: float | None, lang: str | None = None, digits: int = 0) -> str:
    """A percentage from 0-100: 91 -> '91%' (en, nl-BE), '91 %' (fr-BE, a no-break space)."""
    if value is None or value != value:
        return "–"
    locale = Locale.parse(LOCALES[_lang(lang)])
    pattern = locale.percent_formats[None].pattern  # '#,##0%' or '#,##0\u00a0%' (CLDR)
    if digits:  # the last integer digit of the pattern gets the decimals
        pattern = re.sub(r"0(?=[^0#.,]*$)", "0." + "0" * digits, pattern, count=1)
    return format_percent(value / 100, format=pattern, locale=locale)


def colon(lang: str | None = None) -> str:
    """What follows a label before its value: ':' (en, nl), a no-break space and ':' (fr)."""
    return "\u00a0:" if _lang(lang) == "fr" else ":"


def percent_sign(lang: str | None = None) -> str:
    """What follows a number to make it a percentage: '%' or a no-break space and '%'."""
    return pct(1, lang)[1:]


def month(period: str, lang: str | None = None, form: str = "MMM y") -> str:
    """'2016-03' -> 'Mar 2016' / 'mars 2016' / 'mrt. 2016' (a year 'yyyy' stays as it is)."""
    if len(period) == 4:
        return period
    y, m = (int(p) for p in period[:7].split("-"))
    return format_date(date(y, m, 1), form, locale=LOCALES[_lang(lang)])


def day(value: date, lang: str | None = None) -> str:
    """A date in the locale's medium form: '22 Mar 2016' / '22 mars 2016' / '22 mrt. 2016'."""
    return format_date(value, "medium", locale=LOCALES[_lang(lang)])


@cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(LOCALES[lang]).territories)


def country(code: str, lang: str | None = None, fallback: str | None = None) -> str:
    """A country's name from its ISO code in lang (CLDR)."""
    return _territories(_lang(lang)).get(code, fallback or code)


def separators(lang: str | None = None) -> str:
    """plotly's layout.separators (decimal, then thousands) for lang, from CLDR."""
    symbols = Locale.parse(LOCALES[_lang(lang)]).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]
