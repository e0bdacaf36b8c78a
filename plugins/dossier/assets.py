"""Fingerprinted names for the theme's stylesheets and scripts.

Pages link ``css/dossier.<hash>.css`` rather than ``css/dossier.css``: a new
release of the theme gets a new name, so a host may let browsers cache the
files for a year without anyone ever seeing a stale stylesheet. The plain
names are still written (fonts and other files keep theirs).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

FINGERPRINTED = (".css", ".js")


def fingerprints(static_dir: str) -> dict[str, str]:
    """Each stylesheet and script under ``static_dir``, by its path there
    (``css/dossier.css``), mapped to its fingerprinted path."""
    root = Path(static_dir)
    if not root.is_dir():
        return {}
    names: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in FINGERPRINTED:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            relative = path.relative_to(root).as_posix()
            names[relative] = relative[: -len(path.suffix)] + f".{digest}{path.suffix}"
    return names


def copies(static_dir: str, names: Mapping[str, str]) -> dict[str, bytes]:
    """The fingerprinted files' bytes, by their fingerprinted paths."""
    root = Path(static_dir)
    return {hashed: (root / plain).read_bytes() for plain, hashed in names.items()}
