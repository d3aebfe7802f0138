"""Every setting the code reads from the environment is explained in the README."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_environment_setting_is_in_the_readme():
    code = "".join(p.read_text() for folder in ("data", "components") for p in
                   (ROOT / folder).rglob("*.py")) + (ROOT / "app.py").read_text() + (
        ROOT / "gunicorn.conf.py").read_text()
    used = set(re.findall(r"BEEXPLORER_[A-Z_]+", code))
    readme = (ROOT / "README.md").read_text()
    assert used and {s for s in used if s not in readme} == set()
