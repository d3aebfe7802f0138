"""A figure as a plain dict, built with the few plotly-style calls our charts use.

plotly's graph objects validate every property on every call: about 25 ms a chart, paid on
every filter change. The browser validates anyway; tests run these dicts through go.Figure.
"""

from __future__ import annotations

from typing import Any


def _plain(value: Any) -> Any:
    """pandas/numpy values as JSON-ready Python values."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _merge(into: dict, update: dict) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = _plain(value)


class Fig(dict):
    """{'data': [...], 'layout': {...}}, what dcc.Graph and kaleido take."""

    def __init__(self):
        super().__init__(data=[], layout={})

    def add_trace(self, kind: str, **props) -> Fig:
        self["data"].append({"type": kind, **_plain(props)})
        return self

    def update_layout(self, **props) -> Fig:
        _merge(self["layout"], props)
        return self

    def add_annotation(self, **props) -> Fig:
        self["layout"].setdefault("annotations", []).append(_plain(props))
        return self

    def add_shape(self, **props) -> Fig:
        self["layout"].setdefault("shapes", []).append(_plain(props))
        return self

    def to_dict(self) -> dict:
        return dict(self)
