"""The pages outside Dash (an embed, briefing mode) are Jinja2 templates in
components/templates/, autoescaped: every value is escaped where it lands unless a template
marks it safe (plotly markup the figure functions escaped already). Pure: no Dash, no Flask."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).with_name("templates")
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                  lstrip_blocks=True, undefined=StrictUndefined, keep_trailing_newline=True)
# a figure in a <script type="application/json">: compact, and `tojson` escapes < > & '
ENV.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}


def render(name: str, **context) -> str:
    """A template filled in; a name the template uses and context lacks is an error."""
    return ENV.get_template(name).render(**context)
