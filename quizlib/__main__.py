"""``python -m quizlib``."""

from quizlib.cli import main

raise SystemExit(main())
