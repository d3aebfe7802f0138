"""Briefing stories: checked at start-up with errors naming scene and field; captions computed
from the loaded data (a user's own dataset keeps them true); /brief in every language."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml

from components.projector import story
from components.runtime import AppData, install
from components.web import routes
from data import i18n, load
from data.filters import apply, apply_people
from data.i18n import _
from tests.conftest import ROOT


def _captions(data: AppData, lang: str) -> list[str]:
    from components.projector import page
    install(data)
    out = []
    for scene in story.load(None, data.vocabulary):
        if scene.comparison is None:  # the view's numbers, from the filters themselves
            incidents = apply(data.dataset.incidents, scene.filters, data.dataset.people)
            people = apply_people(data.dataset.people, incidents, scene.filters)
            values = story.numbers(incidents, people, data.names(lang))
        else:
            values = page.scene_numbers(data, scene, data.names(lang))
        out.append(story.caption(scene, values, lang))
    return out


def test_the_default_story_tells_the_studys_numbers(offline_data):
    en = _captions(offline_data, "en")
    assert en[0].startswith("107 incidents in all: 103 arrest actions and 4 attacks. Activity "
                            "peaked in 2016, with 50 incidents.")
    assert en[1].startswith("91% of arrest actions were linked")
    assert "3 of the 4 attacks" in en[1]
    assert en[3].startswith("62 of the 107 incidents took place in the Brussels-Capital Region")
    fr = _captions(offline_data, "fr")
    assert fr[1].startswith("91\u00a0% des arrestations") and "3 des 4 attentats" in fr[1]
    nl = _captions(offline_data, "nl")
    assert nl[0].startswith("In totaal 107 incidenten: 103 arrestaties en 4 aanslagen")


def test_captions_follow_a_users_own_data(make_dataset):
    """Drop the Charleroi attack: every caption counting attacks says 3, not the study's 4."""
    def change(t):
        inc = t["incidents"]
        gone = (inc["incident_type"] == "attack") & (inc["nis_code"] == "52011")
        t["people"] = t["people"][~t["people"]["incident_id"].isin(inc.loc[gone, "incident_id"])]
        t["incidents"] = inc[~gone]
    data = AppData(load(make_dataset(change)), None)
    en = _captions(data, "en")
    assert en[0].startswith("106 incidents in all: 103 arrest actions and 3 attacks")
    assert "2 of the 3 attacks" in en[1]


@pytest.mark.parametrize("scene,problem", [
    ({"title": "T", "chart": "pie", "caption": "c"}, "scene 1, chart: 'pie' is not one of"),
    ({"title": "T", "chart": "shares", "caption": "{attackz}"},
     "scene 1, caption: unknown number {attackz}"),
    ({"title": "T", "chart": "shares", "caption": {"en": "{attacks}", "nl": "{aanslagen}"}},
     "scene 1, caption (nl): unknown number {aanslagen}"),
    ({"title": "T", "chart": "shares", "caption": "c", "filters": "type=raid"},
     "scene 1, filters: unknown value for “type”: “raid”"),
    ({"title": {"en": "T", "de": "X"}, "chart": "shares", "caption": "c"},
     "scene 1, title: must be a text, or texts by language"),
    ({"title": "T", "chart": "map", "caption": "c", "options": {"panel": "paris"}},
     "scene 1, options: panel='paris' is not allowed"),
    ({"title": "T", "chart": "shares", "caption": "c", "colour": "red"},
     "scene 1: unknown field 'colour'"),
    ({"title": "T", "chart": "shares", "caption": "{b_attacks}"},
     "scene 1, caption: unknown number {b_attacks} (slice B's numbers need vs. filters)"),
    ({"title": "T", "chart": "shares", "caption": "c", "filters": "type=attack&vs.type=raid"},
     "scene 1, filters: unknown value for “vs.type”: “raid”"),
    ({"title": "T", "chart": "shares", "caption": "{incidents"},
     "scene 1, caption: "),
])
def test_a_bad_scene_is_named_with_its_field(offline_data, scene, problem):
    with pytest.raises(story.StoryError) as err:
        story.parse({"scenes": [scene]}, offline_data.vocabulary, "my.yaml")
    assert any(line.startswith("my.yaml: ") and problem in line for line in err.value.problems), (
        err.value.problems)


def test_a_story_file_that_is_not_yaml_names_its_line(tmp_path, offline_data):
    path = tmp_path / "story.yaml"
    path.write_text("scenes:\n  - title: [unclosed\n", encoding="utf-8")
    with pytest.raises(story.StoryError) as err:
        story.load(path, offline_data.vocabulary)
    assert "not valid YAML (line 3" in err.value.problems[0]


def test_the_app_refuses_a_bad_story_at_start_up_in_plain_lines(tmp_path):
    path = tmp_path / "story.yaml"
    path.write_text(yaml.safe_dump({"scenes": [
        {"title": "A", "chart": "shares", "caption": "{nope}"},
        {"title": "B", "chart": "pie", "caption": "ok"}]}), encoding="utf-8")
    done = subprocess.run([sys.executable, "app.py", "--story", str(path), "--port", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "The briefing story cannot be used (2 problems):" in done.stderr
    assert "scene 1, caption: unknown number {nope}" in done.stderr
    assert "scene 2, chart: 'pie'" in done.stderr


def test_brief_pages_in_each_language(offline_data):
    from flask import Flask
    install(offline_data)
    server = Flask(__name__)
    routes.install(server)
    client = server.test_client()
    page = client.get("/brief?lang=fr&scene=2").text
    assert '<html lang="fr">' in page
    assert page.count('class="scene"') == 7
    assert re.search(r'id="scene-2" aria-labelledby="scene-2-title" data-scene="2"\s*>', page)
    assert re.search(r'data-scene="1"\s+hidden>', page)  # one scene shown, the others hidden
    assert "91\u00a0% des arrestations" in page and "Scène 2 sur 7" in page
    with i18n.use("fr"):  # every word of the page in the page's language
        assert f'<span class="brief-keys">{_("Keys: ← → or Page Up / Page Down, Space")}<' in page
    # each Explore link opens the scene's filters and chart options (scene 2: no filters)
    assert 'href="/?by=incident_type&amp;lang=fr">Explorer ces filtres' in page
    assert 'href="/?type=attack&amp;freq=month&amp;events=1&amp;lang=fr"' in page  # scene 3
    # a name, not an id; French typography (a catalogue message, not a literal colon)
    assert "Arrestations liées à l&#39;EI en Syrie ou en Irak\u00a0: 94 ✓" in page
    # scene 3 marks the attacks: their names under its chart, in large type, not in the plot
    assert '<p class="scene-key">1\u00a0:\u00a0Attentats de Paris\u00a0· 2\u00a0:' in page
    figure = json.loads(page.split('<script type="application/json" class="scene-figure">')[3]
                        .split("</script>")[0].replace("<\\/", "</"))
    assert [a.get("name") for a in figure["layout"]["annotations"]].count("key") == 0
    assert all(a["font"]["size"] >= 16 for a in figure["layout"]["annotations"] if "font" in a)
    dutch = client.get("/brief", headers={"Accept-Language": "nl-BE"}).text
    assert '<html lang="nl">' in dutch and "Volgende" in dutch
    assert client.get("/brief?scene=99").status_code == 200  # clamped to the last scene


def test_every_scene_filter_is_the_dashboards(offline_data):
    """A scene's query is the dashboard's address of its view (a comparison's B included)."""
    from urllib.parse import parse_qsl

    from data import compare
    for scene in story.load(None, offline_data.vocabulary):
        a, c = compare.slices(dict(parse_qsl(scene.query, keep_blank_values=True)),
                              offline_data.vocabulary)
        assert a == scene.filters and c == scene.comparison


def test_a_scene_may_be_a_comparison(offline_data, tmp_path, monkeypatch):
    """`vs.` in a scene's filters: both slices in its chart (as compare mode shows them), its
    caption with slice B's numbers, each share's interval and what the difference can carry
    (told to a room: no p-value), its Explore link reopening the comparison."""
    from flask import Flask

    from components.projector import page as brief
    path = tmp_path / "story.yaml"
    path.write_text("""scenes:
  - title: {en: "Arrest actions against attacks"}
    filters: "type=arrest_action&vs.type=attack"
    chart: shares
    caption:
      en: "Linked: {linked_pct} of {arrest_actions} arrest actions ({linked_interval}), \\
        {b_linked_pct} of {b_attacks} attacks ({b_linked_interval}). {linked_verdict}."
""", encoding="utf-8")
    monkeypatch.setenv(story.ENV, str(path))
    monkeypatch.setattr(brief, "_STORY", {})
    install(offline_data)
    server = Flask(__name__)
    routes.install(server)
    scene = story.load(str(path), offline_data.vocabulary)[-1]
    assert scene.query == "type=arrest_action&vs.type=attack"
    page = server.test_client().get("/brief?lang=en&scene=1").text
    assert ("Linked: 91% of 103 arrest actions (95% interval 84%–95%), 25% of 4 attacks (95% "
            "interval 5%–70%). 91% against 25%: unlikely to be chance alone.") in page
    assert "Fisher" not in page
    assert 'href="/?type=arrest_action&amp;vs.type=attack&amp;lang=en"' in page
    figure = json.loads(page.split('<script type="application/json" class="scene-figure">')[1]
                        .split("</script>")[0])
    assert figure["layout"]["title"]["text"].startswith("Arrest actions against Attacks")
    assert any(str(y).startswith("B · Attacks") for t in figure["data"] for y in t["y"])
