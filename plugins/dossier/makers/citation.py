"""How to cite a briefing: BibTeX and RIS records, for reference managers and
LaTeX. The theme's ``cite.js`` makes them in the reader's browser from the
page's Highwire ``citation_*`` meta tags (``theme/templates/article.html``),
shows them beside the formatted citation and offers each as a file to
download; the records made here are what it must make (the tests compare the
two on every briefing of the fixture and sample archives), and the theme's
``bibtex`` and ``ris`` filters, for a theme that writes them into its pages.
(Until December 2026 each was a file of its own, ``cite/<slug>.bib`` and
``.ris``, then text in every page: 0.8 kB a briefing.)

Authors are written as given: a desk ("Libya Desk") is not a person, so BibTeX
gets each name braced whole rather than split into first and last names.
"""

from __future__ import annotations

from ..model import Briefing
from ..urls import Urls

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def _tex(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in " ".join(text.split()))


def bibtex(briefing: Briefing, urls: Urls, site_name: str) -> str:
    """A biblatex ``@online`` entry (read by BibTeX as well, through ``year``/``month``)."""
    date = briefing.date
    fields = [("title", f"{{{_tex(briefing.title)}}}")]
    if briefing.authors:
        fields.append(("author", " and ".join(f"{{{_tex(a)}}}" for a in briefing.authors)))
    fields += [
        ("organization", _tex(site_name)),
        ("date", f"{date:%Y-%m-%d}"),
        ("year", f"{date:%Y}"),
        ("month", f"{date.month}"),
        ("url", urls.absolute(briefing)),
    ]
    if briefing.summary:
        fields.append(("abstract", _tex(briefing.summary)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    key = briefing.slug.replace("-", "_")
    return f"@online{{{key},\n{body}\n}}\n"


def ris(briefing: Briefing, urls: Urls, site_name: str) -> str:
    """An RIS record (type ``ELEC``, a web page), lines ended ``\\r\\n`` as RIS asks."""

    def line(tag: str, value: str) -> str:
        return f"{tag}  - {' '.join(value.split())}\r\n"

    date = f"{briefing.date:%Y/%m/%d}/"
    lines = [line("TY", "ELEC"), line("TI", briefing.title)]
    lines += [line("AU", author) for author in briefing.authors]
    lines += [line("PY", date), line("DA", date), line("T2", site_name), line("PB", site_name),
              line("UR", urls.absolute(briefing))]  # fmt: skip
    if briefing.summary:
        lines.append(line("AB", briefing.summary))
    lines.append("ER  - \r\n")
    return "".join(lines)
