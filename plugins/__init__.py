"""Built-in question types of quizlib, installed as the ``quizlib_plugins`` package.

Each module is an ordinary quizlib plugin: it imports only the public ``quizlib`` API
and is registered exactly as a third-party plugin would be.
"""
