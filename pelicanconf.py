"""Pelican settings for local work: `make html`, `dossier build`, or stock `pelican`."""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
# Stock `pelican` imports the plugin from plugins/ even without installing it.
sys.path.insert(0, os.path.join(_HERE, "plugins"))

SITENAME = "Libya Briefings"
SITESUBTITLE = "A weekly archive of analysis on Libya"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
THEME = os.path.join(_HERE, "theme")
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PLUGIN_PATHS = [os.path.join(_HERE, "plugins")]
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
DIRECT_TEMPLATES = ["index", "search", "404"]
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

# Feeds need absolute URLs: publishconf.py turns them on with a real SITEURL.
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
