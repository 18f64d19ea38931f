"""The decks bundled with quizlib, installed as the ``quizlib_decks`` package (see ``quizlib decks``)."""
