"""Pelican's settings, turned once into a typed :class:`Config`."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from . import defaults
from .assets import fingerprints
from .errors import SettingsError
from .urls import Urls


@dataclass(frozen=True, slots=True)
class Site:
    """The site's identity, from settings: never written into a template."""

    name: str
    subtitle: str
    description: str
    actors_intro: str
    places_intro: str
    map_region: str

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Site:
        """The identity settings, with the subtitle standing in for a description."""

        def text(key: str, default: str = "") -> str:
            return str(settings.get(key) or default).strip()

        subtitle = text("SITESUBTITLE")
        return cls(
            name=text("SITENAME", "Dossier"),
            subtitle=subtitle,
            description=text("DOSSIER_DESCRIPTION") or subtitle,
            actors_intro=text("DOSSIER_ACTORS_INTRO", defaults.DOSSIER_ACTORS_INTRO),
            places_intro=text("DOSSIER_PLACES_INTRO", defaults.DOSSIER_PLACES_INTRO),
            map_region=text("DOSSIER_MAP_REGION"),
        )


@dataclass(frozen=True, slots=True)
class Config:
    """What Dossier needs to know of the site, typed and validated."""

    content_path: str
    output_path: str
    site_url: str
    site_path: str
    site_name: str
    briefing_dirs: tuple[str, ...]
    page_dirs: tuple[str, ...]
    actors_dir: str
    places_dir: str
    urls: Urls
    timezone: ZoneInfo
    feed_max_items: int
    # Briefings on an entity's timeline before it is cut into pages by year.
    timeline_page: int = 100
    # A preview (dossier serve): drafts and scheduled briefings shown, marked.
    preview: bool = False
    cname: str = ""
    site: Site = field(default_factory=lambda: Site("Dossier", "", "", "", "", ""))
    settings_file: str = "settings"
    # theme static path (css/dossier.css) -> its fingerprinted path
    assets: Mapping[str, str] = field(default_factory=dict)
    theme_static_dir: str = ""
    cache_dir: str = ""  # the read cache's folder; "" for none
    keep_going: bool = False
    strict: bool = False
    search: bool = True

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Config:
        """Build the config from a Pelican settings mapping."""
        ours = [t for t in settings.get("DIRECT_TEMPLATES") or () if t in DOSSIER_TEMPLATES]
        if ours:
            listed = ", ".join(repr(t) for t in ours)
            raise SettingsError(
                f"{settings.get('DOSSIER_SETTINGS_FILE') or 'settings'}: DIRECT_TEMPLATES lists "
                f"{listed}, but Dossier writes the home list, search and 404 pages itself: "
                f"take {listed} out of DIRECT_TEMPLATES"
            )
        site_url = str(settings.get("SITEURL", "") or "").rstrip("/")
        path = site_path(site_url)
        theme_static = _theme_static(settings)
        return cls(
            content_path=str(settings.get("PATH", "content")),
            output_path=str(settings.get("OUTPUT_PATH", "output")),
            site_url=site_url,
            site_path=path,
            site_name=str(settings.get("SITENAME", "Dossier")),
            briefing_dirs=tuple(settings.get("ARTICLE_PATHS", ["briefings"])),
            page_dirs=tuple(settings.get("PAGE_PATHS", ["pages"])),
            actors_dir=str(settings.get("DOSSIER_ACTORS_PATH", "actors")),
            places_dir=str(settings.get("DOSSIER_PLACES_PATH", "places")),
            urls=Urls.from_settings(settings, site_url, path),
            timezone=ZoneInfo(str(settings.get("TIMEZONE") or "UTC")),
            feed_max_items=int(settings.get("FEED_MAX_ITEMS") or 50),
            timeline_page=_positive(settings, "DOSSIER_TIMELINE_PAGE", 100),
            preview=bool(settings.get("DOSSIER_PREVIEW")),
            cname=_cname(settings.get("DOSSIER_CNAME")),
            site=Site.from_settings(settings),
            settings_file=str(settings.get("DOSSIER_SETTINGS_FILE") or "settings"),
            assets=fingerprints(theme_static),
            theme_static_dir=theme_static,
            cache_dir=_cache_dir(settings),
            keep_going=bool(settings.get("DOSSIER_KEEP_GOING", False)),
            strict=bool(settings.get("DOSSIER_STRICT", False)),
            search=bool(settings.get("DOSSIER_SEARCH", True)),
        )


# The pages Pelican would write as direct templates that Dossier's plan writes.
DOSSIER_TEMPLATES = ("index", "search", "404")

CACHE_FOLDER = ".dossier-cache"

# Every output folder Dossier writes holds this file: a build replaces only a
# folder that has it (or an empty one), never a folder someone else made.
OUTPUT_MARKER = ".dossier-output"
OUTPUT_MARKER_TEXT = (
    "This folder is built by Dossier. Each `dossier build` replaces all of it:\n"
    "keep nothing here that you want to keep.\n"
)


def _cache_dir(settings: Mapping[str, Any]) -> str:
    # Beside the content folder unless DOSSIER_CACHE_PATH says where (relative
    # to that same place); DOSSIER_CACHE_PATH = "" turns the cache off.
    beside = os.path.dirname(os.path.abspath(str(settings.get("PATH", "content"))))
    chosen = settings.get("DOSSIER_CACHE_PATH")
    if chosen is None:
        return os.path.join(beside, CACHE_FOLDER)
    return os.path.join(beside, str(chosen)) if chosen else ""


def _theme_static(settings: Mapping[str, Any]) -> str:
    # Pelican copies THEME/static (THEME_STATIC_PATHS' usual value) to the output.
    theme = str(settings.get("THEME") or "")
    return os.path.join(theme, "static") if theme else ""


def _positive(settings: Mapping[str, Any], key: str, default: int) -> int:
    """A whole number of at least 1 from the settings, or ``default`` if unset."""
    value = settings.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"{key} = {value!r} is not a whole number of at least 1")
    return value


def _cname(value: object) -> str:
    """A custom domain for GitHub Pages (``DOSSIER_CNAME``): a bare host name."""
    if value is None or value == "":
        return ""
    text = str(value).strip()
    host = urlsplit(text).hostname if "//" in text else text
    if not host or not re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?", host):
        raise SettingsError(
            f"DOSSIER_CNAME = {text!r} is not a host name such as briefings.example.org"
        )
    return host.lower()


def site_path(site_url: str) -> str:
    """The URL path the site lives under: '' at a root, '/repo' in a subpath."""
    return urlsplit(site_url).path.rstrip("/")


def display_path(path: str) -> str:
    """A path as an author would type it: relative to the working directory."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel
