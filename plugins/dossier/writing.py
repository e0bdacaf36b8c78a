"""How names are written in scripts that are not spaced like English.

Two habits of writing hide a registered name from a matcher that looks for
whole words:

- **Arabic proclitics.** Arabic writes a conjunction or a one-letter
  preposition onto the next word: "and Haftar" is وحفتر, "in Tripoli" بطرابلس.
  :data:`PROCLITICS` is the table of them; :func:`attached_forms` gives the
  forms of a name with each one written on, and how many letters of the form
  are the proclitic (a link leaves them outside: و<a>حفتر</a>).
- **Scripts written without spaces between words** (Burmese, Thai, Lao, Khmer,
  Chinese, Japanese…). A name is followed directly by a particle. Such names
  are matched at grapheme-cluster boundaries instead of word boundaries:
  :data:`CLUSTER_BEFORE` and :data:`CLUSTER_AFTER`, written with the Unicode
  properties of the ``regex`` module, so that a match never ends before a
  vowel sign or a stacked consonant of its last letter.

The module also knows where sentences end in these scripts
(:data:`SENTENCE_END`) and where a text may be cut without splitting a
letter from its marks (:func:`cluster_floor`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

# The proclitics Arabic writes onto a name, longest last: the conjunctions
# و "and" and ف "so", the prepositions ب "in, with", ل "to, for" and ك "like",
# and a conjunction followed by a preposition. The future marker س and the
# interrogative أ go on verbs, never on names, so they are not here.
PROCLITICS: tuple[str, ...] = (
    "و", "ف", "ب", "ل", "ك",
    "وب", "ول", "وك", "فب", "فل", "فك",
)  # fmt: skip
ARTICLE = "ال"
# After ل (ل, ول, فل) the article loses its alif: ل + الخرطوم is للخرطوم, and
# ل + اللاذقية is للاذقية (the article's lam merges with a lam that follows).
_LAM = "ل"

# Scripts whose writers put no space between words. Script_Extensions, so
# that the marks they share with others (the Katakana-Hiragana prolonged
# sound mark ー) count as theirs.
SPACELESS_SCRIPTS: tuple[str, ...] = (
    "Myanmar", "Thai", "Lao", "Khmer", "Tai_Tham", "Tai_Le", "New_Tai_Lue",
    "Han", "Hiragana", "Katakana", "Tibetan", "Javanese", "Balinese",
)  # fmt: skip
_SPACELESS = regex.compile("[" + "".join(rf"\p{{scx={name}}}" for name in SPACELESS_SCRIPTS) + "]")
_ARABIC = regex.compile(r"\p{Script=Arabic}")
# Korean puts spaces between words but writes particles onto a noun (서울에서,
# 김정은은): a name may be followed by Hangul, as by a spaceless script.
HANGUL_RANGES = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
# The same scripts as code point ranges, for the standard ``re`` module, which
# has no script property: a name in another script written straight onto one
# of their letters ("AAသည်", "NUGနှင့်") still ends there. A test holds these
# ranges to SPACELESS_SCRIPTS.
SPACELESS_RANGES = (
    "\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u1950-\u19ff"
    "\u1a20-\u1aaf\u1b00-\u1b7f\u2e80-\u2fdf\u3005-\u3007\u3021-\u302f\u3031-\u3035"
    "\u3038-\u303c\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua980-\ua9ff\uaa60-\uaa7f\uf900-\ufaff\uff66-\uff9f\U00016fe0-\U00016fff"
    "\U0001aff0-\U0001b16f\U00020000-\U0003134f"
)

# A cluster boundary, as two assertions around a name in a spaceless script.
# Before: the letter before is not a virama, a stacker or a joiner that
# binds the name's first letter to it (a stacked consonant belongs to the
# letter before), nor a prepended mark. After: the next character is not a
# mark of the name's last letter (a vowel sign, an asat, a tone mark), even
# those Unicode's extended clusters keep apart (Myanmar ာ and း).
#
# Thai and Lao also write some vowels as letters of their own, which Unicode's
# clusters keep apart but a reader never does: a following ะ or า (ຸະ, າ)
# ends the syllable before it, and a leading เ แ โ ใ ไ (ເ–ໄ) begins the one
# after it ("ลาว", Laos, is not in "ลาวา", lava).
_THAI_LAO_FOLLOWING = "\u0e30\u0e32\u0e33\u0e45\u0eb0\u0eb2\u0eb3"
_THAI_LAO_LEADING = "\u0e40-\u0e44\u0ec0-\u0ec4"
# What belongs to the letter before it, and what binds the next letter to it.
_MARKS = r"\p{M}\p{GCB=Extend}\p{GCB=SpacingMark}\p{GCB=ZWJ}"
_STACKERS = r"\p{InCB=Linker}\p{InSC=Invisible_Stacker}"
CLUSTER_BEFORE = (
    rf"(?<![{_STACKERS}]\p{{M}}*)(?<![\p{{GCB=Prepend}}\p{{GCB=ZWJ}}{_THAI_LAO_LEADING}])"
)
CLUSTER_AFTER = rf"(?![{_MARKS}{_THAI_LAO_FOLLOWING}])"

# A sentence ends at . ! ? … or Arabic ؟ and the Urdu full stop ۔ (with any
# closing quote or bracket) before a space; at the Burmese ။, the
# Chinese and Japanese 。！？, with or without a space after; and at a space
# between two letters of Thai, Lao or Khmer, which put spaces between
# sentences, not words. The Arabic comma ، is a comma: it ends nothing.
SENTENCE_END = re.compile(r"[.!?…؟۔][\"'”’)\]»]*\s+|[။。！？][\"'”’)\]」』]*\s*")
_SPACED_SENTENCES = regex.compile(
    SENTENCE_END.pattern
    + r"|(?<=[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}])\s+(?=[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}])"
)
_THAI_LAO_KHMER = re.compile("[\u0e00-\u0eff\u1780-\u17ff\u19e0-\u19ff]")


def sentence_ends(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """The pattern of :data:`SENTENCE_END` for ``text``: with the spaces
    between sentences when it has Thai, Lao or Khmer in it (the standard
    ``re`` is much the faster for every other text)."""
    return _SPACED_SENTENCES if _THAI_LAO_KHMER.search(text) else SENTENCE_END


_CLUSTER = regex.compile(r"\X")
_MARK = regex.compile(f"[{_MARKS}]")
_BINDS_NEXT = regex.compile(rf"[{_STACKERS}\p{{GCB=Prepend}}]")

# Languages written right to left, by the primary subtag of a language tag,
# and the scripts that are (a tag's script subtag decides first: "ku-Arab"
# is right to left, "fa-Latn" is not).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "azb", "bal", "ckb", "dv", "fa", "glk", "he", "iw", "ks", "lrc", "mzn",
     "nqo", "pnb", "prs", "ps", "sd", "skr", "syr", "ug", "ur", "yi"}
)  # fmt: skip
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr"})


def direction(lang: str) -> str:
    """ "rtl" for a language written right to left ("ar", "fa-IR",
    "ku-Arab"), else "ltr"."""
    primary, *rest = lang.casefold().split("-")
    script = next((part for part in rest if len(part) == 4 and part.isalpha()), None)
    if script is not None:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if primary in RTL_LANGUAGES else "ltr"


def is_arabic(name: str) -> bool:
    """True when ``name`` begins with a letter of the Arabic script."""
    return bool(name) and _ARABIC.match(name) is not None


def is_spaceless(name: str) -> bool:
    """True when ``name`` begins and ends in a script written without word
    spaces, so it is matched at cluster boundaries, not word boundaries."""
    return bool(name) and bool(_SPACELESS.match(name[0])) and bool(_SPACELESS.match(name[-1]))


def attached_forms(name: str) -> Iterator[tuple[str, int]]:
    """Each form of an Arabic-script ``name`` with a proclitic written onto it,
    and the number of its first letters that are the proclitic.

    The registry's form decides the article: "الخرطوم" gives بالخرطوم and
    للخرطوم, "حفتر" gives وحفتر and لحفتر; an article is never added or
    dropped, since "البنغازي" is also a man's surname and ورقة "paper" is not
    و + رقة.
    """
    if not is_arabic(name):
        return
    for proclitic in PROCLITICS:
        if proclitic.endswith(_LAM) and name.startswith(ARTICLE):
            # ل + الخرطوم: the alif goes (للخرطوم); ل + اللاذقية: the lam too.
            rest = name[2:] if name.startswith(ARTICLE + _LAM) else name[1:]
            yield proclitic + rest, len(proclitic)
        else:
            yield proclitic + name, len(proclitic)


def cluster_floor(text: str, index: int) -> int:
    """The nearest position at or before ``index`` that begins an extended
    grapheme cluster (``regex``'s ``\\X``) and splits no letter from its marks
    (Myanmar ာ and း, which Unicode's clusters keep apart, stay with theirs)."""
    if index >= len(text):
        return len(text)
    # Clusters are a few characters long: look in a window before ``index``,
    # from its last space if it has one (a space always begins a cluster),
    # else from far enough back that ``\X`` is in step again by ``index``.
    start = max(0, index - 64)
    space = text.rfind(" ", start, index)
    start = space if space >= 0 else start
    best = start
    for found in _CLUSTER.finditer(text, start, min(len(text), index + 16)):
        at = found.start()
        if at > index:
            break
        if not _MARK.match(text, at) and not (at and _BINDS_NEXT.match(text, at - 1)):
            best = at
    return best
