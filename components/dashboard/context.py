"""What a Dash callback knows of the page it came from."""

from __future__ import annotations

from dash import ctx

from components import ids
from data import i18n


def page_lang() -> str:
    """The language of the page a callback came from (its lang store); outside a callback, the
    default."""
    try:
        return i18n.valid(ctx.states.get(f"{ids.LANG}.data")) or i18n.DEFAULT
    except Exception:  # noqa: BLE001 (outside a callback: the default)
        return i18n.DEFAULT
