"""The pytest plugin quizlib installs (entry point ``pytest11``): fixtures for plugin tests.

``quizlib_host(*plugins)`` builds a host with just those plugins (and the deck format's
sections); ``quizlib_deck(text_or_data, host=None)`` builds a validated deck from YAML text or
from a dict. Both are thin wrappers over :mod:`quizlib.testing`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from quizlib.model import Deck
from quizlib.plugins import PluginHost
from quizlib.testing import deck_from_dict, deck_from_yaml, plugin_host

#: ``quizlib_deck(source, host=None)``: a deck from YAML text or a dict.
DeckFactory = Callable[..., Deck]
#: ``quizlib_host(*plugins)``: a host with just these plugins loaded.
HostFactory = Callable[..., PluginHost]


def _deck(source: str | Mapping[str, Any], host: PluginHost | None = None) -> Deck:
    return deck_from_yaml(source, host) if isinstance(source, str) else deck_from_dict(source, host)


@pytest.fixture
def quizlib_deck() -> DeckFactory:
    """Build a validated deck: ``quizlib_deck(yaml_text_or_dict, host)``."""
    return _deck


@pytest.fixture
def quizlib_host() -> HostFactory:
    """Build a plugin host with only the given plugins: ``quizlib_host(my_plugin)``."""
    return plugin_host
