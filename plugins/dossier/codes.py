"""Every kind of problem Dossier reports, by a stable code (as ruff's rules
are): ``dossier check --format json`` gives it to editors and scripts,
``--format github`` to pull requests, and ``docs/problems.md`` explains each.
A code is never reused for another kind of problem; a retired one stays here.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # A content file as a file
    "D001": "the file cannot be read, or lies outside the content folder",
    "D002": "a binary file, or text that is not UTF-8",
    "D003": "a control character (a form feed, say) was removed",
    "D004": "a link to a folder: outside the content folder an error, else not followed",
    "D005": "a file that is not Markdown (.md): the build ignores it",
    # Front-matter, any file
    "D101": "no front-matter, or front-matter that is not closed, not YAML or not a mapping",
    "D102": "a required key is missing",
    "D103": "a value of the wrong type (text, a list of names, true or false)",
    "D104": "a key whose value is empty",
    "D105": "an unknown key: a typo, usually",
    "D106": "raw HTML that the build removes from the text",
    # Briefings
    "D201": "a date that cannot be read",
    "D202": "the date in the file's name is not the briefing's 'date'",
    "D203": "a source that is not a URL or a {title, url} mapping",
    "D204": "a source URL that is not http(s) or mailto: shown as text",
    "D205": "a 'lang' that is not a language tag",
    "D206": "a 'status' other than draft or published",
    "D207": "a slug that is unsafe, or a title that gives none",
    "D208": "a slug that two briefings share",
    "D209": "'cutoff' is after the briefing's date",
    "D210": "a briefing with no text",
    "D211": "a 'redirect_from' address that cannot be redirected",
    "D212": "'trends' written wrongly: its shape, a key, or a word that is no trend",
    "D213": "two trends for one actor or place",
    "D214": "a trend for a name the briefing does not list",
    "D215": "'takeaways' written wrongly",
    "D216": "a takeaway longer than a line",
    "D217": "a page slug that the archive's own pages use",
    "D218": "a theme spelled two ways: one page for both",
    # Registries
    "D301": "a registry slug used twice",
    "D302": "a name or alias that two entries claim, not listed as ambiguous",
    "D303": "'coordinates' that are not [latitude, longitude]",
    "D304": "'formerly' written wrongly",
    "D305": "a registry entry without a name, or with a kind that is not text",
    "D306": "'ambiguous' lists what is not a name or alias of the entry",
    "D307": "'background' that is not true or false",
    "D308": "'within' that names no known place, or that goes round in a circle",
    # Names in briefings
    "D401": "a name that no registry defines: it gets a page with no profile",
    "D402": "a name that several entries share on purpose: linked to none",
    # Hints that only `dossier check` gives
    "D501": "a registered name in the text that the briefing does not list",
    "D502": "a registry kind that looks like a typo of another",
    "D503": "a published briefing still holding the text `dossier new` wrote",
    "D504": "a date more than a year ahead: a typo in the year?",
    "D505": "a map region that the places registry does not have",
    "D506": "a place without coordinates: left off the maps (with coordinates from a gazetteer)",
    # Redirects
    "D601": "an old address that cannot be redirected, or would take a page's place",
}
