"""The study's figures, computed from any loaded dataset (ids as in published-figures.yaml)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from data.codebook import split
from data.load import Dataset

Figure = Callable[[Dataset], object]
REGISTRY: dict[str, Figure] = {}
PCT: dict[str, Figure] = {}  # the share the study prints beside a count, where it prints one

# Figures of the reference file known to be wrong, with why (none at present: the file now
# corrects `incidents_other_places` and lists the values it accepts where its figures conflict).
ERRATA: dict[str, str] = {}


def figure(fid: str, pct: Figure | None = None):
    def register(fn: Figure) -> Figure:
        REGISTRY[fid] = fn
        if pct:
            PCT[fid] = pct
        return fn

    return register


def _share(part: float, whole: float) -> float:
    return round(100 * part / whole, 2) if whole else float("nan")


def actions(d: Dataset) -> pd.DataFrame:
    return d.incidents[d.incidents["incident_type"] == "arrest_action"]


def attacks(d: Dataset) -> pd.DataFrame:
    return d.incidents[d.incidents["incident_type"] == "attack"]


def _linked(f: pd.DataFrame) -> pd.DataFrame:
    return f[f["connection"] == "linked"]


def _inspired(f: pd.DataFrame) -> pd.DataFrame:
    return f[f["connection"] == "inspired"]


# --- totals and linked versus inspired ------------------------------------------------------
figure("individuals_total")(lambda d: len(d.people))
figure("arrest_actions")(lambda d: len(actions(d)))
figure("attacks")(lambda d: len(attacks(d)))
figure("incidents_total")(lambda d: len(d.incidents))
figure("arrest_actions_linked", lambda d: _share(len(_linked(actions(d))), len(actions(d))))(
    lambda d: len(_linked(actions(d)))
)
figure("arrest_actions_inspired")(lambda d: len(_inspired(actions(d))))
figure("people_arrested_in_inspired_arrest_actions")(
    lambda d: int(_inspired(actions(d))["people"].sum())
)
figure("attacks_inspired", lambda d: _share(len(_inspired(attacks(d))), len(attacks(d))))(
    lambda d: len(_inspired(attacks(d)))
)
figure("attacks_linked")(lambda d: len(_linked(attacks(d))))
figure("incidents_inspired")(lambda d: len(_inspired(d.incidents)))
figure("incidents_linked")(lambda d: len(_linked(d.incidents)))
figure("pct_inspired_incidents_that_are_attacks")(
    lambda d: round(_share(len(_inspired(attacks(d))), len(_inspired(d.incidents))))
)
figure("pct_linked_incidents_that_are_attacks")(
    lambda d: round(_share(len(_linked(attacks(d))), len(_linked(d.incidents))))
)


# --- how linked arrest actions connect ---------------------------------------------------------
def _links(d: Dataset) -> pd.Series:
    return _linked(actions(d))["link_type"]


_detail = lambda d: int(_links(d).isin(["local_cell", "deployed_operative", "both"]).sum())  # noqa: E731
_local = lambda d: int(_links(d).isin(["local_cell", "both"]).sum())  # noqa: E731
_deployed = lambda d: int(_links(d).isin(["deployed_operative", "both"]).sum())  # noqa: E731
figure("linked_arrest_actions_with_connection_detail")(_detail)
figure("connection_via_local_cell", lambda d: _share(_local(d), _detail(d)))(_local)
figure("connection_via_deployed_operative", lambda d: _share(_deployed(d), _detail(d)))(_deployed)
figure("connection_both_local_cell_and_deployed")(lambda d: int((_links(d) == "both").sum()))


# --- networks ---------------------------------------------------------------------------------
def _action_networks(d: Dataset) -> pd.Series:
    return split(actions(d)["networks"])


figure("named_networks")(lambda d: int(_action_networks(d).explode().dropna().nunique()))
figure("linked_arrest_actions_with_a_network")(
    lambda d: int(split(_linked(actions(d))["networks"]).map(bool).sum())
)
figure("network_links_total")(lambda d: int(_action_networks(d).map(len).sum()))


@figure("network_links")
def network_links(d: Dataset) -> dict[str, int]:
    counts = _action_networks(d).explode().dropna().value_counts()
    return {str(k): int(v) for k, v in counts.items()}


@figure("arrest_actions_with_two_networks")
def two_networks(d: Dataset) -> list[list[str]]:
    nets = _action_networks(d)
    return sorted(sorted(n) for n in nets if len(n) == 2)


@figure("networks_forming_one_whole")
def one_whole(d: Dataset) -> list[str]:
    """Networks sharing a cluster: the study's one circle seen at different times."""
    clusters = d.networks[d.networks["cluster"].fillna("") != ""]
    biggest = clusters["cluster"].value_counts()
    if biggest.empty:
        return []
    return sorted(clusters.loc[clusters["cluster"] == biggest.index[0], "network"])


figure(
    "arrest_actions_with_plot_evidence",
    lambda d: _share(int(actions(d)["plot"].sum()), len(actions(d))),
)(lambda d: int(actions(d)["plot"].sum()))

# --- geography --------------------------------------------------------------------------------
_in = lambda d, area: d.incidents[d.incidents["area"] == area]  # noqa: E731
_bxl_cha = lambda d: len(_in(d, "brussels")) + len(_in(d, "charleroi"))  # noqa: E731
figure("pct_incidents_brussels_or_charleroi")(
    lambda d: round(_share(_bxl_cha(d), len(d.incidents)))
)
figure("incidents_brussels_or_charleroi")(_bxl_cha)
figure("incidents_charleroi")(lambda d: len(_in(d, "charleroi")))
figure("attacks_charleroi")(lambda d: int((_in(d, "charleroi")["incident_type"] == "attack").sum()))
figure("incidents_brussels")(lambda d: len(_in(d, "brussels")))
figure("incidents_antwerp")(lambda d: len(_in(d, "antwerp")))
figure("people_arrested_antwerp")(
    lambda d: int(_in(d, "antwerp").query("incident_type == 'arrest_action'")["people"].sum())
)
figure("incidents_other_places")(lambda d: len(_in(d, "elsewhere")))


@figure("antwerp_arrest_actions_tied_to_one_recruiter")
def antwerp_one_recruiter(d: Dataset) -> int:
    """The most Antwerp arrest actions that share one contact reference (0 when not coded)."""
    refs = _in(d, "antwerp").query("incident_type == 'arrest_action'")["contact_ref"]
    counts = refs[refs != ""].value_counts()
    return int(counts.iloc[0]) if len(counts) else 0
