"""An entity's activity: how many briefings list or name it, month by month,
drawn at build time as a small inline SVG bar chart (no script, no library),
with the same figures as text: a caption and a table.

Every chart of an archive spans the same months (the archive's first to its
last), so that two entities' charts can be compared at a glance. Colours come
from the stylesheet's classes, so charts follow light, dark and print.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..relate import EntityListing, month_of

Span = tuple[dt.date, dt.date]
HEIGHT = 40  # the chart's drawing height, in its own units (CSS sets its size)


@dataclass(frozen=True, slots=True)
class Month:
    """A month of an entity's activity: briefings listing it, and only naming it."""

    start: dt.date
    listed: int
    named: int


@dataclass(frozen=True, slots=True)
class Chart:
    """The chart of one entity: its SVG (hidden from screen readers), and the
    same as text: one sentence, and the months with any briefing."""

    svg: Markup
    caption: str
    months: tuple[Month, ...]  # those with any briefing, oldest first


def months(span: Span) -> list[dt.date]:
    """The first day of every month from ``span[0]`` to ``span[1]``."""
    found, month = [], span[0].replace(day=1)
    while month <= span[1]:
        found.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return found


def chart(listing: EntityListing, span: Span | None) -> Chart | None:
    """The chart of ``listing`` over the archive's ``span`` (None if it has no briefings)."""
    if span is None or not (listing.briefings or listing.mentioned_only):
        return None
    listed = Counter(month_of(b) for b in listing.briefings)
    named = Counter(month_of(b) for b in listing.mentioned_only)
    every = months(span)
    top = max((listed[m] + named[m] for m in every), default=0) or 1
    width = len(every)
    bars = []
    for x, month in enumerate(every):
        a, b = listed[month], named[month]
        if not a + b:
            continue
        high_a, high_b = HEIGHT * a / top, HEIGHT * b / top
        if a:
            bars.append(f'<rect class="bar-listed" x="{x}.1" y="{HEIGHT - high_a:.2f}" '
                        f'width="0.8" height="{high_a:.2f}"/>')  # fmt: skip
        if b:
            bars.append(f'<rect class="bar-named" x="{x}.1" y="{HEIGHT - high_a - high_b:.2f}" '
                        f'width="0.8" height="{high_b:.2f}"/>')  # fmt: skip
    busy = tuple(Month(m, listed[m], named[m]) for m in every if listed[m] + named[m])
    totals = sorted((m.listed + m.named for m in busy), reverse=True)
    peak = max(busy, key=lambda m: (m.listed + m.named, m.start))
    # A place's timeline takes in the briefings that list a place within it.
    within = " or a place within it" if listing.via else ""
    one_month = (every[0].year, every[0].month) == (every[-1].year, every[-1].month)
    caption = (
        f"{_count(len(listing.briefings))} {_s('list', len(listing.briefings))} "
        f"{listing.entity.name}{within}"
        + (
            f" and {len(listing.mentioned_only)} more {_s('name', len(listing.mentioned_only))} it"
            if listing.mentioned_only
            else ""
        )
        + (f", in {every[0]:%B %Y}" if one_month else f", {every[0]:%B %Y} to {every[-1]:%B %Y}")
        # The busiest month only when there is one to speak of.
        + (
            f"; the busiest month was {peak.start:%B %Y} ({totals[0]})."
            if not one_month and totals[0] > 1 and (len(totals) == 1 or totals[0] > totals[1])
            else "."
        )
    )
    svg = Markup(
        f'<svg class="activity-chart" viewBox="0 0 {width} {HEIGHT}" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false">{"".join(bars)}</svg>'
    )
    return Chart(svg, caption, busy)


def _count(n: int) -> str:
    return f"{n} briefing{'' if n == 1 else 's'}"


def _s(verb: str, n: int) -> str:
    # "1 briefing lists", "2 briefings list"
    return verb + "s" if n == 1 else verb


SPARK_BUCKETS = 24  # a sparkline's points: about a quarter each over a six-year archive


@lru_cache(maxsize=8)
def _steps(span: Span) -> tuple[int, dict[dt.date, int]]:
    # The same for every sparkline of a build: worked out once.
    every = months(span)
    steps = min(SPARK_BUCKETS, len(every))
    return steps, {month: i * steps // len(every) for i, month in enumerate(every)}


def sparkline(listing: EntityListing, span: Span | None) -> Markup:
    """A tiny line of the briefings listing an entity over the archive's span
    (in at most ``SPARK_BUCKETS`` equal steps), scaled to its own busiest step;
    decoration beside the count it goes with, so hidden from screen readers."""
    if span is None:
        return Markup("")
    if not listing.briefings:  # the room of one, so that counts stay in line
        return Markup('<span class="spark"></span>')
    steps, index = _steps(span)
    counts = [0] * steps
    for b in listing.briefings:
        counts[index[month_of(b)]] += 1
    top = max(counts) or 1
    if steps == 1:
        counts, steps = counts * 2, 2  # a flat line across, not a point
    points = " ".join(f"{x} {10 - round(9 * n / top)}" for x, n in enumerate(counts))
    return Markup(
        f'<svg class="spark" viewBox="0 0 {steps - 1} 11" preserveAspectRatio="none" '
        f'aria-hidden="true" focusable="false"><polyline points="{points}"/></svg>'
    )
