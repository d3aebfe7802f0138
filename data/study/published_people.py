"""The study's figures on people, weapons, targets and time (registered beside figures.py)."""

from __future__ import annotations

import pandas as pd

from data.codebook import COUNTRIES, moroccan_connected, split
from data.load import Dataset
from data.study.published import _inspired, _share, attacks, figure


def _known(d: Dataset) -> pd.DataFrame:
    """Which of citizenship, heritage and birthplace are known, per person."""
    p = d.people
    return pd.DataFrame(
        {
            "citizenship": p["citizenship"].fillna("") != "",
            "heritage": p["heritage"].fillna("") != "",
            "birth": p["birth_country"].fillna("") != "",
        }
    )


def _citizenships(d: Dataset) -> pd.Series:
    return split(d.people["citizenship"])


def _belgians(d: Dataset) -> pd.DataFrame:
    return d.people[_citizenships(d).map(lambda c: "BE" in c)]


_any = lambda d: int(_known(d).any(axis=1).sum())  # noqa: E731
_two_plus = lambda d: int((_known(d).sum(axis=1) >= 2).sum())  # noqa: E731
_born = lambda d, c: int((_belgians(d)["birth_country"] == c).sum())  # noqa: E731
_moroccan = lambda d: int(moroccan_connected(d.people).sum())  # noqa: E731

figure("individuals_with_citizenship_known")(lambda d: int(_known(d)["citizenship"].sum()))
figure("citizenship_countries")(lambda d: int(_citizenships(d).explode().dropna().nunique()))
figure(
    "belgian_citizens", lambda d: _share(len(_belgians(d)), int(_known(d)["citizenship"].sum()))
)(lambda d: len(_belgians(d)))
figure("belgian_citizens_dual")(
    lambda d: int(split(_belgians(d)["citizenship"]).map(len).gt(1).sum())
)
figure("belgian_citizens_born_in_belgium", lambda d: _share(_born(d, "BE"), len(_belgians(d))))(
    lambda d: _born(d, "BE")
)
figure("belgian_citizens_born_in_morocco")(lambda d: _born(d, "MA"))
figure("belgian_citizens_born_in_lebanon")(lambda d: _born(d, "LB"))
figure("belgian_citizens_birthplace_unknown")(lambda d: _born(d, ""))
figure("individuals_with_heritage_known")(lambda d: int(_known(d)["heritage"].sum()))
figure("individuals_with_birthplace_known")(lambda d: int(_known(d)["birth"].sum()))
figure("pct_individuals_with_two_or_more_of_citizenship_heritage_birthplace")(
    lambda d: round(_share(_two_plus(d), _any(d)), 1)
)
figure("individuals_with_all_three_known")(lambda d: int(_known(d).all(axis=1).sum()))
figure("moroccan_connected_individuals", lambda d: _share(_moroccan(d), _any(d)))(_moroccan)
figure("individuals_with_any_of_citizenship_heritage_birthplace")(_any)
figure("moroccan_connected_belgian_citizens")(lambda d: int(moroccan_connected(_belgians(d)).sum()))
figure("individuals_turkish_heritage")(
    lambda d: int(split(d.people["heritage"]).map(lambda c: "TR" in c).sum())
)


def _years_per_citizenship(d: Dataset) -> pd.Series:
    year = d.people["incident_id"].map(d.incidents.set_index("incident_id")["year"])
    pairs = pd.DataFrame({"country": _citizenships(d), "year": year}).explode("country")
    return pairs.dropna().groupby("country")["year"].nunique()


def _years_total(d: Dataset) -> int:
    return int(d.incidents["year"].nunique())


figure("citizenships_present_every_year")(
    lambda d: sorted(
        _country_names(_years_per_citizenship(d).loc[lambda s: s == _years_total(d)].index)
    )
)
figure("citizenships_present_three_years")(
    lambda d: sorted(_country_names(_years_per_citizenship(d).loc[lambda s: s == 3].index))
)
figure("citizenship_country_list")(
    lambda d: sorted(_country_names(_citizenships(d).explode().dropna().unique()))
)


def _country_names(codes) -> list[str]:
    return [COUNTRIES.get(c, c) for c in codes]


# --- weapons, targets, attacks -----------------------------------------------------------------
def _codes(frame: pd.DataFrame, col: str) -> pd.Series:
    return split(frame[col])


figure("incidents_with_weapon_data")(lambda d: int(_codes(d.incidents, "weapon").map(bool).sum()))
figure("incidents_with_target_data")(lambda d: int(_codes(d.incidents, "target").map(bool).sum()))
figure("knife_attacks_on_police")(
    lambda d: int(
        (
            _codes(attacks(d), "weapon").map(lambda w: "bladed" in w)
            & _codes(attacks(d), "target").map(lambda t: "police" in t)
        ).sum()
    )
)
figure("explosive_attacks")(
    lambda d: int(
        _codes(attacks(d), "weapon").map(lambda w: any(x.startswith("explosive") for x in w)).sum()
    )
)
figure("tatp_incidents")(
    lambda d: int(_codes(d.incidents, "weapon").map(lambda w: "explosive_tatp" in w).sum())
)


@figure("killed_in_march_2016_attack")
def killed_march_2016(d: Dataset) -> int | None:
    rows = attacks(d)[attacks(d)["date"] == pd.Timestamp("2016-03-22")]
    return int(rows["killed"].sum()) if len(rows) else None


figure("killed_in_inspired_attacks")(lambda d: int(_inspired(attacks(d))["killed"].sum()))
figure("incidents_per_year")(
    lambda d: {int(y): int(n) for y, n in d.incidents["year"].value_counts().sort_index().items()}
)


@figure("trend_2016_to_2017")
def trend(d: Dataset) -> str:
    per_year = d.incidents["year"].value_counts()
    a, b = int(per_year.get(2016, 0)), int(per_year.get(2017, 0))
    return "down" if b < a else "up" if b > a else "flat"
