"""Feed tests run against a real local HTTP server, started and stopped per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import FeedServer, start_server, stop_server


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    state, httpd = start_server()
    yield state
    stop_server(state, httpd)
