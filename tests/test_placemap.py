"""The places map: which places it draws, with and without DOSSIER_MAP_REGION."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.config import site_path
from dossier.model import Place
from dossier.placemap import archive_map
from dossier.relate import relate
from dossier.resolve import resolve
from dossier.urls import Urls

from .model_helpers import briefing, corpus, place


def _located(slug: str, name: str, lat: float, lon: float, within: str | None) -> Place:
    return replace(place(slug, name, within=within), coordinates=(lat, lon), kind="city")


PLACES = [
    replace(place("libya", "Libya", "ليبيا"), kind="country"),
    replace(place("tunisia", "Tunisia"), kind="country"),
    _located("sirte", "Sirte", 31.2, 16.6, "Libya"),
    _located("misrata", "Misrata", 32.4, 15.1, "Libya"),
    _located("tunis", "Tunis", 36.8, 10.2, "Tunisia"),
]


@pytest.mark.parametrize(
    ("region", "drawn", "left_off"),
    [
        ("", ["Misrata", "Sirte"], ["Tunis"]),  # the region with the most places
        ("Tunisia", ["Tunis"], ["Misrata", "Sirte"]),  # the region the settings name
        ("ليبيا", ["Misrata", "Sirte"], ["Tunis"]),  # by an alias
        ("Nowhere", ["Misrata", "Sirte"], ["Tunis"]),  # unknown: as if not set
    ],
)
def test_the_map_shows_the_region_the_settings_name(
    region: str, drawn: list[str], left_off: list[str]
) -> None:
    archive = relate(resolve(corpus([briefing("a", 1, places=["Sirte"])], [], PLACES)))
    urls = Urls.from_settings({}, "", site_path(""))
    made = archive_map(archive, urls, region)
    assert sorted(n for n in drawn if f">{n}<" in made.svg) == drawn
    assert not any(f">{n}<" in made.svg for n in left_off)
    assert made.left_off == left_off
