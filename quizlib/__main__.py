"""``python -m quizlib``."""

from quizlib import collector
from quizlib.safepath import drop_current_directory

collector.pause()  # resumed before the command runs (see quizlib.collector)
drop_current_directory()  # already done by the package import; kept for clarity, idempotent

from quizlib.cli import main  # noqa: E402  (the current directory must be gone first)

raise SystemExit(main())
