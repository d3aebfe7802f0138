"""Pure figure functions: tables in, plotly figures out (no Dash). Each figure carries its title,
subtitle (the filter summary) and source line, so a PNG/SVG download is self-explaining."""

from __future__ import annotations

import copy
import html
import math
import re
import textwrap
from dataclasses import dataclass

import pandas as pd

from components.charts.figspec import Fig
from data import compare, i18n
from data.facts import SHORT_CITATION, SMALL_N
from data.i18n import _, n_, num, t

# Okabe-Ito: colour-blind safe; inspired is also hatched, and every bar is labelled directly.
COLORS = {"linked": "#0072B2", "inspired": "#E69F00", "arrest_action": "#009E73",
          "attack": "#D55E00"}
PATTERNS = {"linked": "", "inspired": "/", "arrest_action": "", "attack": "x"}
NEUTRAL = "#e6e6e6"
# ColorBrewer Blues, light to dark, spelled out: plotly.js's own "Blues" runs the other way.
BLUES = [[0, "#c6dbef"], [0.25, "#9ecae1"], [0.5, "#6baed6"], [0.75, "#3182bd"],
         [1, "#08519c"]]
FONT = "DejaVu Sans, Arial, sans-serif"
STUDY = SHORT_CITATION
SOURCE = f"Source: {STUDY}"


def source(lang: str | None = None) -> str:
    """The source line (the study's citation stays as published)."""
    return _("Source: {study}", lang).format(study=STUDY)


# A small template of our own: plotly_white's full template costs ~20 ms to copy per figure.
TEMPLATE = {"layout": {"plot_bgcolor": "white",
                       "xaxis": {"gridcolor": "#e5e5e5", "zerolinecolor": "#ccc",
                                 "automargin": True},
                       "yaxis": {"gridcolor": "#e5e5e5", "zerolinecolor": "#ccc",
                                 "automargin": True},
                       "hoverlabel": {"font": {"size": 14}}}}


def escape_markup(text: object) -> str:
    """User-supplied text as plotly shows it literally: its markup tags (<a>, <b>, <span style>,
    <br>) and entities escaped, so a dataset's name or a place can never add a link or style."""
    return html.escape(str(text), quote=False)


@dataclass(frozen=True)
class Caption:
    """What every figure says about itself: subtitle (filters), source and provenance lines."""

    subtitle: str
    source: str = SOURCE
    provenance: str = ""
    lang: str = "en"
    n: int | None = None  # incidents in view; 0 draws the empty state over the chart
    empty: str = "no_match"  # what the empty state says (a key of data.i18n)
    hint: str = "no_match_hint"  # and the way out it offers


def incidents_count(n: float, lang: str | None = None) -> str:
    """'1 incident', '2 incidents', '0 incident' in French: the count with its noun agreeing."""
    n = int(n)
    return n_("{n} incident", "{n} incidents", n, lang).format(n=num(n, lang))


def foot_lines(cap: Caption) -> list[str]:
    """The foot's lines as _frame gives them, unwrapped: the study's citation, the dataset, the
    provenance (if any). The screen shows them as text that wraps at the card's width."""
    citation, *data_lines = cap.source.split(" · ")
    return [line for line in (citation, *data_lines, cap.provenance) if line]


def _frame(fig: Fig, title: str, cap: Caption, height: int, key: str = "") -> Fig:
    """Title and filter summary on top, legend under them, source and provenance at the foot;
    a key (what the chart's marks stand for), if any, between the axis and the foot."""
    citation, *data_lines = cap.source.split(" · ")
    # our own long lines wrap, so a phone-wide chart (340 px) shows them whole
    foot = "<br>".join(line for line in (_wrap(citation, FOOT_WIDTH), *data_lines,
                                         _wrap(cap.provenance, FOOT_WIDTH)) if line)
    lines = foot.count("<br>") + 1
    # a value axis titled under its ticks (the sections' horizontal bars) takes a line of its
    # own between the plot and the foot: the plot keeps its height, the foot moves down
    axis = fig["layout"].get("xaxis") or {}
    below = AXIS_TITLE_ROOM if (axis.get("title") or {}).get("text") else 0
    height += below
    fig.update_layout(
        title={"text": f"<b>{title}</b>", "font": {"size": 19},
               "subtitle": {"text": cap.subtitle, "font": {"size": 13, "color": "#333"}},
               "x": 0.01, "xanchor": "left", "yref": "container", "y": 0.985,
               "yanchor": "top"},
        font={"family": FONT, "size": 14}, height=height, template=TEMPLATE,
        separators=i18n.separators(cap.lang),
        margin={"l": 55, "r": 20, "t": 105, "b": 40 + 14 * lines + below},
        paper_bgcolor="white",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "xanchor": "left"},
    )
    # the foot's and key's lines before wrapping: an export's wide image wraps them wider (widen)
    fig["layout"]["meta"] = {**(fig["layout"].get("meta") or {}), "foot": [
        line for line in (citation, *data_lines, cap.provenance) if line]}
    raw_key = key
    if key:  # between the axis and the foot: the plot keeps its height, the foot moves down
        key = "<br>".join(escape_markup(line) for line in textwrap.wrap(
            key, KEY_WIDTH, break_long_words=False, break_on_hyphens=False))
        room = key_room(key)
        fig["layout"]["height"] += room
        fig["layout"]["margin"]["b"] += room
        fig["layout"]["meta"] = {**(fig["layout"].get("meta") or {}), "key": raw_key}
        fig.add_annotation(text=key, xref="paper", yref="paper", x=0, y=0, yshift=-28 - below,
                           showarrow=False, xanchor="left", yanchor="top", align="left",
                           font={"size": 12, "color": "#333"}, name="key")
    fig.add_annotation(text=f"<span style='font-size:11px;color:#555'>{foot}</span>",
                       xref="paper", yref="paper", x=0, y=0,
                       yshift=-(30 + 14 * lines + below + (key_room(key) if key else 0)),
                       showarrow=False, xanchor="left", yanchor="bottom", align="left",
                       # the lines' height follows the annotation's font: at 11 px it is the
                       # 14 px per line the margin and shift above allow for
                       font={"size": 11}, name="foot")
    if cap.n == 0:
        fig.add_annotation(**EMPTY_NOTE, text=f"<b>{_wrap(t(cap.empty, cap.lang), NOTE_WIDTH)}"
                           f"</b><br>{_wrap(t(cap.hint, cap.lang), NOTE_WIDTH)}")
    return fig


AXIS_TITLE_ROOM = 40  # px: the line plotly gives an axis title under its ticks


def key_room(key: str) -> int:
    """The height a key's lines take under the axis (instant.js: keyRoom)."""
    return 6 + 16 * (key.count("<br>") + 1)


def without_hint(note: dict) -> dict:
    """An empty-state note saying what is empty only (its bold part), not the screen's way out
    of it ("Remove a filter above"): for a file, a slide or one slice of a pair."""
    if "</b>" in note["text"]:
        note["text"] = note["text"][:note["text"].index("</b>") + 4]
    return note


def plain_title(fig: dict) -> str:
    """A figure's title as text: plotly's markup without its tags."""
    return re.sub(r"<[^>]+>", "", str((fig["layout"].get("title") or {}).get("text", "")))


def widen(fig: dict, chars: int) -> dict:
    """The figure with its foot and key wrapped at chars a line (an export's image is 1000 px
    or wider: its source and key run across it, not in its left third); the plot keeps its
    height, the foot moves up by the lines saved."""
    layout = fig.get("layout") or {}
    meta = layout.get("meta") or {}
    notes = {a.get("name"): a for a in layout.get("annotations") or []}
    if "foot" not in meta or "foot" not in notes:
        return fig
    foot = notes["foot"]
    old = foot["text"].count("<br>") + 1
    lines = "<br>".join(_wrap(line, chars) for line in meta["foot"])
    saved = 14 * (old - (lines.count("<br>") + 1))
    foot["text"] = f"<span style='font-size:11px;color:#555'>{lines}</span>"
    if meta.get("key") and "key" in notes:
        text = "<br>".join(escape_markup(line) for line in textwrap.wrap(
            meta["key"], chars, break_long_words=False, break_on_hyphens=False))
        saved += key_room(notes["key"]["text"]) - key_room(text)
        notes["key"]["text"] = text
    foot["yshift"] += saved
    layout["height"] -= saved
    layout["margin"]["b"] -= saved
    return fig


frame = _frame  # for components/charts/payload.py: the same frame, in parts, for the browser
FOOT_WIDTH, NOTE_WIDTH, KEY_WIDTH = 60, 26, 52  # characters per line: what a 340 px chart holds


def _wrap(text: str, width: int) -> str:
    """plotly does not wrap text: lines broken at spaces, joined with <br>."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False,
                                     break_on_hyphens=False))


# Drawn over a chart when no incident matches: says so instead of leaving empty axes.
EMPTY_NOTE = {"xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False,
              "font": {"size": 16, "color": "#333"}, "bgcolor": "rgba(255,255,255,0.92)",
              "bordercolor": "#999", "borderwidth": 1, "borderpad": 10, "name": "empty-state"}


def _pattern(key: str) -> dict:
    """Hatching over the colour, so the series differ in greyscale and for colour-blind eyes."""
    return {"shape": PATTERNS[key], "fgcolor": "#222", "fillmode": "overlay", "size": 9,
            "solidity": 0.25}


def _integer_axis(maximum: float) -> dict:
    """Whole-number ticks for counts (no '0.5 incidents'), at most about six, at a step a
    reader counts in: 1, 2, 5, 10, 20, 50... (0-10-20-30, never 0-9-18-27)."""
    return {"tickformat": ",d", "dtick": tick_step(maximum / 6)}  # 30,000 / 30 000 / 30.000


def tick_step(rough: float, fractional: bool = False) -> float:
    """The smallest of 1, 2, 5 times a power of ten at least rough: a whole number for counts,
    a tenth, a hundredth... too for rates (bars.js: tickStep, the same steps on screen)."""
    scale = 1
    while scale * 10 < rough:
        scale *= 10
    while fractional and 0 < rough < scale:
        scale /= 10
    return next(m * scale for m in (1, 2, 5, 10) if m * scale >= rough)


def rate_axis(maximum: float) -> dict:
    """Ticks for a rate (per 100,000): about five, decimals as the step needs (0.5 -> 1)."""
    step = tick_step(maximum / 5, fractional=True)
    decimals = 0 if step >= 1 else math.ceil(-math.log10(step) - 1e-9)
    return {"dtick": step, "tickformat": f",.{decimals}f"}


def shares(table: pd.DataFrame, cap: Caption) -> Fig:
    """Linked versus inspired, per incident type: 100% bars, share and count on each segment.
    Compare mode: the table has a "slice" column (A, B) and a bar per slice and type, in the
    table's order, each named "A · Arrest actions (n = 59)", on one scale."""
    fig = Fig()
    lang = cap.lang
    compared = "slice" in table
    table = table.assign(bar=table["slice"] + "|" + table["incident_type"] if compared
                         else table["incident_type"])
    totals = table.groupby("bar", sort=False)["total"].first()
    labels = {k: f"{k[0] + ' · ' if compared else ''}"
                 f"{i18n.cap(t(k.rpartition('|')[2] + 's', lang))} (n = {num(n, lang)})"
                 f"{f' ⚠ n < {SMALL_N}' if 0 < n < SMALL_N else ''}" for k, n in totals.items()}
    for connection in ("linked", "inspired"):
        rows = table[table["connection"] == connection]
        data = [rows["incident_type"], rows["n"], rows["total"],
                [compare.interval_text(int(n), int(total), lang)
                 for n, total in zip(rows["n"], rows["total"], strict=True)]]
        if compared:  # which slice a segment is of (a click on B's sets B's filter)
            data.append(rows["slice"])
        fig.add_trace("bar",
            y=rows["bar"].map(labels), x=rows["share"].fillna(0), orientation="h",
            name=i18n.cap(t(connection, lang)),
            text=[f"{t(connection, lang)} {i18n.pct(s, lang)} ({num(n, lang)})" if n else ""
                  for s, n in zip(rows["share"].fillna(0), rows["n"], strict=True)],
            # level or not at all (a label too long for its segment is hidden, never turned)
            textposition="inside", insidetextanchor="middle", textangle=0,
            marker={"color": COLORS[connection], "pattern": _pattern(connection)},
            customdata=list(zip([connection] * len(rows), *data, strict=True)),
            hovertemplate=_("{part} of {whole}", lang).format(
                part="%{customdata[2]}", whole="%{customdata[3]}")
                + f" (%{{x:.1f}}{i18n.percent_sign(lang)})<br>%{{customdata[4]}}<extra></extra>",
        )
    fig.update_layout(barmode="stack",
                      xaxis={"range": [0, 100], "ticksuffix": i18n.percent_sign(lang)},
                      yaxis={"autorange": "reversed", "showticklabels": False},
                      legend={"traceorder": "normal"}, bargap=0.45,
                      uniformtext={"minsize": 11, "mode": "hide"})
    # above each bar, so the plot and footer use the full width: placed at the bar's top edge
    # in category units (a category's bar is 1 - bargap thick), so it clears the bar at any
    # height, on screen or in a 1080 px export
    for i, label in enumerate(labels.values()):
        fig.add_annotation(x=0, xref="paper", y=i - (1 - 0.45) / 2, text=f"<b>{label}</b>",
                           showarrow=False, xanchor="left", yanchor="bottom", yshift=2,
                           font={"size": 14})
    fig = _frame(fig, t("chart_shares", cap.lang), cap, 330 + (150 if compared else 0))
    # no tick labels on the left: the bars start near the edge (a phone's 390 px keep room for
    # "linked 25% (1)"); room on the right for the last tick's "100%"
    fig["layout"]["margin"].update(l=28, r=30)
    return fig


def period_axis(periods: list[str]) -> dict:
    """A timeline's category axis: each year named once, level (a month's bar says its month
    when pointed at): a phone's 320 px hold them with no slanted label running into the key
    under the axis. Monthly bars: the year at each January (and at the first month shown)."""
    ticks = [p for i, p in enumerate(periods) if len(p) == 4 or p.endswith("-01") or i == 0]
    return {"type": "category", "title": None, "tickangle": 0, "tickvals": ticks,
            "ticktext": [p[:4] for p in ticks]}


def timeline(table: pd.DataFrame, cap: Caption, by: str = "connection",
             events: list[dict] | None = None) -> Fig:
    """Stacked counts per year or month, by connection or type; optional context layer."""
    fig = Fig()
    for key in table["key"].unique():
        rows = table[table["key"] == key]
        fig.add_trace("bar",
            x=rows["period"], y=rows["n"], name=i18n.cap(t(key, cap.lang)),
            # upright, or hidden when the segment is too thin for it (the hover still says it)
            text=[num(n, cap.lang) if n else "" for n in rows["n"]], textposition="inside",
            textangle=0,
            marker={"color": COLORS[key], "pattern": _pattern(key)},
            # the period as the axis says it ('Jul 2016', not the code '2016-07')
            customdata=list(zip([key] * len(rows), rows["total"],
                                [i18n.month(p, cap.lang) for p in rows["period"]], strict=True)),
            hovertemplate="%{customdata[2]}: " + _("{part} of {whole}", cap.lang).format(
                part="%{y}", whole="%{customdata[1]}") + "<extra>%{fullData.name}</extra>",
            meta={"bar_name": 2},  # customdata[2] names the bar (its keyboard button, bars.js)
        )
    peak = table.groupby("period")["n"].sum().max() if len(table) else 1
    periods = list(dict.fromkeys(table["period"]))
    fig.update_layout(barmode="stack", xaxis=period_axis(periods),
                      yaxis={"title": {"text": t("incidents", cap.lang)}, **_integer_axis(peak),
                             **({"range": [0, 1]} if not peak else {})},
                      bargap=0.15, legend={"traceorder": "normal"},
                      uniformtext={"minsize": 11, "mode": "hide"})
    key = _add_events(fig, events or [], periods, peak, cap.lang)
    by_year = len(table["period"].iloc[0]) == 4
    return _frame(fig, t("chart_years" if by_year else "chart_months", cap.lang), cap, 380,
                  key=key)


SLICE_COLORS = ("#1864ab", "#c2255c")  # compare mode: slice A, slice B (the page's A and B tags)


def timeline_compare(tables: tuple[pd.DataFrame, pd.DataFrame], names: tuple[str, str],
                     cap: Caption) -> Fig:
    """Compare mode: each slice's incidents per year or month (aggregate.by_period tables),
    side by side on one count axis, A then B, named "A · Brussels-Capital Region"."""
    fig = Fig()
    periods: list[str] = []
    peak = 0
    for tag, table, name, color in zip("AB", tables, names, SLICE_COLORS, strict=True):
        totals = table.groupby("period", sort=False)["n"].sum()
        periods = list(totals.index)
        peak = max(peak, int(totals.max()) if len(totals) else 0)
        fig.add_trace("bar",
            x=periods, y=[int(n) for n in totals], name=f"{tag} · {name}",
            text=[num(n, cap.lang) if n else "" for n in totals], textposition="outside",
            textangle=0, cliponaxis=False, marker={"color": color},
            # the slice and the period as the axis says it ('Jul 2016', not '2016-07')
            customdata=[[tag, i18n.month(p, cap.lang)] for p in periods],
            hovertemplate="%{customdata[1]}: %{y}<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="group", xaxis=period_axis(periods),
                      yaxis={"title": {"text": t("incidents", cap.lang)}, **_integer_axis(peak),
                             **({"range": [0, 1]} if not peak else {})},
                      bargap=0.15, bargroupgap=0.05, legend={"traceorder": "normal"},
                      uniformtext={"minsize": 11, "mode": "hide"})
    by_year = bool(periods) and len(periods[0]) == 4
    return _frame(fig, t("chart_years" if by_year else "chart_months", cap.lang), cap, 380)


EVENT_ROOM = 1.5  # with events on, the count axis reaches 1.5 x the peak: the top is theirs
EVENT_ROW = 17  # px: a row of the events' 12 px words


def _add_events(fig: Fig, events: list[dict], periods: list[str], peak: float,
                lang: str | None) -> str:
    """The context layer: each attack a dotted line with its number at the top (the names in
    the key under the chart, so no label ever lies over another or over a bar, at any width),
    each threat level a band as wide as its months, named where it first starts. Returns the
    key ('' without events)."""
    if not events:
        return ""
    if peak:  # room above the bars for the numbers and the levels' names
        fig.update_layout(yaxis={"range": [0, peak * EVENT_ROOM]})
    for event in events:
        if event.get("until") and event["at"] in periods and event["until"] in periods:
            # from the left edge of its first bar's slot to the right edge of its last one
            # (category serial numbers): a one-month level is a month wide, not a line
            left = periods.index(event["at"]) - 0.5
            fig.add_shape(type="rect", xref="x", yref="paper", x0=left,
                          x1=periods.index(event["until"]) + 0.5, y0=0, y1=1,
                          fillcolor=event.get("color", "#999"), opacity=0.12,
                          line={"width": 0}, layer="below")
            if event["label"]:
                # in rows under the attacks' numbers, a row a text line (px, at any height)
                fig.add_annotation(x=left, y=1, yshift=-(EVENT_ROW * (2 if event.get("raised")
                                                                      else 1)),
                                   yref="paper", text=event["label"], showarrow=False,
                                   xanchor="left", yanchor="top",
                                   font={"size": 12, "color": "#333"},
                                   bgcolor="rgba(255,255,255,0.8)")
    attacks = sorted((e for e in events if not e.get("until") and e["at"] in periods),
                     key=lambda e: e["at"])
    numbers: dict[str, list[str]] = {}  # a period's attacks share one line and one mark
    for i, event in enumerate(attacks, start=1):
        numbers.setdefault(event["at"], []).append(num(i, lang))
    for at, marks in numbers.items():
        # under the bars: a bar's value label is never crossed by a line
        fig.add_shape(type="line", xref="x", yref="paper", x0=at, x1=at, y0=0, y1=1,
                      line={"dash": "dot", "color": "#444", "width": 1}, layer="below")
        fig.add_annotation(x=at, y=1, yref="paper", text="<b>" + " ".join(marks) + "</b>",
                           showarrow=False, xanchor="center", yanchor="top",
                           font={"size": 13, "color": "#222"}, bgcolor="white")
    # a number and the first word of its name never on two lines, nor a '·' first on a line
    said = [f"{num(i, lang)}{i18n.colon(lang)}\u00a0{e['label']}"
            for i, e in enumerate(attacks, start=1)]
    if any(e.get("until") for e in events):  # the bands, said in the key as the attacks are
        said.append(_("shaded: the national threat level", lang))
    return "\u00a0· ".join(said)


def failed(title: str, hint: str) -> Fig:
    """Drawn where a chart could not be: a blank plot that says so (the old one is gone)."""
    fig = Fig().update_layout(
        title={"text": f"<b>{title}</b>", "x": 0.01, "font": {"size": 19}},
        xaxis={"visible": False}, yaxis={"visible": False}, height=330, template=TEMPLATE,
        font={"family": FONT, "size": 14}, paper_bgcolor="#fff5f5", plot_bgcolor="#fff5f5")
    return fig.add_annotation(**EMPTY_NOTE | {"name": "view-failed"},
                              text=_wrap(hint, NOTE_WIDTH))


PAIR_GAP = 86  # px between A's plot and B's: A's tick labels, then B's name and its own line
PAIR_MIN_PLOT = 110  # px: the least a slice's plot is given (an empty one's note fits in it)
# characters of a slice's own subtitle a line: it starts at the plot's left edge, so a
# half-width card (its labels on the left) holds about this many
SLICE_LINE = 34


def stack_pair(a: Fig, b: Fig, names: tuple[str, str], subtitle: str, share_x: bool = True
               ) -> Fig:
    """Compare mode's small multiples: slice A's framed figure above slice B's, each plot as
    tall as on its own, named ("A · Brussels-Capital Region", then its own subtitle), the x
    scale shared (share_x: one range for both, B's axis matching A's); A's title and foot, the
    comparison's subtitle; each figure's own notes (an empty slice's) over its own plot. B's
    customdata is marked with its slice ([value, "B"]): a click on it sets B's filter."""
    out = copy.deepcopy(a)
    la, lb = out["layout"], b["layout"]

    def plot_height(layout: dict) -> int:
        return layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]

    # each slice's own subtitle wrapped to a half-width card (never clipped), the gap and the
    # top margin growing with its lines
    owns = [_wrap(str(((layout.get("title") or {}).get("subtitle") or {}).get("text", "")),
                  SLICE_LINE) for layout in (la, lb)]
    extra = [14 * own.count("<br>") for own in owns]
    gap = PAIR_GAP + extra[1]
    ha, hb = plot_height(la), max(plot_height(lb), PAIR_MIN_PLOT)
    total = ha + gap + hb
    dom_a, dom_b = [(hb + gap) / total, 1.0], [0.0, hb / total]
    la["height"] += gap + hb

    def into(y: float, dom: list[float]) -> float:
        return dom[0] + y * (dom[1] - dom[0])

    xa, ya = la.setdefault("xaxis", {}), la.setdefault("yaxis", {})
    xb = copy.deepcopy(lb.get("xaxis", {})) | {"anchor": "y2"}
    yb = copy.deepcopy(lb.get("yaxis", {})) | {"anchor": "x2", "domain": dom_b}
    ya["domain"] = dom_a
    xa["anchor"] = "y"
    if share_x:
        ra, rb = xa.get("range"), xb.get("range")
        if ra and rb and all(isinstance(v, int | float) for v in (*ra, *rb)):
            xa["range"] = xb["range"] = [min(ra[0], rb[0]), max(ra[1], rb[1])]
        xb["matches"] = "x"
        if xa.get("dtick") or xb.get("dtick"):  # one range, one step: an empty B's 0..1 step
            xa["dtick"] = xb["dtick"] = max(xa.get("dtick") or 1, xb.get("dtick") or 1)
        if (xa.get("title") or {}).get("text"):  # said once, under B's axis
            xa["title"] = {"text": ""}
    la["xaxis2"], la["yaxis2"] = xb, yb
    for trace in b["data"]:
        moved = copy.deepcopy(trace) | {"xaxis": "x2", "yaxis": "y2"}
        data = moved.get("customdata")
        if isinstance(data, list):
            moved["customdata"] = [[d, "B"] if not isinstance(d, list) else [*d[:1], "B"]
                                   for d in data]
        out["data"].append(moved)
    if share_x and isinstance((xa.get("range") or [None, None])[1], int | float):
        # a hidden people count is a band across its axis: across the shared one, both slices
        end = xa["range"][1]
        for trace in out["data"]:
            shapes = ((trace.get("marker") or {}).get("pattern") or {}).get("shape")
            if isinstance(shapes, list | tuple) and trace.get("x") is not None:
                trace["x"] = [end if s == "/" else x
                              for s, x in zip(shapes, list(trace["x"]), strict=True)]
    notes = []
    for tag, layout, dom in (("A", la, dom_a), ("B", lb, dom_b)):
        for note in copy.deepcopy(layout.get("annotations", [])):
            if note.get("name") in ("foot", "key"):  # A's stands for both
                if tag == "A":
                    notes.append(note)
                continue
            if note.get("yref") == "paper":
                note["y"] = into(note.get("y", 0.5), dom)
            elif tag == "B":
                note["xref"], note["yref"] = "x2", "y2"
            if note.get("name") == "empty-state":
                note["name"] = f"empty-{tag}"
                # what the slice lacks, over its own plot: the way out the screen's note
                # offers (remove a filter) is not a slice's
                without_hint(note)
            notes.append(note)
    for tag, name, own, dom in (("A", names[0], owns[0], dom_a), ("B", names[1], owns[1], dom_b)):
        notes.append({"text": f"<b>{tag} · {escape_markup(name)}</b><br>"
                              f"<span style='font-size:12px;color:#444'>{own}</span>",
                      "xref": "paper", "yref": "paper", "x": 0, "y": dom[1], "xanchor": "left",
                      "yanchor": "bottom", "yshift": 4, "align": "left", "showarrow": False,
                      "font": {"size": 14, "color": SLICE_COLORS["AB".index(tag)]},
                      "name": "slice"})
    shapes = copy.deepcopy(lb.get("shapes", []))
    for shape in shapes:
        shape["xref"], shape["yref"] = "x2", "y2"
    if shapes:
        la["shapes"] = la.get("shapes", []) + shapes
    la["annotations"] = notes
    la["margin"]["t"] += 40 + extra[0]  # A's name and its lines over its plot
    la["height"] += 40 + extra[0]
    la["title"]["subtitle"]["text"] = subtitle
    return out
