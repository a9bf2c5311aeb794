"""`ainews serve`: the reader in a web browser, through textual-serve.

Each browser tab that connects gets its own reader process, started with the same
config, data dir and language as this command, so it reads and writes the same library
and state. Imported only for `serve` (it loads aiohttp).
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import shlex
import sys
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from ...paths import AppPaths
from ...session import Session
from ..exit_codes import EXIT_OK, UserError

_LOOPBACK_NAMES = ("localhost",)
_LINK = re.compile(r"<link\b[^>]*\bhref=\"([^\"]*)\"[^>]*>", re.IGNORECASE)
"""A `<link>` tag of the page and its address: only those of this server are kept."""


def reader_command(paths: AppPaths, language: str | None) -> str:
    """The shell command that runs this reader for one browser tab."""
    argv = [
        sys.executable,
        "-m",
        "ainews_tui",
        "--config",
        str(paths.config_file.absolute()),
        "--data-dir",
        str(paths.data_dir.absolute()),
    ]
    if language:
        argv += ["--lang", language]
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    """True for a name or address that only this machine can reach."""
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ReaderServer(Server):
    """textual-serve's server with three rules of its own.

    The page's links are written for the address the browser asked for, not the one
    the server is bound to (a browser cannot connect to 0.0.0.0). The page loads
    nothing from other hosts. And a websocket is
    only accepted from the page this server served: a browser lets any web site open a
    websocket to 127.0.0.1, and without the Origin check any page the user visits could
    drive the reader. Bound to loopback, the Host must be a loopback name too, which
    keeps out a site that has re-pointed its own name at 127.0.0.1 (DNS rebinding).
    """

    def _trusted(self, request: web.Request) -> bool:
        host = urlsplit(f"//{request.host}").hostname or ""
        return not is_loopback(self.host) or is_loopback(host)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self._trusted(request):
            raise web.HTTPForbidden(text="ainews serve answers only on this machine's address")
        # The template builds its URLs from public_url; nothing is awaited between
        # setting it and the template reading it, so concurrent requests cannot mix.
        self.public_url = f"{request.scheme}://{request.host}"
        response = await super().handle_index(request)
        if isinstance(response, web.Response) and response.text:
            # textual-serve's page fetches its terminal font from a web font service on
            # every load; the reader works offline and tells no one when it is opened,
            # and the page's font list falls back to the browser's monospace font.
            response.text = _LINK.sub(
                lambda link: link[0] if urlsplit(link[1]).netloc == request.host else "",
                response.text,
            )
        return response

    async def on_startup(self, app: web.Application) -> None:
        print(f"ainews: serving the reader on {self.public_url} (Ctrl+C stops)", flush=True)
        if not is_loopback(self.host):
            print(
                f"ainews: bound to {self.host}: anyone who can reach this machine can open "
                "the reader and change your read and star state",
                flush=True,
            )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        origin = request.headers.get("Origin", "")
        if not self._trusted(request) or urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden(text="websocket refused: not opened by the ainews page")
        return await super().handle_websocket(request)


def run_serve(session: Session, args: argparse.Namespace) -> int:
    # Open the databases once here, so a damaged state.db is one sentence now rather
    # than a reader that dies in every browser tab.
    session.library  # noqa: B018
    session.close()
    command = reader_command(session.paths, getattr(args, "lang", None))
    server = ReaderServer(command, host=args.host, port=args.port, title="ainews")
    try:
        server.serve()
    except OSError as exc:
        raise UserError(
            f"cannot serve on {args.host}:{args.port} ({exc.strerror or exc})"
        ) from None
    return EXIT_OK
