"""The web edge of the real server (gunicorn app:server): hostile callback posts, headers, 404s.

The fuzz run here is the small one (1,000 seeded posts); bench/fuzz.py sends 10,000 and
measures worker memory.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from bench.fuzz_payloads import dependencies, posts, send_all
from components.web.guard import MAX_DEPTH, nesting_depth


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def _post(base: str, body: bytes) -> tuple[int, bytes]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("POST", "/_dash-update-component", body=body,
                 headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    out = response.status, response.read()
    conn.close()
    return out


def test_a_thousand_hostile_posts_get_no_server_error(app_url):
    counts = send_all(app_url, posts(dependencies(app_url), seed=20261125, count=1_000))
    assert sum(counts.values()) == 1_000
    assert [k for k in counts if k == "dropped" or k.startswith("5")] == [], counts
    assert counts.get("200", 0) > 100 and counts.get("400", 0) > 300  # both paths exercised


@pytest.mark.parametrize("body,status,says", [
    (b"[" * 50_000, 400, b"nested deeper"),
    (b"{" + b" " * 70_000 + b"}", 413, b"larger than"),
    (b"not json", 400, b"not valid JSON"),
    (b"[1, 2]", 400, b"JSON object"),
    (b'{"output": "nope.children"}', 400, b"no known output"),
])
def test_malformed_posts_get_one_short_line(app_url, body, status, says):
    code, text = _post(app_url, body)
    assert code == status and says in text and text.count(b"\n") == 1 and len(text) < 200


def test_a_wrongly_typed_input_is_named(app_url):
    deps = dependencies(app_url)
    sections = next(d for d in deps if d["inputs"][0]["id"] == "sections-state")
    body = {"output": sections["output"],
            "outputs": [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]}
                        for o in sections["output"][2:-2].split("...")],
            "inputs": [{"id": d["id"], "property": d["property"], "value": None}
                       for d in sections["inputs"]], "changedPropIds": [],
            "state": [{"id": d["id"], "property": d["property"], "value": None}
                      for d in sections.get("state", [])]}
    assert _post(app_url, json.dumps(body).encode())[0] == 200
    body["inputs"][0]["value"] = ["type", "attack"]
    code, text = _post(app_url, json.dumps(body).encode())
    assert code == 400 and b"inputs[0] (sections-state.data) must be" in text, text


def test_security_headers_on_every_response(app_url):
    for path in ("/", "/_dash-layout", "/health", "/robots.txt", "/.env"):
        _, headers, _ = _get(app_url + path)
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self' 'sha256-" in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "camera=()" in headers["Permissions-Policy"]
    worker = json.loads(_get(app_url + "/health")[2])["worker"]
    assert worker.startswith("w-")  # a name made at random, never the PID


def test_an_export_says_its_type_and_charset_once(app_url):
    _, headers, _ = _get(app_url + "/export/rows.csv?type=attack&lang=en")
    assert headers["Content-Type"] == "text/csv; charset=utf-8"


def test_the_offline_file_is_built_and_compressed_once(app_url):
    """Asked again (and by a browser taking brotli or gzip), the same bytes, compressed when
    the file was made: not again for every reader."""
    import urllib.request
    answers = []
    for encoding in ("br", "br", "gzip", "identity"):
        req = urllib.request.Request(app_url + "/offline.html?lang=nl",
                                     headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(req, timeout=120) as r:
            answers.append((r.headers.get("Content-Encoding"), r.headers["ETag"], r.read()))
    (e1, t1, b1), (e2, t2, b2), (e3, t3, b3), (e4, t4, b4) = answers
    assert (e1, e2, e3, e4) == ("br", "br", "gzip", None)
    assert b1 == b2 and t1 == t2 and len(b1) < len(b3) < len(b4) / 3
    assert len({t1, t3, t4}) == 3  # one tag per encoding: a cache never mixes them


@pytest.mark.parametrize("path,status", [
    ("/.env", 404), ("/wp-admin/", 404), ("/methodology/x", 404),
    ("/_dash-component-suites/dash/nope.js", 404), ("/_dash-component-suites/nopkg/x.js", 404),
    ("/assets/nope.css", 404), ("/", 200), ("/methodology", 200), ("/robots.txt", 200),
])
def test_unknown_paths_are_not_found(app_url, path, status):
    code, headers, body = _get(app_url + path)
    assert code == status
    if status == 404:
        assert b"<html" not in body.lower() or path.startswith("/assets")


def test_robots_txt_is_real(app_url):
    _, headers, body = _get(app_url + "/robots.txt")
    assert headers["Content-Type"].startswith("text/plain") and b"User-agent: *" in body


@pytest.mark.parametrize("text,depth", [
    (b"{}", 1), (b'{"a": [1, {"b": []}]}', 4), (b'"[[[["', 0), (b'["\\"[[", [1]]', 2),
    (b"[" * 10_000, MAX_DEPTH + 1),
])
def test_nesting_depth_reads_strings_and_stops_early(text, depth):
    assert nesting_depth(text) == depth


def test_every_callback_input_has_a_rule_in_the_guard():
    """A new callback whose inputs the guard does not know would answer 400 to every click."""
    import app as app_module
    from components.web.guard import RULES, callback_specs
    deps = [d for spec in callback_specs(app_module.app.callback_map).values()
            for d in (*spec.inputs, *spec.state)]
    assert deps and [d for d in deps if d.rule_key() not in RULES] == []
    # and no rule for an input no server callback has (those only the browser reads)
    assert set(RULES) == {d.rule_key() for d in deps}


def test_embed_pages_may_be_framed_anywhere_and_nothing_else_may(app_url):
    code, headers, body = _get(app_url + "/embed/shares?type=attack")
    assert code == 200 and "frame-ancestors *" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers and b"Open the full" in body
    _, headers, _ = _get(app_url + "/")
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert _get(app_url + "/embed/nope")[0] == 404
    assert _get(app_url + "/embed/map?type=raid")[0] == 400
