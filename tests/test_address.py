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
    # chart options after the filters, in the declared order; defaults left out
    ("/?metric=per_100k&panel=antwerp&type=attack&freq=month&lang=en",
     "/?type=attack&freq=month&panel=antwerp&metric=per_100k&lang=en"),
    ("/?freq=year&by=connection&events=0&panel=brussels&metric=incidents&lang=fr", "/?lang=fr"),
    ("/?events=1&by=incident_type", "/?by=incident_type&events=1&lang=en"),
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
        out = state.from_address("?" + query, app_data.vocabulary, "fr")
        assert Filters.from_query(query, app_data.vocabulary).to_query() in out["search"]
        assert client.get("/" + out["search"]).status_code == 200, out["search"]


OPTIONS = {"freq": "month", "by": "incident_type", "events": True, "panel": "antwerp",
           "metric": "per_100k"}
VIEW = "type=attack&freq=month&by=incident_type&events=1&panel=antwerp&metric=per_100k"


def test_every_permalink_is_the_address_of_the_view_with_its_chart_options(client, app_data,
                                                                          monkeypatch):
    """Exports and the briefing pack (permalink), the embed snippet and its link back name the
    same view: its filters and every chart option, at the one public address."""
    import re

    from components.dashboard import downloads
    from components.exports import embed
    from data.filters import Filters
    f = Filters(types=frozenset({"attack"}))
    monkeypatch.setenv("BEEXPLORER_PUBLIC_URL", "http://news.example")
    with client.application.test_request_context("/"):  # asked at localhost
        assert downloads.permalink(f, OPTIONS) == f"http://news.example/?{VIEW}&lang=en"
    code = embed.snippet("http://news.example/", "timeline", f, OPTIONS, "v9")
    src = re.search(r'src="([^"]+)"', code).group(1).replace("&amp;", "&")
    assert src == f"http://news.example/embed/timeline?{VIEW}&v=v9&lang=en"
    page = client.get(src.removeprefix("http://news.example")).text
    back = re.search(r'<a href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert back == f"http://news.example/?{VIEW}&lang=en"


def test_the_briefings_explore_links_carry_their_scenes_chart_options(client):
    import re
    page = client.get("/brief?lang=en").text
    links = [a.replace("&amp;", "&") for a in re.findall(r'href="(/\?[^"]+)"', page)]
    assert links and all(link.endswith("lang=en") for link in links)
    assert any("freq=month" in link or "events=1" in link or "panel=" in link
               for link in links), links
