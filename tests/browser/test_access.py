"""Access for everyone, in every language: axe-core finds nothing on any page at a desk or on a
phone; French and Dutch pages hold no English; keyboard, screen reader and small screens work;
the briefing mode steps through its scenes with the keys a presentation clicker sends."""

from __future__ import annotations

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from components.charts.figures import STUDY
from data import catalogues, i18n, load
from data.codebook import COUNTRIES
from data.geography import load_municipalities
from data.places import GROUP_NAMES, gazetteer
from data.study.compare import REFERENCE, reference_figures
from tests.conftest import TOPOJSON

PAGES = {"dashboard": "/?", "methodology": "/methodology?", "brief": "/brief?",
         "embed": "/embed/timeline?type=attack&"}
DESK, PHONE = (1440, 900), (390, 844)


def _wait(page, name: str) -> None:
    if name == "dashboard":
        page.wait_drawn()
    elif name == "methodology":
        page.page.wait_for_selector("#methodology-view h1", timeout=30_000)
    elif name == "brief":
        page.page.wait_for_selector(".scene:not([hidden]) .main-svg", timeout=30_000)
    else:
        page.page.wait_for_selector("#chart .main-svg", timeout=30_000)


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["1440x900", "390x844"])
@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violation(page, app_url, name, lang, size):
    page.page.set_viewport_size({"width": size[0], "height": size[1]})
    page.page.goto(f"{app_url}{PAGES[name]}lang={lang}")
    _wait(page, name)
    if name == "dashboard":  # the sections drawn too, and a chip to remove
        page.page.goto(f"{app_url}/?type=attack&lang={lang}")
        page.wait_drawn()
        for control in page.page.locator(".mantine-Accordion-control").all():
            control.click()
        page.page.wait_for_selector("#chart-people-years .main-svg", timeout=30_000)
    found = Axe().run(page.page).response["violations"]
    assert found == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in found)


@pytest.mark.parametrize("lang,size", [("en", DESK), ("nl", PHONE)], ids=["en-1440", "nl-390"])
def test_no_accessibility_violation_with_the_schematic_map(page, offline_url, lang, size):
    """No boundary file: the schematic map, and its area and measure controls disabled with the
    notice that says why (named as their description)."""
    page.page.set_viewport_size({"width": size[0], "height": size[1]})
    page.open(f"{offline_url}/?lang={lang}")
    panel = page.page.locator("#map-panel input").first
    assert panel.is_disabled()
    found = Axe().run(page.page).response["violations"]
    assert found == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in found)


TEXTS = """() => {
  const out = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    // English quoted on purpose is marked lang="en" inside the page (not the page's own lang)
    if (!el || el.closest('script, style, body [lang="en"]')) continue;
    const text = walker.currentNode.textContent.trim();
    if (text) out.add(text);
  }
  document.querySelectorAll('[aria-label], [placeholder], [title]').forEach(el => {
    if (el.closest('body [lang="en"]')) return;
    for (const name of ['aria-label', 'placeholder', 'title']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) out.add(value.trim());
    }
  });
  return [...out];
}"""


def _texts(page, url: str) -> set[str]:
    page.page.goto(url)
    if "/brief" in url:
        page.page.wait_for_selector(".scene:not([hidden]) .main-svg", timeout=30_000)
        return set(page.page.evaluate(TEXTS))
    page.wait_drawn()
    for control in page.page.locator(".mantine-Accordion-control").all():
        control.click()
    page.page.wait_for_selector("#chart-people-years .main-svg", timeout=30_000)
    page.page.get_by_role("button", name=re.compile(r"\(map\)|\(carte\)|\(kaart\)")).click()
    page.page.wait_for_selector("[role=menuitem]")
    return set(page.page.evaluate(TEXTS))


def _proper_names(lang: str) -> list[str]:
    """Names that stay as they are in every language: the study's citation, the dataset's
    name and version, named networks, places (of the boundary file too), countries whose name
    is the same, incident and reference-figure ids, language codes and file formats."""
    d = load()
    munis = load_municipalities(TOPOJSON)
    names = [*munis["name_fr"], *munis["name_nl"], *d.incidents["incident_id"],
             *reference_figures(REFERENCE), *(i18n.country(c, lang) for c in COUNTRIES),
             "Zoom", "Van Ostaeyen & Van Vlierden, 'Beyond the Caliphate: Belgium', CTC, 2018",
             "CTC", d.name, d.version, *d.networks["network"], *d.networks["cluster"].dropna(),
             *(n for p in gazetteer().values() for n in (p.name_fr, p.name_nl, p.name_en)),
             *(n for names in GROUP_NAMES.values() for n in names.values()),
             "EN", "FR", "NL", "PNG", "SVG", "PDF", "CSV", "XLSX", "iframe", "Chromium",
             "Plotly", "English", "Français", "Nederlands"]
    return sorted({n for n in names if n}, key=len, reverse=True)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_no_text_is_left_in_english(page, app_url, lang):
    """Every text (and label) of the French or Dutch dashboard and briefing differs from the
    English page's, except words the two languages share and proper names."""
    same = {w.lower() for msg in catalogues.read(lang) if msg.id and msg.string == msg.id
            for w in re.findall(r"[^\W\d_]{2,}", " ".join(msg.id) if isinstance(
                msg.id, tuple) else msg.id)}
    proper = _proper_names(lang)
    left = []
    for path in ("/?type=attack&", "/brief?"):
        english = _texts(page, f"{app_url}{path}lang=en")
        assert len(english) > 40  # the English page was read
        for text in _texts(page, f"{app_url}{path}lang={lang}") & english:
            if len(text) > 20 and text in STUDY:  # a wrapped line of the study's title
                continue
            rest = text
            for name in proper:
                rest = rest.replace(name, " ")
            words = {w.lower() for w in re.findall(r"[^\W\d_]{2,}", rest)}
            if words - same:
                left.append(text)
    assert sorted(left) == [], '\n'.join(sorted(left))


def test_keyboard_skip_link_language_switch_and_download_menu(page, app_url):
    page.open(f"{app_url}/?type=attack")
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.id") == "skip-link"
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "content"
    menu = page.page.get_by_role("button", name="Download this chart or its data (map)")
    menu.focus()
    page.page.keyboard.press("Enter")
    page.page.get_by_role("menuitem", name="Chart data · CSV", exact=True).wait_for()
    page.page.keyboard.press("Escape")
    page.wait_for("!document.querySelector('[role=menuitem]')")
    page.page.get_by_role("link", name="Français").focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_url("**/?type=attack&lang=fr")
    page.wait_drawn()
    assert page.page.inner_text("#filter-summary").startswith("Attentats · 4 incidents")
    assert page.page.get_attribute("html", "lang") == "fr"


def test_key_figures_and_the_polite_summary_read_well(page, app_url):
    page.open(f"{app_url}/?type=attack&lang=nl")
    page.wait_kpi(4)
    assert page.page.get_attribute("#kpi-linked", "aria-label") == (
        "Gelinkt: 25%  (1 van n = 4 incidenten)".replace("  ", " "))
    live = page.page.locator("#live-summary")
    assert live.get_attribute("aria-live") == "polite"
    assert live.inner_text() == "Aanslagen · 4 incidenten"


def test_on_a_phone_the_filters_are_a_drawer(page, app_url):
    page.page.set_viewport_size({"width": 390, "height": 844})
    page.open(f"{app_url}/?lang=fr")
    drawer = page.page.locator("#filters-drawer")
    toggle = page.page.get_by_role("button", name="Filtres", exact=True)
    assert drawer.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert drawer.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.page.keyboard.press("Escape")
    assert drawer.is_hidden()
    assert page.page.evaluate("document.activeElement.id") == "filters-toggle"
    width = page.page.evaluate("document.querySelector('#chart-shares').offsetWidth")
    assert width >= 340  # the charts keep the screen's width


def test_briefing_steps_with_clicker_keys_and_explores(page, app_url):
    page.page.set_viewport_size({"width": 1024, "height": 768})
    page.page.goto(f"{app_url}/brief?lang=en")
    page.page.wait_for_selector("#scene-1 .main-svg")
    size = page.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 24
    for key, scene in (("ArrowRight", 2), ("PageDown", 3), ("PageUp", 2), (" ", 3),
                       ("End", 7), ("Home", 1), ("ArrowDown", 2)):
        page.page.keyboard.press(key)
        page.page.wait_for_selector(f"#scene-{scene} .main-svg")
        assert page.page.locator(".scene:not([hidden])").get_attribute("id") == f"scene-{scene}"
        assert f"scene={scene}" in page.page.url
    page.page.goto(f"{app_url}/brief?lang=en&scene=3")
    page.page.wait_for_selector("#scene-3 .main-svg")
    assert page.page.locator("#brief-counter").inner_text() == "Scene 3 of 7"
    page.page.locator("#scene-3").get_by_role("link", name=re.compile("Explore")).click()
    page.wait_drawn()
    page.wait_kpi(4)


def test_the_handout_prints_one_scene_per_page(page, app_url):
    from pypdf import PdfReader
    page.page.goto(f"{app_url}/brief?lang=fr")
    page.page.wait_for_selector("#scene-1 .main-svg")
    pdf = PdfReader(io.BytesIO(page.page.pdf(format="A4", landscape=True)))
    assert len(pdf.pages) == 7
    text = pdf.pages[3].extract_text()
    assert "Où : Bruxelles avant tout" in text
    assert "Tous les incidents · n = 107 incidents" in text  # the map is drawn, not only shown


def test_tab_goes_through_the_whole_page_and_out_of_the_map_and_table(page, app_url):
    """No keyboard trap: Tab from the top reaches the table's paging and comes back round to
    the skip link, and focus is always on something visible."""
    page.open(f"{app_url}/?type=attack")
    seen = []
    for _ in range(400):
        page.page.keyboard.press("Tab")
        seen.append(page.page.evaluate(
            "(() => { const e = document.activeElement;"
            " return (e.id || e.getAttribute('aria-label') || e.className || e.tagName) + '|'"
            " + (e.getBoundingClientRect().width > 0) })()"))
        if len(seen) > 1 and seen[-1].startswith("skip-link|"):
            break
        if seen[-1].startswith("table-search|") and not any(
                x.startswith("table-search|") for x in seen[:-1]):
            # focus on the search box mounts the grid (AG Grid loads then): a person waits
            page.page.wait_for_selector("#table-incidents .ag-paging-row-summary-panel")
    assert seen[-1].startswith("skip-link|"), seen[-10:]
    joined = " ".join(seen)
    assert "table-search|true" in joined and "sections-control-people|true" in joined, joined
    assert sum("-target|true" in s for s in seen) == 3  # the three Download menus
    assert any(s.startswith(("Next page", "Volgende")) or "ag-paging" in s for s in seen), seen


def test_removing_a_chip_by_keyboard_keeps_the_focus_in_the_row(page, app_url):
    page.open(f"{app_url}/?type=attack&connection=inspired")
    page.wait_kpi(3)
    page.page.get_by_role("button", name="Remove filter: attack").focus()
    page.page.keyboard.press("Enter")
    page.wait_kpi(12)  # inspired incidents of both types
    focused = "document.activeElement.getAttribute('aria-label') || document.activeElement.id"
    assert page.page.evaluate(focused) == "Remove filter: inspired"
    page.page.keyboard.press("Space")
    page.wait_kpi(107)
    assert page.page.evaluate(focused) == "reset-filters"  # no chip left: the reset button


# each series: shown in the figure drawn, and its bars on screen (a hidden one has none)
SERIES_SHOWN = ("() => document.querySelector('#chart-timeline').beParts.fig.data.map((t, i) =>"
                " t.visible !== 'legendonly' && document.querySelectorAll("
                "`#chart-timeline .bars-seg[data-trace='${i}']`).length > 0)")


def test_a_chart_legend_is_buttons_that_hide_and_show_a_series(page, app_url):
    """A main bar chart's legend is a row of toggle buttons (plotly's own legend is not drawn):
    Space or Enter hides a series and shows it again, the button says so (aria-pressed), and a
    hidden series stays hidden through a filter change."""
    page.open(f"{app_url}/?lang=en")
    legend = page.page.locator("#chart-timeline .legend-item")
    assert legend.all_inner_texts() == ["Linked", "Inspired"]
    assert page.page.locator("#chart-timeline .chart-plot g.legend").count() == 0
    inspired = legend.nth(1)
    inspired.focus()
    page.page.keyboard.press("Space")
    page.wait_for("() => document.querySelectorAll('#chart-timeline .legend-item')[1]"
                  ".getAttribute('aria-pressed') === 'false'")
    assert page.page.evaluate(SERIES_SHOWN) == [True, False]
    page.page.locator("#filter-plot label", has_text="Yes").click()
    page.wait_kpi(18)
    page.wait_drawn()
    assert page.page.evaluate(SERIES_SHOWN) == [True, False]
    assert inspired.get_attribute("aria-pressed") == "false"
    inspired.focus()
    page.page.keyboard.press("Enter")
    page.wait_for("() => document.querySelectorAll('#chart-timeline .legend-item')[1]"
                  ".getAttribute('aria-pressed') === 'true'")
    assert page.page.evaluate(SERIES_SHOWN) == [True, True]
    assert page.page.locator("#chart-shares .legend-item").all_inner_texts() == [
        "Linked", "Inspired"]


FOCUSED_LABEL = "document.activeElement.getAttribute('aria-label')"


def _focus_tab_stop(page, app_url, marks: str) -> None:
    """The dashboard drawn, and the focus on a chart's one tab stop among its marks."""
    page.open(f"{app_url}/?lang=en")
    page.wait_kpi(107)
    page.wait_drawn()
    stop = page.page.locator(f"{marks}[tabindex='0']")
    assert stop.count() == 1
    stop.focus()


def test_chart_bars_are_buttons_the_keyboard_reaches_and_clicks(page, app_url):
    """The shares and timeline bars are buttons: one tab stop per chart, arrow keys move from
    segment to segment, the focused one says its numbers (its name and the tooltip), Enter
    filters as a click does, and the focus stays on the bar through the redraw."""
    _focus_tab_stop(page, app_url, "#chart-timeline .bars-seg")
    assert page.page.evaluate(FOCUSED_LABEL) == "Linked \u2014 2014: 11 of 12"
    page.page.keyboard.press("ArrowUp")  # the next series in the same bar
    assert page.page.evaluate(FOCUSED_LABEL) == "Inspired \u2014 2014: 1 of 12"
    page.page.keyboard.press("ArrowRight")  # the next bar
    assert page.page.evaluate(FOCUSED_LABEL) == "Inspired \u2014 2015: 2 of 32"
    tip = page.page.locator("#chart-timeline .bars-tip")
    assert tip.is_visible() and tip.inner_text() == "Inspired \u2014 2015: 2 of 32"
    assert page.page.locator("#chart-timeline .bars-seg[tabindex='0']").count() == 1
    page.page.keyboard.press("Enter")
    page.page.wait_for_url("**/?from=2015-01&to=2015-12&lang=en")
    page.wait_kpi(32)
    page.wait_for("() => document.activeElement.matches('#chart-timeline .bars-seg')"
                  " && document.activeElement.getAttribute('data-key') === '1:1'")
    shares = page.page.locator("#chart-shares .bars-seg")
    assert shares.first.get_attribute("aria-label") == (
        "Arrest actions (n = 32): Linked \u2014 30 of 32 (93.8%) 95% interval 80%\u201398%")
    shares.nth(1).click()  # arrest actions' inspired part: inspired incidents only
    page.page.wait_for_url("**/?from=2015-01&to=2015-12&connection=inspired&lang=en")
    page.wait_kpi(2)


def test_map_communes_are_buttons_the_keyboard_reaches_and_clicks(page, app_url):
    """The map's communes (boundary file present) are buttons: one tab stop, arrow keys move in
    reading order, the one in focus is named with its count and shows its hover, and Enter
    filters to it as a click does."""
    import re
    _focus_tab_stop(page, app_url, "#chart-map .choro-place")
    first = page.page.evaluate(FOCUSED_LABEL)
    page.page.keyboard.press("ArrowRight")
    second = page.page.evaluate(FOCUSED_LABEL)
    assert second != first
    assert page.page.locator("#chart-map .choro-place[tabindex='0']").count() == 1
    tip = page.page.locator("#chart-map .bars-tip")
    assert tip.is_visible() and tip.inner_text().replace("\n", ": ") == second
    n = int(re.search(r": (\d+) incidents?\b", second).group(1))
    page.page.keyboard.press("Enter")
    page.page.wait_for_url("**/?place=21*&lang=en")
    page.wait_kpi(n)


def test_a_month_bar_is_named_as_the_axis_says_and_its_tip_stays_on_screen(page, app_url):
    """In the month view a segment's name starts with its words ('Linked — Sep 2014: ...'),
    never the period's code ('2014-09: ...'); at 390 px the first bar's tooltip is not cut
    at the card's left edge."""
    page.page.set_viewport_size({"width": 390, "height": 844})
    _focus_tab_stop(page, app_url, "#chart-timeline .bars-seg")
    page.page.locator("#timeline-freq label", has_text="By month").click()
    page.page.wait_for_selector("#chart-timeline >> text=Month by month")
    stop = page.page.locator("#chart-timeline .bars-seg[tabindex='0']")
    stop.focus()
    label = page.page.evaluate(FOCUSED_LABEL)
    assert label.startswith(("Linked \u2014 ", "Inspired \u2014 ")), label
    assert not any(ch.isdigit() for ch in label.split(" \u2014 ")[0]), label
    month = label.split(" \u2014 ")[1].split(":")[0]
    assert month[:3].isalpha() and month[-4:].isdigit(), label  # 'Jun 2014', not '2014-06'
    tip = page.page.locator("#chart-timeline .bars-tip")
    assert tip.is_visible() and tip.inner_text() == label
    plot = page.page.locator("#chart-timeline .bars").bounding_box()
    box = tip.bounding_box()
    assert box["x"] >= plot["x"] - 0.5
    assert box["x"] + box["width"] <= plot["x"] + plot["width"] + 0.5
