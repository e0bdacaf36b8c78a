"""Where one Pelican run keeps the pipeline's :class:`~dossier.pipeline.Result`.

Pelican hands readers and generators nothing but its settings, so the result
of this run is put there, once, at ``get_generators`` (which fires at the
start of every run, autoreload included), and read back with :func:`current`,
which never makes one up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import DossierError
from ..pipeline import Result

# A result the caller already computed (``dossier build``): used for the next run only.
PRELOADED = "DOSSIER_PRELOADED_RESULT"
# The result of the run in progress.
CURRENT = "DOSSIER_RESULT"


def current(settings: Mapping[str, Any]) -> Result:
    """The pipeline result of the Pelican run these settings belong to."""
    found = settings.get(CURRENT)
    if not isinstance(found, Result):
        raise DossierError("Dossier's pipeline has not run: is 'dossier' in PLUGINS?")
    return found
