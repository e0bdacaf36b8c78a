"""Which edits can skip the whole build: the rules, apart from any machinery.

An edit to a briefing's prose alone (its front-matter, summary and the
entities it names, in the same order, all as before) changes only its own
page, the archive's full-text feed and the search index. Anything else, a
new or deleted file, a registry, a page, the settings or the theme, needs a
whole build.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Briefing


def prose_only(old: Briefing, new: Briefing) -> bool:
    """True when ``new`` differs from ``old`` in its body alone (and in the
    lines its mentions are on, which only ``check`` reports)."""
    return replace(new, body_html=old.body_html, mention_lines=old.mention_lines) == old
