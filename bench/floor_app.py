"""The floor for issue 10's speed goal: a minimal Dash app (one radio, one 4-bar graph, one
text, one callback), served like the dashboard (`gunicorn bench.floor_app:server`)."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

COUNTS = {"all": [12, 32, 50, 13], "linked": [11, 30, 45, 9], "inspired": [1, 2, 5, 4]}

app = dash.Dash(__name__, serve_locally=True, update_title=None)
app.layout = html.Div([
    dcc.RadioItems(id="choice", options=list(COUNTS), value="all", inline=True),
    dcc.Graph(id="bars"),
    html.Div(id="text"),
])


@app.callback(Output("bars", "figure"), Output("text", "children"), Input("choice", "value"))
def draw(choice):
    values = COUNTS.get(choice, COUNTS["all"])
    figure = {"data": [{"type": "bar", "x": ["2014", "2015", "2016", "2017"], "y": values}],
              "layout": {"height": 300, "margin": {"t": 20}}}
    return figure, f"{choice}: {sum(values)} incidents"


server = app.server
