"""A short text alternative of every chart, its numbers taken from the same aggregates as the
chart: read by screen readers (aria-describedby), shown in embeds, written into exports."""

from __future__ import annotations

import pandas as pd

from data import aggregate as ag
from data import compare
from data import people as pp
from data.i18n import _, month, n_, num, pct, t


def _pct(part: int, whole: int) -> str:
    """' (91%; 95% interval 84%–95%)': the share and its interval."""
    return f" ({pct(100 * part / whole)}; {compare.interval_text(part, whole)})" if whole else ""


def shares(incidents: pd.DataFrame) -> str:
    """'Of 103 arrest actions, 94 (91%) were linked and 9 inspired; of 4 attacks, ...'"""
    table = ag.connection_by_type(incidents).set_index(["incident_type", "connection"])["n"]
    parts = []
    for kind in ("arrest_action", "attack"):
        linked, inspired = int(table[(kind, "linked")]), int(table[(kind, "inspired")])
        total = linked + inspired
        noun = t(kind + "s")
        if total:
            parts.append(_("of {total} {noun}, {linked}{share} were linked and {inspired} "
                           "inspired").format(total=num(total), noun=noun, linked=num(linked),
                                              share=_pct(linked, total),
                                              inspired=num(inspired)))
        else:
            parts.append(_("no {noun}").format(noun=noun))
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def timeline(incidents: pd.DataFrame, freq: str = "year") -> str:
    table = ag.by_period(incidents, freq, "connection").groupby("period")["n"].sum()
    if not table.sum():
        return _("No incidents in any period.")
    peak = table.idxmax()
    if freq == "year":
        listed = ", ".join(f"{p}: {num(n)}" for p, n in table.items())
        return _("Incidents per year: {listed}; {total} in all, most in {peak} "
                 "({most}).").format(listed=listed, total=num(table.sum()), peak=peak,
                                     most=num(table[peak]))
    return _("Incidents per month: {with_any} of {months} months with at least one; {total} in "
             "all, most in {peak} ({most}).").format(
        with_any=num((table > 0).sum()), months=num(len(table)), total=num(table.sum()),
        peak=month(peak), most=num(table[peak]))


def places(incidents: pd.DataFrame, names: dict[str, str]) -> str:
    table = ag.by_municipality(incidents)
    if table.empty:
        return _("No incidents in any municipality.")
    top = ", ".join(f"{names.get(c, c)} ({num(n)})" for c, n in
                    zip(table["nis_code"][:3], table["incidents"][:3], strict=True))
    return n_("{n} incidents in {m} municipality; most in {top}.",
              "{n} incidents in {m} municipalities; most in {top}.", len(table)).format(
        n=num(table["incidents"].sum()), m=num(len(table)), top=top)


def networks(incidents: pd.DataFrame) -> str:
    table = ag.by_network(incidents)
    if table.empty:
        return t("no_network_match") + "."
    top = ", ".join(f"{n} ({num(k)})" for n, k in zip(table["network"][:3],
                                                       table["arrest_actions"][:3], strict=True))
    return _("{links} links of arrest actions to {networks} named networks; most: "
             "{top}.").format(links=num(table["arrest_actions"].sum()),
                              networks=num(len(table)), top=top)


def people_breakdown(b: pp.Breakdown, minimum: int, what: str) -> str:
    if b.withheld or b.total < minimum:
        return _("Too few people in view to break down.")
    shown = b.counts[(b.counts["category"] != pp.UNKNOWN) & ~b.counts["hidden"]]
    top = ", ".join(f"{label} {num(n)}" for label, n in zip(shown["label"][:3], shown["n"][:3],
                                                             strict=True))
    hidden = int(b.counts["hidden"].sum())
    text = _("{what} known for {known} of {total} people").format(
        what=what, known=b.base, total=b.size)
    if top:
        text += _("; most: {top}").format(top=top)
    if hidden:
        text += _("; {hidden} categories with fewer than {minimum} people not shown").format(
            hidden=num(hidden), minimum=num(minimum))
    return text + "."
