"""Who is missing from the registry: names the prose of several briefings
uses that no registry entry holds, ranked by how many briefings use them.

Pure functions of the briefings as read and the two registries. Three kinds
of evidence: runs of capitalised words ("Rapid Support Forces", "Abdel
Fattah al-Burhan"), acronyms ("RSF"), and a capitalised word after "in",
"near", "outside"… (a place, most likely: "fighting near Tawila"). A run is
trimmed of the function words a sentence starts with ("On Monday", "However
the"), days and months are never names, and a name that is a registry name,
an alias, a ``not`` phrase or a part of one is not a candidate.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .markup import plain_text
from .model import Briefing, Section, name_key
from .registry import Registry
from .writing import sentence_ends

_WORD = r"[A-Z][\w'’.-]*\w|[A-Z]"
# Small words inside a name ("Government of National Accord", "Saif al-Islam").
_JOINERS = r"(?:of|the|al|el|ad|as|ash|bin|ibn|bint|abu|de|du|des|la|le|van|von)"
# After the first word, also "al-Nur", "el-Sisi": an article joined to a name.
_NEXT = rf"{_WORD}|(?:al|el|ad|an|ar|as|ash|at|az|ud|ul)-[\w'’-]+"
_RUN = re.compile(rf"\b(?:{_WORD})(?:[ \u00a0]+(?:{_JOINERS}[ \u00a0]+)*(?:{_NEXT}))+")
_SINGLE = re.compile(rf"(?<=[\w,;:)] )(?:{_WORD})")
# Adjectives of nationality and doctrine ("Sudanese", "Islamist"): capitalised, not names.
# Those the endings miss are listed: an ending such as "-i" or "-an" would
# also take places (Mali, Tripoli, Sudan, Iran).
_DEMONYMS = """
    French Dutch Greek Arab Swiss Thai Afghan Uzbek Kazakh Tajik Turkmen Lao
    Libyan American African Moroccan Mexican Nigerien Filipino
    Emirati Iraqi Israeli Pakistani Yemeni Kuwaiti Bahraini Qatari Omani Saudi
    Somali Nepali Bangladeshi Azerbaijani
"""
_ADJECTIVE = re.compile(rf"(?:ese|ian|ean|ish|ist|ists|ern)$|^(?:{'|'.join(_DEMONYMS.split())})$")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,6}s?\b")
_PLACE_CUE = re.compile(
    rf"\b(?i:in|near|outside|around|from|to|at|towards|toward|into)[ \u00a0]+((?:{_WORD})"
    rf"(?:[ \u00a0]+(?:{_WORD}))*)"
)

# Capitalised at a sentence's start, or a date: never a name by themselves.
_STOP_WORDS = """
    a an the this that these those there here it its he she they we i you his her their
    our on in at by for from to of and or but if as so yet after before during while
    when where which who whom whose what why how however meanwhile although though since
    until despite according also still then thus moreover furthermore instead indeed
    later earlier today yesterday tomorrow last next first second third one two three
    several with without against between among under over across through amid within
    along about via upon onto like unlike near outside around towards toward into many
    most some all both each every no not new old monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december week month year
    """
STOP = frozenset(_STOP_WORDS.split())
# Titles before a name ("General Haftar", "President Burhan"): not part of it.
_TITLES_WORDS = """
    mr mrs ms dr gen col lt maj capt sgt president minister general colonel governor
    commander spokesman spokesperson prime deputy chairman chief sheikh imam
    """
TITLES = frozenset(_TITLES_WORDS.split())
# Acronyms that are words of the trade, not actors.
COMMON_ACRONYMS = frozenset(
    {"UN", "US", "UK", "EU", "AU", "GDP", "USD", "EUR", "ID", "IDP", "IDPs", "NGO", "NGOs",
     "TV", "UTC", "AM", "PM", "OK", "CEO", "HQ", "AFP", "AP", "BBC", "II", "III", "IV"}
)  # fmt: skip
CLOSE_ENOUGH = 0.8


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name several briefings use that no registry holds."""

    name: str
    section: Section
    briefings: int
    mentions: int
    examples: tuple[tuple[str, str], ...] = ()  # (briefing path, the sentence)
    closest: str | None = None
    slugs: tuple[str, ...] = field(default=(), repr=False)


def _trim(words: list[str]) -> list[str]:
    while words and (words[0].casefold() in STOP or words[0].casefold().rstrip(".") in TITLES):
        words = words[1:]
    while words and (words[-1].casefold() in STOP or re.fullmatch(_JOINERS, words[-1])):
        words = words[:-1]
    return words


def _clean(name: str) -> str:
    name = name.strip(" .,'’-")
    return re.sub(r"['’]s$", "", name)  # Haftar's -> Haftar


_POSSESSIVE = re.compile(r"['’]s\b")


def _names_in(text: str) -> list[tuple[str, str]]:
    """Every (name, cue) in a text: cue "run", "word", "acronym" or "place"."""
    found: list[tuple[str, str]] = []
    for match in _RUN.finditer(text):
        run = match.group()
        if match.start() == 0:
            # "Trucks of the World Food Programme": a sentence's first word is
            # capitalised anyway, so the run without it is a name too.
            first = re.match(rf"\S+[ \u00a0]+(?:{_JOINERS}[ \u00a0]+)+", run)
            if first:
                found.extend(_names_in(run[first.end() :]))
        # "Haftar's Libyan National Army" is two names.
        for part in _POSSESSIVE.split(run):
            words = _trim(_clean(part).split())
            if len(words) >= 2:
                found.append((" ".join(words), "run"))
            elif words and len(words[0]) > 2 and not _ADJECTIVE.search(words[0]):
                found.append((words[0], "word"))  # "The Quad": one word once trimmed
    # A capitalised word inside a sentence, on its own: "Hemedti", "Zamzam".
    inside = [m.span() for m in _RUN.finditer(text)]
    for match in _SINGLE.finditer(text):
        word = _clean(match.group())
        alone = not any(a <= match.start() < b for a, b in inside)
        plain = word.casefold() not in STOP and word.casefold() not in TITLES
        if alone and plain and len(word) > 2 and not word.isupper() and not _ADJECTIVE.search(word):
            found.append((word, "word"))
    for match in _ACRONYM.finditer(text):
        word = match.group()
        if word not in COMMON_ACRONYMS and not word.isdigit():
            found.append((word.rstrip("s") if word.endswith("s") and word[:-1].isupper()
                          else word, "acronym"))  # fmt: skip
    for match in _PLACE_CUE.finditer(text):
        words = _trim(_clean(match.group(1)).split())
        if words:
            found.append((" ".join(words), "place"))
    return found


def _known(registries: tuple[Registry, Registry]) -> tuple[set[str], set[str]]:
    """Every registered name, alias and ``not`` phrase (keys), and every word of them."""
    names: set[str] = set()
    for registry in registries:
        for entity in registry.entities.values():
            for name in (entity.name, *entity.aliases, *entity.suppress):
                names.add(name_key(name))
    # A word of a name as the prose may cut it: at a hyphen, without its
    # possessive ("People" of "General People's Congress").
    words = {_POSSESSIVE.sub("", w) for n in names for w in _PARTS.split(n) if w}
    return names, words


_PARTS = re.compile(r"[\s\-\u2010\u2011]+")


def _made_of_known(name: str, known_words: set[str]) -> bool:
    """True for registered words only, or registered words with lower-case
    ones hyphenated on: "Houthi-Saleh", "Houthi-held", "General People"."""
    parts = [p for p in _PARTS.split(name) if p]
    capitals = [p for p in parts if p[:1].isupper()]
    hyphened = len(parts) > len(name.split())
    if not capitals or not (hyphened or len(capitals) == len(parts)):
        return False
    return all(name_key(_clean(p)) in known_words for p in capitals)


def _sentences(text: str) -> list[str]:
    pieces, start = [], 0
    for end in sentence_ends(text).finditer(text):
        pieces.append(text[start : end.end()].strip())
        start = end.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def find(
    briefings: tuple[Briefing, ...],
    actors: Registry,
    places: Registry,
    least: int = 2,
) -> list[Candidate]:
    """The names used in at least ``least`` briefings that no registry holds,
    most briefings first (then most mentions, then A–Z)."""
    known, known_words = _known((actors, places))
    used: dict[str, set[str]] = defaultdict(set)  # key -> briefing slugs
    mentions: Counter[str] = Counter()
    cues: dict[str, Counter[str]] = defaultdict(Counter)
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for briefing in briefings:
        for sentence in _sentences(plain_text(briefing.body_html)):
            here: dict[str, set[str]] = defaultdict(set)  # a name counts once a sentence
            for name, cue in _names_in(sentence):
                key = name_key(name)
                if key in known or _made_of_known(name, known_words):
                    continue
                if len(key.split()) == 1 and key in STOP:
                    continue
                here[key].add(cue)
                spelled[key][name] += 1
            for key, how in here.items():
                used[key].add(briefing.slug)
                mentions[key] += 1
                cues[key].update(how)
                shown = [p for p, _ in examples[key]]
                if len(examples[key]) < 2 and briefing.path not in shown:
                    examples[key].append((briefing.path, sentence))
    found = []
    for key, slugs in used.items():
        if len(slugs) < least:
            continue
        seen_as = cues[key]
        name = spelled[key].most_common(1)[0][0]
        # After "in", "near", "towards" in half the sentences or more: a place.
        section: Section = "places" if seen_as["place"] * 2 >= mentions[key] else "actors"
        registry = places if section == "places" else actors
        hint = registry.closest(name)
        likeness = difflib.SequenceMatcher(None, name_key(hint), key).ratio() if hint else 0.0
        close = hint if likeness >= CLOSE_ENOUGH else None
        found.append(Candidate(name, section, len(slugs), mentions[key],
                               tuple(examples[key]), close, tuple(sorted(slugs))))  # fmt: skip
    found.sort(key=lambda c: (-c.briefings, -c.mentions, c.name.casefold()))
    return _without_parts(found)


def _without_parts(found: list[Candidate]) -> list[Candidate]:
    """A candidate inside a longer one used as often ("Support Forces" in
    "Rapid Support Forces") is the same name cut short: keep the long one."""
    kept: list[Candidate] = []
    for candidate in found:
        key = f" {name_key(candidate.name)} "
        inside = any(
            key in f" {name_key(other.name)} " and other.briefings >= candidate.briefings
            for other in found
            if other is not candidate and len(other.name) > len(candidate.name)
        )
        if not inside:
            kept.append(candidate)
    return kept
