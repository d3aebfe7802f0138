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

from components.charts import views
from components.charts.figspec import Fig
from components.charts.figures import FONT, escape_markup
from components.charts.registry import CHART_DATA, figures_for
from components.exports import images as image_export
from data import aggregate as ag
from data import export, i18n
from data.facts import CITATION
from data.filters import Filters
from data.i18n import _, num, pct, t

PACK_CHARTS = tuple(CHART_DATA)  # every chart on the page, in page order


def cover(data, f: Filters, link: str, exported: str) -> Fig:
    """The first page: what the pack shows, in words and numbers, and how to get back to it."""
    incidents, people = views.shown(data, f)
    k = ag.key_figures(incidents, people)
    reconstructed = bool((incidents["source_type"] == "reconstructed").any())
    share = lambda item: pct(item["pct"])  # noqa: E731

    def b(label: str) -> str:
        return f"<b>{label}</b>"

    label = {"filters": _("Filters:"), "provenance": _("Provenance:"), "dataset": _("Dataset:"),
             "cite": _("Cite:"), "live": _("Live view:"), "pack": _("Briefing pack")}
    lines = [
        f"{b(label['filters'])} {escape_markup(f.describe(None, data.place_names))}",
        f"{b(i18n.cap(t('incidents')) + ':')} {num(k['incidents']['value'])} · "
        f"{b(t('arrest_actions') + ':')} {num(k['arrest_actions']['value'])} · "
        f"{b(t('attacks') + ':')} {num(k['attacks']['value'])} · "
        f"{b(t('people').lower() + ':')} {num(k['people']['value'])}",
        f"{b(t('share_linked') + ':')} {share(k['share_linked'])} ("
        + views.share_note(k["share_linked"], "incidents")
        + f") · {b(t('share_plot').lower() + ':')} {share(k['share_plot'])} ("
        + views.share_note(k["share_plot"], "arrest_actions") + ")",
        "",
        f"{b(label['provenance'])} " + (_(views.RECONSTRUCTED_LINE) if reconstructed else
                                    _("all records in view are coded or public record.")),
        f"{b(label['dataset'])} {escape_markup(data.dataset.name)} "
        f"{escape_markup(data.dataset.version)} · " + _("exported {date}").format(date=exported),
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


def pack(data, f: Filters, options: dict, link: str,
         progress: Callable[[int, int], None] | None = None) -> bytes:
    """The ZIP's bytes; progress(charts done, charts in all) is told as each chart is drawn."""
    exported = date.today().isoformat()
    told = progress or (lambda done, total: None)
    told(0, len(PACK_CHARTS))
    out = io.BytesIO()
    pdf = PdfWriter()
    pdf.append(io.BytesIO(image_export.render(cover(data, f, link, exported), "pdf",
                                              size=(1200, 850))))
    described = views.descriptions(data, f, options.get("freq", "year"))
    incidents, people = views.shown(data, f)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        drawings = figures_for(data, f, PACK_CHARTS, options)
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
        sheets = {CHART_DATA[g]: export.chart_data(CHART_DATA[g], incidents, people,
                                                  data.place_names, options)
                  for g in PACK_CHARTS}
        sheets[_("rows in view")] = export.rows_in_view(incidents, data.place_names)
        filters = [(_("filters"), f.describe(None, data.place_names)), (_("permalink"), link)]
        z.writestr("data.xlsx", export.xlsx_book(
            sheets, filters, export.about(data.dataset, incidents, link, exported), exported))
        z.writestr("README.txt", readme(data, f, link, exported, described))
    return export.stamped(out.getvalue(), exported)


def readme(data, f: Filters, link: str, exported: str, described: dict[str, str]) -> str:
    d = data.dataset
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
""").format(title=t("title"), filters=f.describe(None, data.place_names), link=link,
            dataset=f"{d.name} {d.version}", exported=exported, charts=charts,
            citation=CITATION)
    if d.reconstructed:
        text += "\n" + _("The incident records are a reconstruction that reproduces the "
                         "study's published totals, not the study's own incident list: say so "
                         "when you publish from them.") + "\n"
    return text
