"""Stage 2, resolve (prose): link each registry entity's first mention in a body.

All names and aliases go into one trie-shaped regular expression, compiled
once per build, so finding every mention in a text is a single scan whatever
the size of the registry. The linking itself is a markdown-it-py core rule
over inline text tokens: it never looks inside headings, code, images or
existing links, because those never reach it as plain text tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeAlias

from markdown_it.common.utils import isLinkClose, isLinkOpen
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .model import Entity

ENV_KEY = "dossier_links"
_Trie: TypeAlias = dict[str, "_Trie"]
# Letters, digits and the underscore: a name must not continue into them, so
# "Misratan" is not "Misrata". Apostrophes are not word characters, so
# "Haftar's" and "Haftar’s" still mention Haftar.
_BEFORE = r"(?<![\w])"
_AFTER = r"(?![\w])"


def is_acronym(alias: str) -> bool:
    """True for aliases matched case-sensitively: BM, GNA, HoR, ISIS, AFRICOM."""
    if " " in alias or len(alias) > 10:
        return False
    return sum(c.isupper() for c in alias) >= 2


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
    """An entity named in a text, at ``start:end``."""

    start: int
    end: int
    entity: Entity
    key: str


class Linker:
    """Finds entity mentions in text and turns first mentions into links.

    Matching is case-sensitive, as names are written: an acronym (BM, HoR)
    must match exactly, and "the presidential council" in lower case is a
    phrase, not the body. A name may also start with a capital at the head of
    a sentence ("Al-Sarraj said"). Case-sensitive matching is also twice as
    fast as ignoring case. ``href`` gives the link of an entity's page.
    """

    def __init__(self, entities: Iterable[Entity], href: Callable[[Entity], str]) -> None:
        self.href = href
        self._surfaces: dict[str, tuple[Entity, str]] = {}
        for entity in entities:
            for name in (entity.name, *entity.aliases):
                for surface in _variants(name):
                    self._surfaces.setdefault(surface, (entity, entity.key))
        self._pattern = (
            re.compile(_BEFORE + trie_pattern(sorted(self._surfaces)) + _AFTER)
            if self._surfaces
            else None
        )

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every mention in ``text``, left to right, longest match first."""
        if self._pattern is None:
            return
        surfaces = self._surfaces
        for match in self._pattern.finditer(text):
            entity, key = surfaces[match.group(0)]
            yield Mention(match.start(), match.end(), entity, key)


def _variants(name: str) -> tuple[str, ...]:
    """The forms of a name the linker matches: as written, and capitalised."""
    name = " ".join(name.split())
    if not name:
        return ()
    if is_acronym(name) or not name[0].islower():
        return (name,)
    return (name, name[0].upper() + name[1:])


@dataclass
class LinkState:
    """Per-document state: the linker, what is linked, everything mentioned."""

    linker: Linker
    linked: set[str] = field(default_factory=set)
    # entity key -> 0-based line of its first mention, counted in the body
    mentioned: dict[str, int] = field(default_factory=dict)
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


def _link_children(children: list[Token], links: LinkState) -> list[Token]:
    result: list[Token] = []
    inside_link = 0  # Markdown links: balanced by the parser
    inside_html_link = 0  # raw <a ...> ... </a>: as balanced as the author made them
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            links.line += 1
        if child.type == "link_open":
            inside_link += 1
        elif child.type == "link_close":
            inside_link -= 1
        elif child.type == "html_inline":
            # markdown-it-py's own tests, as its linkify rule uses them: any
            # case, any whitespace after "<a" (a newline too); "</abbr>" is
            # not "</a>".
            if isLinkOpen(child.content):
                inside_html_link += 1
            elif isLinkClose(child.content):
                inside_html_link = max(0, inside_html_link - 1)
        if child.type != "text" or inside_link > 0 or inside_html_link > 0:
            result.append(child)
            continue
        result.extend(_split_text(child, links))
    return result


def _split_text(token: Token, links: LinkState) -> list[Token]:
    text = token.content
    out: list[Token] = []
    cursor = 0
    for mention in links.linker.mentions(text):
        key = mention.key
        if key not in links.mentioned:
            links.mentioned[key] = links.line
        if key in links.linked:
            continue
        links.linked.add(key)
        if mention.start > cursor:
            out.append(_text(text[cursor : mention.start], token))
        opening = Token("link_open", "a", 1)
        opening.attrs = {"href": links.linker.href(mention.entity), "class": "mention"}
        out.extend([opening, _text(text[mention.start : mention.end], token),
                    Token("link_close", "a", -1)])  # fmt: skip
        cursor = mention.end
    if not out:
        return [token]
    if cursor < len(text):
        out.append(_text(text[cursor:], token))
    return out


def _text(content: str, like: Token) -> Token:
    token = Token("text", "", 0, content=content, level=like.level)
    return token
