"""Random filter events -- the URL (also ones no control writes), controls, reset, chips, chart
clicks, the Compare control -- for the browser (assets/filters.js) to handle in node
(tests/js/filters.test.js): every state it writes, Python must read and write back as it is, and
every address it refuses, Python must refuse in the same words (tests/test_js.py's contract)."""

from __future__ import annotations

import random
from urllib.parse import quote

from components import state
from components.state import MONTHS
from data import codebook as cb
from data import i18n, viewstate
from data.filters import Filters, Vocabulary
from data.places import GROUPS, PROVINCES

JUNK = ["", " ", "x", "Attack", "attack ", "2016-13", "2016-1", "٢٠١٦-٠١", "yes,no", "élan",
        "a'b", 'a"b', "a'\"b", "tab\there", "new\nline", "\x00", "\u200b", "😀", "%", "%zz",
        "%C3", "%E2%82", "a+b", "a%2Cb", "&", "=", "brussels", "52011", "99999", "1", "2016"]
SOURCES = ("url", "controls", "reset", "chip", "click:shares", "click:timeline", "click:map",
           "click:networks", "click:citizenship", "none", "options", "compare")
# slice B's filters (data/compare.py), as an address or the store holds them: valid, lifting a
# filter (blank), changing nothing, and junk (no such filter, a chart option, a bad value)
VS_PAIRS = [("vs.place", "antwerp"), ("vs.place", "brussels"), ("vs.place", ""),
            ("vs.place", "charleroi,52011"), ("vs.type", "attack"), ("vs.type", "arrest_action"),
            ("vs.connection", "inspired"), ("vs.from", "2016-01"), ("vs.to", "2016-12"),
            ("vs.from", "2017-09"), ("vs.plot", "yes"), ("vs.province", "10000"),
            ("vs.citizenship", "MA"), ("vs.link", ""), ("vs.region", "wallonia"),
            ("vs.type", " attack , "), ("vs.foo", "1"), ("vs.within", "brussels"),
            ("vs.place", "zzz"), ("vs.", "x"),
            ("vs.freq", "month"), ("vs.lang", "fr"), ("vs.from", "2016-1"), ("vs.plot", "maybe"),
            ("VS.place", "antwerp"), ("vs.type", "Attack")]


def _vs(r: random.Random) -> list[tuple[str, str]]:
    valid = VS_PAIRS[:15]
    return r.sample(valid if r.random() < 0.7 else VS_PAIRS, r.randint(1, 3))


def _random_filters(r: random.Random, known: Vocabulary, incident_places: list[str]) -> Filters:
    places = [*GROUPS, "elsewhere", *incident_places, *r.sample(sorted(known.places), 3)]

    def some(values, k=3):
        return frozenset(r.sample(values, r.randint(0, min(k, len(values)))))

    lo, hi = sorted(r.sample(range(len(MONTHS)), 2))
    f = Filters(start=r.choice([None, None, MONTHS[lo]]), end=r.choice([None, None, MONTHS[hi]]),
                types=some(list(cb.INCIDENT_TYPES)), connections=some(list(cb.CONNECTIONS)),
                links=some(list(cb.LINK_TYPES)), plot=r.choice([None, None, True, False]),
                networks=some(sorted(known.networks), 2), places=some(places),
                provinces=some(list(PROVINCES), 2) if r.random() < 0.3 else frozenset(),
                regions=some(["brussels", "flanders", "wallonia"], 2) if r.random() < 0.3
                else frozenset(),
                citizenships=some(["BE", "MA", "FR", "NL", "TR", "SY"], 2)).checked()
    if f.places and r.random() < 0.3:
        group = r.choice([*GROUPS, "elsewhere"])
        f = Filters.from_query(f.to_query() + f"&within={group}", known)
    return f


def _junk(r: random.Random) -> str:
    return r.choice(JUNK) if r.random() < 0.8 else "".join(
        chr(r.choice([r.randint(32, 126), r.randint(0xa0, 0x2fff), r.randint(0, 31)]))
        for _ in range(r.randint(1, 6)))


def _url(r: random.Random, f: Filters) -> str:
    query = f.to_query()
    pairs = [p for p in query.split("&") if p]
    roll = r.random()
    if roll < 0.3:  # a junk value or parameter
        key = r.choice(["type", "connection", "link", "plot", "network", "place", "province",
                        "region", "citizenship", "from", "to", "within", "lang", "foo", "Type", ""])
        value = _junk(r)
        value = quote(value) if r.random() < 0.5 else value
        pairs.insert(r.randint(0, len(pairs)), f"{key}={value}")
    elif roll < 0.4:  # repeated or empty parameters, no '='
        pairs += r.sample(["type=", "type", "place=brussels", "place=52011,,", "=x", "plot=",
                           "from=2016-01", "to=2015-01", "within=brussels"], 2)
    elif roll < 0.5:  # written by hand: spaces, plus signs, case
        pairs = [p.replace("%20", "+").replace(",", " , ") for p in pairs]
    for option in viewstate.OPTIONS:  # chart options: valid, defaults spelled out, junk, twice
        roll = r.random()
        if roll < 0.25:
            pairs.append(f"{option.param}={r.choice(option.choices)}")
        elif roll < 0.3:
            pairs.append(f"{option.param}={r.choice([_junk(r), ' month ', 'Month', '1,0'])}")
        elif roll < 0.33:
            pairs += [f"{option.param}={r.choice(option.choices)}" for _ in range(2)]
    if r.random() < 0.35:  # a comparison
        pairs += [f"{quote(k)}={quote(v) if r.random() < 0.8 else v}" for k, v in _vs(r)]
        if r.random() < 0.1:
            pairs.append(r.choice(["vs.place", "vs.type=", "vs.place=antwerp&vs.place=charleroi"]))
    r.shuffle(pairs)
    lang = r.choice(["", "&lang=fr", "&lang=xx", "lang=nl&"])
    return r.choice(["?", "", "??"]) + "&".join(pairs) + lang


def _shown(f: Filters) -> dict:
    """The controls' values showing f (as the page's controls hold them)."""
    values = {name: sorted(getattr(f, specs[0].field)) for name, specs in state.CONTROL_OF.items()
              if specs[0].kind == "set"}
    values["date"] = [MONTHS.index(f.start) if f.start else 0,
                      MONTHS.index(f.end) if f.end else len(MONTHS) - 1]
    values["plot"] = "any" if f.plot is None else "yes" if f.plot else "no"
    return values


def _controls(r: random.Random, f: Filters, known: Vocabulary) -> dict:
    values = _shown(f)
    for _ in range(r.randint(1, 3)):
        name = r.choice(list(state.CONTROL_OF))
        if name == "date":
            values["date"] = [
                sorted(r.sample(range(len(MONTHS)), 2)), [0, len(MONTHS) - 1],
                [r.randint(0, 41), r.randint(0, 41)], [3.7, 12.2], [-5, 60], [50, 60],
                [-3, -1], None, [1], "x", [None, 3], ["3", "7"], [True, 2]][
                r.randint(0, 12)]
        elif name == "plot":
            values["plot"] = r.choice(["any", "yes", "no", None, "maybe", 1, ""])
        else:
            pool = {"types": list(cb.INCIDENT_TYPES), "connections": list(cb.CONNECTIONS),
                    "links": list(cb.LINK_TYPES), "networks": sorted(known.networks),
                    "places": [*GROUPS, "elsewhere", *r.sample(sorted(known.places), 4)],
                    "provinces": [*PROVINCES, "21000", "00000"],
                    "regions": ["brussels", "flanders", "wallonia", "Flanders"],
                    "citizenships": ["BE", "MA", "FR", "XX"]}[name]
            values[name] = r.choice([
                r.sample(pool, r.randint(0, min(3, len(pool)))), [], None,
                [r.choice(pool), _junk(r)], "attack", [r.choice(pool), r.choice(pool)]])
    return values


def _options(r: random.Random) -> dict:
    """The chart options' control values (a client can post anything)."""
    values = {o.param: r.choice(o.choices) for o in viewstate.OPTIONS}
    values["events"] = r.choice([True, False, False, "1", None])
    if r.random() < 0.2:
        values[r.choice(list(values))] = r.choice([None, "week", 3, ["year"], "", True])
    if r.random() < 0.05:
        return r.choice([None, [], {}])
    return values


def _click(r: random.Random, source: str, known: Vocabulary, f: Filters):
    chart = source.removeprefix("click:")
    value = {"shares": lambda: r.choice(["linked", "inspired", "other"]),
             "map": lambda: r.choice([*sorted(f.places), *r.sample(sorted(known.places), 3),
                                      "brussels", "00000"]),
             "networks": lambda: r.choice([*sorted(known.networks), "nobody"]),
             "citizenship": lambda: r.choice(["BE", "MA", "XX", "be"]),
             "timeline": lambda: None}[chart]()
    if chart == "timeline":
        x = r.choice([*r.sample(MONTHS, 3), "2014", "2016", "2017", "2013", "2018", 2016,
                      "2016-03-01", None, "", "x" * 30, "٢٠١٦", [2016]])
        point = {"x": x} if r.random() < 0.9 else {}
    else:
        # [value, "B"]: a mark of compare mode's slice B (a click on it sets B's filter)
        data = r.choice([value, [value], [value, "extra"], [], None, 5, [value, "B"],
                         [value, "B"], [value, "B", "x"], [3, "B"]])
        point = {"customdata": data} if r.random() < 0.9 else {"x": value}
    return r.choice([{"points": [point]}, {"points": [point]}, {"points": []}, {}, None,
                     {"points": "x"}, {"points": [5]}])


def _compare(r: random.Random) -> object:
    """A Compare control's event: start or change B (set), swap, end; or junk."""
    if r.random() < 0.08:
        return r.choice([None, {}, [], {"action": "set"}, {"action": "set", "pairs": "x"},
                         {"action": "set", "pairs": [["place", 3]]}, {"action": "fly"},
                         {"action": "set", "pairs": [["place"]]}])
    action = r.choice(["set", "set", "set", "swap", "end"])
    if action != "set":
        return {"action": action}
    return {"action": "set", "pairs": [[key[3:] if key.startswith("vs.") else key, value]
                                       for key, value in _vs(r)]}


def _chip(r: random.Random, f: Filters, previous: object = None) -> dict:
    if isinstance(previous, dict) and r.random() < 0.3:  # B's chip: its filter as A's again
        named = [k[3:] for k in previous if k.startswith("vs.")]
        return {"type": "chip", "name": "vs",
                "value": r.choice(named) if named and r.random() < 0.8 else r.choice(
                    ["place", "foo", 3, None, "from,to", "to,place,", ""])}
    shown = [(name, value) for name, value, _ in state.chips(f, lambda n, v: v)]
    name, value = r.choice(shown) if shown and r.random() < 0.8 else (
        r.choice(["types", "period", "plot", "within", "places", "foo", None]),
        r.choice(["", "attack", "brussels", 3, None]))
    return {"type": "chip", "name": name, "value": value}


def cases(known: Vocabulary, incident_places: list[str], count: int, seed: int) -> list[dict]:
    """count random events, each with its inputs."""
    r = random.Random(seed)
    out = []
    for i in range(count):
        f = _random_filters(r, known, incident_places)
        previous = f.to_state()
        if r.random() < 0.4:  # in a comparison
            previous = {**previous, **{k: v for k, v in _vs(r)}}
        if r.random() < 0.05:  # a store the browser could not have written
            previous = r.choice([None, [], {"type": "bogus"}, {"from": "2017-01", "to": "2015-01"},
                                 {"vs.place": 3}, {"vs.place": None, "type": "attack"}])
        source = SOURCES[i % len(SOURCES)]
        search = _url(r, _random_filters(r, known, incident_places)) if source == "url" else (
            "?" + f.to_query())
        controls = _controls(r, f, known) if source == "controls" else _shown(f)
        detail = (_chip(r, f, previous) if source == "chip" else _compare(r) if
                  source == "compare" else
                  _click(r, source, known, f) if source.startswith("click:") else None)
        out.append({"source": source, "detail": detail, "search": search,
                    "controls": controls, "previous": previous,
                    "lang": r.choice(i18n.LANGS), "options": _options(r)})
    return out
