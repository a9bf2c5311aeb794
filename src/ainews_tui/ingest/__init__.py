"""Reading digest files: front matter, dates, titles, items, sources and sync."""
