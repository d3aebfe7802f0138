"""The region filter in the browser: the dashboard's views, its control, chips and compare
mode, and the offline file's `#region=`, each against the counts Python gives."""

from __future__ import annotations

import pytest

from data.filters import Filters, apply

pytestmark = pytest.mark.browser


def _count(app_data, query: str) -> int:
    return len(apply(app_data.dataset.incidents, Filters.from_query(query, app_data.vocabulary),
                     app_data.dataset.people))


@pytest.mark.parametrize("region,lang,name", [
    ("wallonia", "en", "Walloon Region"), ("flanders", "fr", "Région flamande"),
    ("brussels", "nl", "Brussels Hoofdstedelijk Gewest")])
def test_each_region_shows_its_counts_with_its_chip_and_summary(page, app_url, app_data, region,
                                                                lang, name):
    page.open(f"{app_url}/?region={region}&lang={lang}")
    page.wait_kpi(_count(app_data, f"region={region}"))
    page.wait_for("n => [...document.querySelectorAll('#active-filters button')]"
                  ".some(b => b.innerText.includes(n))", name)
    assert name in page.page.inner_text("#filter-summary")
    # the region's control shows it as its one pill, and removing the chip lifts it
    pills = page.page.evaluate("""() => [...document.querySelectorAll(
        '.mantine-MultiSelect-root .mantine-Pill-label')].map(e => e.innerText)""")
    assert pills == [name]
    page.page.locator("#active-filters button", has_text=name).click()
    page.wait_kpi(len(app_data.dataset.incidents))
    page.wait_for("() => !location.search.includes('region=')")


def test_two_regions_compared(page, app_url, app_data):
    page.open(f"{app_url}/?region=flanders&vs.region=wallonia&lang=en")
    page.wait_for("t => (document.querySelector('#compare-panel:not([hidden])')?.innerText || '')"
                  ".includes(t)", "Flemish Region against Walloon Region", timeout=30)
    row = page.page.evaluate("""() => Array.from(document.querySelector(
        '#compare-panel tbody tr[data-key=incidents]').children).map(c => c.innerText.trim())""")
    assert row[1:3] == [str(_count(app_data, "region=flanders")),
                        str(_count(app_data, "region=wallonia"))]


def test_an_unknown_region_is_refused_in_words(page, app_url):
    page.open(f"{app_url}/?region=atlantis&lang=en")
    page.wait_for("t => (document.getElementById('filter-error')?.innerText || '').includes(t)",
                  "unknown value for “region”: “atlantis”")
