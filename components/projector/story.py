"""Briefing stories: scenes of a filter state, one chart and a caption whose numbers are computed
from the loaded data (so a user's own dataset keeps the captions true). Pure: no Dash, no Flask.

A story is a YAML file (docs/story.yaml is the default one):

    scenes:
      - title: {en: "...", fr: "...", nl: "..."}     # or one string for every language
        filters: "type=attack"                       # the dashboard's URL form ("" = all)
        chart: timeline                              # an embed chart: shares, timeline, map, ...
        options: {freq: month, events: true}         # chart options, as in the dashboard
        caption: {en: "{attacks} attacks ...", ...}  # placeholders: NUMBERS below
        figures: [attacks]                           # reference figures the scene shows

It is checked when the app starts; every problem names the scene and the field.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

import yaml

from components.charts.registry import SLUGS
from data import aggregate as ag
from data import compare, i18n, network_names, viewstate
from data.filters import FilterError, Filters, Vocabulary
from data.places import GROUPS

DEFAULT = Path(__file__).resolve().parents[2] / "docs" / "story.yaml"
ENV = "BEEXPLORER_STORY"
CHARTS = SLUGS  # a scene shows what an embed can
# as the dashboard's controls give them (a switch: a bool)
OPTION_VALUES = {o.param: (True, False) if o.switch else o.choices for o in viewstate.OPTIONS}
# The numbers a caption may use, computed for the scene's filters ("_pct": a percentage).
NUMBERS = {
    "incidents": "incidents in view", "arrest_actions": "arrest actions",
    "attacks": "attacks", "people": "people arrested or attacking",
    "linked": "linked incidents", "linked_pct": "% of incidents linked",
    "inspired": "inspired incidents", "inspired_pct": "% of incidents inspired",
    "arrest_actions_linked": "linked arrest actions",
    "arrest_actions_linked_pct": "% of arrest actions linked",
    "attacks_inspired": "inspired attacks", "attacks_inspired_pct": "% of attacks inspired",
    "plot": "arrest actions with plot evidence",
    "plot_pct": "% of arrest actions with plot evidence",
    "peak_year": "the year with most incidents", "peak_year_n": "incidents in that year",
    "brussels": "incidents in the Brussels-Capital Region", "charleroi": "incidents in Charleroi",
    "antwerp": "incidents in Antwerp", "elsewhere": "incidents elsewhere",
    "top_place": "the municipality with most incidents", "top_place_n": "its incidents",
    "networks": "named networks in view", "with_network": "arrest actions tied to a network",
    "top_network": "the network with most arrest actions", "top_network_n": "its arrest actions",
}
TEXT_NUMBERS = ("peak_year", "top_place", "top_network")
# A comparison's scene (`vs.` filters) may also use slice B's numbers ("b_" before any of the
# above) and, for each share, each slice's 95% interval and what their difference can carry.
COMPARED_NUMBERS = {
    **{f"b_{k}": f"slice B: {v}" for k, v in NUMBERS.items()},
    "linked_interval": "95% interval of A's linked share",
    "b_linked_interval": "95% interval of B's linked share",
    "plot_interval": "95% interval of A's share of arrest actions with a plot",
    "b_plot_interval": "95% interval of B's share of arrest actions with a plot",
    "linked_verdict": "what the difference of the linked shares can carry (Fisher's test)",
    "plot_verdict": "what the difference of the plot shares can carry (Fisher's test)",
}


class StoryError(ValueError):
    """A story file that cannot be shown; .problems has one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Scene:
    title: dict[str, str]
    filters: Filters
    query: str
    chart: str
    options: dict = field(default_factory=dict)
    caption: dict[str, str] = field(default_factory=dict)
    figures: tuple[str, ...] = ()
    comparison: compare.Comparison | None = None  # its `vs.` filters: slice B

    def text(self, which: str, lang: str) -> str:
        texts = getattr(self, which)
        return texts.get(lang) or texts.get(i18n.DEFAULT) or next(iter(texts.values()), "")


def _texts(value, where: str, problems: list[str]) -> dict[str, str]:
    if isinstance(value, str) and value.strip():
        return dict.fromkeys(i18n.LANGS, value)
    if isinstance(value, dict) and value and all(
            k in i18n.LANGS and isinstance(v, str) and v.strip() for k, v in value.items()):
        return dict(value)
    problems.append(f"{where}: must be a text, or texts by language ({', '.join(i18n.LANGS)})")
    return {}


def _placeholders(texts: dict[str, str], where: str, problems: list[str],
                  compared: bool = False) -> None:
    by_text: dict[str, list[str]] = {}
    for lang, text in texts.items():
        by_text.setdefault(text, []).append(lang)
    for text, langs in by_text.items():
        where_lang = f"{where} ({', '.join(langs)})" if len(by_text) > 1 else where
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        except ValueError as err:
            problems.append(f"{where_lang}: {err} (write {{{{ and }}}} for braces)")
            continue
        known = {**NUMBERS, **(COMPARED_NUMBERS if compared else {})}
        for name in sorted(names - set(known)):
            also = "" if compared or name not in COMPARED_NUMBERS else (
                " (slice B's numbers need vs. filters)")
            problems.append(f"{where_lang}: unknown number {{{name}}}{also}; known: "
                            f"{', '.join(known)}")


def parse(doc: object, known: Vocabulary, source: str = "story") -> list[Scene]:
    """Scenes from a parsed YAML document; StoryError naming every problem found."""
    problems: list[str] = []
    scenes_raw = doc.get("scenes") if isinstance(doc, dict) else None
    if not isinstance(scenes_raw, list) or not scenes_raw:
        raise StoryError([f"{source}: needs 'scenes:', a list of at least one scene"])
    scenes = []
    for i, raw in enumerate(scenes_raw, start=1):
        where = f"{source}: scene {i}"
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be a mapping of title, filters, chart, caption")
            continue
        for key in sorted(set(raw) - {"title", "filters", "chart", "options", "caption",
                                      "figures"}):
            problems.append(f"{where}: unknown field {key!r}")
        title = _texts(raw.get("title"), f"{where}, title", problems)
        caption = _texts(raw.get("caption"), f"{where}, caption", problems)
        query = raw.get("filters") or ""
        f, c = Filters(), None
        if not isinstance(query, str):
            problems.append(f"{where}, filters: must be text in URL form, e.g. 'type=attack'")
            query = ""
        try:  # vs.<filter>: a comparison, slice B as in the dashboard's address
            f, c = compare.slices(dict(parse_qsl(query, keep_blank_values=True)), known)
        except FilterError as err:
            problems.append(f"{where}, filters: {err}")
        _placeholders(caption, f"{where}, caption", problems, c is not None)
        chart = raw.get("chart")
        if chart not in CHARTS:
            problems.append(f"{where}, chart: {chart!r} is not one of {', '.join(CHARTS)}")
        options = raw.get("options") or {}
        if not isinstance(options, dict):
            problems.append(f"{where}, options: must be a mapping, e.g. {{freq: month}}")
            options = {}
        for key, value in options.items():
            if key not in OPTION_VALUES or value not in OPTION_VALUES[key]:
                problems.append(f"{where}, options: {key}={value!r} is not allowed (allowed: "
                                + "; ".join(f"{k}: {', '.join(map(str, v))}"
                                            for k, v in OPTION_VALUES.items()) + ")")
        figures = raw.get("figures") or []
        if not isinstance(figures, list) or not all(isinstance(x, str) for x in figures):
            problems.append(f"{where}, figures: must be a list of reference figure ids")
            figures = []
        scenes.append(Scene(title, f, "&".join(q for q in (f.to_query(), c.query() if c else "")
                                               if q), str(chart), dict(options), caption,
                            tuple(figures), c))
    if problems:
        raise StoryError(problems)
    return scenes


def load(path: Path | str | None, known: Vocabulary) -> list[Scene]:
    path = Path(path) if path else DEFAULT
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise StoryError([f"{path}: cannot be read ({err.strerror or err})"]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise StoryError([f"{path}: not valid YAML{at}: {getattr(err, 'problem', err)}"]
                         ) from None
    return parse(doc, known, str(path))


def numbers(incidents, people, names: dict[str, str]) -> dict[str, object]:
    """Every NUMBERS value for the incidents in view (raw: formatted per language later)."""
    k = ag.key_figures(incidents, people)
    by_type = ag.connection_by_type(incidents).set_index(["incident_type", "connection"])
    years = incidents["year"].value_counts().sort_index()
    places = ag.by_municipality(incidents)
    nets = ag.by_network(incidents)
    actions = incidents[incidents["incident_type"] == "arrest_action"]
    n, linked = k["incidents"]["value"], k["share_linked"]["value"]

    def pct(part, whole):
        return 100 * part / whole if whole else None

    in_group = {g: int(incidents["nis_code"].isin(codes).sum()) for g, codes in GROUPS.items()}
    return {
        "incidents": n, "arrest_actions": k["arrest_actions"]["value"],
        "attacks": k["attacks"]["value"], "people": k["people"]["value"],
        "linked": linked, "linked_pct": pct(linked, n), "inspired": n - linked,
        "inspired_pct": pct(n - linked, n),
        "arrest_actions_linked": int(by_type.loc[("arrest_action", "linked"), "n"]),
        "arrest_actions_linked_pct": by_type.loc[("arrest_action", "linked"), "share"],
        "attacks_inspired": int(by_type.loc[("attack", "inspired"), "n"]),
        "attacks_inspired_pct": by_type.loc[("attack", "inspired"), "share"],
        "plot": k["share_plot"]["value"], "plot_pct": pct(k["share_plot"]["value"],
                                                          k["share_plot"]["n"]),
        "peak_year": str(years.idxmax()) if len(years) else "–",
        "peak_year_n": int(years.max()) if len(years) else 0,
        **in_group, "elsewhere": n - sum(in_group.values()),
        "top_place": names.get(places["nis_code"].iloc[0], places["nis_code"].iloc[0])
        if len(places) else "–",
        "top_place_n": int(places["incidents"].iloc[0]) if len(places) else 0,
        "networks": len(nets), "with_network": int((actions["networks"] != "").sum()),
        "top_network": str(nets["network"].iloc[0]) if len(nets) else "–",
        "top_network_n": int(nets["arrest_actions"].iloc[0]) if len(nets) else 0,
    }


def compared_numbers(a: tuple, b: tuple, names: dict[str, str]) -> dict[str, object]:
    """A comparison's numbers: slice A's (numbers), B's ("b_"), each share's interval and the
    difference of each pair of shares (said in words by formatted)."""
    ka, kb = (ag.key_figures(*side) for side in (a, b))
    k = compare.key_figures(ka, kb, compare.shared_incidents(a[0], b[0]))
    out = numbers(*a, names) | {f"b_{key}": v for key, v in numbers(*b, names).items()}
    for share, key in (("linked", "share_linked"), ("plot", "share_plot")):
        d = k[key]["difference"]
        out |= {f"{share}_interval": d.a, f"b_{share}_interval": d.b, f"{share}_verdict": d}
    return out


def formatted(values: dict[str, object], lang: str) -> dict[str, str]:
    """The numbers as a caption shows them in lang (CLDR: '91 %' in French, '91%' in Dutch)."""
    out = {}
    for key, value in values.items():
        if isinstance(value, compare.Share):  # "95% interval 82%–97%"
            out[key] = compare.interval_text(value.k, value.n, lang)
        elif isinstance(value, compare.Difference):
            out[key] = compare.verdict(value, lang, plain=True)  # a room hears no p-values
        elif key.removeprefix("b_") == "top_network":  # the network's name, as lang says it
            out[key] = network_names.said(str(value), lang)
        elif key.removeprefix("b_") in TEXT_NUMBERS:
            out[key] = str(value)
        elif key.endswith("_pct"):
            out[key] = i18n.pct(None if value is None or value != value else float(value), lang)
        else:
            out[key] = i18n.num(int(value), lang)
    return out


def caption(scene: Scene, values: dict[str, object], lang: str) -> str:
    return scene.text("caption", lang).format(**formatted(values, lang))
