"""The study check: every figure the study publishes beside the value computed from the loaded
data, with its status (the `python -m data figures` table, in the browser). No Dash callbacks."""

from __future__ import annotations

from dash import dcc, html

from components.runtime import AppData
from data import codebook as cb
from data import i18n, network_names
from data.facts import SHORT_CITATION
from data.i18n import N_, _, pct
from data.study.compare import REFERENCE, Row, compare, reference_figures
from data.study.labels import label

STATUS_TEXT = {"match": N_("match"), "conflict": N_("conflict in the study"),
               "differs": N_("differs"), "erratum": N_("erratum"),
               "not computable": N_("not computable"),
               "computed": N_("computed (not in the study)")}
KIND_TEXT = {"published": N_("published"), "derived": N_("derived"), "inferred": N_("inferred"),
             "assumed": N_("assumed (not in the study)")}


_CODE_OF = {name: code for code, name in cb.COUNTRIES.items()}
TRENDS = {"up": N_("up"), "down": N_("down"), "flat": N_("flat")}


def _said(item) -> str:
    """A list's item in the page's language: a country (the reference names them in English)
    or a bundled network by its name there; anything else as written."""
    if isinstance(item, float):
        return i18n.num(item, digits=1)
    text = str(item)
    if text in TRENDS:
        return _(TRENDS[text])
    if text in _CODE_OF:
        return i18n.country(_CODE_OF[text], fallback=text)
    return network_names.said(text)


def _words(value) -> str:
    """A list as words in a stable order (sorted; a pair inside it too), each item in the
    page's language, a mapping as 'name: value' pairs in the order given."""
    if isinstance(value, dict):
        return ", ".join(f"{_said(k)}: {v}" for k, v in value.items())
    if isinstance(value, list):
        items = sorted(" – ".join(sorted(map(_said, x))) if isinstance(x, list) else _said(x)
                       for x in value)
        return "; ".join(items) if any(" – " in i for i in items) else ", ".join(items)
    return _said(value)


def _value(value, share) -> str:
    if value is None:
        return "–"
    return _words(value) + (f" ({pct(share, digits=0 if float(share).is_integer() else 1)})"
                            if share is not None else "")


def _row(r: Row) -> html.Tr:
    note = (_("p. {page}. ").format(page=r.page) if r.page else "") + r.basis
    if r.conflicts_with:
        note = _("Conflicts with “{other}”: the study's own figures disagree, so both the "
                 "printed value and the one consistent with “{other}” are accepted. ").format(
            other=label(r.conflicts_with)) + note
    return html.Tr([
        html.Td(label(r.id), title=r.id), html.Td(_(KIND_TEXT.get(r.kind, r.kind))),
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
    matching = sum(r.status in ("match", "conflict") for r in checked)
    conflicts = sum(r.status == "conflict" for r in checked)
    d = data.dataset
    return html.Div([
        html.H1(_("Study check")),
        html.P([_("{matching} of {checked} published, derived or inferred figures match the "
                  "study on the loaded data ({dataset}); {conflicts} of them only where the "
                  "study's own figures conflict.").format(
                    matching=matching, checked=len(checked), conflicts=conflicts,
                    dataset=d.title()), " ",
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
