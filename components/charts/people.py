"""Pure figure functions for the people involved: aggregates only, hidden cells drawn alike
(tables in, plotly figures out; no Dash)."""

from __future__ import annotations

import pandas as pd

from components.charts.figspec import Fig
from components.charts.figures import COLORS, NEUTRAL, Caption, _frame, escape_markup
from data import i18n
from data.i18n import t
from data.people import UNKNOWN, Breakdown, shown_as

HIDDEN_COLOUR = "#bdbdbd"


def breakdown_bar(b: Breakdown, cap: Caption, minimum: int, title: str) -> Fig:
    """People per category, largest first and 'unknown' last. A hidden count has no length to
    show: it is drawn as a pale hatched band across the whole axis, labelled "< 3" or "hidden"
    at its start (it reads as "not shown", never as a bar of some size), and can be clicked like
    any bar to filter by its category."""
    rows = b.counts[b.counts["n"] > 0] if b.total and not b.withheld else b.counts.iloc[:0]
    rows = pd.concat([rows[rows["category"] != UNKNOWN], rows[rows["category"] == UNKNOWN]])
    labels = [i18n.cap(t("unknown", cap.lang)) if c == UNKNOWN else escape_markup(label)
              for c, label in zip(rows["category"], rows["label"], strict=True)]
    text = [shown_as(n, why, minimum) + ("" if s is None or pd.isna(s) else
                                         f" ({i18n.pct(s, cap.lang)})")
            for n, why, s in zip(rows["n"], rows["why"], rows["share"], strict=True)]
    colours = [NEUTRAL if c == UNKNOWN else HIDDEN_COLOUR if h else COLORS["linked"]
               for c, h in zip(rows["category"], rows["hidden"], strict=True)]
    top = int(rows.loc[~rows["hidden"], "n"].max()) if (~rows["hidden"]).any() else minimum
    end = max(top, minimum) * 1.3 + 1  # the axis' end: a hidden band's length
    hidden = list(rows["hidden"])
    fig = Fig()
    fig.add_trace("bar", y=labels, x=[end if h else n for n, h in zip(rows["n"], hidden,
                                                                      strict=True)],
                  orientation="h", text=text, cliponaxis=False,
                  textposition=["inside" if h else "outside" for h in hidden],
                  insidetextanchor="start", textfont={"color": "#222"}, constraintext="none",
                  marker={"color": colours, "opacity": [0.45 if h else 1 for h in hidden],
                          "pattern": {"shape": ["/" if h else "" for h in hidden],
                                      "fgcolor": "#777", "size": 8, "solidity": 0.15}},
                  customdata=list(rows["category"]), hovertext=text,
                  hovertemplate="%{y}: %{hovertext}<extra></extra>")
    fig.update_layout(yaxis={"autorange": "reversed", "type": "category"}, showlegend=False,
                      xaxis={"title": {"text": t("people", cap.lang)}, "tickformat": ",d",
                             "range": [0, end], "visible": bool(len(rows))},  # no bare ticks
                      bargap=0.25)
    return _frame(fig, title, cap, 170 + 30 * max(len(rows), 4))


def by_year(grid: pd.DataFrame, cap: Caption, minimum: int, years: list[str]) -> Fig:
    """Which citizenships appear in which year: a dot per country and year with people, sized
    by the count (hidden counts all drawn alike), countries present in most years on top."""
    fig = Fig()
    for hidden in (False, True):
        rows = grid[grid["hidden"] == hidden]
        fig.add_trace("scatter", x=rows["year"].astype(str), y=rows["label"].map(escape_markup),
                      mode="markers+text",
                      text=[shown_as(n, why, minimum) for n, why in zip(rows["n"], rows["why"],
                                                                     strict=True)],
                      textposition="middle right", customdata=list(rows["country"]),
                      marker={"size": [10] * len(rows) if hidden else
                              [8 + 3.5 * n ** 0.5 for n in rows["n"]],
                              "color": HIDDEN_COLOUR if hidden else COLORS["linked"]},
                      hovertemplate="%{y}, %{x}: %{text}<extra></extra>", showlegend=False,
                      cliponaxis=False)
    countries = list(dict.fromkeys(grid["label"].map(escape_markup)))
    fig.update_layout(xaxis={"type": "category", "categoryorder": "array",
                             "categoryarray": years, "range": [-0.5, len(years) - 0.2]},
                      yaxis={"type": "category", "autorange": "reversed",
                             "categoryorder": "array", "categoryarray": countries})
    # the frame's title, subtitle and source take ~200 px: each country gets a readable row
    return _frame(fig, t("chart_people_years", cap.lang), cap, 200 + 40 * max(len(countries), 4))
