"""SQLite storage: the disposable library index and the durable read/star state."""
