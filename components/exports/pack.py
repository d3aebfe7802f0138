"""The briefing pack: one ZIP of the current view for a briefing or a newsroom — a PDF (cover
page with the filters, key figures, provenance, citation, dataset version, permalink and its QR
code; then one page per chart), every chart as PNG and SVG, the chart data and the rows in view
as one workbook, and a README. Drawn by the same figure functions and export path as the screen.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from collections.abc import Callable
from datetime import date

import segno
from pypdf import PdfWriter

from components.charts import comparison, views
from components.charts.figspec import Fig
from components.charts.figures import FONT, escape_markup, plain_title
from components.charts.registry import CHART_DATA, figures_for
from components.exports import files
from components.exports import images as image_export
from data import aggregate as ag
from data import compare, export, i18n
from data.facts import CITATION
from data.filters import Filters
from data.i18n import _, num, pct, t
from data.load import BUNDLED_NAME

PACK_CHARTS = tuple(CHART_DATA)  # every chart on the page, in page order


def b(label: str) -> str:
    return f"<b>{label}</b>"


def _figures_lines(data, f: Filters) -> list[str]:
    """One slice's key figures, as the cover says them."""
    incidents, people = views.shown(data, f)
    k = ag.key_figures(incidents, people)
    share = lambda item: pct(item["pct"])  # noqa: E731
    c = i18n.colon()  # "Incidents\u00a0:" in French
    return [
        f"{b(i18n.cap(t('incidents')) + c)} {num(k['incidents']['value'])} · "
        f"{b(t('arrest_actions') + c)} {num(k['arrest_actions']['value'])} · "
        f"{b(t('attacks') + c)} {num(k['attacks']['value'])} · "
        f"{b(t('people').lower() + c)} {num(k['people']['value'])}",
        f"{b(t('share_linked') + c)} {share(k['share_linked'])} ("
        + views.share_note(k["share_linked"], "incidents")
        + f") · {b(t('share_plot').lower() + c)} {share(k['share_plot'])} ("
        + views.share_note(k["share_plot"], "arrest_actions") + ")"]


def _compared_lines(data, c: compare.Comparison) -> list[str]:
    """A comparison's cover: its title, each slice's filters and figures (each share's 95%
    interval), and what each difference of shares can carry."""
    m = comparison.panel(data, c)
    lines = [b(escape_markup(m["title"]))]
    for tag, f, name, key in (("A", c.a, m["names"][0], "a"), ("B", c.b, m["names"][1], "b")):
        shares = " · ".join(f"{r['label']}: {r[key]['value']} ({r[key]['interval']})"
                            for r in m["rows"] if isinstance(r[key], dict))
        lines += [f"{b(tag + ' · ' + escape_markup(name) + ':')} "
                  f"{escape_markup(f.describe(None, data.place_names))}",
                  _figures_lines(data, f)[0], escape_markup(shares)]
    lines += [escape_markup(f"{r['label']}: {r['verdict']}") for r in m["rows"]
              if r.get("verdict")]
    return lines


def cover(data, f: Filters, link: str, exported: str,
          c: compare.Comparison | None = None, left_out: tuple[str, ...] = ()) -> Fig:
    """The first page: what the pack shows (a comparison: both slices), in words and numbers,
    where its records come from, the charts it leaves out (nothing to draw: left_out, their
    titles), and how to get back to it."""
    incidents = _union(data, f, c)
    reconstructed = bool((incidents["source_type"] == "reconstructed").any())
    counts = incidents["source_type"].value_counts()
    sources = " · ".join(f"{word}{i18n.colon()} {num(int(counts[code]))}" for code, word in
                         export.code_words("source_type").items() if counts.get(code, 0))
    label = {"filters": _("Filters:"), "provenance": _("Provenance:"), "dataset": _("Dataset:"),
             "cite": _("Cite:"), "live": _("Live view:"), "pack": _("Briefing pack"),
             "left_out": _("Not in this pack:")}
    said = _compared_lines(data, c) if c is not None else [
        f"{b(label['filters'])} {escape_markup(f.describe(None, data.place_names))}",
        *_figures_lines(data, f)]
    lines = [
        *said,
        "",
        *_labelled(label["provenance"], sources + (
            " · " + _(views.RECONSTRUCTED_LINE) if reconstructed else "")),
        *([_("In the bundled dataset the people's attributes are reconstructed for every "
             "incident, public record or not.")] if data.dataset.name == BUNDLED_NAME else []),
        *(_labelled(label["left_out"], " · ".join(left_out) + " " + _(
            "(nothing to draw for this view)")) if left_out else []),
        f"{b(label['dataset'])} {escape_markup(data.dataset.title())} · "
        + _("exported {date}").format(date=exported),
        *[f"{b(label['cite'])} {escape_markup(line)}" if i == 0 else escape_markup(line)
          for i, line in enumerate(textwrap.wrap(CITATION, 92))],
        "",
        f"{b(label['live'])} {escape_markup(link)}",
    ]
    fig = Fig().update_layout(
        width=1200, height=850, paper_bgcolor="white", plot_bgcolor="white",
        font={"family": FONT, "size": 17}, margin={"l": 40, "r": 40, "t": 40, "b": 40},
        xaxis={"visible": False, "range": [0, 1]}, yaxis={"visible": False, "range": [0, 1]},
        title={"text": f"<b>{t('title')}</b><br><span style='font-size:17px'>"
                       f"{label['pack']}</span>",
               "x": 0.02, "y": 0.96, "font": {"size": 30}},
        images=[{"source": segno.make(link, error="m").png_data_uri(scale=8, border=2),
                 "xref": "paper", "yref": "paper", "x": 1, "y": 0, "sizex": 0.24,
                 "sizey": 0.34, "xanchor": "right", "yanchor": "bottom"}])
    fig.add_annotation(text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0.80,
                       xanchor="left", yanchor="top", align="left", showarrow=False,
                       name="cover-text")
    return fig


def _labelled(label: str, text: str, width: int = 92) -> list[str]:
    """A cover line: its label in bold, its text wrapped to the page (escaped)."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    return [f"{b(label)} {escape_markup(line)}" if i == 0 else escape_markup(line)
            for i, line in enumerate(lines)]


def _empty(fig: dict) -> bool:
    """Whether a chart shows its empty state (nothing in view to draw)."""
    return any(a.get("name") == "empty-state" for a in fig["layout"].get("annotations") or [])


def _union(data, f: Filters, c: compare.Comparison | None):
    """The incidents the pack is about: the view's, or either slice's (each once)."""
    return views.shown(data, f)[0] if c is None else files.union(data, c)


def _drawn(data, f: Filters, options: dict, c: compare.Comparison | None
           ) -> tuple[dict[str, dict], dict[str, str]]:
    """Every chart of the pack and its text alternative: the view's, or both slices' as
    compare mode shows them."""
    if c is None:
        return (figures_for(data, f, PACK_CHARTS, options),
                views.descriptions(data, f, options.get("freq", "year")))
    both = {g: comparison.figure(data, c, g, options, inline=True) for g in PACK_CHARTS}
    return {g: fig for g, (fig, _s) in both.items()}, {g: s for g, (_f, s) in both.items()}


def _sheets(data, f: Filters, options: dict, c: compare.Comparison | None) -> dict:
    """The workbook's data sheets: each chart's table and the rows (a comparison: a column per
    slice and the difference, its key figures, the rows of both saying which slice)."""
    if c is None:
        incidents, people = views.shown(data, f)
        sheets = {CHART_DATA[g]: export.chart_data(CHART_DATA[g], incidents, people,
                                                  data.place_names, options)
                  for g in PACK_CHARTS}
        sheets[_("rows in view")] = export.rows_in_view(incidents, data.place_names)
        sheets[_("codebook")] = export.row_codebook(sheets[_("rows in view")])
        return sheets
    names = compare.names(c, i18n.current(), data.names(i18n.current()))
    (a_inc, a_people), (b_inc, b_people) = views.shown(data, c.a), views.shown(data, c.b)
    sheets = {_("comparison"): export.comparison_data((a_inc, a_people), (b_inc, b_people),
                                                      names)}
    sheets |= {CHART_DATA[g]: export.compared_chart_data(
        CHART_DATA[g], a_inc, b_inc, names, options, data.place_names, (a_people, b_people))
        for g in PACK_CHARTS}
    sheets[_("rows in view")] = export.compared_rows(a_inc, b_inc, data.place_names)
    sheets[_("codebook")] = export.row_codebook(sheets[_("rows in view")])
    return sheets


def pack(data, f: Filters, options: dict, link: str,
         progress: Callable[[int, int], None] | None = None,
         c: compare.Comparison | None = None) -> bytes:
    """The ZIP's bytes (c: a comparison's, both slices in every part); progress(charts done,
    charts in all) is told as each chart is drawn."""
    exported = date.today().isoformat()
    told = progress or (lambda done, total: None)
    out = io.BytesIO()
    pdf = PdfWriter()
    drawings, described = _drawn(data, f, options, c)
    # a chart with nothing to draw for this view (its empty state speaks to the screen) is
    # left out, and the cover says so: no empty page
    left_out = tuple(plain_title(drawn) for drawn in drawings.values() if _empty(drawn))
    drawings = {g: drawn for g, drawn in drawings.items() if not _empty(drawn)}
    described = {g: d for g, d in described.items() if g in drawings}
    told(0, len(drawings))  # the charts it will draw (one left out is not waited for)
    pdf.append(io.BytesIO(image_export.render(cover(data, f, link, exported, c, left_out),
                                              "pdf", size=(1200, 850))))
    incidents = _union(data, f, c)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for done, (graph, drawn) in enumerate(drawings.items(), 1):
            fig = image_export.for_export(drawn, link, exported)
            name = graph.removeprefix("chart-")
            pdf.append(io.BytesIO(image_export.render(fig, "pdf")))
            z.writestr(f"charts/{name}.png", image_export.render(fig, "png"))
            z.writestr(f"charts/{name}.svg", image_export.render(fig, "svg"))
            told(done, len(drawings))
        book = io.BytesIO()
        pdf.write(book)
        z.writestr("briefing.pdf", book.getvalue())
        sheets = _sheets(data, f, options, c)
        filters = ([(_("filters"), f.describe(None, data.place_names))] if c is None else
                   [(_("filters"), f"A: {c.a.describe(None, data.place_names)}"),
                    ("", f"B: {c.b.describe(None, data.place_names)}")]) + [
            (_("permalink"), link)]
        z.writestr("data.xlsx", export.xlsx_book(
            sheets, filters, export.about(data.dataset, incidents, link, exported), exported))
        z.writestr("README.txt", readme(data, f, link, exported, described, c))
    return export.stamped(out.getvalue(), exported)


def readme(data, f: Filters, link: str, exported: str, described: dict[str, str],
           c: compare.Comparison | None = None) -> str:
    d = data.dataset
    said = f.describe(None, data.place_names) if c is None else (
        f"A: {c.a.describe(None, data.place_names)} | B: {c.b.describe(None, data.place_names)}")
    charts = "\n".join(f"- charts/{g.removeprefix('chart-')}: {described[g]}"
                       for g in PACK_CHARTS if g in described)
    text = _("""{title} — briefing pack

Filters: {filters}
Live view (the same filters, in the dashboard): {link}
Dataset: {dataset}; exported {exported}.

What is in this pack
- briefing.pdf: a cover page (filters, key figures, provenance, citation, QR code of the live
  view), then one page per chart.
- charts/*.png (1200x675 at 2x) and charts/*.svg: every chart, with its caption and source.
- data.xlsx: the data of every chart, every incident in view, the filters and where the data
  come from. People appear only as aggregates; counts under the disclosure threshold read "< N".

What each chart shows
{charts}

How to cite
{citation}
""").format(title=t("title"), filters=said, link=link,
            dataset=d.title(), exported=exported, charts=charts,
            citation=CITATION)
    if d.reconstructed:
        text += "\n" + _("The incident records are a reconstruction that reproduces the "
                         "study's published totals, not the study's own incident list: say so "
                         "when you publish from them.") + "\n"
    return text
