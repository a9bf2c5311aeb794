"""ainews: a terminal reader for AI-news digests."""

__version__ = "0.1.0"
