"""One module per ``quizlib`` subcommand: ``add_parser(sub)`` and ``run(args) -> int``."""
