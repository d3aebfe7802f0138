"""Aggregations the dashboard shows, each with n beside every share."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from data import codebook as cb
from data.codebook import explode_codes, moroccan_connected, split
from data.facts import FIRST_MONTH, LAST_MONTH, SMALL_N


def _share(n: pd.Series, total: pd.Series) -> pd.Series:
    return (100 * n / total.where(total > 0)).round(1)


def key_figures(incidents: pd.DataFrame, people: pd.DataFrame) -> dict[str, dict]:
    """Headline counts for the current filters, each share with its n."""
    n = len(incidents)
    linked = int((incidents["connection"] == "linked").sum())
    actions = incidents[incidents["incident_type"] == "arrest_action"]
    plots = int(actions["plot"].sum())
    return {
        "incidents": {"value": n},
        "arrest_actions": {"value": len(actions)},
        "attacks": {"value": n - len(actions)},
        "people": {"value": int(incidents["people"].sum()), "listed": len(people)},
        "share_linked": {"value": linked, "n": n, "pct": _pct(linked, n)},
        "share_plot": {"value": plots, "n": len(actions), "pct": _pct(plots, len(actions))},
    }


def _pct(part: int, whole: int) -> float | None:
    """A key figure's share, unrounded: it is shown as a whole percentage, rounded once (18 of
    103 is 17.48%: "17%", never 17.5 rounded again to "18%")."""
    return 100 * part / whole if whole else None


def connection_by_type(incidents: pd.DataFrame) -> pd.DataFrame:
    """Per incident type and connection: n, the type's total, the share, a small-n flag."""
    grid = pd.MultiIndex.from_product(
        [cb.INCIDENT_TYPES, cb.CONNECTIONS], names=["incident_type", "connection"]
    )
    counts = incidents.groupby(["incident_type", "connection"]).size().reindex(grid, fill_value=0)
    out = counts.rename("n").reset_index()
    out["total"] = out.groupby("incident_type")["n"].transform("sum")
    out["share"] = _share(out["n"], out["total"])
    out["small_n"] = out["total"] < SMALL_N
    return out


def by_period(
    incidents: pd.DataFrame,
    freq: str = "year",
    by: str = "connection",
    span: tuple[str, str] = (FIRST_MONTH, LAST_MONTH),
) -> pd.DataFrame:
    """Counts per year or month (every period of the span, zeros included) and per key."""
    period = incidents["year"].astype(str) if freq == "year" else incidents["month"]
    keys = cb.CONNECTIONS if by == "connection" else cb.INCIDENT_TYPES
    months = pd.period_range(span[0], span[1], freq="M").strftime("%Y-%m")
    periods = sorted({m[:4] for m in months}) if freq == "year" else list(months)
    grid = pd.MultiIndex.from_product([periods, keys], names=["period", "key"])
    counts = incidents.groupby([period.rename("period"), incidents[by].rename("key")]).size()
    out = counts.reindex(grid, fill_value=0).rename("n").reset_index()
    out["total"] = out.groupby("period")["n"].transform("sum")
    out["share"] = _share(out["n"], out["total"])
    return out


def by_municipality(incidents: pd.DataFrame, population: pd.Series | None = None) -> pd.DataFrame:
    """Per NIS code: incidents, arrest actions, attacks, people, and per 100,000 inhabitants.

    Total over its input: no rows in, a table with no rows (and the same columns) out.
    """
    flags = pd.DataFrame({
        "nis_code": incidents["nis_code"].astype(str).to_numpy(),
        "incidents": 1,
        "arrest_actions": (incidents["incident_type"] == "arrest_action").to_numpy(dtype=int),
        "attacks": (incidents["incident_type"] == "attack").to_numpy(dtype=int),
        "linked": (incidents["connection"] == "linked").to_numpy(dtype=int),
        "people": pd.to_numeric(incidents["people"]).to_numpy(dtype="int64"),
    }, index=pd.RangeIndex(len(incidents)))
    out = flags.groupby("nis_code", as_index=False, sort=False).sum()
    out = out.astype({c: "int64" for c in out.columns if c != "nis_code"})
    if population is not None:
        pop = pd.to_numeric(out["nis_code"].map(population), errors="coerce").astype("float64")
        out["population"] = pop
        out["per_100k"] = (100_000 * out["incidents"] / pop.where(pop > 0)).round(2)
    return out.sort_values(["incidents", "nis_code"], ascending=[False, True], ignore_index=True)


def by_network(incidents: pd.DataFrame) -> pd.DataFrame:
    """Arrest actions per named network (an action with two networks counts for both)."""
    actions = incidents[incidents["incident_type"] == "arrest_action"]
    names = explode_codes(actions["networks"])
    counts = names.value_counts().rename_axis("network").rename("arrest_actions")
    return counts.reset_index().sort_values(
        ["arrest_actions", "network"], ascending=[False, True], ignore_index=True
    )


def network_pairs(incidents: pd.DataFrame) -> pd.DataFrame:
    """Pairs of networks sharing arrest actions, with how many (the links of the diagram)."""
    actions = incidents[incidents["incident_type"] == "arrest_action"]
    several = actions.loc[actions["networks"].str.contains(";", regex=False), "networks"]
    pairs = [pair for names in split(several)
             for pair in combinations(sorted(set(names)), 2)]
    frame = pd.DataFrame(pairs, columns=["a", "b"])
    return frame.value_counts().rename("arrest_actions").reset_index().sort_values(
        ["arrest_actions", "a", "b"], ascending=[False, True, True], ignore_index=True)


def network_activity(incidents: pd.DataFrame) -> pd.DataFrame:
    """Per named network: first and last arrest action, and how many."""
    actions = incidents[incidents["incident_type"] == "arrest_action"]
    names = explode_codes(actions["networks"])
    rows = pd.DataFrame({"network": names.to_numpy(),
                         "date": actions.loc[names.index, "date"].to_numpy()})
    out = rows.groupby("network")["date"].agg(first="min", last="max", arrest_actions="size")
    return out.reset_index().sort_values(["first", "network"], ignore_index=True)


def moroccan_connection(people: pd.DataFrame) -> dict[str, int]:
    """People with any Moroccan connection, of those with citizenship, birth or heritage known."""
    known = (
        (people["citizenship"] != "") | (people["birth_country"] != "") | (people["heritage"] != "")
    )
    return {
        "n": int(moroccan_connected(people).sum()),
        "known": int(known.sum()),
        "people": len(people),
    }
