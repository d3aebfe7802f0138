"""Dash layer: ids, layout, thin callbacks, and pure plotly figure functions."""
