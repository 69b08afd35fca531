"""``advisor interview --serve``: a token, the Origin checked, no outside request
(issue 11, point 15). Driven with aiohttp's test client, no browser."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

pytest.importorskip("textual_serve")

from aiohttp.test_utils import TestClient, TestServer, unused_port  # noqa: E402

from advisor.cli.serve import COOKIE, allowed_origins, make_server  # noqa: E402

TOKEN = "s3cret-token-for-tests"
COMMAND = f"{sys.executable} -m advisor interview"


async def _accept(request):
    """Stands for textual-serve's WebSocket handler (which would start an interview):
    the test is about who may open the WebSocket, not about the app behind it."""
    from aiohttp import web

    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close()
    return ws


def _with_client(check):
    async def main():
        port = unused_port()
        server = make_server(COMMAND, host="127.0.0.1", port=port, token=TOKEN, title="t")
        server.handle_websocket = _accept
        app = await server._make_app()
        async with TestClient(TestServer(app, host="127.0.0.1", port=port)) as client:
            await check(client, port)

    asyncio.run(main())


def test_the_page_needs_the_token_and_makes_no_outside_request():
    async def check(client, port):
        for url in ("/", "/?token=wrong", "/download/x"):
            response = await client.get(url)
            assert response.status == 403, url
        response = await client.get(f"/?token={TOKEN}")
        assert response.status == 200
        page = await response.text()
        assert "googleapis" not in page and "fonts/RobotoMono" in page
        assert "https://" not in page.replace("http://www.w3.org/2000/svg", "")
        cookie = response.cookies[COOKIE]
        assert cookie.value == TOKEN and cookie["httponly"] and cookie["samesite"] == "Strict"
        static = await client.get("/static/css/xterm.css")  # scripts and fonts: no client data
        assert static.status == 200

    _with_client(check)


def test_the_websocket_refuses_other_origins_and_missing_tokens():
    async def check(client, port):
        for headers in (
            {"Origin": "http://evil.example"},  # no token
            {"Origin": "http://evil.example", "Cookie": f"{COOKIE}={TOKEN}"},  # another site
            {"Origin": f"http://127.0.0.1:{port + 1}", "Cookie": f"{COOKIE}={TOKEN}"},
        ):
            response = await client.get("/ws", headers=headers)
            assert response.status == 403, headers
        ws = await client.ws_connect(
            "/ws", headers={"Origin": f"http://127.0.0.1:{port}", "Cookie": f"{COOKIE}={TOKEN}"}
        )
        await ws.close()

    _with_client(check)


def test_allowed_origins():
    assert allowed_origins("127.0.0.1", 8000) >= {"http://127.0.0.1:8000", "http://localhost:8000"}
    assert allowed_origins("192.0.2.7", 8000) == {"http://192.0.2.7:8000"}


def test_serve_options_on_the_command_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "interview", str(tmp_path / "c.yaml"), "--host", "x"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "--host goes with --serve" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "interview", "--serve", "--port", "0"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "0 is too small" in proc.stderr
