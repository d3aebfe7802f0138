"""The bundled dataset's network names in the reader's language. A dataset's networks are
named by the dataset; the catalogues translate the bundled data's ten (the cluster too), and
any other name is shown as the dataset spells it. Filters and addresses keep the dataset's
name: this is only what a reader reads."""

from __future__ import annotations

from data.i18n import N_, _

BUNDLED = frozenset({
    N_("Zerkani network"), N_("Paris cell"), N_("Brussels cell"), N_("Verviers cell"),
    N_("Argenteuil cell"), N_("Jumet cell"), N_("Ostend Chechen network"),
    N_("Maaseik network"), N_("The Way of Life"), N_("Kamikaze Riders"),
    N_("Paris-Brussels circle"),
})


def said(name: str, lang: str | None = None) -> str:
    """A network's (or cluster's) name as the reader's language says it."""
    return _(name, lang) if name in BUNDLED else name


def listed(value: str, lang: str | None = None) -> str:
    """An incident's networks (the dataset's ';'-separated names) as a reader reads them:
    "réseau Zerkani; cellule de Paris"."""
    return "; ".join(said(n, lang) for n in str(value).split(";") if n)
