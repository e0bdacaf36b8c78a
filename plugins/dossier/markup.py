"""Markdown to safe HTML: one configured markdown-it-py parser, one sanitiser.

The body is the only HTML an author controls, so it is the only text the
theme marks safe; it passes through nh3 so that raw HTML in Markdown cannot
carry script, event handlers or ``javascript:`` URLs to readers.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .link import SEARCH_TERM, link_mentions
from .slugs import slugify

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul",
}  # fmt: skip
SEARCH_TERM_ATTRIBUTES = ("data-pagefind-ignore", "data-pagefind-index-attrs", SEARCH_TERM)
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "data-card", *SEARCH_TERM_ATTRIBUTES},
    "span": set(SEARCH_TERM_ATTRIBUTES),
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "blockquote": {"cite"},
}


def _heading_id(text: str) -> str:
    return slugify(text)


@cache
def parser() -> MarkdownIt:
    """The shared Markdown parser: CommonMark, tables, footnotes, heading ids."""
    md = MarkdownIt("commonmark", {"typographer": False}).enable("table")
    footnote_plugin(md)
    # `[Agar jelly]{.nolink}`: an author's way to keep one phrase unlinked.
    # Attributes are read on such spans only, and only classes.
    attrs_plugin(md, spans=True, after=("span_close",), allowed=("class",))
    anchors_plugin(md, min_level=2, max_level=4, slug_func=_heading_id)
    md.core.ruler.after("inline", "dossier_reserved", _strip_reserved)
    md.core.ruler.after("dossier_reserved", "dossier_link", link_mentions)
    md.core.ruler.push("dossier_align", _align_classes)
    return md


# The search words the linker gives a name written onto other letters are
# Dossier's alone: in an author's raw HTML they could hide text from search or
# plant words (and Pagefind's own weight markers) that the page never shows.
_RESERVED = re.compile(
    r"""\s(data-pagefind-[\w-]*|data-term)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""",
    re.IGNORECASE,
)


def _strip_reserved(state: StateCore) -> None:
    for token in state.tokens:
        for raw in (token, *(token.children or ())):
            if raw.type in ("html_block", "html_inline") and _RESERVED.search(raw.content):
                # kept on the token, for check's warning (removed_html)
                raw.meta["reserved"] = sorted(
                    {m.group(1).lower() for m in _RESERVED.finditer(raw.content)}
                )
                raw.content = _RESERVED.sub("", raw.content)


def _align_classes(state: StateCore) -> None:
    # Table alignment as classes, not style attributes: the theme's
    # Content-Security-Policy allows no inline styles.
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrs["class"] = "align-" + style.removeprefix("text-align:")


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CARD = re.compile(r"^/(?![/\\])[^\s\"'<>\\]*$")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Body ids are slugs (letters, digits, hyphens); the theme's own ids all
    # contain "_", so no heading or raw HTML can take the skip link's target.
    if attribute == "id" and not _ID.match(value):
        return None
    # Hover card data is a path on this site, never another site's or a script.
    if attribute == "data-card" and not _CARD.match(value):
        return None
    # A name's own word for the search index, and nothing else of Pagefind's.
    if attribute == "data-pagefind-index-attrs" and value != SEARCH_TERM:
        return None
    if attribute == "data-pagefind-ignore" and value:
        return None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        clean_content_tags={"script", "style"},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|blockquote|td|th|dd|dt)>|<br\s*/?>", re.IGNORECASE)


def plain_text(html: str) -> str:
    """Rendered HTML as a reader reads it: no markup, entities decoded, one
    space between words (and between blocks)."""
    return " ".join(unescape(_TAG.sub("", _BLOCK_END.sub(" ", html))).split())


def sanitise(html: str) -> str:
    """Remove every tag, attribute and URL scheme the archive does not allow."""
    return _cleaner().clean(html)


_OPENING = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def removed_html(tokens: list[Token]) -> list[tuple[int, str]]:
    """What the sanitiser will take out of the author's raw HTML, as
    (0-based line in the body, message): elements and attributes the archive
    does not allow, and links with a scheme other than http(s) or mailto.

    Each kind of removal is reported once, where it first happens, with how
    many times it happens in all.
    """
    first: dict[str, tuple[int, int]] = {}
    for line, message in _removals(tokens):
        where, times = first.get(message, (line, 0))
        first[message] = (where, times + 1)
    return sorted(
        (line, message if times == 1 else f"{message} ({times} times in this file)")
        for message, (line, times) in first.items()
    )


def _removals(tokens: list[Token]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type == "html_block" and token.map:
            found += _removed_in(token.content, token.map[0])
            found += _reserved_in(token, token.map[0])
        elif token.type == "inline" and token.children and token.map:
            line = token.map[0]
            for child in token.children:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "html_inline":
                    found += _removed_in(child.content, line)
                    found += _reserved_in(child, line)
                    line += child.content.count("\n")
    return found


def _reserved_in(token: Token, line: int) -> list[tuple[int, str]]:
    return [(line, f"attribute '{name}' is Dossier's own and is removed")
            for name in token.meta.get("reserved", ())]  # fmt: skip


def _removed_in(html: str, first_line: int) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for element in _OPENING.finditer(html):
        tag = element.group(1).lower()
        line = first_line + html[: element.start()].count("\n")
        if tag not in _TAGS:
            found.append((line, f"raw HTML <{tag}> is removed: the archive does not allow it"))
            continue
        allowed = _ATTRIBUTES["*"] | _ATTRIBUTES.get(tag, set())
        for attribute in _ATTRIBUTE.finditer(element.group(2)):
            name = attribute.group(1).lower()
            value = (attribute.group(2) or "").strip("\"'")
            if name not in allowed:
                found.append((line, f"attribute '{name}' on <{tag}> is removed"))
            elif name in ("href", "src", "cite"):
                scheme = _SCHEME.match(value)
                if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
                    found.append((line, f"a {scheme.group(1).lower()}: link on <{tag}> is removed"))
    return found


def render(tokens: list[Token]) -> str:
    """Render parsed tokens to sanitised HTML."""
    md = parser()
    return sanitise(md.renderer.render(tokens, md.options, {}))


def parse(text: str, env: dict[str, Any] | None = None) -> list[Token]:
    """Parse Markdown text into markdown-it-py tokens.

    ``env`` is markdown-it-py's per-document environment; the mention linker
    reads its state from there.
    """
    return parser().parse(text, env if env is not None else {})


def inline(text: str, env: dict[str, Any] | None = None) -> tuple[str, str]:
    """One line of inline Markdown (no blocks: "# x" stays text) as sanitised
    HTML and as plain text."""
    md = parser()
    tokens = md.parseInline(text, env if env is not None else {})
    html = sanitise(md.renderer.render(tokens, md.options, {}))
    return html, _plain_text(tokens[0].children or []) if tokens else ""


def first_paragraph_text(tokens: list[Token]) -> str:
    """Plain text of the first top-level paragraph, for a default summary."""
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0:
            inline = tokens[index + 1]
            return _plain_text(inline.children or [])
    return ""


def _plain_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
