"""The exit codes of `ainews`, in a module of their own so every command can use them
without importing the dispatcher (posting's `exit_codes.py` is the model)."""

EXIT_OK = 0
EXIT_SOURCE_FAILED = 1
"""A source could not be read at all, or a command found nothing to act on."""
EXIT_USAGE = 2
"""A mistake the user can fix: bad arguments, an unknown key, a bad config line."""
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """A mistake the user can fix; printed as one sentence, exit code 2."""
