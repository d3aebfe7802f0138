"""Deterministic reconstruction of the bundled dataset from the plan in reconstruct_plan.py.

Same output, byte for byte, on every run: one seeded random generator, used in a fixed order.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from data import codebook as cb
from data.study import plan

DATASET_VERSION = "reconstruction-1.2"  # 1.1: contact_ref; 1.2: descriptions in FR and NL
SOURCE = "Reconstructed from the aggregates in Van Ostaeyen & Van Vlierden (CTC, 2018)"


def _random_day(rng: random.Random, year: int, earliest: str | None = None) -> str:
    start, end = (date.fromisoformat(d) for d in plan.YEAR_WINDOWS[year])
    if earliest:
        start = max(start, date.fromisoformat(earliest))
    return (start + timedelta(days=rng.randrange((end - start).days + 1))).isoformat()


def _network_actions(rng: random.Random) -> list[dict]:
    actions = []
    for networks, years, places in plan.NETWORK_PLAN:
        k = 0
        for year, count in years.items():
            for _ in range(count):
                earliest = max(plan.NETWORK_EARLIEST.get((n, year), "") for n in networks)
                actions.append(
                    dict(
                        date=_random_day(rng, year, earliest or None),
                        incident_type="arrest_action",
                        connection="linked",
                        nis_code=places[k % len(places)],
                        networks=";".join(networks),
                    )
                )
                k += 1
    return actions


def _plain_actions(rng: random.Random) -> list[dict]:
    others = list(plan.OTHER_PLAIN)
    groups = {"charleroi": [plan.CHARLEROI], "antwerp": [plan.ANTWERP]}
    actions = []
    for connection, years, places in (
        ("linked", plan.LINKED_PLAIN_YEARS, plan.LINKED_PLAIN_PLACES),
        ("inspired", plan.INSPIRED_YEARS, plan.INSPIRED_PLACES),
    ):
        codes = []
        for group, count in places.items():
            if group == "brussels":
                codes += [plan.BRUSSELS_PLAIN[(len(codes) + i) % 12] for i in range(count)]
            elif group == "other":
                codes += [others.pop(0) for _ in range(count)]
            else:
                codes += groups[group] * count
        rng.shuffle(codes)
        year_list = [y for y, n in years.items() for _ in range(n)]
        actions += [
            dict(
                date=_random_day(rng, y),
                incident_type="arrest_action",
                connection=connection,
                nis_code=c,
                networks="",
            )
            for y, c in zip(year_list, codes, strict=True)
        ]
    return actions


def _assign_links(rng: random.Random, generated: list[dict]) -> None:
    networked = [a for a in generated if a["networks"]]
    plain = [a for a in generated if not a["networks"] and a["connection"] == "linked"]
    for a in generated:
        a["link_type"] = "" if a["connection"] == "inspired" else None
    deployable = [a for a in networked if set(a["networks"].split(";")) & plan.DEPLOYED_NETWORKS]
    for group, quota in ((deployable, plan.NETWORK_LINKS), (plain, plan.PLAIN_LINKS)):
        pool = list(group)
        rng.shuffle(pool)
        for link, n in quota.items():
            for a in pool[:n]:
                a["link_type"] = link
            pool = pool[n:]
    for a in networked + plain:
        a["link_type"] = a["link_type"] or ("local_cell" if a["networks"] else "unknown")


def _assign_plots_and_arms(rng: random.Random, generated: list[dict]) -> None:
    for a in generated:
        a.update(plot="false", weapon="", target="")
        if a["networks"] == plan.KAMIKAZE:
            a.update(plot="true", target="police;public_event")
    plotted = []
    for connection, n in plan.PLOTS_GENERATED.items():
        pool = [a for a in generated if a["connection"] == connection and a["plot"] == "false"]
        rng.shuffle(pool)
        take = n - sum(a["plot"] == "true" for a in generated if a["connection"] == connection)
        plotted += pool[:take]
    for a in plotted:
        a["plot"] = "true"
    armed = sorted(plotted, key=lambda a: a["date"])
    for a, weapon, target in zip(armed[::4], plan.EXTRA_WEAPONS, plan.EXTRA_TARGETS, strict=False):
        a.update(weapon=weapon, target=target)


def _assign_people(rng: random.Random, generated: list[dict]) -> None:
    antwerp = [a for a in generated if a["nis_code"] == plan.ANTWERP]
    inspired = [a for a in generated if a["connection"] == "inspired"]
    for a, n in zip(antwerp, plan.ANTWERP_PEOPLE, strict=True):
        a["people"] = n
    for a in antwerp[: plan.ANTWERP_TIED_TO_ONE_RECRUITER]:
        a["contact_ref"] = plan.ANTWERP_RECRUITER_REF
    for a, n in zip(inspired, plan.INSPIRED_PEOPLE, strict=True):
        a["people"] = n
    rest = [a for a in generated if "people" not in a]
    rng.shuffle(rest)
    for i, a in enumerate(rest):
        a["people"] = plan.LINKED_MULTI[i] if i < len(plan.LINKED_MULTI) else 1


def build_incidents() -> pd.DataFrame:
    """All incidents: public record plus generated records, ids in date order."""
    rng = random.Random(plan.SEED)
    public = [dict(r, source_type="public_record") for r in plan.PUBLIC_RECORD]
    generated = _network_actions(rng) + _plain_actions(rng)
    _assign_links(rng, generated)
    _assign_plots_and_arms(rng, generated)
    public_actions = [r for r in public if r["incident_type"] == "arrest_action"]
    _assign_people(rng, generated + public_actions)
    for a in generated:
        a.update(source_type="reconstructed", description=_describe(a),
                 description_fr=_describe_fr(a), description_nl=_describe_nl(a))
    for r in public:
        r["description_fr"], r["description_nl"] = plan.DESCRIPTIONS_FR_NL[r["description"]]
    frame = pd.DataFrame(public + generated)
    frame = frame.sort_values(
        ["date", "incident_type", "nis_code", "networks", "people"],
        kind="stable",
        ignore_index=True,
    )
    frame.insert(0, "incident_id", [f"BE-{d[:4]}-{i + 1:03d}" for i, d in enumerate(frame["date"])])
    frame["date_precision"] = "day"
    frame["sources"] = [
        SOURCE if s == "reconstructed" else "Public record; " + SOURCE for s in frame["source_type"]
    ]
    for col in ("people", "killed", "injured"):
        frame[col] = frame[col].map(lambda v: "" if pd.isna(v) else str(int(v)))
    order = [c.name for c in cb.INCIDENTS] + ["locations_other"]
    return frame.reindex(columns=order).fillna("").astype(str)


def _describe_fr(a: dict) -> str:
    kind = ("Projet d'attentat découvert lors d'une arrestation" if a["plot"] == "true"
            else "Arrestation")
    tie = (f", liée au réseau {a['networks'].replace(';', ' et au réseau ')}"
           if a["networks"] else "")
    return f"{kind}{tie} (enregistrement généré, conforme aux agrégats de l'étude)."


def _describe_nl(a: dict) -> str:
    kind = "Aanslagplan ontdekt bij een arrestatie" if a["plot"] == "true" else "Arrestatie"
    tie = (f", gelinkt aan het netwerk {a['networks'].replace(';', ' en het netwerk ')}"
           if a["networks"] else "")
    return f"{kind}{tie} (gegenereerd record, in overeenstemming met de totalen van de studie)."


def _describe(a: dict) -> str:
    kind = "Plot uncovered in an arrest action" if a["plot"] == "true" else "Arrest action"
    tie = f" tied to the {a['networks'].replace(';', ' and the ')}" if a["networks"] else ""
    return f"{kind}{tie} (generated record, matching the study's aggregates)."


def build_people(incidents: pd.DataFrame) -> pd.DataFrame:
    """135 anonymous people whose attributes reproduce the study's aggregates."""
    rng = random.Random(plan.SEED + 1)
    slots = [
        (row.incident_id, int(row.date[:4]), row.incident_type)
        for row in incidents.itertuples()
        for _ in range(int(row.people))
    ]
    by_year: dict[int, list[int]] = {}
    for i, (_, year, _) in enumerate(slots):
        by_year.setdefault(year, []).append(i)
    for pool in by_year.values():
        rng.shuffle(pool)
    chosen: dict[int, tuple] = {}
    free = []
    for count, citizenship, birth, heritage, year in plan.PROFILES:
        for _ in range(count):
            profile = (citizenship, birth, heritage)
            if year is None:
                free.append(profile)
            else:
                chosen[by_year[year].pop()] = profile
    rest = sorted(i for pool in by_year.values() for i in pool)
    rng.shuffle(free)
    chosen.update(zip(rest, free, strict=True))
    rows = []
    for i, (incident_id, _, kind) in enumerate(slots):
        citizenship, birth, heritage = chosen[i]
        rows.append(
            dict(
                person_id=f"P-{i + 1:04d}",
                incident_id=incident_id,
                role="attacker" if kind == "attack" else "arrested",
                citizenship=citizenship,
                birth_country=birth,
                heritage=heritage,
                source_type="reconstructed",
            )
        )
    return pd.DataFrame(rows)


def build_networks() -> pd.DataFrame:
    return pd.DataFrame(plan.NETWORKS, columns=["network", "cluster", "description"])


def write(out: Path) -> list[Path]:
    """Write the three tables and a VERSION file into out; returns the files written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    incidents = build_incidents()
    tables = {
        "incidents": incidents,
        "people": build_people(incidents),
        "networks": build_networks(),
    }
    written = []
    for name, frame in tables.items():
        target = out / f"{name}.csv"
        tmp = target.with_suffix(".csv.tmp")
        frame.to_csv(tmp, index=False, lineterminator="\n")
        tmp.replace(target)
        written.append(target)
    (out / "VERSION").write_text(DATASET_VERSION + "\n")
    return written + [out / "VERSION"]
