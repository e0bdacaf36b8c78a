"""One build's shared state: config, problems, registries, the mention linker.

Pelican hands every reader and generator the same settings dictionary, so the
state lives there under one key, made afresh at ``initialized``: nothing
survives from one build to the next, and nothing is loaded twice.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from ..config import Config
from ..link import Linker
from ..registry import Registry, load_registries
from .diagnostics import Collector

KEY = "DOSSIER_STATE"


class BuildState:
    """What the reader and the generator of one build share."""

    def __init__(self, settings: MutableMapping[str, Any]) -> None:
        self.config = Config.from_settings(settings)
        self.diagnostics = Collector()
        self._registries: tuple[Registry, Registry] | None = None
        self._linker: Linker | None = None
        self.reported = False

    def registries(self) -> tuple[Registry, Registry]:
        """The actor and place registries, read on first use."""
        if self._registries is None:
            actors, places, problems = load_registries(self.config)
            self.diagnostics.extend(problems)
            self._registries = (actors, places)
        return self._registries

    def linker(self) -> Linker:
        """The mention linker over every registry entity, built on first use."""
        if self._linker is None:
            actors, places = self.registries()
            entities = [*actors.entities.values(), *places.entities.values()]
            self._linker = Linker(entities, self.config.site_path)
        return self._linker


def reset(settings: MutableMapping[str, Any]) -> BuildState:
    """Start the state of a new build."""
    fresh = BuildState(settings)
    settings[KEY] = fresh
    return fresh


def state(settings: MutableMapping[str, Any]) -> BuildState:
    """The state of the build these settings belong to."""
    found = settings.get(KEY)
    if not isinstance(found, BuildState):
        found = reset(settings)
    return found
