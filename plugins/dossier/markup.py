"""Markdown to safe HTML: one configured markdown-it-py parser, one sanitiser.

The body is the only HTML an author controls, so it is the only text the
theme marks safe; it passes through nh3 so that raw HTML in Markdown cannot
carry script, event handlers or ``javascript:`` URLs to readers.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .link import link_mentions
from .slugs import slugify

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
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
    md.core.ruler.after("inline", "dossier_link", link_mentions)
    md.core.ruler.push("dossier_align", _align_classes)
    return md


def _align_classes(state: StateCore) -> None:
    # Table alignment as classes, not style attributes: the theme's
    # Content-Security-Policy allows no inline styles.
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrs["class"] = "align-" + style.removeprefix("text-align:")


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Body ids are slugs (letters, digits, hyphens); the theme's own ids all
    # contain "_", so no heading or raw HTML can take the skip link's target.
    if attribute == "id" and not _ID.match(value):
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


def sanitise(html: str) -> str:
    """Remove every tag, attribute and URL scheme the archive does not allow."""
    return _cleaner().clean(html)


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
