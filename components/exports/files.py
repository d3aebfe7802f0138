"""Downloads as bytes: a chart's data or the rows in view (CSV, Belgian CSV, XLSX) and images
(PNG, SVG, PDF), from the same filter state and figure functions as the screen. No Dash: the
Download menu (components/dashboard/downloads.py) and any other caller use it alike."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components import state
from components.charts import comparison as both
from components.charts import registry as charts
from components.charts import views
from components.exports import images as image_export
from data import compare, export, i18n, viewstate
from data.filters import Filters
from data.i18n import N_, _

IMAGES = {"png": N_("Image · PNG 1200×675"), "png-square": N_("Image · PNG 1080×1080 (square)"),
          "png-screen": N_("Image · PNG as on screen (1000 px wide)"),
          "svg": N_("Image · SVG (vector)"), "pdf": N_("Image · PDF (vector, for print)")}
FORMATS = {**IMAGES,
           "csv": N_("Chart data · CSV"), "csv-be": N_("Chart data · CSV (; for Belgian Excel)"),
           "xlsx": N_("Chart data · XLSX"), "rows-csv": N_("All rows in view · CSV"),
           "rows-xlsx": N_("All rows in view · XLSX"), "embed": N_("Embed · iframe code")}


def view_of(data, filter_state, freq, by, events, panel, metric) -> tuple[Filters, dict]:
    """The filters and chart options of the view being exported, checked like any input."""
    f = Filters.from_query(filter_state if isinstance(filter_state, dict) else {},
                           data.vocabulary)
    return f, views.chart_options(freq, by, events, panel, metric)


def permalink(host_url: str, f: Filters, options: dict,
              c: compare.Comparison | None = None) -> str:
    """The link that reopens this view (its filters, a comparison's B, the chart options), in
    this language."""
    state = "&".join(q for q in (f.to_query(), c.query() if c else "") if q)
    return host_url.rstrip("/") + "/?" + viewstate.address(state, options, i18n.current())


def compared_chart(data, c: compare.Comparison, slug: str, fmt: str, options: dict,
                   link: str) -> bytes:
    """A chart of both slices (any chart, as compare mode shows it): an image with
    its title, both slices named, source and permalink; or its data, a column per slice and
    the difference (data.export.compared_chart_data)."""
    day = date.today().isoformat()
    lang = i18n.current()
    names = compare.names(c, lang, data.names(lang))
    chart = charts.BY_SLUG[slug]
    if fmt in IMAGES:
        fig = both.figure(data, c, chart.graph, options, lang, inline=True)[0]
        return image_export.render(image_export.for_export(fig, link, day), fmt)
    (a_inc, a_people), (b_inc, b_people) = views.shown(data, c.a), views.shown(data, c.b)
    table = export.compared_chart_data(chart.table, a_inc, b_inc, names, options,
                                       data.place_names, (a_people, b_people))
    if fmt != "xlsx":
        return export.csv_bytes(table, belgian=fmt == "csv-be")
    return export.xlsx_bytes(table, _slices_said(data, c, link),
                             export.about(data.dataset, union(data, c), link, day), day)


def compared_rows(data, c: compare.Comparison, fmt: str, link: str) -> bytes:
    """The rows of both slices (fmt "rows-csv", "rows-csv-be", "rows-xlsx"), each saying which
    slice it is in, as compare mode's table lists them (data.export.compared_rows)."""
    day = date.today().isoformat()
    table = export.compared_rows(views.shown(data, c.a)[0], views.shown(data, c.b)[0],
                                 data.place_names)
    if fmt != "rows-xlsx":
        return export.csv_bytes(table, belgian=fmt == "rows-csv-be")
    return export.xlsx_bytes(table, _slices_said(data, c, link),
                             export.about(data.dataset, union(data, c), link, day), day,
                             rows=True)


def _slices_said(data, c: compare.Comparison, link: str) -> list[tuple[str, str]]:
    lang = i18n.current()
    return [(_("filters"), f"A: {c.a.describe(lang, data.place_names)}"),
            ("", f"B: {c.b.describe(lang, data.place_names)}"), (_("permalink"), link)]


def union(data, c: compare.Comparison) -> pd.DataFrame:
    """The incidents of either slice (each once): what the 'about' lines count."""
    return pd.concat([views.shown(data, c.a)[0], views.shown(data, c.b)[0]]).drop_duplicates(
        "incident_id")


def comparison(data, c: compare.Comparison, fmt: str, link: str) -> bytes:
    """A comparison's key figures as CSV (fmt "csv", "csv-be") or XLSX: one column per slice
    and the difference, each share's n, interval and test (data.export.comparison_data)."""
    day = date.today().isoformat()
    names = compare.names(c, i18n.current(), data.names(i18n.current()))
    table = export.comparison_data(views.shown(data, c.a), views.shown(data, c.b), names)
    if fmt != "xlsx":
        return export.csv_bytes(table, belgian=fmt == "csv-be")
    return export.xlsx_bytes(table, _slices_said(data, c, link),
                             export.about(data.dataset, union(data, c), link, day), day)


def build(data, f: Filters, chart: str, fmt: str, options: dict, link: str,
          graph: str = "") -> tuple[bytes, str]:
    """The bytes of one download and its file suffix (pure but for the data it reads and the
    day, printed in the file)."""
    day = date.today().isoformat()
    if fmt in IMAGES:
        fig = image_export.for_export(charts.figure_for(data, f, graph, options), link, day)
        return image_export.render(fig, fmt), "." + fmt.split("-")[0]
    incidents, people = views.shown(data, f)
    names = data.place_names
    table = (export.rows_in_view(incidents, names) if fmt.startswith("rows") else
             export.chart_data(chart, incidents, people, names, options))
    if fmt.endswith("xlsx"):
        filters = [(_("filters"), f.describe(i18n.current(), names))] + [
            (name, label) for name, _, label in state.chips(f, lambda n, v: v)] + [
            (_("permalink"), link)]
        about = export.about(data.dataset, incidents, link, day)
        if graph and not fmt.startswith("rows"):
            about.append((_("what the chart shows"), views.descriptions(
                data, f, options.get("freq", "year"), (graph,))[graph]))
        return export.xlsx_bytes(table, filters, about, day,
                                 rows=fmt.startswith("rows")), ".xlsx"
    return export.csv_bytes(table, belgian=fmt.endswith("csv-be")), ".csv"
