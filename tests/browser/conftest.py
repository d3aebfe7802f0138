"""Start the real app (gunicorn, or the dev server) and drive Debian's Chromium with Playwright.

Every request that would leave localhost is aborted and recorded; tests fail if one happens.
"""

from __future__ import annotations

import sys
import time

import pytest

from tests.conftest import ROOT, free_port, server_log_tail, start_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"


def drawn(chart: str) -> str:
    """A main chart's drawn marks: plotly's SVG, or our own (assets/bars.js, assets/choro.js)."""
    return f"#{chart} .main-svg, #{chart} .bars, #{chart} .choro-place"


@pytest.fixture(scope="session")
def offline_url(tmp_path_factory):
    """The development server, with no boundary file at all."""
    port = free_port()
    empty = tmp_path_factory.mktemp("empty-cache")
    proc, url = start_server([sys.executable, "app.py", "--port", str(port)],
                             {"BEEXPLORER_CACHE": str(empty)}, port)
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '')));
"""


# plotly's SVG text (its wrapped lines joined), or our own charts' words (bars.js, choro.js; not
# the tooltip, which shows one segment's hover at a time)
CHART_TEXT = r"""id => Array.from(document.querySelectorAll('#' + id + ' text, #' + id +
    ' .bars > :not(.bars-tip), #' + id + ' .choro > :not(.bars-tip):not([hidden])')).map(t => {
  const lines = Array.from(t.querySelectorAll('tspan.line'));
  return lines.length ? lines.map(l => l.textContent).join(' ') : t.textContent;
}).filter(t => t).join(' ').replace(/\s+/g, ' ')"""


class Page:
    """A Playwright page that blocks and records non-local requests and console errors."""

    def __init__(self, page):
        self.page, self.external, self.errors = page, [], []
        # Content-Security-Policy violations are recorded before any page script runs
        page.add_init_script(CSP_LISTENER)
        page.route("**/*", self._route)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.wait_drawn()

    def wait_for(self, expression: str, arg=None, timeout: float = 15) -> None:
        """Poll a JS expression (or `arg => ...` function) until truthy.

        Not page.wait_for_function: it evaluates a string inside the page, which the app's
        Content-Security-Policy (no 'unsafe-eval') rightly blocks. evaluate() goes through the
        DevTools protocol instead.
        """
        wait_until(self.page, expression, arg, timeout)

    def wait_drawn(self) -> None:
        for graph in ("chart-shares", "chart-timeline", "chart-map"):  # plotly's, or our own
            self.page.wait_for_selector(drawn(graph), timeout=30_000)
        self.wait_for("!document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=30)

    def show_table(self) -> None:
        """Scroll to the table: AG Grid is fetched and mounted when it comes near the screen."""
        self.page.locator("#table-slot").scroll_into_view_if_needed()
        self.page.wait_for_selector("#table-incidents .ag-paging-row-summary-panel",
                                    timeout=30_000)

    def chart_text(self, chart: str) -> str:
        """A chart's text as a reader sees it: plotly's wrapped lines joined with spaces."""
        return self.page.evaluate(CHART_TEXT, chart)

    def wait_chart_text(self, chart: str, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.chart_text(chart):
            if time.monotonic() > deadline:
                raise AssertionError(f"{chart} never said {text!r}: {self.chart_text(chart)}")
            self.page.wait_for_timeout(100)

    def csp_violations(self) -> list[str]:
        try:
            return self.page.evaluate("window.__cspViolations || []")
        except Exception:  # a closed page has nothing more to report
            return []

    def address(self) -> str:
        """The address the page is at, read in the page: Playwright's own page.url can lag
        behind two quick history.pushState calls (seen here: it kept the first)."""
        return self.page.evaluate("location.href")

    def kpi(self) -> int:
        text = self.page.inner_text("#kpi-incidents .kpi-value")
        return int(text)

    def wait_kpi(self, value: int) -> None:
        self.wait_for(
            f"document.querySelector('#kpi-incidents .kpi-value')?.innerText === '{value}'")


def wait_until(page, expression: str, arg=None, timeout: float = 15) -> None:
    """Poll page.evaluate(expression, arg) every 50 ms until it is truthy; fail after timeout."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    wrapped = Page(context.new_page())
    yield wrapped
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        wrapped.page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    violations = wrapped.csp_violations()
    context.close()
    assert violations == [], f"blocked by the Content-Security-Policy: {violations}"
    assert wrapped.external == [], f"requests leaving localhost: {wrapped.external}"
    assert wrapped.errors == [], (f"console errors: {wrapped.errors}\n"
                                  f"server logs:\n{server_log_tail()}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
