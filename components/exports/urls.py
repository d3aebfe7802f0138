"""Every export as a URL: `/export/<name>.<format>?<view state>&lang=..[&size=..][&sep=..][&v=..]`.

The declaration (names, formats, their parameters) and the reading of a request into what
`files.build` and `pack.pack` take: the same view state as the screen (data/viewstate.py),
validated as everywhere. Pure: the routes are in components/web/exports_api.py.

    /export/timeline.svg?type=attack&freq=month&lang=en
    /export/map.png?province=60000&panel=belgium&size=square&lang=fr&v=reconstruction-1.2
    /export/rows.csv?place=brussels&sep=semicolon&lang=nl
    /export/pack.zip?type=arrest_action&lang=en
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from components.charts import registry as charts
from data import compare, i18n, viewstate
from data.filters import Filters, form_quote
from data.i18n import N_, _

CHART_FORMATS = ("png", "svg", "pdf", "csv", "xlsx")
ROWS_FORMATS = ("csv", "xlsx")
COMPARE_FORMATS = ("csv", "xlsx")  # a comparison's key figures (slice B: vs.<filter>=)
# each extra parameter: its values, the first the default, and the Download menu's format each
# value stands for (files.FORMATS)
SIZES = {"1200x675": "png", "square": "png-square", "screen": "png-screen"}
SEPARATORS = {"comma": "csv", "semicolon": "csv-be"}
EXTRA = ("size", "sep", "v")  # after the view state and lang, in this order
MEDIA = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
         "csv": "text/csv; charset=utf-8", "zip": "application/zip",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class Refused(ValueError):
    """A request no export answers: status (404, 400, 410) and one line saying why."""

    def __init__(self, status: int, line: str):
        super().__init__(line)
        self.status = status


@dataclass(frozen=True)
class Request:
    """One export, read and checked: what to build and the canonical address that names it."""

    name: str  # a chart's slug, "rows" or "pack"
    ext: str
    fmt: str  # files.build's format ("png-square", "csv-be", ...), "zip" for the pack
    filters: Filters
    options: dict
    lang: str
    pinned: str  # the v= it asked for ("" if none)
    query: str  # its canonical query: the view state, lang, then the extra parameters
    comparison: compare.Comparison | None = None  # compare.<ext>: A (filters) and B

    @property
    def graph(self) -> str:
        return charts.BY_SLUG[self.name].graph if self.name in charts.BY_SLUG else ""

    def filename(self, day: str, names: Mapping[str, str] | None = None) -> str:
        """The file's name in its language: the product, what it holds, the view (its filters
        in words; a comparison: both slices), the variant where a format has two (semicolons,
        square), then the day; ASCII, at most ~120 characters ("belgique-ei-lies-ou-inspires-
        attentats-2026-12-07.csv")."""
        with i18n.use(self.lang):
            what = _(what_of(self.name))
            if self.comparison is None:
                view = self.filters.describe(self.lang, names)
                view = view.removeprefix(i18n.t("all_incidents") + ", ")  # said by the rest
            else:
                view = _("{a} against {b}").format(
                    **dict(zip("ab", compare.names(self.comparison, self.lang, names or {}),
                               strict=True)))
            parts = [_(PRODUCT), what, view, _(VARIANTS[self.fmt]) if self.fmt in VARIANTS
                     else ""]
        stem = "-".join(p for p in map(slug, parts) if p)
        if len(stem) > MAX_STEM:
            stem = stem[:MAX_STEM].rsplit("-", 1)[0]
        return f"{stem}-{day}.{self.ext}"


PRODUCT = N_("belgium-is")
FILE_WORDS = {"rows": N_("incidents"), "pack": N_("briefing pack"), "compare": N_("comparison")}
# the formats an address has two of: the second's word (the first, the usual, has none)
VARIANTS = {"csv-be": N_("semicolons"), "rows-csv-be": N_("semicolons"),
            "png-square": N_("square"), "png-screen": N_("as on screen")}
MAX_STEM = 110


def what_of(name: str) -> str:
    """The msgid of what a file holds: a chart's (by its slug), the rows', the pack's..."""
    chart = charts.BY_SLUG.get(name)
    return (chart.file or chart.name) if chart else FILE_WORDS[name]


def stem(name: str) -> str:
    """A file name's start in the current language, with no view (the offline file's)."""
    return slug(_(PRODUCT)) + "-" + slug(_(what_of(name)))


def slug(text: str) -> str:
    """Words as a file name's part: ASCII letters and digits, lower case, '-' between."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def menu_item(fmt: str, slug: str) -> tuple[str, str]:
    """The URL path and extra parameters of a Download menu item (files.FORMATS' keys; the
    embed item is not a file): the browser adds the page's address between them."""
    size = {v: k for k, v in SIZES.items()}
    sep = {v: k for k, v in SEPARATORS.items()}
    rows = fmt.startswith("rows-")
    base = fmt.removeprefix("rows-")
    ext = "png" if base in size else "csv" if base in sep else base
    if ext not in (ROWS_FORMATS if rows else CHART_FORMATS):
        raise ValueError(f"no export URL for {fmt!r}")
    extra = (f"size={size[base]}" if base in size and size[base] != "1200x675" else
             "sep=semicolon" if sep.get(base) == "semicolon" else "")
    return f"/export/{'rows' if rows else slug}.{ext}", extra


def index() -> dict:
    """What a script may ask for (served as /export/index.json)."""
    return {
        "url": "/export/<name>.<format>?<view state>&lang=<en|fr|nl>",
        "charts": {slug: list(CHART_FORMATS) for slug in charts.SLUGS},
        "rows": list(ROWS_FORMATS), "pack": ["zip"], "compare": list(COMPARE_FORMATS),
        # which take vs.<filter> (a comparison's slice B): every one, as compare mode shows it
        "comparisons": [*charts.SLUGS, "rows", "pack", "compare"],
        "view_state": viewstate.schema(),
        "parameters": {"lang": list(i18n.LANGS), "size": list(SIZES) + ["(png only)"],
                       "sep": list(SEPARATORS) + ["(csv only)"],
                       "v": "the dataset version the link was made for: another answers 410"},
        "examples": [
            "/export/timeline.svg?type=attack&freq=month&lang=en",
            "/export/map.png?province=60000&panel=belgium&size=square&lang=fr",
            "/export/rows.csv?place=brussels&sep=semicolon&lang=nl",
            "/export/pack.zip?type=arrest_action&lang=en",
            "/export/compare.csv?place=brussels&vs.place=antwerp&lang=en"],
    }


def read(name_ext: str, args: dict[str, str], vocabulary, version: str) -> Request:
    """A request's path and arguments as an export, or Refused. Without lang= it is still read
    (lang ""): the route redirects it to its canonical address with the reader's language."""
    name, dot, ext = name_ext.rpartition(".")
    allowed = (ROWS_FORMATS if name == "rows" else ("zip",) if name == "pack" else
               COMPARE_FORMATS if name == "compare" else
               CHART_FORMATS if name in charts.SLUGS else ())
    if not dot or ext not in allowed:
        raise Refused(404, f"no export {name_ext!r}: see /export/index.json")
    size, sep = args.get("size", "1200x675"), args.get("sep", "comma")
    if size not in SIZES or ("size" in args and ext != "png"):
        raise Refused(400, f"invalid size {size!r}: png only, one of {', '.join(SIZES)}")
    if sep not in SEPARATORS or ("sep" in args and ext != "csv"):
        raise Refused(400, f"invalid sep {sep!r}: csv only, one of {', '.join(SEPARATORS)}")
    lang = args.get("lang", "")
    if lang and i18n.valid(lang) != lang:
        raise Refused(400, f"invalid lang {lang!r}: one of {', '.join(i18n.LANGS)}")
    pinned = args.get("v", "")
    if pinned and pinned != version:
        raise Refused(410, f"dataset version {pinned!r} is not served here; this server has "
                           f"{version!r}")
    view = {k: v for k, v in args.items() if k not in (*EXTRA, "lang")}
    # a value no option or filter has is refused (FilterError: the route's 400), not defaulted
    options = viewstate.as_chart_options(viewstate.parse_options(view.items()))
    filters = Filters.from_query({k: v for k, v in view.items() if k not in viewstate.OPTION
                                  and not k.startswith(compare.VS)}, vocabulary)
    c = compare.canonical(filters, [(k[len(compare.VS):], v) for k, v in view.items()
                                    if k.startswith(compare.VS)], vocabulary)
    if name == "compare" and c is None:
        raise Refused(400, "compare.csv and compare.xlsx need a second slice: "
                           "vs.<filter>=<value>, e.g. ?place=brussels&vs.place=antwerp")
    fmt = ("zip" if ext == "zip" else SIZES[size] if ext == "png" else
           SEPARATORS[sep] if ext == "csv" else ext)
    if name == "rows":
        fmt = "rows-" + fmt  # rows-csv, rows-csv-be, rows-xlsx
    extra = [("size", size)] * ("size" in args) + [("sep", sep)] * ("sep" in args) + [
        ("v", pinned)] * bool(pinned)
    state = "&".join(q for q in (filters.to_query(), c.query() if c else "") if q)
    query = viewstate.address(state, options, lang or None)
    tail = "&".join(f"{k}={form_quote(v)}" for k, v in extra)
    return Request(name, ext, fmt, filters, options, lang, pinned,
                   "&".join(p for p in (query, tail) if p), c)
