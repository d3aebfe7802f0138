"""The web edge in front of Dash: callback requests checked before Dash parses them, security
headers on every response, 404 for what the app does not serve.

Dash hands any JSON it is posted to its dispatcher; malformed posts end in 500s (or, deeply
nested, in a RecursionError) before our callbacks run. Here a callback post must be a JSON
object of bounded size and depth, name a callback we registered, and carry, for each of its
inputs and states, the component, property and type of value the page can send. Anything else
answers 400 with one short line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, request
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from components import ids
from components.runtime import trusted_hosts

MAX_BODY = 1024 * 1024  # any request (Flask answers 413 above it)
MAX_CALLBACK_BODY = 64 * 1024  # a callback post: the largest real one is about 3 KB
MAX_DEPTH = 24  # nesting of a callback post: real ones reach 7 (a chart click)
MAX_TEXT = 2_000  # one string value (a URL query, a search box)
MAX_ITEMS = 500  # one list value (the values chosen in one filter)
CALLBACK_PATH = "/_dash-update-component"
PAGES = ("/", "/methodology", "/study")  # the paths Dash's catch-all page route may answer
PROXIES_ENV = "BEEXPLORER_PROXIES"  # proxies in front whose X-Forwarded-For is believed (0)


class Rejected(ValueError):
    """A request the guard refuses, with the one line it answers."""


# --- what each input can carry ---------------------------------------------------------------
Rule = tuple[str, Callable[[object], bool]]


def _text(v: object) -> bool:
    return isinstance(v, str) and len(v) <= MAX_TEXT


def _optional(rule: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda v: v is None or rule(v)


def _texts(v: object) -> bool:
    return isinstance(v, list) and len(v) <= MAX_ITEMS and all(_text(x) for x in v)


def _count(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**31


def _state(v: object) -> bool:
    return isinstance(v, dict) and len(v) <= 32 and all(
        isinstance(k, str) and _text(x) for k, x in v.items())


def _page_request(v: object) -> bool:
    """AG Grid's getRowsRequest: a row range and a short sort model (the server checks more)."""
    return isinstance(v, dict) and len(v) <= 8 and all(
        isinstance(v.get(k, 0), int) for k in ("startRow", "endRow")) and isinstance(
        v.get("sortModel", []), list) and len(v.get("sortModel", [])) <= 16


def _sections_state(v: object) -> bool:
    return isinstance(v, dict) and set(v) <= {"state", "open"} and _optional(_state)(
        v.get("state")) and _optional(_texts)(v.get("open"))


TEXT: Rule = ("a string or null", _optional(_text))
COUNT: Rule = ("a whole number >= 0 or null", _optional(_count))
FLAG: Rule = ("true, false or null", _optional(lambda v: isinstance(v, bool)))
# What each input or state of a server callback may be posted (the filter controls, chips and
# chart clicks are read only in the browser: nothing of theirs is posted)
RULES: dict[tuple[str, str], Rule] = {
    (ids.URL, "pathname"): TEXT,
    **{(cid, "value"): TEXT for cid in (ids.TIMELINE_FREQ, ids.TIMELINE_BY, ids.MAP_PANEL,
                                        ids.MAP_METRIC, ids.TABLE_SEARCH)},
    (ids.EXPORT, "n_clicks"): COUNT,
    (ids.TIMELINE_EVENTS, "checked"): FLAG,
    (ids.FILTER_STATE, "data"): ("an object of strings or null", _optional(_state)),
    (ids.LANG, "data"): TEXT,  # an unknown language is read as the default one
    (ids.SECTIONS_STATE, "data"): ("the filter state and the open sections, or null",
                                   _optional(_sections_state)),
    (ids.TABLE, "getRowsRequest"): ("a page request (rows and sort model) or null",
                                    _optional(_page_request)),
}


# --- the callbacks Dash has --------------------------------------------------------------------
@dataclass(frozen=True)
class Dependency:
    """One input or state of a callback: a component id (or an ALL pattern) and a property."""

    id: str | dict
    prop: str

    @property
    def pattern(self) -> bool:
        return isinstance(self.id, dict)

    def rule_key(self) -> tuple[str, str]:
        return (self.id["type"] if self.pattern else self.id, self.prop)


@dataclass(frozen=True)
class CallbackSpec:
    outputs: tuple[tuple[str, str], ...]
    inputs: tuple[Dependency, ...]
    state: tuple[Dependency, ...]


def callback_specs(callback_map: dict) -> dict[str, CallbackSpec]:
    """What each registered callback may be posted, from Dash's own callback map."""
    def deps(items):
        return tuple(Dependency(json.loads(d["id"]) if d["id"].startswith("{") else d["id"],
                                d["property"]) for d in items)

    specs = {}
    for key, cb in callback_map.items():
        if "callback" not in cb:  # runs in the browser: nothing to post to the server
            continue
        outputs = key[2:-2].split("...") if key.startswith("..") else [key]
        specs[key] = CallbackSpec(tuple(tuple(o.rsplit(".", 1)) for o in outputs),
                                  deps(cb["inputs"]), deps(cb.get("state", [])))
    return specs


# --- checks ------------------------------------------------------------------------------------
def nesting_depth(raw: bytes, limit: int = MAX_DEPTH) -> int:
    """How deeply a JSON text nests (stops counting past limit): read before it is parsed."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def parse_callback_body(raw: bytes) -> dict:
    """The posted JSON object; Rejected (with the reason) for anything else."""
    if len(raw) > MAX_CALLBACK_BODY:
        raise Rejected(f"callback request larger than {MAX_CALLBACK_BODY} bytes")
    if nesting_depth(raw) > MAX_DEPTH:
        raise Rejected(f"callback request nested deeper than {MAX_DEPTH} levels")
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise Rejected("callback request is not valid JSON") from None
    if not isinstance(body, dict):
        raise Rejected("callback request must be a JSON object")
    return body


def check_callback(body: dict, specs: dict[str, CallbackSpec]) -> None:
    """Rejected unless body names a registered callback with inputs of the expected types."""
    spec = specs.get(body.get("output")) if isinstance(body.get("output"), str) else None
    if spec is None:
        raise Rejected("callback request names no known output")
    _check_outputs(body.get("outputs"), spec)
    for field, deps in (("inputs", spec.inputs), ("state", spec.state)):
        items = body.get(field, [])
        if not isinstance(items, list) or len(items) != len(deps):
            raise Rejected(f"{field} must be a list of {len(deps)} items")
        for i, (item, dep) in enumerate(zip(items, deps, strict=True)):
            where = f"{field}[{i}]"
            if dep.pattern:
                if not isinstance(item, list) or len(item) > MAX_ITEMS:
                    raise Rejected(f"{where} must be a list of components")
                for sub in item:
                    _check_item(sub, dep, where)
            else:
                _check_item(item, dep, where)
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(_text(c) for c in changed):
        raise Rejected("changedPropIds must be a list of strings")


def _check_outputs(outputs: object, spec: CallbackSpec) -> None:
    items = outputs if isinstance(outputs, list) else [outputs]
    pairs = [(o.get("id"), o.get("property")) if isinstance(o, dict) else None for o in items]
    if pairs != list(spec.outputs):
        raise Rejected("outputs do not match the callback's outputs")


def _check_item(item: object, dep: Dependency, where: str) -> None:
    if not isinstance(item, dict) or item.get("property") != dep.prop:
        raise Rejected(f"{where} must be an object with property {dep.prop!r}")
    if dep.pattern:
        cid = item.get("id")
        if not (isinstance(cid, dict) and set(cid) == set(dep.id) and cid.get("type")
                == dep.id["type"] and all(_text(v) for v in cid.values())):
            raise Rejected(f"{where} has an id that does not match {dep.id['type']!r}")
    elif item.get("id") != dep.id:
        raise Rejected(f"{where} must be the input {dep.id}.{dep.prop}")
    described, valid = RULES.get(dep.rule_key(), ("nothing", lambda v: False))
    if not valid(item.get("value")):
        raise Rejected(f"{where} ({dep.rule_key()[0]}.{dep.prop}) must be {described}")


# --- the Flask side ----------------------------------------------------------------------------
CSP = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
# no page of ours uses a device or a sensor: none may be asked for, by us or by a frame
PERMISSIONS = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
               "accelerometer=(), gyroscope=(), magnetometer=(), interest-cohort=()")
ROBOTS = "User-agent: *\nDisallow: /_dash-\nDisallow: /geo/\nAllow: /\n"


def _short(text: str, status: int) -> Response:
    response = Response(text + "\n", status=status, mimetype="text/plain")
    if status == 413:  # the body was not read: the connection cannot carry another request
        response.headers["Connection"] = "close"
    return response


def install(server: Flask, callback_map: dict, script_hashes: list[str],
            not_found: tuple[type[Exception], ...] = ()) -> None:
    """Guard, headers and error pages on the app's Flask server (call once, after callbacks);
    not_found: the exceptions answered as a short 404."""
    specs = callback_specs(callback_map)
    csp = CSP.format(hashes=" ".join(script_hashes))  # Dash quotes them: "'sha256-...'"
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    # a Host not named (runtime.trusted_hosts) is 400 before any page is built: no link the
    # app prints can name a host a request made up
    server.config["TRUSTED_HOSTS"] = trusted_hosts()
    proxies = int(os.environ.get(PROXIES_ENV) or 0)
    if proxies:  # the reader's address (and scheme) as that many proxies in front say it;
        # with none configured, X-Forwarded-For is ignored: a reader cannot forge another
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=proxies, x_proto=proxies)

    def known_host():  # first of all: no hook of the app's may answer a made-up host
        if isinstance(request.routing_exception, SecurityError):
            raise request.routing_exception

    server.before_request_funcs.setdefault(None, []).insert(0, known_host)

    @server.before_request
    def guard():
        if request.path == CALLBACK_PATH and request.method == "POST":
            if (request.content_length or 0) > MAX_CALLBACK_BODY:
                return _short(f"callback request larger than {MAX_CALLBACK_BODY} bytes", 413)
            try:
                check_callback(parse_callback_body(request.get_data(cache=True)), specs)
            except Rejected as err:
                return _short(f"bad callback request: {err}", 400)
        elif request.url_rule is not None and request.url_rule.rule == "/<path:path>" and (
                "/" + request.view_args.get("path", "")).rstrip("/") not in PAGES:
            return _short("not found", 404)
        return None

    @server.route("/robots.txt")
    def robots():
        return Response(ROBOTS, mimetype="text/plain")

    @server.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = PERMISSIONS
        if "frame-ancestors *" not in response.headers.get("Content-Security-Policy", ""):
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")  # embeds excepted
        return response

    for error in not_found:  # Dash's DependencyException, from app.py: this edge knows no Dash
        server.register_error_handler(error, lambda e: _short("not found", 404))
    server.register_error_handler(SecurityError, lambda e: _short(
        "this server does not answer for that host name", 400))
    server.register_error_handler(413, lambda e: _short(
        f"request larger than {MAX_BODY} bytes", 413))
    server.register_error_handler(500, lambda e: _short("internal error (logged)", 500))
