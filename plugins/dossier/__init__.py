"""Dossier: a Pelican plugin that turns briefings into a cross-linked archive."""

from __future__ import annotations

from pelican import signals

from .glue import hooks


def register() -> None:
    """Wire Dossier into Pelican's signals."""
    signals.initialized.connect(hooks.initialized)
    signals.readers_init.connect(hooks.readers_init)
    signals.generator_init.connect(hooks.generator_init)
    signals.get_generators.connect(hooks.get_generators)
    signals.all_generators_finalized.connect(hooks.all_generators_finalized)
    signals.article_generator_finalized.connect(hooks.article_generator_finalized)
    signals.finalized.connect(hooks.finalized)
