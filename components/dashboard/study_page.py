"""The study check: every figure the study publishes beside the value computed from the loaded
data, with its status (the `python -m data figures` table, in the browser). No Dash callbacks."""

from __future__ import annotations

import json

from dash import dcc, html

from components.runtime import AppData
from data.facts import SHORT_CITATION
from data.i18n import N_, _, pct
from data.study.compare import REFERENCE, Row, compare, reference_figures

STATUS_TEXT = {"match": N_("match"), "differs": N_("differs"), "erratum": N_("erratum"),
               "not computable": N_("not computable"),
               "computed": N_("computed (not in the study)")}
KIND_TEXT = {"published": N_("published"), "derived": N_("derived"), "inferred": N_("inferred"),
             "assumed": N_("assumed (not in the study)")}


def _value(value, share) -> str:
    if value is None:
        return "–"
    text = (", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict)
            else json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value))
    return text + (f" ({pct(share, digits=0 if float(share).is_integer() else 1)})"
                   if share is not None else "")


def _label(fid: str) -> str:
    """The figure's identifier, as in the reference file (kept in English: it is its name)."""
    return fid


def _breakable(fid: str) -> list:
    """An id that may wrap after its underscores (and is copied without any added character)."""
    parts = fid.split("_")
    out: list = []
    for i, part in enumerate(parts):
        out.append(part + ("_" if i < len(parts) - 1 else ""))
        if i < len(parts) - 1:
            out.append(html.Wbr())
    return out


def _row(r: Row) -> html.Tr:
    note = (_("p. {page}. ").format(page=r.page) if r.page else "") + r.basis
    if r.conflicts_with:
        note = _("Conflicts with “{other}”: both the printed and the consistent value are "
                 "accepted. ").format(other=_label(r.conflicts_with)) + note
    return html.Tr([
        html.Td(html.Code(_breakable(r.id))), html.Td(_(KIND_TEXT.get(r.kind, r.kind))),
        html.Td(_value(r.reference, r.reference_pct), className="num"),
        html.Td(_value(r.computed, r.computed_pct), className="num"),
        html.Td(_(STATUS_TEXT.get(r.status, r.status)),
                className=f"status status-{r.status[:4]}"),
        html.Td(note, className="note", lang="en"),
    ], id=f"study-{r.id}")


def study_content(data: AppData) -> html.Div:
    """The page body: a summary line and the table, or why there is none."""
    try:
        reference = reference_figures(REFERENCE)
    except OSError:
        return html.Div([html.H1(_("Study check")), html.P(
            _("The study's reference figures ({file}) are not available on this server, so the "
              "computed figures cannot be compared.").format(file=REFERENCE.name))])
    rows = compare(data.dataset, reference)
    checked = [r for r in rows if r.kind in ("published", "derived", "inferred")]
    matching = sum(r.status == "match" for r in checked)
    d = data.dataset
    return html.Div([
        html.H1(_("Study check")),
        html.P([_("{matching} of {checked} published, derived or inferred figures match the "
                  "study on the loaded data ({dataset}).").format(
                    matching=matching, checked=len(checked),
                    dataset=f"{d.name}{' ' + d.version if d.version else ''}"), " ",
                _("Figures marked assumed are not in the study: the reconstruction needed "
                  "them."), " ",
                dcc.Link(_("How the figures are computed"), href="/methodology"), "."],
               id="study-summary"),
        html.P(_("The notes on each figure are in English, as in the reference file."),
               className="source"),
        html.Table([
            html.Thead(html.Tr([html.Th(h, scope="col") for h in (
                _("Figure"), _("Kind"), _("Study"), _("Computed"), _("Status"), _("Notes"))])),
            html.Tbody([_row(r) for r in rows]),
        ], className="study-table"),
        html.P(_("Source: {study}; figures as listed in the project's reference file.").format(
            study=SHORT_CITATION),
            className="source"),
    ])
