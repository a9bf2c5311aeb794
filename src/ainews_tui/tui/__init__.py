"""The Textual reader. Imported only by `ainews` itself, never by other commands."""
