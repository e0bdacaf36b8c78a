# Settings of this archive. Change the text between the quotes and save;
# `dossier build` and `dossier serve` read this file. Anything not set here
# comes from Dossier's built-in settings.

# The archive's name, on every page, in feeds and in link previews.
SITENAME = "__SITENAME__"

# One line under the name.
SITESUBTITLE = "A weekly archive of analysis"

# One or two sentences for search engines and link previews.
DOSSIER_DESCRIPTION = ""

# The language the briefings are written in, as a code: en, fr, ar, es...
DEFAULT_LANG = "en"

# The public address of the archive, such as https://your-desk.github.io/archive
# The GitHub Pages workflow (.github/workflows/pages.yml) fills it in there.
SITEURL = ""

# The place the map on the places page shows: a name from content/places/.
DOSSIER_MAP_REGION = "Niger"

# The line under the heading of the actors page and of the places page.
DOSSIER_ACTORS_INTRO = "People, armed groups, governments and organisations"
DOSSIER_PLACES_INTRO = "Cities, regions and border areas"

# Your own domain on GitHub Pages, such as "briefings.example.org" (or leave "").
DOSSIER_CNAME = ""
