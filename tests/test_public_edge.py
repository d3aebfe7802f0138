"""A public deployment one reader cannot take over: every link the app prints starts with one
public address (a made-up Host is refused, never printed), and behind the shipped nginx each
reader is counted as themself, not as nginx (gunicorn app:server and Debian's nginx, on
loopback)."""

from __future__ import annotations

import http.client
import io
import sys
import zipfile
from urllib.parse import urlsplit

import openpyxl
import pytest

from tests.conftest import free_port, start_server

PUBLIC = "https://explorer.example.org/"


def _ask(url: str, path: str, host: str | None = None, source: str = "127.0.0.1",
         headers: dict | None = None) -> tuple[int, dict, bytes]:
    """GET path from url's server, naming host (else url's own), from the loopback address
    source (127.0.0.2 is another reader on this machine)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60,
                                      source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"Host": host or parts.netloc, **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        conn.close()


def _fetched(url: str, path: str, host: str | None = None, source: str = "127.0.0.1"):
    """An export asked again while it is drawn (202), as a reader's browser does."""
    import time
    for _ in range(120):
        status, headers, body = _ask(url, path, host, source)
        if status != 202:
            return status, headers, body
        time.sleep(0.5)
    raise AssertionError(f"{path} still being drawn")


def _app(env: dict):
    port = free_port()
    return start_server([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                         "--workers", "1", "--threads", "4", "app:server"], env, port)


def _private(cache, tmp_path_factory) -> str:
    """A copy of the boundary cache: this server's render cache and counts are its own."""
    import shutil
    folder = tmp_path_factory.mktemp("cache") / "c"
    shutil.copytree(cache, folder)
    return str(folder)


@pytest.fixture(scope="module")
def public_app(boundary_cache, tmp_path_factory):
    proc, url = _app({"BEEXPLORER_CACHE": _private(boundary_cache, tmp_path_factory),
                      "BEEXPLORER_PUBLIC_URL": PUBLIC})
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def plain_app(boundary_cache, tmp_path_factory):
    proc, url = _app({"BEEXPLORER_CACHE": _private(boundary_cache, tmp_path_factory),
                      "BEEXPLORER_HOSTS": "localhost,127.0.0.1,explorer.lan"})
    yield url
    proc.terminate()
    proc.wait(10)


PATHS = ["/", "/?type=attack&lang=fr", "/embed/map?type=attack&lang=en", "/brief?lang=nl",
         "/export/rows.csv?type=attack&lang=en", "/health", "/offline.html?lang=en",
         "/instant/en.json"]


@pytest.mark.parametrize("path", PATHS)
def test_a_made_up_host_is_refused_before_a_page_is_built(public_app, plain_app, path):
    for url in (public_app, plain_app):
        status, _headers, body = _ask(url, path, host="evil.example")
        assert status == 400 and body == b"this server does not answer for that host name\n"


def test_with_a_public_address_every_link_names_it_whatever_host_was_asked(public_app):
    """localhost is let in (a probe on the machine), but no page, embed, file or pack names it:
    they name the public address."""
    host = "localhost:" + str(urlsplit(public_app).port)
    status, _, page = _ask(public_app, "/embed/timeline?type=attack&lang=en", host)
    assert status == 200 and f'href="{PUBLIC}?type=attack'.encode() in page
    status, _, book = _fetched(public_app, "/export/timeline.xlsx?type=attack&lang=en", host)
    cells = [c.value for ws in openpyxl.load_workbook(io.BytesIO(book)) for row in
             ws.iter_rows() for c in row]
    assert status == 200 and f"{PUBLIC}?type=attack&lang=en" in cells
    status, _, pack = _fetched(public_app, "/export/pack.zip?place=charleroi&lang=en", host)
    assert status == 200
    with zipfile.ZipFile(io.BytesIO(pack)) as z:
        readme = next(z.read(n) for n in z.namelist() if n.lower().startswith("readme"))
    assert PUBLIC.encode() in readme
    for body in (page, book, pack, readme, _ask(public_app, "/", host)[2]):
        assert b"localhost" not in body


def test_without_one_the_named_hosts_are_answered_and_printed(plain_app):
    status, _, page = _ask(plain_app, "/embed/timeline?type=attack&lang=en", "explorer.lan")
    assert status == 200 and b'href="http://explorer.lan/?type=attack' in page


def _limited_app(env: dict):
    return _app({"BEEXPLORER_RENDER_LIMIT": "5/minute", **env})


def test_a_reader_cannot_forge_another_readers_address(tmp_path):
    """With no proxy configured, X-Forwarded-For is not believed: a reader past the allowance
    stays there whatever address they claim."""
    proc, url = _limited_app({"BEEXPLORER_CACHE": str(tmp_path)})
    try:
        statuses = [_ask(url, f"/export/rows.csv?from=2015-{m:02d}&lang=en")[0]
                    for m in range(1, 7)]
        assert statuses[:5] != [429] * 5 and statuses[5] == 429
        forged = _ask(url, "/export/rows.csv?from=2016-01&lang=en",
                      headers={"X-Forwarded-For": "203.0.113.9"})
        assert forged[0] == 429 and forged[1]["Retry-After"]
    finally:
        proc.terminate()
        proc.wait(10)


def test_behind_the_shipped_nginx_each_reader_is_counted_as_themself(tmp_path):
    """70 distinct exports from one address through deploy/nginx.conf: that reader is told to
    wait (429, by nginx or the app, with Retry-After); another address's first export is
    answered. The app believes nginx's X-Forwarded-For (BEEXPLORER_PROXIES=1)."""
    from deploy import local_nginx
    if local_nginx.binary() is None:
        pytest.fail("nginx is not installed: run `make test-setup`")
    proc, url = _limited_app({"BEEXPLORER_CACHE": str(tmp_path / "cache"),
                              "BEEXPLORER_PROXIES": "1", "BEEXPLORER_PUBLIC_URL": PUBLIC})
    (tmp_path / "nginx").mkdir()
    web, front = local_nginx.start(tmp_path / "nginx", [url.removeprefix("http://")])
    try:
        months = [f"{y}-{m:02d}" for y in (2015, 2016) for m in range(1, 13)]
        answers = [_ask(front, f"/export/{name}.csv?from={month}&lang=en")
                   for name in ("rows", "timeline", "shares") for month in months][:70]
        statuses = [a[0] for a in answers]
        assert 429 in statuses and set(statuses) <= {200, 202, 429}, statuses
        assert all(a[1].get("Retry-After") for a in answers if a[0] == 429)
        status, _, body = _fetched(front, "/export/rows.csv?type=attack&lang=en",
                                   source="127.0.0.2")
        assert status == 200 and b"\n" in body
        # twelve readers sending their headers a line every 5 s: nginx holds them, and
        # /health (through nginx) answers at once meanwhile
        import socket
        import time
        port = int(urlsplit(front).port)
        slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(12)]
        for s in slow:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        took = []
        for line in range(4):
            time.sleep(1.2)
            for s in slow:
                s.sendall(f"X-Slow-{line}: 1\r\n".encode())
            started = time.monotonic()
            assert _ask(front, "/health")[0] == 200
            took.append(time.monotonic() - started)
        for s in slow:
            s.close()
        assert max(took) < 1, took
        # nginx says nothing of itself, and answers no host but its own
        status, headers, _ = _ask(front, "/health")
        assert status == 200 and headers["Server"] == "nginx"
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            _ask(front, "/health", host="evil.example")  # closed unanswered (444)
    finally:
        web.terminate()
        web.wait(10)
        proc.terminate()
        proc.wait(10)


def _fair(url: str, tag: str) -> None:
    """One reader (127.0.0.1) asks 20 distinct packs; another (127.0.0.2) then gets a PNG of a
    new view within 10 s and a CSV within 1 s. The first is told to wait, never an error."""
    import time
    answers = [_ask(url, f"/export/pack.zip?from=2015-{m:02d}&to=2016-{m:02d}&lang={tag}")
               for m in range(1, 11)] + [
        _ask(url, f"/export/pack.zip?from=2016-{m:02d}&to=2017-{m:02d}&lang={tag}")
        for m in range(1, 11)]
    statuses = [a[0] for a in answers]
    assert set(statuses) <= {200, 202, 429, 503} and 429 in statuses, statuses
    assert all(a[1].get("Retry-After") for a in answers if a[0] in (202, 429, 503))
    refused = next(a[2] for a in answers if a[0] == 429)
    assert refused.count(b"\n") == 1 and b"ask again in" in refused
    started = time.monotonic()
    status, _, body = _fetched(url, f"/export/rows.csv?type=attack&place=antwerp&lang={tag}",
                               source="127.0.0.2")
    csv_took = time.monotonic() - started
    started = time.monotonic()
    status_png, _, png = _fetched(url, f"/export/shares.png?from=2016-01&type=attack&lang={tag}",
                                  source="127.0.0.2")
    png_took = time.monotonic() - started
    print(f"{url}: csv {csv_took:.2f} s, png {png_took:.2f} s, abusive {statuses}")
    assert status == 200 and csv_took < 1, (status, csv_took)
    assert status_png == 200 and png.startswith(b"\x89PNG") and png_took < 10, (status_png,
                                                                                  png_took)


def test_one_reader_asking_twenty_packs_leaves_room_for_the_next(tmp_path, boundary_cache):
    """Each reader has a share of the image renders waiting (BEEXPLORER_CLIENT_RENDERS, 2),
    cheap files are drawn in a lane of their own, and images go before packs: directly to
    gunicorn (two workers, one count on the instance's disk) and through the shipped nginx."""
    import shutil

    from deploy import local_nginx
    port = free_port()
    shutil.copytree(boundary_cache, tmp_path / "cache")  # its own render cache and counts
    proc, url = start_server(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "4", "app:server"],
        {"BEEXPLORER_CACHE": str(tmp_path / "cache"), "BEEXPLORER_EXPORT_CACHE_MB": "64",
         "BEEXPLORER_PROXIES": "1", "BEEXPLORER_PUBLIC_URL": PUBLIC}, port)
    (tmp_path / "nginx").mkdir()
    web, front = local_nginx.start(tmp_path / "nginx", [url.removeprefix("http://")])
    try:
        _fair(url, "en")
        _fair(front, "fr")
    finally:
        web.terminate()
        web.wait(10)
        proc.terminate()
        proc.wait(10)
