"""A desk's week, applied to a content folder: new briefings and corrections.

    python scripts/weekly.py CONTENT [--new 5] [--edited 3] [--week 1]

Adds ``--new`` briefings dated after the newest one (each modelled on a
recent briefing: its actors and places, new words), and edits ``--edited``
older briefings the way corrections go: one in its prose only, one gains an
actor, one gets a new title (then again in turn). ``--week`` numbers the
week, so that successive weeks add different files. Deterministic: the same
folder and arguments give the same change. ``make bench`` times the build
that follows (the weekly update) against a clean build of the same content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

_DATE = re.compile(r"^date: (\d{4}-\d{2}-\d{2})", re.MULTILINE)
_TITLE = re.compile(r'^title: "(.*)"$', re.MULTILINE)
_ACTORS = re.compile(r"^actors: \[(.*)\]$", re.MULTILINE)


def _literal(text: str) -> str:
    # Text put into a replacement as it is: backslashes doubled.
    return text.replace("\\", "\\\\")


def briefings(content: Path) -> list[Path]:
    """Every briefing file, oldest first (their names start with the date)."""
    return sorted((content / "briefings").rglob("*.md"), key=lambda p: p.name)


def apply_week(content: Path, new: int = 5, edited: int = 3, week: int = 1) -> list[Path]:
    """Add ``new`` briefings and edit ``edited`` old ones; the files touched."""
    files = briefings(content)
    if len(files) < new + edited + 2:
        raise SystemExit(f"{content}: too few briefings for a week of {new} new, {edited} edited")
    newest = files[-1]
    found = _DATE.search(newest.read_text(encoding="utf-8"))
    last = dt.date.fromisoformat(found.group(1)) if found else dt.date(2025, 1, 1)
    touched = []
    for i in range(new):
        model = files[-1 - i]
        text = model.read_text(encoding="utf-8")
        day = last + dt.timedelta(days=1 + i)
        text = _DATE.sub(f"date: {day.isoformat()}", text, count=1)
        suffix = f", week {week} ({i + 1})"
        text = _TITLE.sub(rf'title: "\g<1>{_literal(suffix)}"', text, count=1)
        text = text.rstrip("\n") + (
            f"\n\nIn the week's latest reporting (item {week}.{i + 1}), mediators said a "
            "further round of talks was being prepared.\n"
        )
        target = content / "briefings" / f"{day.year}" / f"{day.isoformat()}-week-{week}-{i + 1}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        touched.append(target)
    # Corrections fall on older briefings, spread over the archive.
    step = max(1, len(files) // (edited + 1))
    for j in range(edited):
        path = files[(week * 7 + (j + 1) * step) % (len(files) - new)]
        text = path.read_text(encoding="utf-8")
        kind = j % 3
        if kind == 0:
            text = text.rstrip("\n") + f"\n\nCorrection (week {week}): figures were revised.\n"
        elif kind == 1:
            listed = _ACTORS.search(text)
            other = _ACTORS.search(files[-1].read_text(encoding="utf-8"))
            have = listed.group(1).split(", ") if listed else []
            extra = [a for a in (other.group(1).split(", ") if other else []) if a not in have]
            if extra:
                added = extra[0]
                text = _ACTORS.sub(rf"actors: [\g<1>, {_literal(added)}]", text, count=1)
        else:
            text = _TITLE.sub(rf'title: "\g<1> (corrected, week {week})"', text, count=1)
        path.write_text(text, encoding="utf-8")
        touched.append(path)
    return touched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content", type=Path)
    parser.add_argument("--new", type=int, default=5)
    parser.add_argument("--edited", type=int, default=3)
    parser.add_argument("--week", type=int, default=1)
    args = parser.parse_args()
    for path in apply_week(args.content, args.new, args.edited, args.week):
        print(path)


if __name__ == "__main__":
    main()
