"""One translation function for every user-facing string (English now; French and Dutch keys
are filled where we have them, and fall back to English)."""

from __future__ import annotations

LANGS = ("en", "fr", "nl")

STRINGS: dict[str, dict[str, str]] = {
    "arrest_action": {"en": "arrest action", "fr": "arrestation", "nl": "arrestatie"},
    "arrest_actions": {"en": "arrest actions", "fr": "arrestations", "nl": "arrestaties"},
    "attack": {"en": "attack", "fr": "attentat", "nl": "aanslag"},
    "attacks": {"en": "attacks", "fr": "attentats", "nl": "aanslagen"},
    "incidents": {"en": "incidents", "fr": "incidents", "nl": "incidenten"},
    "linked": {"en": "linked", "fr": "liés", "nl": "gelinkt"},
    "inspired": {"en": "inspired", "fr": "inspirés", "nl": "geïnspireerd"},
    "local_cell": {"en": "local cell", "fr": "cellule locale", "nl": "lokale cel"},
    "deployed_operative": {
        "en": "deployed operative",
        "fr": "opérateur envoyé",
        "nl": "uitgezonden operatief",
    },
    "both": {"en": "cell and operative", "fr": "cellule et opérateur", "nl": "cel en operatief"},
    "unknown": {"en": "unknown", "fr": "inconnu", "nl": "onbekend"},
    "all_incidents": {"en": "All incidents", "fr": "Tous les incidents", "nl": "Alle incidenten"},
    "with_plot": {
        "en": "with plot evidence",
        "fr": "avec projet d'attentat",
        "nl": "met aanslagplan",
    },
    "without_plot": {
        "en": "without plot evidence",
        "fr": "sans projet d'attentat",
        "nl": "zonder aanslagplan",
    },
    "citizens": {"en": "citizens of", "fr": "ressortissants de", "nl": "burgers van"},
    "network": {"en": "network", "fr": "réseau", "nl": "netwerk"},
    "from": {"en": "from", "fr": "à partir de", "nl": "vanaf"},
    "until": {"en": "until", "fr": "jusqu'à", "nl": "tot"},
    "all_places": {"en": "all of Belgium", "fr": "toute la Belgique", "nl": "heel België"},
}


def t(key: str, lang: str = "en") -> str:
    """The string for key in lang, falling back to English, then to the key itself."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]
