"""The few exceptions Dossier raises; each one knows its file and line."""

from __future__ import annotations

from .model import Diagnostic


class DossierError(Exception):
    """A problem in one input file, located as ``path:line``.

    ``line`` is 1-based; 0 means the problem concerns the whole file.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: error: {message}" if line else message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return str(self.diagnostic())

    def diagnostic(self) -> Diagnostic:
        """The error as a :class:`Diagnostic` record."""
        return Diagnostic(self.path, self.line, "error", self.message)

    def diagnostics(self) -> list[Diagnostic]:
        """Every error this exception stands for (one, unless overridden)."""
        return [self.diagnostic()]


class FrontMatterError(DossierError):
    """The front-matter block is missing, unclosed, or not valid YAML."""


class ValidationError(DossierError):
    """The front-matter parsed but a field has the wrong type or value."""


class ContentErrors(ValidationError):
    """Every problem found in one file, at least one an error (the headline)."""

    def __init__(self, problems: list[Diagnostic]) -> None:
        first = next(p for p in problems if p.severity == "error")
        super().__init__(first.path, first.line, first.message)
        self._problems = problems

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self._problems if d.severity == "error")

    def diagnostics(self) -> list[Diagnostic]:
        """Every problem found in the file, warnings included, in file order."""
        return list(self._problems)


class BuildFailed(Exception):
    """The build found errors; it carries every one of them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the content")
        self.diagnostics = diagnostics
