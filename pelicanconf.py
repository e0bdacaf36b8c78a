"""Settings of the sample archive: `make html`, `dossier build`, or stock `pelican`.

Dossier's built-in settings (dossier/defaults.py) come first; this file says
only what is particular to this archive.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
# Stock `pelican` imports the plugin from plugins/ even without installing it.
sys.path.insert(0, os.path.join(_HERE, "plugins"))

from dossier.defaults import *  # noqa: E402, F403

SITENAME = "Libya Briefings"
SITESUBTITLE = "A weekly archive of analysis on Libya"
DOSSIER_DESCRIPTION = (
    "Weekly briefings on Libya's armed groups, governments, oil and migration, "
    "with a page for every actor and place."
)
DOSSIER_PLACES_INTRO = "Cities, regions, ports and oil terminals"
DOSSIER_MAP_REGION = "Libya"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
THEME = os.path.join(_HERE, "theme")
PLUGIN_PATHS = [os.path.join(_HERE, "plugins")]
