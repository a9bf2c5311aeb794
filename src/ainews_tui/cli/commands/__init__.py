"""One module per subcommand or family; each function takes the session and the parsed
arguments and returns an exit code. The dispatcher imports only the chosen module."""
