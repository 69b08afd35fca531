"""``advisor interview --serve``: the interview in a browser, for this machine only.

textual-serve (the optional ``[serve]`` extra) runs one interview process per browser
tab. A client's interview must not be readable or drivable by anyone else, nor by any web
page the adviser happens to visit, so the server here adds what textual-serve lacks:

* a random token, printed in the URL at start (as Jupyter does); the page answers only
  with it, then sets it as an ``HttpOnly``, ``SameSite=Strict`` cookie for the page's own
  WebSocket and downloads (the WebSocket URL cannot carry it: the page appends its own
  query);
* the WebSocket's ``Origin`` must be the server's own address (a browser always sends
  it; another site's page would send its own);
* it listens on 127.0.0.1 unless ``--host`` says otherwise (with a warning);
* the page makes no outside request: the Google Fonts link of textual-serve's page is
  replaced by the font files textual-serve ships.
"""

from __future__ import annotations

import re
import secrets
import sys
from pathlib import Path
from typing import Any

#: The cookie that carries the token after the first page.
COOKIE = "alliance_advisor_token"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def make_server(command: str, *, host: str, port: int, token: str, title: str) -> Any:
    """A textual-serve server that checks the token and the Origin of every request."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class PrivateServer(Server):
        async def on_startup(self, app: web.Application) -> None:
            """Quiet: the address with its token is printed by :func:`serve`."""

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self._guard)
            aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": _page(self)}))
            return app

        @web.middleware
        async def _guard(self, request: web.Request, handler):
            if request.path.startswith("/static/"):
                return await handler(request)  # the page's scripts and fonts: no client data
            given = request.query.get("token") or request.cookies.get(COOKIE) or ""
            if not secrets.compare_digest(given.encode(), token.encode()):
                raise web.HTTPForbidden(
                    text="Alliance Advisor: open the address printed by "
                    "'advisor interview --serve', with its token.\n"
                )
            origin = request.headers.get("Origin")
            if origin is not None and origin not in allowed_origins(host, port):
                raise web.HTTPForbidden(
                    text="Alliance Advisor: requests from other sites are refused.\n"
                )
            response = await handler(request)
            if request.path == "/" and isinstance(response, web.StreamResponse):
                response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
            return response

    return PrivateServer(command, host=host, port=port, title=title)


def allowed_origins(host: str, port: int) -> set[str]:
    """The origins of the server's own page."""
    names = {host, *LOCAL_HOSTS} if host in LOCAL_HOSTS else {host}
    out = set()
    for name in names:
        shown = f"[{name}]" if ":" in name else name
        out.add(f"http://{shown}:{port}")
    return out


def _page(server: Any) -> str:
    """textual-serve's page without its request to Google Fonts (the same font is served
    from the package's own static folder)."""
    text = (Path(server.templates_path) / "app_index.html").read_text(encoding="utf-8")
    local_font = (
        "<style>@font-face { font-family: 'Roboto Mono'; "
        "src: url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf'); }</style>"
    )
    text = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", local_font, text, flags=re.S)
    return text


def serve(command: str, *, host: str | None, port: int, case: Path) -> int:
    """Run the server until Ctrl+C; prints the address with its token."""
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        sys.stderr.write(
            "advisor: error: --serve needs the optional textual-serve package: "
            "pip install 'alliance-advisor[serve]' (or pip install textual-serve)\n"
        )
        return 2
    listen = host or "127.0.0.1"
    if listen not in LOCAL_HOSTS:
        sys.stderr.write(
            f"advisor: warning: --host {listen}: the interview is reachable from other "
            "machines; anyone with the address and its token can read and answer it\n"
        )
    token = secrets.token_urlsafe(24)
    shown = f"[{listen}]" if ":" in listen else listen
    print(
        f"advisor: serving the interview on {case} at http://{shown}:{port}/?token={token} "
        "(Ctrl+C to stop)",
        flush=True,
    )
    make_server(command, host=listen, port=port, token=token, title="Alliance Advisor").serve()
    return 0
