"""Search: the query language, the FTS5 index kept in step with sync, ranking, highlights.

Plain Python over SQLite; no Textual. The reader and `ainews search` both call `search`.
"""

from .engine import SearchResults, search
from .highlight import highlight_spans
from .query import QueryError

__all__ = ["QueryError", "SearchResults", "highlight_spans", "search"]
