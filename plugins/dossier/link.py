"""Mentions in prose: link each registry entity's first mention in a body.

All names and aliases go into one trie-shaped regular expression, compiled
once per build, so finding every mention in a text is a single scan whatever
the size of the registry. The linking itself is a markdown-it-py core rule.
It runs over each paragraph's inline tokens as one text: a soft line break
reads as a space and emphasis marks as nothing, so "Port⏎Sudan" and
"*Rapid* Support Forces" are one mention of the longest name. Headings, code,
images, existing links and text the author marked ``[…]{.nolink}`` are never
matched into.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

import regex
from markdown_it.common.utils import isLinkClose, isLinkOpen
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .model import Entity, name_key
from .writing import (
    CLUSTER_AFTER,
    CLUSTER_BEFORE,
    HANGUL_RANGES,
    SPACELESS_RANGES,
    attached_forms,
    cluster_floor,
    is_spaceless,
    sentence_ends,
)

ENV_KEY = "dossier_links"
_Trie: TypeAlias = dict[str, "_Trie"]
# Letters, digits and the underscore: a name must not continue into them, so
# "Misratan" is not "Misrata". Apostrophes are not word characters, so
# "Haftar's" and "Haftar’s" still mention Haftar.
# A letter of a script written without word spaces ends a name too.
_BEFORE = rf"(?<![^\W{SPACELESS_RANGES}])"
_AFTER = rf"(?![^\W{SPACELESS_RANGES}{HANGUL_RANGES}])"


def is_acronym(alias: str) -> bool:
    """True for aliases matched case-sensitively: BM, GNA, HoR, ISIS, AFRICOM."""
    if " " in alias or len(alias) > 10:
        return False
    return sum(c.isupper() for c in alias) >= 2


def _first_letters(surfaces: Iterable[str]) -> str:
    # A lookahead for the letters names start with lets the engine skip
    # every other position at once: a third less time on long texts.
    letters = sorted({surface[0] for surface in surfaces})
    return "(?=[" + "".join(re.escape(c) for c in letters) + "])"


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, longest first.

    Shared prefixes are factored out (a trie), so the engine does not try
    thousands of alternatives at each position; an optional group is greedy,
    so the longest name wins ("Jean-Yves Le Drian" over "Jean-Yves").
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: _Trie) -> str:
    terminal = "" in node
    branches = [re.escape(char) + _emit(child)
                for char, child in sorted(node.items()) if char]  # fmt: skip
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if terminal else body


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in a text, at ``start:end``; ``entity`` is None for a
    phrase the registry says must never link to the entity of ``key``."""

    start: int
    end: int
    entity: Entity | None
    key: str
    # the name as the registry writes it, where the text merges it with a
    # proclitic (ل + المجلس written للمجلس): what a search finds it by
    term: str = ""
    # written onto other letters: a proclitic (وحفتر) or a particle (ရန်ကုန်ကို)
    attached: bool = False


class Linker:
    """Finds entity mentions in text and turns first mentions into links.

    Matching is case-sensitive, as names are written: an acronym (BM, HoR)
    matches only as registered; any other name as registered, in sentence
    case ("Sudanese army") or in title case ("Sudanese Army"), so "the
    presidential council" in lower case is a phrase, not the body.
    Case-sensitive matching is also twice as fast as ignoring case. A
    registry entry's ``not`` phrases ("Richard Wagner" for the Wagner Group)
    match too, and then link nothing. ``href`` gives an entity page's link;
    ``card``, if given, its hover card's data (a link's ``data-card``).
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        href: Callable[[Entity], str],
        card: Callable[[Entity], str] | None = None,
    ) -> None:
        self.href = href
        self.card = card
        chosen = list(entities)
        # surface -> slot -> candidate. An actor and a place may share a name
        # (one slot each); within a section the first claim wins, and names
        # win over "not" phrases, exact forms over case variants, and both
        # over a name with an Arabic proclitic written on (the last pass).
        table: dict[str, dict[str, Candidate]] = {}
        self._keys: dict[tuple[str, str], str] = {}
        self._terms: dict[str, str] = {}
        passes: tuple[Callable[[str], Iterable[tuple[str, int]]], ...] = (
            lambda name: ((surface, 0) for surface in variants(name, exact=True)),
            lambda name: ((surface, 0) for surface in variants(name, exact=False)),
            attached_forms,
        )
        for forms in passes:
            for entity in chosen:
                shared = {name_key(a) for a in entity.ambiguous}
                for name in (entity.name, *entity.aliases):
                    key = name_key(name)
                    self._keys.setdefault((entity.section, key), entity.key)
                    real = key not in shared
                    written = " ".join(name.split())
                    for surface, lead in forms(written):
                        if lead:
                            self._terms.setdefault(surface, written)
                        claim: Candidate = (entity, entity.key, lead) if real else (None, "", lead)
                        table.setdefault(surface, {}).setdefault(entity.section, claim)
            for entity in chosen:
                for phrase in entity.suppress:
                    for surface, lead in forms(" ".join(phrase.split())):
                        table.setdefault(surface, {}).setdefault("not", (None, entity.key, lead))
        self._surfaces = {surface: _whole(slots.values()) for surface, slots in table.items()}
        # Most surfaces mean one thing whatever the briefing lists: decided once.
        self._settled = {
            surface: _choose(candidates, ())
            for surface, candidates in self._surfaces.items()
            if sum(1 for entity, _, _ in candidates if entity is not None) <= 1
        }
        # A name that ends where a longer name of the same entity begins
        # ("General Ali Mohsen", "Ali Mohsen al-Ahmar"): where the text runs
        # on into the longer one, the mention does too (see _extended).
        self._runs_on = _running_on(self._surfaces)
        # Names in scripts written without word spaces are matched at cluster
        # boundaries, by a pattern of their own: the ``regex`` module knows
        # the Unicode properties that takes, and the standard ``re`` matches
        # every other name at word boundaries half again as fast.
        spaced = sorted(s for s in self._surfaces if not is_spaceless(s))
        spaceless = sorted(s for s in self._surfaces if is_spaceless(s))
        self._pattern = (
            re.compile(_first_letters(spaced) + _BEFORE + trie_pattern(spaced) + _AFTER)
            if spaced
            else None
        )
        self._spaceless = (
            regex.compile(
                _first_letters(spaceless) + CLUSTER_BEFORE + trie_pattern(spaceless) + CLUSTER_AFTER
            )
            if spaceless
            else None
        )

    def attrs(self, entity: Entity) -> dict[str, str]:
        """The attributes of a link to ``entity``: its page, and its card if any."""
        # The card file marks a mention for the theme (style and hover card);
        # a class as well cost 16 bytes a link on every page.
        if self.card is None:
            return {"href": self.href(entity), "class": "mention"}
        return {"href": self.href(entity), "data-card": self.card(entity)}

    def keys(self, section: str, names: Iterable[str]) -> frozenset[str]:
        """The keys of the entities of ``section`` that ``names`` name."""
        found = (self._keys.get((section, name_key(n))) for n in names)
        return frozenset(k for k in found if k)

    def mentions(self, text: str, prefer: Container[str] = ()) -> Iterator[Mention]:
        """Every mention in ``text``, left to right, longest match first.

        A name that is an actor's and a place's means the one in ``prefer``
        (the entities a briefing lists), else the place.
        """
        spaced = self._found(self._pattern, text, prefer)
        if self._spaceless is None:
            yield from spaced
            return
        spaceless = self._found(self._spaceless, text, prefer)
        end = 0
        for mention in heapq.merge(spaced, spaceless, key=lambda m: m.start):
            if mention.start >= end:  # a mixed name never overlaps another
                end = mention.end
                yield mention

    def _found(
        self,
        pattern: re.Pattern[str] | regex.Pattern[str] | None,
        text: str,
        prefer: Container[str],
    ) -> Iterator[Mention]:
        if pattern is None:
            return
        surfaces, settled = self._surfaces, self._settled
        last = 0
        for match in pattern.finditer(text):
            surface = match.group(0)
            start, matched = match.start(), match.end()
            if start < last:  # inside a mention that ran on past its first name
                continue
            end = _past_marks(text, matched)
            if pattern is self._pattern and not _whole_letters(text, start, matched, end):
                continue
            entity, key, lead = settled.get(surface) or _choose(surfaces[surface], prefer)
            if entity is not None and surface in self._runs_on:
                matched = self._extended(pattern, text, start, surface, key, prefer)
                end = _past_marks(text, matched)
            last = end
            start += lead
            if lead:
                yield Mention(start, end, entity, key, self._terms.get(surface, ""), attached=True)
            else:
                yield Mention(start, end, entity, key, attached=_touches(text, start, end))

    def _extended(
        self,
        pattern: re.Pattern[str] | regex.Pattern[str],
        text: str,
        start: int,
        surface: str,
        key: str,
        prefer: Container[str],
    ) -> int:
        # Where the match ends once it runs on into longer names of its own
        # entity that begin inside it; where it ends now if none does.
        end = start + len(surface)
        while surface in self._runs_on:
            for offset in self._runs_on[surface]:
                longer = pattern.match(text, start + offset)
                if longer is None or longer.end() <= end:
                    continue
                found = longer.group(0)
                if (self._settled.get(found) or _choose(self._surfaces[found], prefer))[1] == key:
                    start, surface, end = start + offset, found, longer.end()
                    break
            else:
                break
        return end


def _running_on(surfaces: Mapping[str, tuple[Candidate, ...]]) -> dict[str, tuple[int, ...]]:
    # Each surface of an entity with a tail (the words after one of its
    # spaces) that another surface of the same entity starts with and goes
    # on from: the tails' offsets.
    of_key: dict[str, list[str]] = {}
    for surface, candidates in surfaces.items():
        for entity, key, lead in candidates:
            if entity is not None and not lead:
                of_key.setdefault(key, []).append(surface)
    found: dict[str, tuple[int, ...]] = {}
    for names in of_key.values():
        if len(names) < 2:
            continue
        for surface in names:
            offsets = tuple(
                i + 1
                for i, char in enumerate(surface)
                if char == " " and any(other.startswith(surface[i + 1 :] + " ") for other in names)
            )
            if offsets:
                found[surface] = offsets
    return found


# No character below U+0300 is a mark: Latin text never asks unicodedata.
_FIRST_MARK = "\u0300"


def _is_mark(char: str) -> bool:
    return char >= _FIRST_MARK and unicodedata.category(char)[0] == "M"


def _whole_letters(text: str, start: int, matched: int, after: int) -> bool:
    """False when a word-bounded match (``start:matched``, its last letter's
    marks running to ``after``) splits a letter from its marks: it begins on
    a mark, or those marks run on into more letters ("राम" in "रामायण"). The
    standard ``re`` counts no mark as a word character."""
    if start > 0 and _is_mark(text[start - 1]):
        return False
    return after == matched or after == len(text) or not _WORD.match(text, after)


def _past_marks(text: str, end: int) -> int:
    # A name's last letter keeps its marks: the vowel signs of حفترُ.
    size = len(text)
    while end < size and _is_mark(text[end]):
        end += 1
    return end


_WORD = re.compile(rf"[^\W{SPACELESS_RANGES}{HANGUL_RANGES}]")
# Letters and their marks (a Burmese asat before a name is a letter's).
_LETTER = regex.compile(r"\w")


def _touches(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is written onto letters (ရန်ကုန်ကို, AAသည်)."""
    return (start > 0 and _is_letter(text[start - 1])) or (
        end < len(text) and _is_letter(text[end])
    )


def _is_letter(char: str) -> bool:
    # Most characters beside a name are ASCII spaces and punctuation: those
    # are told without the regex engine (its \w is [A-Za-z0-9_] there).
    if char < "\x80":
        return char.isalnum() or char == "_"
    return _LETTER.match(char) is not None


# (the entity, or None for a phrase never to link; its key; how many first
# letters of the surface are a proclitic, left outside the mention)
Candidate = tuple[Entity | None, str, int]


def _whole(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    # A word that is a name as written is that name: و + ليد never
    # overrides a registered وليد, whatever section each is in.
    found = tuple(candidates)
    whole = tuple(c for c in found if c[2] == 0)
    return whole or found


def _choose(candidates: tuple[Candidate, ...], prefer: Container[str]) -> Candidate:
    real = [c for c in candidates if c[0] is not None]
    if not real:
        return candidates[0]  # a phrase never to link, or an ambiguous alias
    if len(real) == 1:
        return real[0]
    preferred = [c for c in real if c[1] in prefer]
    if len(preferred) == 1:
        return preferred[0]
    return next((c for c in real if c[0] is not None and c[0].section == "places"), real[0])


def variants(name: str, *, exact: bool | None = None) -> tuple[str, ...]:
    """The forms of a name the linker matches: as registered; unless it is an
    acronym, also in sentence case and title case (first letters capitalised).

    ``exact=True`` gives only the registered form, ``exact=False`` only the others.
    """
    name = " ".join(name.split())
    if not name:
        return ()
    forms = [name]
    if not is_acronym(name):
        forms.append(name[0].upper() + name[1:])
        forms.append(name[0].upper() + name[1:].lower())
        forms.append(" ".join(word[0].upper() + word[1:] for word in name.split(" ")))
    found = tuple(dict.fromkeys(forms))
    if exact is None:
        return found
    return found[:1] if exact else found[1:]


@dataclass
class LinkState:
    """Per-document state: the linker, what is linked, everything mentioned.

    Keys in ``linked`` at the start are never linked (a profile never links
    to its own entity).
    """

    linker: Linker
    linked: set[str] = field(default_factory=set)
    # the keys of the entities the document lists: a shared name means them
    prefer: frozenset[str] = frozenset()
    # entity key -> 0-based line of its first mention, counted in the body
    mentioned: dict[str, int] = field(default_factory=dict)
    # entity key -> how many times the document names it
    times: dict[str, int] = field(default_factory=dict)
    # entity key -> the sentence around its first mention, as (before, name, after)
    contexts: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    line: int = 0


def link_mentions(state: StateCore) -> None:
    """markdown-it-py core rule: link the first mention of each entity."""
    links = state.env.get(ENV_KEY)
    if not isinstance(links, LinkState):
        return
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        if index > 0 and tokens[index - 1].type == "heading_open":
            continue
        links.line = token.map[0] if token.map else links.line
        token.children = _link_children(token.children, links)


# Emphasis marks take no room in the text names are matched in; a barrier
# character stands for anything a name cannot run through (code, images,
# links, raw HTML, a hard break).
_OPEN = {"em_open": "em", "strong_open": "strong", "s_open": "s"}
_CLOSE = {"em_close": "em", "strong_close": "strong", "s_close": "s"}
_BARRIER = "\x00"
_SPACE = {"softbreak": " ", "hardbreak": " ", "html_inline": " "}


@dataclass
class _Flat:
    """A paragraph's inline tokens as one text, and where each text token lies in it."""

    text: str
    starts: list[int]  # flat offset of each text token, in order
    indices: list[int]  # its index among the children
    breaks: list[int]  # flat offsets of line breaks
    # The paragraph as a reader sees it (link and code text in place of
    # barriers), and where each text token lies in it.
    shown: str = ""
    shown_starts: list[int] = field(default_factory=list)

    def shown_at(self, offset: int, token: int) -> int:
        """The offset in ``shown`` of a flat ``offset`` within text token ``token``."""
        return self.shown_starts[token] + offset - self.starts[token]


def _flatten(children: list[Token]) -> _Flat:
    parts: list[str] = []
    starts: list[int] = []
    indices: list[int] = []
    breaks: list[int] = []
    position = 0
    shown: list[str] = []
    shown_starts: list[int] = []
    shown_at = 0

    def show(text: str) -> None:
        nonlocal shown_at
        shown.append(text)
        shown_at += len(text)

    inside_link = 0  # Markdown links: balanced by the parser
    inside_html_link = 0  # raw <a ...> ... </a>: as balanced as the author made them
    spans: list[bool] = []  # open [..]{...} spans: True for {.nolink}

    def add(text: str) -> None:
        nonlocal position
        parts.append(text)
        position += len(text)

    for index, child in enumerate(children):
        kind = child.type
        if kind == "link_open":
            inside_link += 1
        elif kind == "link_close":
            inside_link -= 1
        elif kind == "html_inline":
            # markdown-it-py's own tests, as its linkify rule uses them: any
            # case, any whitespace after "<a" (a newline too); "</abbr>" is
            # not "</a>".
            if isLinkOpen(child.content):
                inside_html_link += 1
            elif isLinkClose(child.content):
                inside_html_link = max(0, inside_html_link - 1)
        elif kind == "span_open":
            spans.append("nolink" in str(child.attrs.get("class", "")).split())
        elif kind == "span_close" and spans:
            spans.pop()
        if kind in ("softbreak", "hardbreak"):
            breaks.append(position)
        breaks.extend([position] * child.content.count("\n") if kind != "text" else [])
        if inside_link or inside_html_link or any(spans) or kind in ("link_close",):
            add(_BARRIER)
            show(_seen(child))
        elif kind == "text":
            if child.content:
                starts.append(position)
                indices.append(index)
                shown_starts.append(shown_at)
                add(child.content)
                show(child.content)
        elif kind in ("softbreak", "hardbreak"):
            add(" " if kind == "softbreak" else _BARRIER)
            show(" ")
        elif kind not in _OPEN and kind not in _CLOSE and kind not in ("span_open", "span_close"):
            add(_BARRIER)
            show(_seen(child))
    return _Flat("".join(parts), starts, indices, breaks, "".join(shown), shown_starts)


def _seen(token: Token) -> str:
    # What a reader sees of a token names are not matched in: its text, or a space.
    return token.content if token.type in ("text", "code_inline") else _SPACE.get(token.type, "")


def _balanced(children: list[Token]) -> bool:
    """True when the emphasis marks among ``children`` open and close in pairs."""
    stack: list[str] = []
    for child in children:
        if child.type in _OPEN:
            stack.append(_OPEN[child.type])
        elif child.type in _CLOSE and (not stack or stack.pop() != _CLOSE[child.type]):
            return False
    return not stack


def _extent(
    children: list[Token], first: int, at_start: bool, last: int, at_end: bool
) -> tuple[int, int] | None:
    """How many emphasis marks a link from child ``first`` to child ``last``
    must take in on each side to nest properly, fewest first; None if no way."""
    opens = 0
    while at_start and first - opens - 1 >= 0 and children[first - opens - 1].type in _OPEN:
        opens += 1
    closes = 0
    while (
        at_end and last + closes + 1 < len(children) and children[last + closes + 1].type in _CLOSE
    ):
        closes += 1
    for before in range(opens + 1):
        for after in range(closes + 1):
            if _balanced(children[first - before : last + after + 1]):
                return before, after
    return None


Position = tuple[int, int]  # (child index, offset in a text child; 0/1 before/after another)


def _link_children(children: list[Token], links: LinkState) -> list[Token]:
    flat = _flatten(children)
    events: dict[Position, list[Token]] = {}
    for mention in links.linker.mentions(flat.text, links.prefer):
        if mention.entity is None:  # a phrase that must never link
            continue
        key = mention.key
        links.times[key] = links.times.get(key, 0) + 1
        attached = mention.attached
        if key in links.mentioned and key in links.linked and not attached:
            continue  # counted: nothing more to note or link
        # The text tokens the mention starts and ends in, and where in them.
        first = bisect_right(flat.starts, mention.start) - 1
        last = bisect_left(flat.starts, mention.end) - 1
        if key not in links.mentioned:
            links.mentioned[key] = links.line + bisect_left(flat.breaks, mention.start)
            start, end = flat.shown_at(mention.start, first), flat.shown_at(mention.end, last)
            links.contexts[key] = sentence_around(flat.shown, start, end)
        linking = key not in links.linked
        if not linking and not attached:
            continue
        start_in = mention.start - flat.starts[first]
        end_in = mention.end - flat.starts[last]
        first_child, last_child = flat.indices[first], flat.indices[last]
        at_end = end_in == len(children[last_child].content)
        extent = _extent(children, first_child, start_in == 0, last_child, at_end)
        if extent is None:
            continue
        tag = "a" if linking else "span"
        opening = Token(f"{'link' if linking else 'span'}_open", tag, 1)
        closing = Token(f"{'link' if linking else 'span'}_close", tag, -1)
        if linking:
            links.linked.add(key)
            opening.attrs = dict(links.linker.attrs(mention.entity))
        if attached:
            opening.attrs.update(
                search_term(mention.term or flat.text[mention.start : mention.end])
            )
        before, after = extent
        open_at = (first_child - before, 0) if before else (first_child, start_in)
        close_at = (last_child + after, 1) if after else (last_child, end_in)
        events.setdefault(open_at, []).append(opening)
        events.setdefault(close_at, []).insert(0, closing)
    return _rebuild(children, events) if events else children


# The search index's words are what spaces separate: a name written onto
# other letters would be indexed only as part of them, so a search for حفتر
# would not find وحفتر. Pagefind leaves out an element marked
# data-pagefind-ignore and indexes the attributes it names in
# data-pagefind-index-attrs as words of their own, in the same place; the
# zero-width space keeps Pagefind from ending the sentence there (it takes it
# out of the word).
SEARCH_TERM = "data-term"


def search_term(name: str) -> dict[str, str]:
    """The attributes that index a name written onto other letters as a word."""
    return {
        "data-pagefind-ignore": "",
        "data-pagefind-index-attrs": SEARCH_TERM,
        SEARCH_TERM: " ".join(name.split()) + "\u200b",
    }


# Longer sentences are cut around the name: a line on a wide screen, three on a phone.
CONTEXT_CHARS = 160
SHORT_SENTENCE = 50  # a sentence shorter than this takes the next one with it


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence of ``text`` holding ``text[start:end]`` (with the next
    one if it is short), as (before, name, after), cut to about
    :data:`CONTEXT_CHARS` around the name with ellipses."""
    begin = 0
    ends = sentence_ends(text)
    for found in ends.finditer(text, 0, start):
        begin = found.end()
    stop = len(text)  # the paragraph's end, unless a sentence ends long enough
    for found in ends.finditer(text, end):
        if found.start() + 1 - begin >= SHORT_SENTENCE:
            stop = found.start() + len(found.group().rstrip())
            break
    before, name, after = text[begin:start], text[start:end], text[end:stop]
    room = max(CONTEXT_CHARS - len(name), 40)
    if len(before) + len(after) > room:
        keep_before = min(len(before), room // 3)
        keep_after = room - keep_before
        if len(after) < keep_after:
            keep_before = room - len(after)
        before = _cut_left(before, keep_before)
        after = _cut_right(after, keep_after)
    return before.lstrip(), name, after.rstrip()


def _cut_left(text: str, keep: int) -> str:
    if len(text) <= keep:
        return text
    # never between a letter and its marks: Burmese and Thai have no spaces to cut at
    tail = text[cluster_floor(text, len(text) - keep) :]
    space = tail.find(" ")
    return "…" + (tail[space + 1 :] if 0 <= space < keep // 2 else tail)


def _cut_right(text: str, keep: int) -> str:
    if len(text) <= keep:
        return text
    head = text[: cluster_floor(text, keep)]
    space = head.rfind(" ")
    return (head[:space] if space > keep // 2 else head) + "…"


def _rebuild(children: list[Token], events: dict[Position, list[Token]]) -> list[Token]:
    """``children`` with link tokens put in at their positions, text split to fit."""
    out: list[Token] = []
    for index, child in enumerate(children):
        if child.type != "text":
            out.extend(events.get((index, 0), ()))
            out.append(child)
            out.extend(events.get((index, 1), ()))
            continue
        text = child.content
        cursor = 0
        for offset in sorted(o for i, o in events if i == index):
            if offset > cursor:
                out.append(_text(text[cursor:offset], child))
                cursor = offset
            out.extend(events[(index, offset)])
        if cursor < len(text):
            out.append(_text(text[cursor:], child))
    return out


def _text(content: str, like: Token) -> Token:
    return Token("text", "", 0, content=content, level=like.level)
