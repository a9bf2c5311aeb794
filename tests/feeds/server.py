"""A real HTTP server on 127.0.0.1 (port 0) that the feed tests talk to: no mocks."""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
JSON_FEED = "application/feed+json"
HTML = "text/html; charset=utf-8"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@dataclass
class Route:
    body: bytes = b""
    content_type: str = RSS
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    """Redirect target (with a 3xx status)."""
    gzip: bool = False
    content_encoding: str | None = None
    """A Content-Encoding header to send instead of the one `gzip` implies."""
    delay: float = 0.0
    """Seconds to wait before answering (the server wakes early when the test ends)."""
    declared_length: int | None = None
    """A Content-Length that differs from the body (a truncated transfer); -1 sends none
    and ends the body by closing the connection."""
    drip: int = 0
    """Send the body in chunks of this many bytes, flushing each."""
    header_drip: float = 0.0
    """Trickle the response headers one byte per this many seconds, for an hour (or
    until the test ends): each byte resets a client's per-read timeout."""
    headers: dict[str, str] = field(default_factory=dict)
    """More response headers (Retry-After, …)."""


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    port: int = 0
    in_flight: int = 0
    most_in_flight: int = 0
    """The most requests the server was answering at one moment."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body are two writes: with Nagle's algorithm the body waited for
        # the client's delayed ACK, 40 ms a response.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with server.lock:
                server.in_flight += 1
                server.most_in_flight = max(server.most_in_flight, server.in_flight)
            try:
                self._answer()
            finally:
                with server.lock:
                    server.in_flight -= 1

        def _answer(self) -> None:
            server.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            if route.delay:
                server.release.wait(route.delay)
            if route.header_drip:
                self._trickle_headers(route.header_drip)
                return
            if route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = gzip.compress(route.body) if route.gzip else route.body
            self.send_response(route.status)
            if route.gzip or route.content_encoding:
                self.send_header("Content-Encoding", route.content_encoding or "gzip")
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self._send(
                route.status,
                body,
                route.content_type,
                route.declared_length,
                route.drip,
                started=True,
            )

        def _trickle_headers(self, interval: float) -> None:
            head = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * int(3600 / interval)
            try:
                for byte in head:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    if server.release.wait(interval):
                        break
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def _send(
            self,
            status: int,
            body: bytes,
            content_type: str,
            declared: int | None = None,
            drip: int = 0,
            *,
            started: bool = False,
        ) -> None:
            if not started:
                self.send_response(status)
            self.send_header("Content-Type", content_type)
            if declared != -1:
                length = declared if declared is not None else len(body)
                self.send_header("Content-Length", str(length))
            self.end_headers()
            try:
                for start in range(0, len(body), drip or len(body) or 1):
                    self.wfile.write(body[start : start + (drip or len(body))])
                    self.wfile.flush()
                    if drip:
                        server.release.wait(0.2)
            except (BrokenPipeError, ConnectionResetError):
                return
            if declared is not None:
                self.close_connection = True

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that hang up early (timeouts, body caps) are what the tests provoke.
        pass


def start_server() -> tuple[FeedServer, ThreadingHTTPServer]:
    """Serve `FeedServer.routes` on a free port in a daemon thread."""
    state = FeedServer()
    httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return state, httpd


def stop_server(state: FeedServer, httpd: ThreadingHTTPServer) -> None:
    state.release.set()
    httpd.shutdown()
    httpd.server_close()
