"""The look-book: a PNG of every surface a reader sees, in one folder with an index page, so
anyone can look at the whole product in a minute. Starts the app as production does (gunicorn,
with the boundary file when ../shared has it), drives Debian's Chromium and turns the briefing
pack's PDF into page images (pdftoppm).

    python -m bench.lookbook [--out lookbook] [--langs en,fr,nl] [--quick]

Prints each picture's name and the seconds it took; --quick: English only, no pack pages.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.browser_repaint import ARGS, serve, wait_until  # noqa: E402

TOPOJSON = ROOT.parent / "shared" / "reference" / "belgium-municipalities.topojson"
DRAWN = ("document.querySelector('#chart-shares .bars, #chart-shares .main-svg') && "
         "document.querySelector('#chart-timeline .bars, #chart-timeline .main-svg') && "
         "document.querySelector('#chart-map .choro-place, #chart-map .main-svg')")
# each embed as a newsroom's page shows it: in the iframe its snippet gives (its height too)
EMBEDS = (("shares", ""), ("timeline", "freq=month&events=1"), ("map", ""),
          ("map", "type=attack"))


def boundary_cache() -> str | None:
    """A cache folder holding the boundary file, fetched through the app's own download path
    from a loopback server (the file itself is never copied into the repository)."""
    if not TOPOJSON.exists():
        return None
    from data import geography
    www, cache = tempfile.mkdtemp(), tempfile.mkdtemp()
    (Path(www) / "belgium.json").write_bytes(TOPOJSON.read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=www)
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    geography.fetch(f"http://127.0.0.1:{httpd.server_address[1]}/belgium.json", Path(cache))
    httpd.shutdown()
    return cache


def shots(langs: list[str]) -> list[tuple[str, str, int, int, bool, str | None]]:
    """(name, address, width, height, whole page, what to wait for) of every picture."""
    out = []
    for lang in langs:
        for width in (390, 1280, 1920):
            out.append((f"dashboard-{lang}-{width}", f"/?lang={lang}", width, 900, True, DRAWN))
        out.append((f"compare-{lang}-1280",
                    f"/?place=brussels&vs.place=antwerp%2Ccharleroi%2Celsewhere&lang={lang}",
                    1280, 900, True, DRAWN))
        for chart, query in EMBEDS:
            for width in (390, 1200):
                name = f"embed-{chart}{'-' + query.split('=')[0] if query else ''}-{lang}-{width}"
                out.append((name, f"iframe:{chart}:{query}:{lang}", width, 700, True, None))
        out.append((f"study-{lang}", f"/study?lang={lang}", 1280, 900, True, None))
        out.append((f"methodology-{lang}", f"/methodology?lang={lang}", 1280, 900, True, None))
        out.append((f"offline-{lang}", f"offline#lang={lang}", 1280, 720, True, None))
    return out


@functools.cache
def _newsroom() -> tuple[str, str]:
    """A folder served on a loopback port of its own: a newsroom's page on another origin."""
    www = tempfile.mkdtemp()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=www)
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return www, f"http://127.0.0.1:{httpd.server_address[1]}"


@functools.cache
def _app_data(load):
    return load()


def in_iframe(page, url: str, chart: str, query: str, lang: str) -> None:
    """An embed in a page of its own, in the iframe the dashboard's embed code gives (its
    height: embed.snippet's, for the view)."""
    import re

    from components.exports import embed
    from components.runtime import install, load_app_data
    from data import compare, i18n, viewstate
    from data.i18n import use
    data = _app_data(load_app_data)
    install(data)
    state = dict(p.split("=") for p in query.split("&") if p)
    f, c = compare.slices({k: v for k, v in state.items() if k not in viewstate.OPTION},
                          data.vocabulary)
    with use(i18n.valid(lang)):
        code = embed.snippet(url, chart, f, viewstate.as_chart_options(state), "", c=c)
    height = int(re.search(r'height="(\d+)"', code)[1])
    src = f"{url}/embed/{chart}?{query + '&' if query else ''}lang={lang}"
    www = _newsroom()
    (Path(www[0]) / "article.html").write_text(
        f'<!doctype html><body style="margin:0;background:#f4f4f4"><p style="margin:8px;'
        f'font:13px sans-serif">An article, then the embed ({height} px):</p><iframe src="{src}"'
        f' width="100%" height="{height}" style="border:0;background:white"></iframe><p '
        f'style="margin:8px;font:13px sans-serif">The article goes on.</p></body>',
        encoding="utf-8")
    page.goto(f"{www[1]}/article.html")
    deadline = time.monotonic() + 60
    while not any("/embed/" in fr.url and fr.evaluate("!!document.querySelector('.main-svg')")
                  for fr in page.frames):
        if time.monotonic() > deadline:
            raise RuntimeError(f"embed {src} not drawn: {[fr.url for fr in page.frames]}")
        page.wait_for_timeout(100)
    page.wait_for_timeout(700)


def brief_scenes(page, url: str, lang: str, out: Path, took: list) -> None:
    """Every briefing scene at a projector's 1280 x 720."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{url}/brief?lang={lang}&scene=1")
    total = page.evaluate("document.querySelectorAll('.scene').length")
    for n in range(1, total + 1):
        start = time.monotonic()
        page.goto(f"{url}/brief?lang={lang}&scene={n}")
        wait_until(page, "document.querySelector('.scene:not([hidden]) .main-svg')", 60)
        page.wait_for_timeout(300)
        name = f"brief-{lang}-scene{n:02d}"
        page.screenshot(path=str(out / f"{name}.png"))
        took.append((name, time.monotonic() - start))


def pack_pages(url: str, lang: str, out: Path, took: list) -> None:
    """The briefing pack's PDF, a PNG per page (asked again while the server draws it)."""
    start = time.monotonic()
    deadline = time.monotonic() + 300
    while True:
        r = urllib.request.urlopen(f"{url}/export/pack.zip?lang={lang}", timeout=300)
        if r.status == 200 or time.monotonic() > deadline:
            body = r.read()
            break
        time.sleep(float(r.headers.get("Retry-After", "2")))
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        pdf = next(n for n in z.namelist() if n.endswith(".pdf"))
        (out / "pack.pdf").write_bytes(z.read(pdf))
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(out / "pack.pdf"),
                    str(out / f"pack-{lang}-page")], check=True)
    (out / "pack.pdf").unlink()
    took.append((f"pack-{lang}", time.monotonic() - start))


def index(out: Path) -> None:
    """index.html: every picture, by name, at a glance."""
    cards = "\n".join(
        f'<figure><a href="{p.name}"><img src="{p.name}" loading="lazy" alt=""></a>'
        f"<figcaption>{html.escape(p.stem)}</figcaption></figure>"
        for p in sorted(out.glob("*.png")))
    (out / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>Look-book</title><style>"
        "body{font:14px sans-serif;display:flex;flex-wrap:wrap;gap:12px}"
        "figure{margin:0;width:300px}img{width:300px;max-height:400px;object-fit:cover;"
        "object-position:top;border:1px solid #ccc}</style>\n" + cards, encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.lookbook", description=__doc__)
    p.add_argument("--out", default="lookbook")
    p.add_argument("--langs", default="en,fr,nl")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--only", default="", help="only the pictures whose names start so")
    a = p.parse_args()
    langs = ["en"] if a.quick else a.langs.split(",")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    cache = boundary_cache()
    if cache:
        os.environ["BEEXPLORER_CACHE"] = cache
    proc, url = serve(None)
    took: list[tuple[str, float]] = []
    from playwright.sync_api import sync_playwright
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            # the offline file is a download: saved, then opened from the disk as a trainer does
            offline = Path(tempfile.mkdtemp()) / "explorer.html"
            offline.write_bytes(urllib.request.urlopen(f"{url}/offline.html", timeout=300).read())
            for name, address, width, height, whole, ready in shots(langs):
                if a.only and not name.startswith(a.only):
                    continue
                start = time.monotonic()
                page.set_viewport_size({"width": width, "height": height})
                if address.startswith("iframe:"):
                    in_iframe(page, url, *address.split(":")[1:])
                    took.append((name, time.monotonic() - start))
                    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                    continue
                page.goto(address.replace("offline", offline.as_uri(), 1)
                          if address.startswith("offline") else url + address)
                if ready:
                    wait_until(page, ready, 60)
                page.wait_for_timeout(700)
                page.screenshot(path=str(out / f"{name}.png"), full_page=whole)
                took.append((name, time.monotonic() - start))
            for lang in langs:
                if not a.only or "brief".startswith(a.only[:5]):
                    brief_scenes(page, url, lang, out, took)
            browser.close()
        if not a.quick and (not a.only or a.only.startswith("pack")):
            for lang in dict.fromkeys(langs[:1] + [lg for lg in langs if lg == "fr"]):
                pack_pages(url, lang, out, took)
    finally:
        proc.terminate()
        proc.wait(10)
    index(out)
    for name, seconds in took:
        print(f"{name:40s} {seconds:5.1f} s")
    print(f"{len(list(out.glob('*.png')))} pictures in {out}/index.html")


if __name__ == "__main__":
    main()
