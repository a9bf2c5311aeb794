"""The Textual reader. Only `ainews` itself imports its Textual modules; `cjk_wrap` is
plain rich, and `ainews show` borrows it to wrap Chinese text the same way."""
