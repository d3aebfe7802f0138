"""The study check: every figure the study publishes beside the value computed from the loaded
data, with its status (the `python -m data figures` table, in the browser). No Dash callbacks."""

from __future__ import annotations

import json

from dash import dcc, html

from data.study import REFERENCE, Row, compare, reference_figures

from .runtime import AppData

STATUS_TEXT = {"match": "match", "differs": "differs", "erratum": "erratum",
               "not computable": "not computable", "computed": "computed (not in the study)"}
KIND_TEXT = {"published": "published", "derived": "derived", "inferred": "inferred",
             "assumed": "assumed (not in the study)"}


def _value(value, pct) -> str:
    if value is None:
        return "–"
    text = (", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict)
            else json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value))
    return text + (f" ({pct:g}%)" if pct is not None else "")


def _label(fid: str) -> str:
    return fid.replace("_", " ").replace("pct ", "% ").capitalize()


def _row(r: Row) -> html.Tr:
    note = (f"p. {r.page}. " if r.page else "") + r.basis
    if r.conflicts_with:
        note = (f"Conflicts with “{_label(r.conflicts_with)}”: both the printed and the "
                f"consistent value are accepted. {note}")
    return html.Tr([
        html.Td(_label(r.id)), html.Td(KIND_TEXT.get(r.kind, r.kind)),
        html.Td(_value(r.reference, r.reference_pct), className="num"),
        html.Td(_value(r.computed, r.computed_pct), className="num"),
        html.Td(STATUS_TEXT.get(r.status, r.status), className=f"status status-{r.status[:4]}"),
        html.Td(note, className="note"),
    ], id=f"study-{r.id}")


def study_content(data: AppData) -> html.Div:
    """The page body: a summary line and the table, or why there is none."""
    try:
        reference = reference_figures(REFERENCE)
    except OSError:
        return html.Div([html.H1("Study check"), html.P(
            f"The study's reference figures ({REFERENCE.name}) are not available on this "
            "server, so the computed figures cannot be compared.")])
    rows = compare(data.dataset, reference)
    checked = [r for r in rows if r.kind in ("published", "derived", "inferred")]
    matching = sum(r.status == "match" for r in checked)
    d = data.dataset
    return html.Div([
        html.H1("Study check"),
        html.P([f"{matching} of {len(checked)} published, derived or inferred figures match "
                f"the study on the loaded data ({d.name}"
                f"{' ' + d.version if d.version else ''}). ",
                "Figures marked assumed are not in the study: the reconstruction needed them. ",
                dcc.Link("How the figures are computed", href="/methodology"), "."],
               id="study-summary"),
        html.Table([
            html.Thead(html.Tr([html.Th(h) for h in (
                "Figure", "Kind", "Study", "Computed", "Status", "Notes")])),
            html.Tbody([_row(r) for r in rows]),
        ], className="study-table"),
        html.P("Source: Van Ostaeyen & Van Vlierden, 'Beyond the Caliphate: Belgium', CTC, "
               "2018; figures as listed in the project's reference file.", className="source"),
    ])
