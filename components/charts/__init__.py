"""Charts as pure functions: the plotly figure specs, their text alternatives, the views a filter
state asks for, the table and the chart registry. No Dash, no Flask."""
