"""What a build says while it works: its stages, each with what it counted.

In a terminal, the stage under way shows beside a spinner (rich) and each
finished stage leaves one line; in CI and pipes only the lines are written,
plain. Pelican's own hooks reach the same object through the run
(:func:`dossier.glue.run.progress_of`).
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from typing import Any, Protocol

log = logging.getLogger("dossier")


class Progress(Protocol):
    """Where a build reports its stages."""

    def stage(self, doing: str) -> None:
        """A stage begins: 'Rendering pages'."""

    def done(self, line: str) -> None:
        """A stage ended: 'rendered 262 pages in 0.31 s'."""


class Lines:
    """Plain lines on standard error (CI, pipes, logs)."""

    def stage(self, doing: str) -> None:
        """Nothing to show until the stage ends."""

    def done(self, line: str) -> None:
        """One line per finished stage."""
        log.info("%s", line)


class Spinner:
    """A rich status line for the stage under way, and a line per stage done."""

    def __init__(self, status: Any) -> None:
        self.status = status

    def stage(self, doing: str) -> None:
        """Show the stage beside the spinner."""
        self.status.update(f"{doing}…")

    def done(self, line: str) -> None:
        """Print the finished stage's line above the spinner."""
        self.status.console.print(line, highlight=False, soft_wrap=True)


def plural(count: int, noun: str, nouns: str = "") -> str:
    """'1 briefing', '2 briefings'."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


@contextlib.contextmanager
def spinner(console: Any, doing: str) -> Iterator[Progress]:
    """A :class:`Spinner` for the length of the block. Log lines written
    meanwhile go through rich, above the spinner, instead of over it."""
    with console.status(f"{doing}…") as status:
        # rich swaps sys.stderr for a proxy while the status shows; handlers
        # made earlier still hold the real stream.
        handlers = [
            h
            for h in (*log.handlers, *logging.getLogger().handlers)
            if isinstance(h, logging.StreamHandler) and h.stream is sys.__stderr__
        ]
        for handler in handlers:
            handler.setStream(sys.stderr)
        try:
            yield Spinner(status)
        finally:
            for handler in handlers:
                handler.setStream(sys.__stderr__)
