"""Coordinates found for the author (#25 item 5): check names each place
without coordinates and suggests them from the offline gazetteer."""

from __future__ import annotations

import shutil
from pathlib import Path

from dossier.gazetteer import suggest
from dossier.model import Place

from .helpers import FIXTURE, SETTINGS, run_dossier

SIRTE = Place("places", "sirte", "Sirte", coordinates=(31.2089, 16.5887), path="sirte.md")


def test_same_named_towns_are_told_apart_by_the_archive_s_area() -> None:
    tripoli = Place("places", "tripoli", "Tripoli", path="t.md")
    found = {s.place.slug: s for s in suggest([SIRTE, tripoli])}
    # Tripoli, Libya (near Sirte), not Tripoli, Lebanon: and sure of it.
    assert found["tripoli"].found.startswith("Tripoli, LY")
    assert (round(found["tripoli"].latitude), round(found["tripoli"].longitude)) == (33, 13)
    assert found["tripoli"].sure
    # Without the archive's area, the most populous wins, and it says it is unsure.
    alone = suggest([tripoli])[0]
    assert alone.others >= 1


def test_a_place_is_found_by_an_alias_in_another_script() -> None:
    sabha = Place("places", "sabha-oasis", "Sabha Oasis", aliases=("سبها",), path="s.md")
    (found,) = suggest([SIRTE, sabha])
    assert found.found.startswith("Sabha, LY")
    assert (round(found.latitude), round(found.longitude)) == (27, 14)


def test_check_names_each_place_without_coordinates(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    places = content / "places"
    (places / "ajdabiya.md").write_text("---\nname: Ajdabiya\nkind: city\n---\n", "utf-8")
    (places / "tobruk.md").write_text("---\nname: Tobruk\naliases: [طبرق]\n---\n", "utf-8")
    (places / "qasr-nowhere.md").write_text("---\nname: Qasr Nowhere-at-all\n---\n", "utf-8")
    result = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS),
                         "--format", "json")  # fmt: skip
    import json

    found = {r["path"].rsplit("/", 1)[-1]: r for r in json.loads(result.stdout)
             if r["code"] == "D506"}  # fmt: skip
    assert set(found) == {"ajdabiya.md", "tobruk.md", "qasr-nowhere.md"}
    assert found["ajdabiya.md"]["line"] == 2
    assert "GeoNames has Ajdabiya, LY" in found["ajdabiya.md"]["message"]
    assert "add 'coordinates: [30.75" in found["ajdabiya.md"]["message"]
    assert "GeoNames has Tobruk, LY" in found["tobruk.md"]["message"]
    assert "the gazetteer does not know it" in found["qasr-nowhere.md"]["message"]
    # A warning, not an error: the build goes on, leaving the place off the maps.
    assert all(r["severity"] == "warning" for r in found.values())


def test_a_town_is_looked_for_near_the_place_it_is_within_named_as_written() -> None:
    # 'within' names the parent by its name (or an alias), as authors write it.
    rakhine = Place("places", "rakhine-state", "Rakhine State", aliases=("Arakan State",),
                    coordinates=(19.5, 94.0), path="r.md")  # fmt: skip
    yangon = Place("places", "yangon", "Yangon", coordinates=(16.8, 96.15), path="y.md")
    kyauktaw = Place("places", "kyauktaw", "Kyauktaw", within="Arakan State", path="k.md")
    # GeoNames' only Pauktaws are by Yangon; the Rakhine town is not in it.
    pauktaw = Place("places", "pauktaw", "Pauktaw", within="Rakhine State", path="p.md")
    found = {s.place.slug: s for s in suggest([rakhine, yangon, kyauktaw, pauktaw])}
    assert (round(found["kyauktaw"].latitude, 1), round(found["kyauktaw"].longitude, 1)) == (
        20.8,
        93.0,
    )
    assert not found["pauktaw"].sure
    assert "km from Rakhine State" in found["pauktaw"].found


def test_a_town_within_a_country_is_that_country_s_and_not_far_from_it() -> None:
    # A country is an area: its centre is no measure of where its towns are
    # (Mocha is 600 km from the middle of Yemen), but its towns are its own.
    yemen = Place("places", "yemen", "Yemen", kind="country", coordinates=(15.5, 47.5),
                  path="y.md")  # fmt: skip
    aden = Place("places", "aden", "Aden", coordinates=(12.78, 45.04), within="Yemen", path="a.md")
    mocha = Place("places", "mocha", "Mocha", within="Yemen", path="m.md")
    abyan = Place("places", "abyan", "Abyan Governorate", kind="governorate", within="Yemen",
                  coordinates=(13.63, 46.08), path="b.md")  # fmt: skip
    # Within a place within Yemen: Yemen's town, and measured from the governorate.
    zinjibar = Place("places", "zinjibar", "Zinjibar", within="Abyan Governorate", path="z.md")
    found = {s.place.slug: s for s in suggest([yemen, aden, mocha, abyan, zinjibar])}
    assert found["mocha"].found == "Mocha, YE (population 16,794)"
    assert found["mocha"].sure
    assert found["mocha"].others >= 1
    assert found["zinjibar"].found.startswith("Zinjib")
    assert ", YE " in found["zinjibar"].found
    assert "km from" not in found["zinjibar"].found
