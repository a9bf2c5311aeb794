"""Feed sources: fetch RSS, Atom and JSON Feed over HTTP and store entries as Markdown files.

Nothing here touches library.db except `state.py` (conditional-GET validators); the
Markdown files written under the data dir are ingested like any folder source.
"""
