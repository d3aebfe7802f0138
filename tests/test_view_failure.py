"""A view that fails anyway says so where it is, through Dash's own dispatch (never the old
figure kept silently); a user's text never becomes plotly markup."""

from __future__ import annotations

import html
import json

import pytest

from components.charts import views
from components.runtime import AppData
from data import load
from data.filters import Filters

INJECTIONS = [
    '<a href="https://evil.example/phish">v2</a>', "<b>bold</b>", "<br>", "&lt;b&gt;",
    "<span style='font-size:99px'>big</span>", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "Ghent & <i>co</i>",
]


@pytest.fixture(scope="module")
def client():
    import app as app_module
    return app_module.app.server.test_client()


def _sections_post(client, state: dict) -> dict:
    """The one view the server still draws on a filter change: the open sections."""
    deps = client.get("/_dash-dependencies").get_json()
    sections = next(d for d in deps if "chart-networks.figure" in d["output"])
    body = {"output": sections["output"],
            "outputs": [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]}
                        for o in sections["output"][2:-2].split("...")],
            "inputs": [{"id": "sections-state", "property": "data",
                        "value": {"state": state, "open": ["networks", "people"]}}],
            "changedPropIds": ["sections-state.data"],
            "state": [{"id": "page-lang", "property": "data", "value": "en"}]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:300]
    return response.get_json()["response"]


def test_a_failing_section_is_replaced_by_a_notice(client, monkeypatch):
    ok = _sections_post(client, {"type": "arrest_action"})
    assert "could not be drawn" not in json.dumps(ok)
    assert "Arrest actions per named network" in json.dumps(ok["chart-networks"])

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure in a figure function")

    monkeypatch.setattr(views, "network_figures", broken)
    failed = _sections_post(client, {"type": "arrest_action"})
    for chart in ("chart-networks", "chart-network-links", "chart-people-citizenship"):
        assert "could not be drawn" in json.dumps(failed[chart]["figure"]["layout"]["title"])
    assert "Zerkani" not in json.dumps(failed)


def test_a_forged_state_is_a_notice_not_a_500(client):
    text = json.dumps(_sections_post(client, {"type": "bogus"}))
    assert "This view could not be drawn" in text


@pytest.mark.parametrize("evil", INJECTIONS)
def test_user_text_never_becomes_plotly_markup(make_dataset, evil):
    network = f"Net {evil}".replace(";", "")  # ';' separates a record's networks

    def change(tables):
        old = tables["networks"].loc[0, "network"]
        tables["incidents"].loc[0, "description"] = evil
        tables["networks"].loc[0, "network"] = network
        tables["incidents"]["networks"] = tables["incidents"]["networks"].str.replace(
            old, network, regex=False)

    d = load(make_dataset(change))
    d = type(d)(d.incidents, d.people, d.networks, name=f"My data {evil}", version=evil)
    data = AppData(d, None)
    f = Filters(networks=frozenset({network}))
    for fig in (views.shares_figure(data, f), views.timeline_figure(data, f),
                views.map_figure(data, f)):
        text = json.dumps(fig, ensure_ascii=False)
        for user_text in (network, f"Data: My data {evil}, version {evil}"):  # name and version
            raw = json.dumps(user_text, ensure_ascii=False)[1:-1]
            shown = json.dumps(html.escape(user_text, quote=False), ensure_ascii=False)[1:-1]
            assert shown in text and (shown == raw or raw not in text)
