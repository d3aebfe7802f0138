"""A page's link in another form than the one the page writes is sent to that form before the
page loads (app.py canonical_address), so Back leaves the page instead of bouncing on it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def client(app_data):
    from app import create_app
    return create_app(app_data).server.test_client()


@pytest.mark.parametrize("link,canonical", [
    ("/?type=attack", "/?type=attack&lang=en"),  # no language: the browser's, added
    ("/?connection=linked&type=attack&lang=nl", "/?type=attack&connection=linked&lang=nl"),
    ("/?network=Zerkani%20network&lang=en", "/?network=Zerkani+network&lang=en"),
    ("/?lang=de", "/?lang=en"),  # a language we do not speak
    ("/methodology", "/methodology?lang=en"),
    ("/study?lang=nl&", "/study?lang=nl"),
])
def test_a_link_in_another_form_is_sent_to_the_canonical_one(client, link, canonical):
    response = client.get(link)
    assert (response.status_code, response.headers["Location"]) == (302, canonical)
    assert client.get(canonical).status_code == 200  # and that one is served: no loop


def test_the_language_of_a_bare_link_is_the_browsers(client):
    response = client.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    assert response.headers["Location"] == "/?lang=nl"


@pytest.mark.parametrize("link", ["/?type=attack&lang=en", "/?lang=fr",
                                  "/?type=raid", "/?from=2099-01&lang=en"])
def test_canonical_and_refused_links_are_served_as_they_are(client, link):
    # a refused value is not redirected away: the page says what it ignored
    assert client.get(link).status_code == 200


def test_every_canonical_form_the_page_writes_is_served_without_a_redirect(client, app_data):
    from components import state
    from data.filters import Filters
    for query in ["type=attack", "place=brussels&plot=yes", "citizenship=BE,MA&place=21001",
                  "from=2016-01&to=2016-12&connection=inspired", "network=Zerkani network"]:
        out = state.filter_outputs("url", None, "?" + query, {}, None, app_data.vocabulary,
                                   "fr")
        assert Filters.from_query(query, app_data.vocabulary).to_query() in out["search"]
        assert client.get("/" + out["search"]).status_code == 200, out["search"]
