"""The few exceptions Dossier raises.

``DossierError`` is the root. A :class:`ContentError` is a problem in one
input file and knows its file and line; the others are not about one file:
settings that cannot work, a tool (Pagefind) that failed, a build that
stopped on the content's errors.
"""

from __future__ import annotations

from .model import Diagnostic
from .report import tally


class DossierError(Exception):
    """Anything Dossier raises on purpose."""


class ContentError(DossierError):
    """A problem in one input file, located as ``path:line``.

    ``line`` is 1-based; 0 means the problem concerns the whole file.
    """

    def __init__(self, path: str, line: int, message: str, code: str = "D101") -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.diagnostic())

    def diagnostic(self) -> Diagnostic:
        """The error as a :class:`Diagnostic` record."""
        return Diagnostic(self.path, self.line, "error", self.message, self.code)

    def diagnostics(self) -> list[Diagnostic]:
        """Every problem this exception stands for (one, unless overridden)."""
        return [self.diagnostic()]


class FrontMatterError(ContentError):
    """The front-matter block is missing, unclosed, or not valid YAML."""


class ValidationError(ContentError):
    """The front-matter parsed but a field has the wrong type or value."""


class ContentErrors(ValidationError):
    """Every problem found in one file, at least one an error (the headline)."""

    def __init__(self, problems: list[Diagnostic]) -> None:
        first = next(p for p in problems if p.severity == "error")
        super().__init__(first.path, first.line, first.message, first.code)
        self._problems = problems

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self._problems if d.severity == "error")

    def diagnostics(self) -> list[Diagnostic]:
        """Every problem found in the file, warnings included, in file order."""
        return list(self._problems)


class SettingsError(DossierError):
    """The settings ask for something Dossier cannot do (a URL pattern it cannot fill)."""


class SearchIndexError(DossierError):
    """Pagefind could not index the site: a tool failure, not the content's."""


class BuildFailed(DossierError):
    """The content has errors (or warnings, with ``--strict``); it carries them all."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__(f"{tally(diagnostics)} in the content")
        self.diagnostics = diagnostics


class RenderError(DossierError):
    """Writing the archive's own pages failed (a template error, a full disk)."""
