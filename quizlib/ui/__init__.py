"""quizlib.ui."""
