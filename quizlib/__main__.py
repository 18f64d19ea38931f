"""``python -m quizlib``."""

from quizlib.safepath import drop_current_directory

drop_current_directory()  # already done by the package import; kept for clarity, idempotent

from quizlib.cli import main  # noqa: E402  (the current directory must be gone first)

raise SystemExit(main())
