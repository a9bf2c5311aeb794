"""Search: the query language, the FTS5 index kept in step with sync, ranking, highlights.

Plain Python over SQLite; no Textual. The store owns the connection and calls in through
`index` (upkeep during sync) and `engine.search` (`Library.search`); search never imports
the store, so the dependency runs one way. Import the submodule you need: a command that
only lists posts should not compile the query language's patterns.
"""
