"""`ainews serve` over plain HTTP and its websocket, as a browser would use them."""

from __future__ import annotations

import json
import time

import aiohttp
import pytest

from support.ainews import Ainews

from .conftest import HEADLINE, HEADLINE_URL, Served, screen_text

pytestmark = pytest.mark.anyio

GUARD = 30.0
"""Hang guard for the reader to start in its process and draw (about 2 s)."""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def read_until(ws: aiohttp.ClientWebSocketResponse, wanted: str) -> str:
    """Collect the terminal output until its text shows `wanted`."""
    output = b""
    deadline = time.monotonic() + GUARD
    while wanted not in screen_text(output.decode("utf-8", "replace")):
        left = deadline - time.monotonic()
        assert left > 0, f"{wanted!r} was not drawn within {GUARD:g} s"
        message = await ws.receive(timeout=left)
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
        if message.type == aiohttp.WSMsgType.BINARY:
            output += message.data
    return screen_text(output.decode("utf-8", "replace"))


async def test_page_and_websocket_draw_the_library(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(served.url + "/") as response:
            assert response.status == 200
            assert response.content_type == "text/html"
            page = await response.text()
        assert "textual-terminal" in page
        # Nothing is fetched from outside this machine; its own style sheet stays.
        assert "googleapis" not in page
        assert f'href="{served.url}/static/css/xterm.css"' in page
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page

        async with http.ws_connect(
            served.url + "/ws?width=140&height=40", headers={"Origin": served.url}
        ) as ws:
            text = await read_until(ws, HEADLINE)
            assert "Quit" in text  # --lang en reached the reader the server started

            # `o` opens the story's link in the user's own browser: textual-serve
            # forwards App.open_url to the page as an `open_url` message.
            await ws.send_json(["stdin", "o"])
            deadline = time.monotonic() + GUARD
            while True:
                message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
                if message.type == aiohttp.WSMsgType.TEXT:
                    envelope = json.loads(message.data)
                    if envelope[0] == "open_url":
                        assert envelope[1]["url"] == HEADLINE_URL
                        break


async def test_websocket_from_another_site_is_refused(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        for headers in ({"Origin": "http://evil.example"}, {}):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(served.url + "/ws", headers=headers)
            assert refused.value.status == 403
        # A site that points its own name at 127.0.0.1 (DNS rebinding) is refused too.
        rebound = {"Host": f"evil.example:{served.port}"}
        async with http.get(served.url + "/", headers=rebound) as response:
            assert response.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await http.ws_connect(
                served.url + "/ws",
                headers={**rebound, "Origin": f"http://evil.example:{served.port}"},
            )


def test_a_port_in_use_is_one_sentence(served: Served, ainews: Ainews) -> None:
    result = ainews("serve", "--port", str(served.port), code=2)
    assert f"cannot serve on 127.0.0.1:{served.port}" in result.stderr


def test_bad_port_is_a_usage_error(ainews: Ainews) -> None:
    result = ainews("serve", "--port", "70000", code=2)
    assert "a port is a number from 1 to 65535" in result.stderr
