"""The Dash layer, the only part of the project that imports Dash: the page's layout, its
controls and menus, and the callbacks, each a thin adapter of the pure functions beside it."""
