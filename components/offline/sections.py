"""The dashboard's sections below the main charts, in the offline file (no Dash).

- **Networks**: computed in the browser for the view state, from the cube, by the aggregate
  the payload declares (components/charts/payload.py AGGREGATES; assets/instant-2-cube.js
  grouped): per network its arrest actions, first and last month, the networks it shares
  arrest actions with. Here: the words the browser writes them with.
- **People**: the payload carries no count of people per category for any set of incidents (an
  incident's people are only a total and a set of citizenships), and no people attribute
  enters the file beyond it. So the file shows the breakdowns the app shows for all incidents,
  with the same disclosure control (data/people.py: under the threshold "< 3", the
  complementary cell hidden), and says that breakdowns by filter need the app.
"""

from __future__ import annotations

from components.charts import views
from components.runtime import AppData
from data import export, i18n
from data import people as pp
from data.filters import Filters
from data.i18n import N_, _, t

NETWORK_WORDS = {"network": N_("Network"), "active": N_("First and last arrest action"),
                 "with": N_("Shares arrest actions with")}
PEOPLE_WORDS = {
    "title": N_("People (all incidents)"),
    "note": N_("These breakdowns count the people of all incidents, as the app shows them "
               "with no filter. Broken down by the filters in view, they need the online "
               "dashboard."),
}
# each breakdown as the app's data files name it (data/export.py PEOPLE_CHARTS), its title and
# what its shares are of
BREAKDOWNS = (("citizenship", "chart_people_citizenship", "with_citizenship_known"),
              ("birthplace", "chart_people_birthplace", "belgian_citizens"),
              ("heritage", "chart_people_heritage", "with_heritage_known"))


def networks(lang: str) -> dict:
    """The networks section's words in lang (the app's chart titles and caption words)."""
    with i18n.use(lang):
        return {k: t(k) for k in ("chart_networks", "arrest_actions", "no_network_match")} | {
            k: _(v) for k, v in NETWORK_WORDS.items()} | {
            "subtitle": views.network_subtitle("{where}", "{tied}", "{links}", lang)}


def _cell(value) -> str:
    """A cell of a people table as the page shows it: counts and shares in the language's
    number forms, a hidden count as its text ("< 3"), no share as nothing."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return i18n.num(value, digits=1)
    if isinstance(value, int):
        return i18n.num(value)
    return str(value)


def people(data: AppData, lang: str) -> dict:
    """The people of all incidents as the app shows them: its summary line and each breakdown
    as the app's data file has it (data/export.py: hidden cells as "< 3")."""
    _incidents, everyone = views.shown(data, Filters())
    minimum = pp.threshold()
    with i18n.use(lang):
        gated = views.people_gate(data, everyone)
        tables = []
        for chart, title, of in BREAKDOWNS:
            b = gated.breakdowns[chart]
            frame = export.people_table(b, minimum)
            tables.append({
                "title": t(title),
                "base": f"{t('shares_of')} {b.base} {t(of)}",
                "headings": [str(c) for c in frame.columns[:3]], "numeric": [1, 2],
                "rows": [[_cell(v) for v in row[:3]] for row in frame.itertuples(index=False)]})
        return {"summary": views.people_summary(gated, lang), "tables": tables} | {
            k: _(v) for k, v in PEOPLE_WORDS.items()}
