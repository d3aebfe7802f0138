"""A large, valid, random dataset for benchmarks (not a reconstruction of anything)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data import codebook as cb
from data.places import gazetteer
from data.study.reconstruct import build_networks


def synthetic_tables(n: int, seed: int = 7) -> dict[str, pd.DataFrame]:
    """n incidents with people and networks; every value valid under the codebook."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2014-06-01", "2017-10-31", freq="D").strftime("%Y-%m-%d")
    networks = build_networks()
    kind = rng.choice(cb.INCIDENT_TYPES, n, p=[0.96, 0.04])
    connection = rng.choice(cb.CONNECTIONS, n, p=[0.9, 0.1])
    link = np.where(connection == "linked", rng.choice(cb.LINK_TYPES, n), "")
    people = rng.integers(1, 4, n)
    net = np.where(rng.random(n) < 0.5, rng.choice(networks["network"], n), "")
    incidents = pd.DataFrame(
        {
            "incident_id": [f"S-{i:06d}" for i in range(n)],
            "date": rng.choice(days, n),
            "date_precision": "day",
            "incident_type": kind,
            "connection": connection,
            "link_type": link,
            "plot": rng.choice(["true", "false"], n, p=[0.17, 0.83]),
            "nis_code": rng.choice(sorted(gazetteer()), n),
            "people": people.astype(str),
            "networks": np.where(connection == "linked", net, ""),
            "source_type": "coded",
        }
    )
    ids = np.repeat(incidents["incident_id"].to_numpy(), people)
    roles = np.repeat(np.where(kind == "attack", "attacker", "arrested"), people)
    citizenship = rng.choice(["", "BE", "MA", "FR", "BE;MA", "NL"], len(ids))
    people_frame = pd.DataFrame(
        {
            "person_id": [f"SP-{i:07d}" for i in range(len(ids))],
            "incident_id": ids,
            "role": roles,
            "citizenship": citizenship,
            "birth_country": rng.choice(["", "BE", "MA"], len(ids)),
            "heritage": rng.choice(["", "MA", "DZ"], len(ids)),
        }
    )
    return {"incidents": incidents, "people": people_frame, "networks": networks}


def write_synthetic(out: Path, n: int) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in synthetic_tables(n).items():
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    return out
