"""Pure figure functions for the named networks: links per network, how the networks connect,
and when each was active (tables in, plotly figures out; no Dash)."""

from __future__ import annotations

import math

import pandas as pd

from components.charts.figspec import Fig
from components.charts.figures import (
    COLORS,
    NEUTRAL,
    TEMPLATE,
    Caption,
    _frame,
    _integer_axis,
    escape_markup,
)
from data import i18n, network_names
from data.facts import FIRST_MONTH, LAST_MONTH
from data.i18n import n_, num, t

CIRCLE = "#0072B2"  # the networks that form one whole
OTHER = "#6b6b6b"


def links_bar(counts: pd.DataFrame, cap: Caption) -> Fig:
    """Arrest actions per named network (an action tied to two counts for both), largest first."""
    fig = Fig()
    names = [escape_markup(network_names.said(n, cap.lang)) for n in counts["network"]]
    fig.add_trace("bar", y=names, x=counts["arrest_actions"], orientation="h",
                  text=[num(n, cap.lang) for n in counts["arrest_actions"]],
                  textposition="outside",
                  marker={"color": COLORS["linked"]}, customdata=list(counts["network"]),
                  # in the page's language, the noun agreeing with each count
                  hovertext=[f"<b>{name}</b>: " + n_("{n} arrest action", "{n} arrest actions",
                                                     int(n), cap.lang).format(n=num(n, cap.lang))
                             for name, n in zip(names, counts["arrest_actions"], strict=True)],
                  hovertemplate="%{hovertext}<extra></extra>", cliponaxis=False)
    top = int(counts["arrest_actions"].max()) if len(counts) else 1
    fig.update_layout(yaxis={"autorange": "reversed", "type": "category",
                             # every network named, however little room a row has
                             "tickmode": "array", "tickvals": names},
                      xaxis={"title": {"text": t("arrest_actions", cap.lang)}, **_integer_axis(top),
                             "range": [0, top * 1.15 + 0.5]},
                      showlegend=False, bargap=0.25)
    return _frame(fig, t("chart_networks", cap.lang), cap, 120 + 34 * max(len(counts), 3))


def layout_positions(networks: list[str], circle: set[str]) -> dict[str, tuple[float, float]]:
    """Deterministic places for the nodes (the same layout for the same names, every time): the
    one circle on a ring on the left, the other networks in a column on the right, by name."""
    inside = sorted(n for n in networks if n in circle)
    others = sorted(n for n in networks if n not in circle)
    k = max(len(inside), 1)
    ring = {name: (RADIUS * math.cos(math.pi / 2 + 2 * math.pi * i / k),
                   RADIUS * math.sin(math.pi / 2 + 2 * math.pi * i / k))
            for i, name in enumerate(inside)}
    step = 2.6 / max(len(others) - 1, 1)
    column = {name: (GAP, 1.3 - i * step) for i, name in enumerate(others)}
    return ring | column


RADIUS, GAP = 1.0, 3.0  # the ring's radius; where the column of other networks stands


def _label_side(x: float, y: float) -> str:
    """Ring labels above or below their node (never across the links); column labels right."""
    if x >= GAP:
        return "middle right"
    return "top center" if y >= 0 else "bottom center"


def connections(counts: pd.DataFrame, pairs: pd.DataFrame, networks: pd.DataFrame,
                cap: Caption) -> Fig:
    """Networks as nodes (size: arrest actions in view), joined where they share arrest actions;
    the networks of one circle in one colour, inside a ring."""
    circle_name = _biggest_cluster(networks)
    circle = set(networks.loc[networks["cluster"] == circle_name, "network"]) if circle_name \
        else set()
    names = list(networks["network"])
    pos = layout_positions(names, circle)
    n_by = dict(zip(counts["network"], counts["arrest_actions"], strict=True))
    fig = Fig()
    if circle:
        edge = RADIUS + 0.55
        fig.add_shape(type="circle", x0=-edge, x1=edge, y0=-edge, y1=edge,
                      line={"color": CIRCLE, "dash": "dot", "width": 1.5}, layer="below")
        fig.add_annotation(x=0, y=edge + 0.3,
                           text=escape_markup(network_names.said(circle_name, cap.lang)),
                           showarrow=False, font={"color": CIRCLE, "size": 14})
    for row in pairs.itertuples():
        (x0, y0), (x1, y1) = pos[row.a], pos[row.b]
        fig.add_trace("scatter", x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip",
                      line={"color": "#222", "width": 1.5 + 1.5 * row.arrest_actions},
                      showlegend=False)
    for group, colour in ((circle, CIRCLE), (set(names) - circle, OTHER)):
        members = [n for n in names if n in group]
        sizes = [n_by.get(n, 0) for n in members]
        fig.add_trace("scatter", x=[pos[n][0] for n in members], y=[pos[n][1] for n in members],
                      mode="markers+text",
                      text=[f"{escape_markup(network_names.said(n, cap.lang))} ({k})"
                            for n, k in zip(members, sizes, strict=True)],
                      textposition=[_label_side(*pos[n]) for n in members],
                      customdata=members, showlegend=False,
                      marker={"size": [12 + 4 * math.sqrt(k) * 3 for k in sizes],
                              "color": [colour if k else NEUTRAL for k in sizes],
                              "line": {"color": "white", "width": 1}},
                      hovertemplate="%{text}<extra></extra>", cliponaxis=False)
    fig.update_layout(xaxis={"visible": False, "range": [-2.4, GAP + 3.4]},
                      yaxis={"visible": False, "range": [-1.9, 1.95]},
                      template=TEMPLATE, font={"size": 15})
    return _frame(fig, t("chart_network_links", cap.lang), cap, 480)


def _biggest_cluster(networks: pd.DataFrame) -> str:
    clusters = networks["cluster"].fillna("")
    counts = clusters[clusters != ""].value_counts()
    return str(counts.index[0]) if len(counts) else ""


def activity(spans: pd.DataFrame, cap: Caption, start: str = FIRST_MONTH,
             end: str = LAST_MONTH) -> Fig:
    """First to last arrest action per network, on the timeline's span, earliest on top."""
    fig = Fig()
    for row in spans.itertuples():
        name = escape_markup(network_names.said(row.network, cap.lang))
        first, last = row.first.strftime("%Y-%m-%d"), row.last.strftime("%Y-%m-%d")
        when = f"{i18n.day(row.first, cap.lang)} – {i18n.day(row.last, cap.lang)}"
        fig.add_trace("scatter", x=[first, last], y=[name, name], mode="lines+markers",
                      line={"color": COLORS["linked"], "width": 8},
                      marker={"size": 10, "color": COLORS["linked"]}, customdata=[row.network] * 2,
                      showlegend=False, hovertemplate=(
                          f"{name}: {when}, {i18n.num(row.arrest_actions, cap.lang)} "
                          f"{t('arrest_actions', cap.lang)}<extra></extra>"))
    fig.update_layout(xaxis={"type": "date", "range": [f"{start}-01", f"{end}-28"],
                             "tickformat": "%Y", "dtick": "M12"},
                      yaxis={"autorange": "reversed", "type": "category"})
    return _frame(fig, t("chart_network_time", cap.lang), cap, 120 + 34 * max(len(spans), 3))
