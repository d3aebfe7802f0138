"""No render without a deadline: a browser made to hang (a test double of kaleido's drawing
call, the real Chromium under it) costs one failed export, said in one line, its browser killed;
the next export gets a new browser; and neither a worker nor the test process waits on a hung
render when it exits."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import kaleido
import pytest

from components.exports import images
from tests.conftest import ROOT

FIG = {"data": [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}],
       "layout": {"width": 300, "height": 200}}


async def _hang(self, *args, **kwargs):  # the drawing call, made to never answer
    await asyncio.Event().wait()


@pytest.fixture
def hanging(monkeypatch):
    if images.browser() is None:
        pytest.fail("Chromium is not installed: run `make test-setup`")
    images._stop(clean=False)
    monkeypatch.setenv(images.SECONDS_ENV, "2")
    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", _hang)
    yield monkeypatch
    images._stop(clean=False)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead (its parent has not read its status yet)


def test_a_hung_drawing_is_abandoned_its_browser_killed_and_the_next_one_is_new(hanging):
    started = time.monotonic()
    with pytest.raises(images.RenderTimeout, match="longer than 2 s"):
        images.render(FIG, "png")
    assert time.monotonic() - started < 20  # the browser's start, then 2 s
    assert images._browser == []  # let go: the next export starts its own
    hanging.undo()  # kaleido draws again
    os.environ.pop(images.SECONDS_ENV, None)
    assert images.render(FIG, "png").startswith(b"\x89PNG")


def test_a_hung_export_fails_once_in_one_line(hanging, app_data):
    from app import create_app
    client = create_app(app_data).server.test_client()
    # a view no other test draws (the session's render cache would answer it)
    path = "/export/shares.png?type=attack&connection=inspired&place=charleroi&lang=nl"
    for _ in range(80):
        r = client.get(path)
        if r.status_code != 202:
            break
        time.sleep(0.5)
    assert r.status_code == 503 and r.text == (
        "a chart image took longer than 2 s to draw and was abandoned; ask again later\n")


def test_an_exit_never_waits_on_a_hung_render(tmp_path):
    """A worker whose render hangs (a deadline of ten minutes) exits at once, and the browser
    it started goes with it."""
    script = textwrap.dedent(f"""
        import asyncio, os, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        os.environ["BEEXPLORER_IMAGE_SECONDS"] = "600"
        import kaleido
        async def hang(self, *a, **k):
            print("pid", self.subprocess.pid, flush=True)
            await asyncio.Event().wait()
        kaleido.Kaleido.calc_fig = hang
        from components.exports import urls
        from components.runtime import AppData, install
        from components.web import renderers
        from data import load
        data = AppData(load(), None)
        install(data)
        req = urls.read("shares.png", {{"lang": "en"}}, data.vocabulary, data.dataset.version)
        assert renderers.start(data, req, "http://127.0.0.1/", "a-key")  # the worker's pool
        time.sleep(8)
        print("leaving", flush=True)
    """)
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60, cwd=tmp_path,
                         env={**os.environ, "BEEXPLORER_CACHE": str(tmp_path)})
    took = time.monotonic() - started
    assert run.returncode == 0 and "leaving" in run.stdout, run.stderr[-2000:]
    assert took < 20, took  # 8 s of sleep, and no wait on the render
    pid = int(run.stdout.split("pid ", 1)[1].split()[0])
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)  # the browser did not outlive its worker
