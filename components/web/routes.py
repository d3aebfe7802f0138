"""The routes of the pages outside Dash: an embed (/embed/<chart>) and briefing mode (/brief).
Each reads the request, asks its pure page function (components/exports/embed.py,
components/projector/page.py) and answers with the headers that page needs."""

from __future__ import annotations

from flask import Flask, Response, request

from components.exports import embed
from components.projector import page as brief
from data import i18n
from data.i18n import use


def install(server: Flask, story_path: str | None = None) -> None:
    """Serve /embed/<chart> and /brief; the story is loaded and checked first (StoryError)."""
    brief.load_story(story_path)

    @server.route("/embed/<chart>")
    def embed_page(chart: str):
        body, status = embed.page(chart, request.args.to_dict(), request.host_url,
                                  request.headers.get("Accept-Language", ""))
        response = Response(body, status=status,
                            mimetype="text/html" if status == 200 else "text/plain")
        response.headers["Content-Security-Policy"] = embed.EMBED_CSP
        return response

    @server.route("/brief")
    def brief_page():
        lang = i18n.valid(request.args.get("lang")) or i18n.negotiate(
            request.headers.get("Accept-Language"))
        with use(lang):
            body = brief.page(request.args.get("scene"), lang)
        return Response(body, mimetype="text/html")
