"""Dossier's built-in settings: what an archive's settings file does not say.

A desk's ``pelicanconf.py`` needs only its site's identity (name, subtitle,
description, language, URL, map region); the commands lay it over these.
Stock ``pelican`` reads only the file, so a settings file that should also
work there starts with ``from dossier.defaults import *``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _theme() -> str:
    # Installed, the theme ships inside the package; in a checkout of the
    # repository (an editable install) it is the top-level theme/ folder.
    for candidate in (_PACKAGE / "theme", _PACKAGE.parent.parent / "theme"):
        if (candidate / "templates" / "base.html").is_file():
            return str(candidate)
    return str(_PACKAGE / "theme")


# Site identity: every archive should set these in its own settings file.
SITENAME = "Briefings"
SITESUBTITLE = "A weekly archive of analysis"
SITEURL = ""
DEFAULT_LANG = "en"
TIMEZONE = "UTC"
# The meta description (search engines, link previews); the subtitle if empty.
DOSSIER_DESCRIPTION = ""
# The line under the heading of the actors and places indexes.
DOSSIER_ACTORS_INTRO = "People, armed groups, governments and organisations"
DOSSIER_PLACES_INTRO = "Cities, regions and other places"
# The place (name, alias or slug) whose places the map on the places index
# shows; empty: the outermost place that holds the most of them.
DOSSIER_MAP_REGION = ""
# A custom domain for GitHub Pages, written to CNAME (e.g. briefings.example.org).
DOSSIER_CNAME = ""
# What a page may load: every page says it in a meta tag, and `dossier serve`
# sends it as a header too. Nothing from elsewhere; Pagefind's WebAssembly.
DOSSIER_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self'; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)

PATH = "content"
OUTPUT_PATH = "output"
THEME = _theme()
PLUGINS = ["dossier"]

# Content layout: briefings are articles, pages are pages; the actor and place
# registries are read by the dossier generator, never as articles.
ARTICLE_PATHS = ["briefings"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
DOSSIER_ACTORS_PATH = "actors"
DOSSIER_PLACES_PATH = "places"
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "briefings"
# Slugs come from the reader (file name or front-matter), never from dates or titles.
FILENAME_METADATA = ""
SLUGIFY_SOURCE = "basename"
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Pretty, directory-style URLs.
ARTICLE_URL = "briefings/{slug}/"
ARTICLE_SAVE_AS = "briefings/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
INDEX_URL = ""
INDEX_SAVE_AS = "index.html"
# The home list, the search page and the 404 page (INDEX_SAVE_AS,
# SEARCH_SAVE_AS, 404_SAVE_AS) are written by Dossier from its plan, not by
# Pelican: none of them is a direct template here.
DIRECT_TEMPLATES: list[str] = []
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
PAGINATED_TEMPLATES = {"index": None}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Pelican's own taxonomy pages are replaced by the dossier generator's.
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# Dossier writes its own feeds (with absolute URLs when SITEURL is set).
FEED_DOMAIN = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False


def settings() -> dict[str, object]:
    """The built-in settings, as a fresh dict."""
    return {
        name: value
        for name, value in globals().items()
        if name.isupper() and not name.startswith("_")
    }
