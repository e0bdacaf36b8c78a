"""Stage 1, read: a briefing file's text becomes a validated :class:`Briefing`.

Front-matter is split with python-frontmatter's YAML handler and parsed with a
PyYAML loader that remembers the line of every top-level key, so that each
problem is reported as ``path:line``. Every problem in a file is collected
before raising, so an author fixes a file in one go.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it.token import Token

from . import fields, markup
from .errors import ContentError, ContentErrors, FrontMatterError
from .link import ENV_KEY, Linker, LinkState
from .model import (
    DIRECTIONS,
    Briefing,
    Context,
    Diagnostic,
    Direction,
    Page,
    Source,
    Status,
    Takeaway,
    Trend,
    name_key,
)
from .slugs import SLUG_PATTERN, ascii_slug, slug_from_filename

BRIEFING_KEYS = fields.keys(fields.BRIEFING)
# A takeaway is a line, not a paragraph: longer ones get a warning.
TAKEAWAY_CHARS = 300
PAGE_KEYS = fields.keys(fields.PAGE)
_HANDLER = YAMLHandler()


# libyaml's parser when PyYAML was built with it: several times faster, with
# the same marks (lines) and the same safe constructors.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that leaves dates as text: we parse them with located errors."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    """Parsed front-matter: the mapping, each key's line, and the body."""

    path: str
    data: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    problems: list[Diagnostic] = field(default_factory=list)
    # key -> the line of each key of its value, when that value is a mapping
    entry_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    # key -> the keys its mapping repeats, with the line of each repeat (YAML
    # keeps the last silently)
    repeated: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def line(self, key: str, entry: str | None = None) -> int:
        """The 1-based line of ``key`` in the file (of ``entry`` within its
        mapping, if given and there), or 1 when it is absent."""
        if entry is not None and entry in self.entry_lines.get(key, {}):
            return self.entry_lines[key][entry]
        return self.lines.get(key, 1)

    def error(self, code: str, key: str, message: str, entry: str | None = None) -> None:
        """Record an error (of kind ``code``) located at ``key`` (at its ``entry``, if given)."""
        where = self.line(key, entry)
        self.problems.append(Diagnostic(self.path, where, "error", message, code))

    def warn(self, code: str, key: str, message: str) -> None:
        """Record a warning (of kind ``code``) located at ``key``."""
        self.problems.append(Diagnostic(self.path, self.line(key), "warning", message, code))

    def errors(self) -> list[Diagnostic]:
        """The errors recorded so far."""
        return [p for p in self.problems if p.severity == "error"]


def outside(target: Path) -> str:
    """What is said of a file or folder that leads outside the content folder."""
    return f"links to {target}, outside the content folder: not read"


@functools.lru_cache(maxsize=4096)
def real_folder(folder: Path) -> Path:
    """A folder's real path, links resolved (``load`` clears this per run)."""
    return folder.resolve()


def load_text(file: Path, shown: str, root: Path | None = None) -> str:
    """A content file's text; any failure is a located error, never a crash.

    A file that resolves outside ``root`` (a symbolic link to /etc, to a home
    folder, to another repository) is an error and is never read.
    """
    if root is not None:
        # The folder's real path is worked out once per folder, the file's
        # only when it is a link itself: 10,000 full resolves cost a second.
        target = file.resolve() if file.is_symlink() else real_folder(file.parent) / file.name
        if not target.is_relative_to(real_folder(root)):
            raise ContentError(shown, 0, outside(target), "D001")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ContentError(
            shown, 0, f"cannot read the file: {exc.strerror or exc}", "D001"
        ) from None
    return decode(data, shown)


def decode(data: bytes, path: str) -> str:
    """File bytes as text, or a located error for binary or non-UTF-8 files."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ContentError(path, line, "binary file: it contains a NUL byte", "D002")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise ContentError(
            path, line, f"not UTF-8 text: byte 0x{byte:02x} cannot be decoded", "D002"
        ) from None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(raw: str) -> str:
    """Drop a byte-order mark and turn CRLF or CR line ends into LF."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def strip_controls(text: str, path: str) -> tuple[str, list[Diagnostic]]:
    """Remove control characters (a form feed pasted from a word processor,
    say): XML forbids them, so one would break every feed the text reaches."""
    found = _CONTROL.search(text)
    if found is None:
        return text, []
    line = text[: found.start()].count("\n") + 1
    message = f"control character U+{ord(found.group()):04X} removed (and any others)"
    return _CONTROL.sub("", text), [Diagnostic(path, line, "warning", message, "D003")]


def prepare(raw: str, path: str) -> FrontMatter:
    """Normalised, control-free text split into front-matter and body."""
    text, problems = strip_controls(normalise_text(raw), path)
    fm = split_front_matter(text, path)
    fm.problems.extend(problems)
    return fm


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Split ``text`` into a YAML mapping with key lines and a Markdown body."""
    if not _HANDLER.detect(text):
        raise FrontMatterError(path, 1, "no front-matter: the file must start with a '---' line")
    try:
        yaml_text, body = _HANDLER.split(text)
    except ValueError:
        raise FrontMatterError(
            path, 1, "front-matter is not closed: add a '---' line after it"
        ) from None
    body_line = text[: len(text) - len(body)].count("\n") + 1
    opening = _HANDLER.FM_BOUNDARY.match(text)
    # File line of the YAML text's first line: the boundary pattern may have
    # swallowed blank lines after the opening '---'.
    first_line = text[: opening.end() if opening else 0].count("\n") + 1
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the unfinished thing began (the opening
        # quote, the '['): that is the line to fix, not where the parser gave up.
        unclosed = (exc.context or "") in _YAML_CONTEXTS
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else 1
        raise FrontMatterError(path, line, f"invalid YAML: {_yaml_problem(exc)}") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(path, 1, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(path, 2, "front-matter must be a mapping of keys to values")
    lines = {
        str(key.value): key.start_mark.line + first_line
        for key, _value in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    entry_lines = {
        str(key.value): {
            str(k.value): k.start_mark.line + first_line
            for k, _v in value.value
            if isinstance(k, yaml.ScalarNode)
        }
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.MappingNode)
    }
    repeated: dict[str, list[tuple[str, int]]] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.MappingNode):
            seen: set[str] = set()
            for k, _v in value.value:
                if isinstance(k, yaml.ScalarNode) and k.value in seen:
                    line = k.start_mark.line + first_line
                    repeated.setdefault(str(key.value), []).append((str(k.value), line))
                seen.add(str(k.value) if isinstance(k, yaml.ScalarNode) else "")
    data = {str(k): v for k, v in data.items()}
    return FrontMatter(
        path, data, lines, body, body_line, entry_lines=entry_lines, repeated=repeated
    )


_YAML_CONTEXTS = {
    "while scanning a quoted scalar": "a quote opened on this line is never closed",
    "while parsing a flow sequence": "a list opened with '[' on this line is not closed with ']', "
    "or misses a comma",
    "while parsing a flow mapping": "a mapping opened with '{' on this line is not closed "
    "with '}', or misses a comma",
}


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's complaint, said the way an author can act on it."""
    context = exc.context or ""
    if context in _YAML_CONTEXTS:
        return f"{_YAML_CONTEXTS[context]} ({exc.problem})"
    problem = exc.problem or context or "not valid YAML"
    return f"{problem} ({context})" if context and exc.problem else problem


def parse_datetime(value: object, key: str = "date") -> dt.datetime:
    """A ``YYYY-MM-DD`` date or an ISO 8601 datetime, as a datetime.

    Raises ValueError with a reader-facing message about ``key`` otherwise.
    """
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a date such as 2016-10-07")
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.datetime.strptime(text, "%Y-%m-%d")
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD or an ISO datetime") from None


def _text(fm: FrontMatter, key: str, *, required: bool = False) -> str:
    value = fm.data.get(key)
    if value is None:
        if required:
            fm.error("D102", key, f"missing required key '{key}'")
        return ""
    if not isinstance(value, str):
        fm.error("D103", key, f"'{key}' must be text, not {_kind(value)}: quote it")
        return ""
    if required and not value.strip():
        fm.error("D104", key, f"'{key}' is empty")
    return value.strip()


def names(fm: FrontMatter, key: str) -> tuple[str, ...]:
    """A list of names (a single name stands for a list of one), spaces
    normalised and duplicates dropped; anything else is an error at ``key``."""
    value = fm.data.get(key)
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        fm.error("D103", key, f"'{key}' must be a name or a list of names")
        return ()
    found: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            fm.error("D103", key, f"'{key}' must list names, not {_kind(item)}")
            continue
        name = " ".join(str(item).split())
        if name and name not in found:
            found.append(name)
    return tuple(found)


def _date(fm: FrontMatter, key: str, tz: dt.tzinfo, *, required: bool) -> dt.datetime | None:
    value = fm.data.get(key)
    if value is None:
        if required:
            fm.error("D102", key, f"missing required key '{key}'")
        return None
    try:
        parsed = parse_datetime(value, key)
        # A date without a zone is the site's local time; a date with one is
        # shown in the site's time, so that order and grouping by month agree.
        return parsed.astimezone(tz) if parsed.tzinfo else parsed.replace(tzinfo=tz)
    except ValueError as exc:
        fm.error("D201", key, str(exc))
        return None


_FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")


def _check_file_date(fm: FrontMatter, stem: str, date: dt.datetime | None) -> None:
    """A warning when the file name's date and the front-matter's disagree:
    one of them is a typo, and the archive would file it by the front-matter."""
    found = _FILE_DATE.match(stem)
    if date is None or found is None:
        return
    named = "-".join(found.groups())
    if named != f"{date:%Y-%m-%d}":
        fm.warn("D202", "date", f"the file name says {named} but 'date' is {date:%Y-%m-%d}")


def _sources(fm: FrontMatter) -> tuple[Source, ...]:
    value = fm.data.get("sources")
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    sources: list[Source] = []
    for item in items:
        if isinstance(item, str):
            title, url = item.strip(), item.strip()
        elif _is_source(item):
            url = str(item.get("url") or "").strip()
            title = str(item.get("title") or url).strip()
        else:
            fm.error("D203", "sources", "each source must be a URL or a {title, url} mapping")
            continue
        if url and not _SAFE_URL.match(url):
            # The title is kept, as text: a javascript: or data: link never
            # reaches a reader.
            fm.warn(
                "D204", "sources", f"source URL {url!r} is not http(s) or mailto; shown as text"
            )
            url = ""
        sources.append(Source(title=title, url=url))
    return tuple(sources)


_SAFE_URL = re.compile(r"^(?:https?://|mailto:)[^\s]+$", re.IGNORECASE)


def _is_source(item: object) -> bool:
    if not isinstance(item, Mapping):
        return False
    title, url = item.get("title"), item.get("url")
    texts = all(v is None or isinstance(v, str) for v in (title, url))
    return texts and bool(title or url)


_LANG = fields.LANG


def _lang(fm: FrontMatter) -> str:
    value = _text(fm, "lang")
    if value and not _LANG.fullmatch(value):
        fm.error(
            "D205",
            "lang",
            f"'lang' must be a language tag such as 'ar', 'my' or 'fr', not {value!r}",
        )
        return ""
    return value


def _status(fm: FrontMatter) -> Status:
    value = fm.data.get("status", "published")
    if value in fields.STATUSES:
        status: Status = value
        return status
    fm.error("D206", "status", f"'status' must be 'draft' or 'published', not {value!r}")
    return "published"


_UNSAFE = re.compile(r"[/\\]|\.\.|^~")


def _slug(fm: FrontMatter, stem: str) -> str:
    given = _text(fm, "slug")
    if given and _UNSAFE.search(given):
        fm.error(
            "D207",
            "slug",
            f"unsafe slug {given!r}: a slug is one URL segment, no '/', '\\' or '..'",
        )
        return ""
    slug = ascii_slug(given) if given else slug_from_filename(stem)
    if not SLUG_PATTERN.match(slug):
        where = f"slug {given!r}" if given else f"file name {stem!r}"
        fm.error(
            "D207", "slug", f"{where} gives no URL slug: use ASCII letters, digits and hyphens"
        )
        return ""
    return slug


def _warn_removed_html(fm: FrontMatter, tokens: list[Token]) -> None:
    # Body lines are counted from the body's first line in the file.
    for offset, message in markup.removed_html(tokens):
        fm.problems.append(Diagnostic(fm.path, fm.body_line + offset, "warning", message, "D106"))


def check_keys(fm: FrontMatter, known: frozenset[str], where: str) -> None:
    """A warning for each key not in ``known``: a typo, usually."""
    for key in sorted(set(fm.data) - known):
        fm.warn("D105", key, f"unknown {where} key '{key}'")


def _kind(value: object) -> str:
    kinds: dict[type, str] = {
        list: "a list",
        dict: "a mapping",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }
    return kinds.get(type(value), type(value).__name__)


def read_briefing(
    raw: str,
    path: str,
    stem: str,
    tz: dt.tzinfo = dt.UTC,
    linker: Linker | None = None,
) -> tuple[Briefing, list[Diagnostic]]:
    """Parse and validate one briefing; return it with its warnings.

    ``path`` names the file in messages; ``stem`` is its file name without
    extension, from which the slug comes unless the front-matter sets one.
    Dates written without a zone are taken to be in ``tz``. With a
    ``linker``, the first prose mention of each registry entity becomes a
    link, and every entity mentioned is listed in ``Briefing.mentions``.
    Raises :class:`ContentErrors` (every problem in the file) when it is invalid.
    """
    fm = prepare(raw, path)
    check_keys(fm, BRIEFING_KEYS, "front-matter")
    title = _text(fm, "title", required=True)
    date = _date(fm, "date", tz, required=True)
    _check_file_date(fm, stem, date)
    summary = _text(fm, "summary")
    actors = names(fm, "actors")
    places = names(fm, "places")
    tags = names(fm, "tags")
    authors = names(fm, "authors")
    sources = _sources(fm)
    updated = _date(fm, "updated", tz, required=False)
    status = _status(fm)
    slug = _slug(fm, stem)
    lines = _takeaway_lines(fm)
    redirect_from = _old_addresses(fm)
    cutoff = _date(fm, "cutoff", tz, required=False)
    if cutoff is not None and date is not None and cutoff > date:
        fm.warn(
            "D209",
            "cutoff",
            "the information runs to after the briefing's date: is 'cutoff' right?",
        )
    trends = _trends(fm, actors, places, linker)
    lang = _lang(fm)
    if date is None or fm.errors():
        raise ContentErrors(fm.problems)
    links = first_links = None
    if linker is not None:
        prefer = linker.keys("actors", actors) | linker.keys("places", places)
        links = LinkState(linker, prefer=prefer)
        # Takeaways link names of their own: the body still links its first mentions.
        first_links = LinkState(linker, prefer=prefer)
    takeaways = tuple(
        Takeaway(*markup.inline(line, {ENV_KEY: first_links} if first_links else None))
        for line in lines
    )
    tokens = markup.parse(fm.body, {ENV_KEY: links} if links else None)
    if not fm.body.strip():
        fm.warn("D210", "title", "the briefing has no body text")
    _warn_removed_html(fm, tokens)
    # A name's first mention: in the takeaways, which come first, else in the body.
    mentioned = {
        **({k: fm.body_line + n for k, n in links.mentioned.items()} if links else {}),
        **dict.fromkeys(first_links.mentioned if first_links else (), fm.line("takeaways")),
    }
    briefing = Briefing(
        path=path,
        slug=slug,
        title=title,
        date=date,
        body_html=markup.render(tokens),
        summary=summary or markup.first_paragraph_text(tokens),
        summary_given=bool(summary),
        actors=actors,
        places=places,
        tags=tags,
        authors=authors,
        sources=sources,
        updated=updated,
        status=status,
        field_lines=tuple(sorted(fm.lines.items())),
        mentions=tuple(sorted(mentioned)),
        mention_lines=tuple(sorted(mentioned.items())),
        takeaways=takeaways,
        cutoff=cutoff,
        mention_counts=_times(links, first_links),
        redirect_from=redirect_from,
        trends=trends,
        contexts=_contexts(first_links, links),
        lang=lang,
    )
    return briefing, fm.problems


def _contexts(*states: LinkState | None) -> tuple[tuple[str, Context], ...]:
    # The first state that names an entity gives its context: the takeaways, then the body.
    found: dict[str, Context] = {}
    for state in states:
        for key, context in state.contexts.items() if state else ():
            found.setdefault(key, context)
    return tuple(sorted(found.items()))


def _times(*states: LinkState | None) -> tuple[tuple[str, int], ...]:
    total: dict[str, int] = {}
    for state in states:
        for key, n in state.times.items() if state else ():
            total[key] = total.get(key, 0) + n
    return tuple(sorted(total.items()))


def _old_addresses(fm: FrontMatter) -> tuple[str, ...]:
    """``redirect_from``: the site-relative addresses the briefing had, as
    ``path/`` or ``path.html`` without the leading slash."""
    found: list[str] = []
    for address in names(fm, "redirect_from"):
        path = address.strip().lstrip("/")
        parts = path.split("/")
        if "://" in address or address.startswith("//") or any(c in path for c in "?#\\ "):
            fm.error("D211", "redirect_from",
                     "'redirect_from' lists old addresses on this site, such as "
                     f"/2016/10/old-title/: '{address}' is not one")  # fmt: skip
        elif not path or ".." in parts or "." in parts:
            fm.error("D211", "redirect_from", f"'{address}' cannot be redirected: name an old page")
        else:
            if not path.endswith((".html", "/")):
                path += "/"
            if path not in found:
                found.append(path)
    return tuple(found)


_FLAGS = fields.FLAGS
_TREND_WORDS = (*DIRECTIONS, *_FLAGS)
_TREND_EXAMPLE = "such as 'deteriorated', 'improved, opportunity' or 'unchanged, alert'"


def _trends(
    fm: FrontMatter, actors: tuple[str, ...], places: tuple[str, ...], linker: Linker | None
) -> tuple[Trend, ...]:
    """``trends``: actor or place name -> 'deteriorated', 'improved' or
    'unchanged', with 'alert' and/or 'opportunity' after a comma (or the
    mapping ``{trend: …, alert: true}``). Each name must be one the briefing
    lists, under its own name or an alias of the same entity."""
    value = fm.data.get("trends")
    if value is None:
        return ()
    if not isinstance(value, dict):
        fm.error("D212", "trends", "'trends' maps actors and places to a trend, one per line, "
                 "such as 'El Fasher: deteriorated'")  # fmt: skip
        return ()
    for name, line in fm.repeated.get("trends", []):
        fm.problems.append(
            Diagnostic(fm.path, line, "error", f"'{name}' has two trends: keep one", "D213")
        )
    listed = {name_key(n) for n in (*actors, *places)}
    keys = (linker.keys("actors", actors) | linker.keys("places", places)) if linker else set()
    found: list[Trend] = []
    seen: set[str] = set()
    for raw_name, call in value.items():
        name = " ".join(str(raw_name).split())
        entry = str(raw_name)
        parsed = _trend_call(fm, name, entry, call)
        if parsed is None:
            continue
        named = linker.keys("actors", [name]) | linker.keys("places", [name]) if linker else set()
        if name_key(name) not in listed and not named & keys:
            fm.error("D214", "trends",
                     f"'{name}' has a trend but is not among this briefing's actors "
                     "or places: list it there too", entry)  # fmt: skip
            continue
        if name_key(name) in seen:
            fm.error("D213", "trends", f"'{name}' has two trends: keep one", entry)
            continue
        seen.add(name_key(name))
        direction, alert, opportunity = parsed
        found.append(Trend(name, direction, alert, opportunity, fm.line("trends", entry)))
    return tuple(found)


def _trend_call(
    fm: FrontMatter, name: str, entry: str, call: object
) -> tuple[Direction, bool, bool] | None:
    """One entry's value as (direction, alert, opportunity); None after an error."""
    words: list[str]
    if isinstance(call, str):
        words = [w for w in re.split(fields.TREND_SEPARATORS, call.casefold()) if w]
    elif isinstance(call, dict):
        unknown = sorted(str(k) for k in call if k not in ("trend", *_FLAGS))
        if unknown:
            fm.error("D212", "trends", f"unknown key '{unknown[0]}' in the trend of '{name}': "
                     "use 'trend', 'alert' and 'opportunity'", entry)  # fmt: skip
            return None
        if any(not isinstance(call.get(f, False), bool) for f in _FLAGS):
            fm.error("D212", "trends",
                     f"'alert' and 'opportunity' are true or false (trend of '{name}')",
                     entry)  # fmt: skip
            return None
        trend = call.get("trend")
        words = [str(trend).strip().casefold()] if trend is not None else []
        words += [f for f in _FLAGS if call.get(f)]
    else:
        fm.error("D212", "trends", f"the trend of '{name}' must be a word {_TREND_EXAMPLE}", entry)
        return None
    wrong = [w for w in words if w not in _TREND_WORDS]
    if wrong:
        hint = difflib.get_close_matches(wrong[0], _TREND_WORDS, n=1, cutoff=0.6)
        fm.error("D212", "trends", f"'{wrong[0]}' is not a trend (of '{name}'): "
                 + (f"did you mean '{hint[0]}'?" if hint else f"write one {_TREND_EXAMPLE}"),
                 entry)  # fmt: skip
        return None
    directions = [w for w in words if w in DIRECTIONS]
    if len(set(directions)) != 1:
        problem = "has no direction" if not directions else "has two directions"
        fm.error("D212", "trends", f"the trend of '{name}' {problem}: write one of "
                 "'deteriorated', 'improved' or 'unchanged', then any flags", entry)  # fmt: skip
        return None
    direction: Direction = next(d for d in DIRECTIONS if d == directions[0])
    return direction, "alert" in words, "opportunity" in words


def _takeaway_lines(fm: FrontMatter) -> list[str]:
    """``takeaways``: a list of short lines of Markdown (one line stands for a list of one)."""
    value = fm.data.get("takeaways")
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        fm.error("D215", "takeaways", "'takeaways' must be a list of short lines")
        return []
    lines: list[str] = []
    for item in items:
        if not isinstance(item, str):
            fm.error(
                "D215",
                "takeaways",
                f"'takeaways' must list lines of text, not {_kind(item)}: quote it",
            )
            continue
        line = " ".join(item.split())
        if len(line) > TAKEAWAY_CHARS:
            fm.warn("D216", "takeaways",
                    f"a takeaway of {len(line)} characters: keep each to a line "
                    f"(under {TAKEAWAY_CHARS})")  # fmt: skip
        if line:
            lines.append(line)
    return lines


def read_page(
    raw: str, path: str, stem: str, reserved: frozenset[str] = frozenset()
) -> tuple[Page, list[Diagnostic]]:
    """Parse a free-standing page (About and the like); see :func:`read_briefing`.

    ``reserved`` holds the slugs a page may not take: the folders the archive
    writes itself (:meth:`dossier.urls.Urls.reserved`).
    """
    fm = prepare(raw, path)
    check_keys(fm, PAGE_KEYS, "front-matter")
    title = _text(fm, "title", required=True)
    summary = _text(fm, "summary")
    slug = _slug(fm, stem)
    if slug in reserved:
        fm.error(
            "D217", "slug", f"page slug '{slug}' is taken by the archive's own '{slug}/' pages"
        )
    status = _status(fm)
    if fm.errors():
        raise ContentErrors(fm.problems)
    tokens = markup.parse(fm.body)
    _warn_removed_html(fm, tokens)
    page = Page(
        path=path,
        slug=slug,
        title=title,
        body_html=markup.render(tokens),
        summary=summary or markup.first_paragraph_text(tokens),
        status=status,
    )
    return page, fm.problems
