"""Two instances of the app (gunicorn, each with its own disk) sharing one Redis (Debian's
redis-server on a loopback port): a file drawn through one is served by the other from the
shared cache, with the same bytes and ETag; with Redis stopped, both keep serving, draw on their
own and say so in one warning line."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import free_port, start_server

REDIS = shutil.which("redis-server")
PUBLIC = "https://explorer.example/"
ROOT = Path(__file__).resolve().parents[1]


def _get(url: str):
    """The final answer to a GET, asked again after a 202's Retry-After."""
    for _ in range(600):
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                if r.status != 202:
                    return r.status, dict(r.headers), r.read()
                time.sleep(float(r.headers.get("Retry-After", 1)) / 4)
        except urllib.error.HTTPError as err:  # a 4xx or 5xx, with its line
            return err.code, dict(err.headers), err.read()
    raise AssertionError(f"{url} never drawn")


def _once(url: str) -> tuple[int, bytes]:
    """One GET's status and body, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _wait_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture
def redis_url():
    if REDIS is None:
        pytest.fail("redis-server is not installed: run `make test-setup`")
    port = free_port()
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    _wait_port(port)
    yield f"redis://127.0.0.1:{port}/0", proc
    proc.terminate()
    proc.wait(10)


def _instance(redis: str, cache):
    port = free_port()
    return start_server([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                         "--workers", "1", "--threads", "4", "app:server"],
                        {"BEEXPLORER_CACHE": str(cache), "BEEXPLORER_REDIS_URL": redis,
                         # behind one public address, as a deployment is (nginx in front)
                         "BEEXPLORER_PUBLIC_URL": PUBLIC}, port)


def test_two_instances_share_their_files_through_redis_and_survive_without_it(
        redis_url, tmp_path):
    url, redis = redis_url
    a, url_a = _instance(url, tmp_path / "a")
    b, url_b = _instance(url, tmp_path / "b")
    try:
        path = "/export/timeline.csv?type=attack&freq=month&lang=fr"
        status, first, body = _get(url_a + path)
        assert status == 200 and first["X-Export-Cache"] == "miss"
        status, second, again = _get(url_b + path)  # drawn by A, served by B
        assert status == 200 and second["X-Export-Cache"] == "hit"
        assert again == body and second["ETag"] == first["ETag"]
        # the permalink inside a file names the public address, whichever instance drew it
        _, _, book = _get(url_b + "/export/timeline.xlsx?type=attack&lang=en")
        cells = [c.value for ws in openpyxl.load_workbook(io.BytesIO(book)) for row in
                 ws.iter_rows() for c in row]
        assert f"{PUBLIC}?type=attack&lang=en" in cells

        redis.terminate()
        redis.wait(10)
        for view in ("plot=yes", "type=attack", "type=arrest_action"):
            # Redis gone: each instance draws on its own, never an error
            status, _, _ = _get(url_a + f"/export/shares.csv?{view}&lang=nl")
            assert status == 200
        status, _, _ = _get(url_b + "/export/rows.csv?lang=en")
        assert status == 200
        warned = [line for line in a.log.read_text().splitlines() if "does not answer" in line]
        assert len(warned) == 1, warned  # one warning line for the outage, not one per request
    finally:
        for proc in (a, b):
            proc.terminate()
            proc.wait(10)


def _nginx(tmp: Path, upstreams: list[str]):
    """Debian's nginx running deploy/nginx.conf as shipped (deploy/local_nginx.py)."""
    from deploy import local_nginx
    if local_nginx.binary() is None:
        pytest.fail("nginx is not installed: run `make test-setup`")
    return local_nginx.start(tmp, upstreams)


def test_behind_nginx_a_pack_drawn_once_is_served_by_every_instance_and_by_nginx(
        redis_url, tmp_path):
    """deploy/nginx.conf in front of two instances sharing Redis: a pack drawn through A is
    served by B from Redis (same bytes and ETag); nginx keeps it and a pinned embed, and its
    second answer is its own (X-Cache-Status: HIT), the instances not asked."""
    from data import load
    version = load().version
    url, _ = redis_url
    a, url_a = _instance(url, tmp_path / "a")
    b, url_b = _instance(url, tmp_path / "b")
    (tmp_path / "nginx").mkdir()
    web, front = _nginx(tmp_path / "nginx", [url_a.removeprefix("http://"),
                                              url_b.removeprefix("http://")])
    try:
        path = "/export/pack.zip?place=charleroi&lang=en"
        status, first, body = _get(url_a + path)  # drawn by A (answered after its 202s)
        assert status == 200 and body.startswith(b"PK")
        status, second, again = _get(url_b + path)
        assert status == 200 and second["X-Export-Cache"] == "hit"
        assert again == body and second["ETag"] == first["ETag"]
        answers = [_get(front + path) for _ in range(2)]
        assert [r[1]["X-Cache-Status"] for r in answers] == ["MISS", "HIT"]
        assert all(r[2] == body and r[1]["ETag"] == first["ETag"] for r in answers)

        embed = f"/embed/timeline?type=attack&v={version}&lang=fr"
        answers = [_get(front + embed) for _ in range(2)]
        assert [r[0] for r in answers] == [200, 200]
        assert [r[1]["X-Cache-Status"] for r in answers] == ["MISS", "HIT"]
        assert "immutable" in answers[1][1]["Cache-Control"]
        assert answers[0][2] == answers[1][2]
    finally:
        web.terminate()
        web.wait(10)
        for proc in (a, b):
            proc.terminate()
            proc.wait(10)


def _renderer(redis: str, cache: Path, seconds: int):
    """A Celery worker drawing the exports, as deploy/compose.yaml starts one."""
    log = cache.parent / f"renderer-{cache.name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "components.web.renderers", "worker",
             "--queues", "exports", "--concurrency", "1", "--loglevel", "INFO",
             "--without-mingle", "--without-gossip"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "BEEXPLORER_CACHE": str(cache), "BEEXPLORER_REDIS_URL": redis,
                 "BEEXPLORER_RENDER_SECONDS": str(seconds)})
    proc.log = log
    deadline = time.monotonic() + 60
    while "ready." not in log.read_text(errors="replace"):
        assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
    return proc


def _drawn(proc) -> int:
    """How many renders the worker has been given."""
    return sum(1 for line in proc.log.read_text(errors="replace").splitlines()
               if "beexplorer.render[" in line and line.endswith("received"))


def test_with_celery_the_renderers_draw_for_the_instances_bounded_and_timed(
        redis_url, tmp_path):
    """BEEXPLORER_RENDER_POOL=celery: a Celery worker (another process, which never imports
    Dash) draws the images an instance is asked for, once, and the cheap files are drawn by the
    instance (never behind an image); a render past its time limit says so in one line; the
    queue waiting in Redis is bounded (503 beyond it); with Redis gone the instance draws on its
    own, with one warning line."""
    url, redis = redis_url
    worker = _renderer(url, tmp_path / "w", seconds=30)
    proc, base = start_server(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{(port := free_port())}",
         "--workers", "1", "--threads", "4", "app:server"],
        {"BEEXPLORER_CACHE": str(tmp_path / "a"), "BEEXPLORER_REDIS_URL": url,
         "BEEXPLORER_PUBLIC_URL": PUBLIC, "BEEXPLORER_RENDER_POOL": "celery",
         "BEEXPLORER_RENDER_QUEUE": "2", "BEEXPLORER_CLIENT_RENDERS": "3"}, port)
    try:
        status, first, body = _get(base + "/export/timeline.csv?type=attack&freq=month&lang=fr")
        assert status == 200 and body.decode("utf-8-sig").count("\n") > 3
        assert _drawn(worker) == 0  # a cheap file: drawn by the instance, at once
        path = "/export/timeline.svg?type=attack&freq=month&lang=fr"
        status, first, body = _get(base + path)
        assert status == 200 and body.startswith(b"<svg")
        assert _drawn(worker) == 1 and "succeeded" in worker.log.read_text()
        status, again, same = _get(base + path)
        assert (status, again["X-Export-Cache"], same) == (200, "hit", body)
        assert _drawn(worker) == 1  # from the cache: not drawn again
        worker.terminate()
        worker.wait(30)

        # a pack takes more than this worker's 2 s: the render is stopped and says why, once
        worker = _renderer(url, tmp_path / "w2", seconds=2)
        status, _, said = _get(base + "/export/pack.zip?place=charleroi&lang=en")
        assert status == 503, said
        assert said == b"the export took longer than 2 s; ask again later\n"

        worker.terminate()  # no renderer left: what is asked for waits in Redis, bounded
        worker.wait(30)
        waiting = [_once(base + f"/export/shares.png?{view}&lang=en")
                   for view in ("plot=yes", "plot=no")]
        # (a 503 here says which: the queue's bound, or a render's failure line)
        assert [w[0] for w in waiting] == [202, 202], (waiting, worker.log.read_text()[-2000:])
        try:
            urllib.request.urlopen(base + "/export/shares.png?type=attack&lang=en", timeout=30)
            raise AssertionError("a third render was queued past BEEXPLORER_RENDER_QUEUE=2")
        except urllib.error.HTTPError as err:
            assert err.code == 503 and err.headers["Retry-After"] == "10"

        redis.terminate()  # Redis gone: the instance draws on its own
        redis.wait(10)
        status, _, _ = _get(base + "/export/rows.csv?type=attack&lang=nl")
        assert status == 200
        warned = [line for line in proc.log.read_text().splitlines()
                  if "does not answer" in line]
        assert len(warned) == 1, warned
    finally:
        for p in (proc, worker):
            p.terminate()
            p.wait(30)
