"""Settings for deployment: pelicanconf.py plus the public URL and feeds.

Set DOSSIER_SITEURL (for instance https://org.github.io/repo) when building.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("DOSSIER_SITEURL", "").rstrip("/")
DELETE_OUTPUT_DIRECTORY = True
