"""The study interfaces: the interactive prompt_toolkit screen and the plain line mode.

``state`` (the actions both share) and ``render`` (what they say) never import
prompt_toolkit; ``app``, ``keys`` and ``inputs`` do, and only the interactive path loads them.
"""
