"""A short text alternative of every chart, its numbers taken from the same aggregates as the
chart: read by screen readers (aria-describedby), shown in embeds, written into exports."""

from __future__ import annotations

import pandas as pd

from data import aggregate as ag
from data import people as pp


def _pct(part: int, whole: int) -> str:
    return f" ({100 * part / whole:.0f}%)" if whole else ""


def shares(incidents: pd.DataFrame) -> str:
    """'Of 103 arrest actions, 94 (91%) were linked and 9 inspired; of 4 attacks, ...'"""
    t = ag.connection_by_type(incidents).set_index(["incident_type", "connection"])["n"]
    parts = []
    for kind, noun in (("arrest_action", "arrest actions"), ("attack", "attacks")):
        linked, inspired = int(t[(kind, "linked")]), int(t[(kind, "inspired")])
        total = linked + inspired
        if total:
            parts.append(f"of {total} {noun}, {linked}{_pct(linked, total)} were linked and "
                         f"{inspired} inspired")
        else:
            parts.append(f"no {noun}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def timeline(incidents: pd.DataFrame, freq: str = "year") -> str:
    t = ag.by_period(incidents, freq, "connection").groupby("period")["n"].sum()
    if not t.sum():
        return "No incidents in any period."
    peak = t.idxmax()
    listed = ", ".join(f"{p}: {int(n)}" for p, n in t.items()) if freq == "year" else (
        f"{int((t > 0).sum())} of {len(t)} months with at least one")
    return (f"Incidents per {freq}: {listed}; {int(t.sum())} in all, most in {peak} "
            f"({int(t[peak])}).")


def places(incidents: pd.DataFrame, names: dict[str, str]) -> str:
    t = ag.by_municipality(incidents)
    if t.empty:
        return "No incidents in any municipality."
    top = ", ".join(f"{names.get(c, c)} ({int(n)})" for c, n in
                    zip(t["nis_code"][:3], t["incidents"][:3], strict=True))
    return (f"{int(t['incidents'].sum())} incidents in {len(t)} municipalities; most in "
            f"{top}.")


def networks(incidents: pd.DataFrame) -> str:
    t = ag.by_network(incidents)
    if t.empty:
        return "No arrest action in view is tied to a named network."
    top = ", ".join(f"{n} ({int(k)})" for n, k in zip(t["network"][:3], t["arrest_actions"][:3],
                                                    strict=True))
    return (f"{int(t['arrest_actions'].sum())} links of arrest actions to {len(t)} named "
            f"networks; most: {top}.")


def people_breakdown(b: pp.Breakdown, minimum: int, what: str) -> str:
    if b.total < minimum:
        return "Too few people in view to break down."
    shown = b.counts[(b.counts["category"] != pp.UNKNOWN) & ~b.counts["hidden"]]
    top = ", ".join(f"{label} {int(n)}" for label, n in zip(shown["label"][:3], shown["n"][:3],
                                                         strict=True))
    hidden = int(b.counts["hidden"].sum())
    unknown = b.counts.loc[b.counts["category"] == pp.UNKNOWN, "n"]
    known = b.total - (int(unknown.iloc[0]) if len(unknown) else 0)
    return (f"{what} known for {known} of {b.total} people" + (f"; most: {top}" if top else "")
            + (f"; {hidden} categories with fewer than {minimum} people not shown" if hidden
               else "") + ".")
