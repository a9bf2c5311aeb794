"""Git sources: a digest blog's repository, cloned into the data dir and pulled on sync.

The system `git` does the work (see `run.py` for the limits it runs under); nothing here
touches SQLite or imports Textual.
"""
