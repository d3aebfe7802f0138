"""Every component id, in one place; tests use the same constants."""

URL = "url"
FILTER_STATE = "filter-state"
FILTER_ERROR = "filter-error"
FILTER_DATE = "filter-date"
FILTER_DATE_LABEL = "filter-date-label"
FILTER_TYPE = "filter-type"
FILTER_CONNECTION = "filter-connection"
FILTER_LINK = "filter-link"
FILTER_PLOT = "filter-plot"
FILTER_NETWORK = "filter-network"
FILTER_PLACE = "filter-place"
FILTER_PROVINCE = "filter-province"
FILTER_CITIZENSHIP = "filter-citizenship"


def control_id(param: str) -> str:
    """A filter control's id, by the parameter it sets (the period's slider: "period")."""
    return FILTER_DATE if param == "period" else f"filter-{param}"


RESET = "reset-filters"
CHIPS = "active-filters"
CHIP = "chip"  # a removable chip (assets/instant.js draws them: class and data-name, data-value)
SUMMARY = "filter-summary"
KPIS = "kpis"
# compare mode: the key figures of both slices, and the control that starts, swaps and ends it
# (plain elements assets/instant.js writes and listens to)
COMPARE_PANEL = "compare-panel"
COMPARE_OPEN, COMPARE_FORM, COMPARE_WITH = "compare-open", "compare-form", "compare-with"
# why the timeline's options are off while comparing (assets/instant.js shows it)
COMPARE_OPTIONS_NOTE = "compare-options-note"
COMPARE_START, COMPARE_SWAP, COMPARE_END = "compare-start", "compare-swap", "compare-end"
KPI_INCIDENTS = "kpi-incidents"
CHART_SHARES = "chart-shares"
CHART_TIMELINE = "chart-timeline"
CHART_MAP = "chart-map"
CHART_NETWORKS = "chart-networks"
CHART_NETWORK_LINKS = "chart-network-links"
CHART_NETWORK_TIME = "chart-network-time"
SECTIONS = "sections"  # the accordion of the networks and people sections
SECTIONS_STATE = "sections-state"  # the filter state and open sections the server draws
PEOPLE_SUMMARY = "people-summary"
CHART_PEOPLE_CITIZENSHIP = "chart-people-citizenship"
CHART_PEOPLE_BIRTHPLACE = "chart-people-birthplace"
CHART_PEOPLE_HERITAGE = "chart-people-heritage"
CHART_PEOPLE_YEARS = "chart-people-years"
TIMELINE_FREQ = "timeline-freq"
TIMELINE_BY = "timeline-by"
TIMELINE_EVENTS = "timeline-events"
MAP_PANEL = "map-panel"
MAP_METRIC = "map-metric"
MAP_NOTICE = "map-notice"
# the chart options' controls, by their URL parameter (data/viewstate.py OPTIONS)
OPTION_CONTROLS = {"freq": TIMELINE_FREQ, "by": TIMELINE_BY, "events": TIMELINE_EVENTS,
                   "panel": MAP_PANEL, "metric": MAP_METRIC}
TABLE = "table-incidents"
TABLE_SLOT = "table-slot"  # where the grid is mounted once the table comes near the screen
TABLE_GRID = "table-grid"  # the grid, as the page's language draws it, until it is mounted
TABLE_WANTED = "table-wanted"  # set by assets/table.js when the table comes near the screen
TABLE_SEARCH = "table-search"
PROVENANCE = "provenance-notice"
EMPTY_NOTICE = "empty-notice"  # "no incidents match", with a way back
EMPTY_RESET = "empty-reset"
VIEW_ERROR = "view-error"  # a view that could not be drawn says so here
STALE_BANNER = "stale-banner"  # shown by assets/view-guard.js when the server did not answer
MAIN = "main-view"
METHODOLOGY = "methodology-view"
STUDY = "study-view"
EXPORT = "export"  # pattern-matching type of the Download menu's embed item
EXPORT_FILE = "export-file"  # pattern type of a menu item that is a file (assets/downloads.js)
EMBED_CODE = "embed-code"
BRIEFING_PACK = "briefing-pack"
EXPORT_STATUS = "export-status"  # the embed snippet (a Dash output)
EXPORT_FILE_STATUS = "export-file-status"  # what went wrong with a download, in one line
EXPORT_PROGRESS = "export-progress"  # "Preparing the download…" while it renders


def description(graph_id: str) -> str:
    """The id of a chart's text alternative."""
    return f"{graph_id}-desc"
LANG = "page-lang"  # the page's language (a store: set when the layout is built)
LANG_SWITCH = "lang-switch"
SKIP_LINK = "skip-link"
CONTENT = "content"  # where "skip to content" lands
FILTERS_TOGGLE = "filters-toggle"  # small screens: opens the filters drawer
FILTERS_DRAWER = "filters-drawer"
LIVE = "live-summary"  # announced politely after a filter change
BRIEF_LINK = "brief-link"


# The main views, drawn into the page by assets/instant.js (its ORDER -> the element it writes)
MAIN_VIEWS = {"kpis": KPIS, "shares": CHART_SHARES, "provenance": PROVENANCE, "chips": CHIPS,
              "summary": SUMMARY, "period": FILTER_DATE_LABEL, "timeline": CHART_TIMELINE,
              "map": CHART_MAP, "mapNotice": MAP_NOTICE, "empty": EMPTY_NOTICE, "live": LIVE,
              "describeShares": description(CHART_SHARES),
              "describeTimeline": description(CHART_TIMELINE),
              "describeMap": description(CHART_MAP)}
