"""The packages show the layers: import-linter's contracts (pyproject.toml, run by `make test`)
forbid import cycles and keep data/ free of Dash; here, grimp (import-linter's graph) checks
that the Dash layer, components/dashboard, is the only part of components/ that imports Dash."""

from __future__ import annotations

import grimp

DASH = ("dash", "dash_mantine_components", "dash_ag_grid")


def test_only_the_dashboard_package_imports_dash():
    graph = grimp.build_graph("components", "data", include_external_packages=True)
    importers = {m for package in DASH for m in graph.find_modules_that_directly_import(package)}
    assert importers, "grimp saw no import of Dash at all: the check would prove nothing"
    outside = sorted(m for m in importers if not m.startswith("components.dashboard"))
    assert outside == []


def test_importing_the_pure_modules_registers_no_callback():
    """A notebook can import the charts, exports and the briefing pack without Dash callbacks
    being registered as a side effect (importing briefing.py once registered two)."""
    import subprocess
    import sys
    code = ("import dash, components.exports.pack, components.exports.files, "
            "components.charts.registry, components.exports.embed, components.projector.page, "
            "components.charts.payload, components.offline.bundle, components.projector.story; "
            "import dash._callback as c; print(len(c.GLOBAL_CALLBACK_LIST))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "0"
