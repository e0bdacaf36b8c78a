"""The places map: which places it draws, with and without DOSSIER_MAP_REGION."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from dossier.config import site_path
from dossier.makers.placemap import archive_map
from dossier.model import Place
from dossier.relate import relate
from dossier.resolve import resolve
from dossier.urls import Urls

from .helpers import maps_drawn, sample_result
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
    # The places outside the frame are on the inset, and only there.
    main, inset = made.svg.split('<g class="inset"', 1)
    inset = inset.split("</g>", 1)[0]
    assert sorted(n for n in drawn if f'aria-label="{n}"' in main) == drawn
    assert not any(f'aria-label="{n}"' in main for n in left_off)
    assert [n for n in left_off if f'aria-label="{n}"' in inset] == left_off
    assert made.left_off == []  # nothing left for the caption to name


SUDAN = [
    replace(place("sudan", "Sudan"), kind="country"),
    replace(place("chad", "Chad"), kind="country"),
    _located("el-geneina", "El Geneina", 13.45, 22.44, "Sudan"),
    _located("khartoum", "Khartoum", 15.50, 32.56, "Sudan"),
    _located("omdurman", "Omdurman", 15.64, 32.48, "Sudan"),
    _located("bahri", "Bahri", 15.64, 32.55, "Sudan"),
    _located("el-fasher", "El Fasher", 13.63, 25.35, "Sudan"),
    _located("adre", "Adré", 13.47, 22.20, "Chad"),  # across the border, inside the area drawn
    _located("ndjamena", "N'Djamena", 12.13, 15.06, "Chad"),
]


def test_a_place_inside_the_area_drawn_is_drawn_whatever_holds_it() -> None:
    briefings = [briefing("a", 1, places=["Khartoum", "Omdurman", "Bahri", "Adré"])]
    archive = relate(resolve(corpus(briefings, [], SUDAN)))
    made = archive_map(archive, Urls.from_settings({}, "", site_path("")), "Sudan")
    main, inset = made.svg.split('<g class="inset"', 1)
    assert 'aria-label="Adré"' in main
    assert "N&#39;Djamena" not in main
    assert 'aria-label="N&#39;Djamena"' in inset


def test_no_label_of_any_size_touches_a_dot_or_another_label() -> None:
    import re

    from dossier.makers.placemap import DOT_GROWTH, LABEL_WIDTHS, text_width

    briefings = [briefing("a", 1, places=["Khartoum", "Omdurman", "Bahri"])]
    svg = archive_map(
        relate(resolve(corpus(briefings, [], SUDAN))), Urls.from_settings({}, "", site_path(""))
    ).svg
    dots = [
        tuple(map(float, d)) for d in re.findall(r'cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)
    ]
    layers = re.findall(
        r'<g class="map-labels map-labels-(\d+)" font-size="([\d.]+)"[^>]*>(.*?)</g>', svg, re.S
    )
    assert [int(w) for w, _, _ in layers] == list(LABEL_WIDTHS)
    for shown_from, size_text, body in layers:
        size, grow = float(size_text), DOT_GROWTH[int(shown_from)]
        boxes = []
        for x, y, name in re.findall(r'class="dot-label" x="([\d.]+)" y="([\d.]+)">([^<]+)<', body):
            left, base = float(x), float(y)
            boxes.append(
                (left, base - 0.8 * size, left + text_width(name, size), base + 0.25 * size)
            )
        assert boxes, shown_from
        for i, (left, top, right, bottom) in enumerate(boxes):
            for cx, cy, radius in dots:
                grown = radius * grow
                assert (
                    right < cx - grown or left > cx + grown
                    or bottom < cy - grown or top > cy + grown
                )  # fmt: skip
            for left2, top2, right2, bottom2 in boxes[i + 1 :]:
                assert right < left2 or right2 < left or bottom < top2 or bottom2 < top
    # Wider screens show at least as many labels as narrower ones.
    counts = [len(re.findall("dot-label", body)) for _, _, body in layers]
    assert counts == sorted(counts, reverse=True)


def test_a_place_page_maps_it_with_the_places_within_and_most_often_with_it() -> None:
    from dossier.makers.placemap import entity_map

    briefings = [
        briefing("a", 1, places=["Khartoum", "Omdurman", "N'Djamena"]),
        briefing("b", 2, places=["Khartoum", "El Fasher"]),
    ]
    archive = relate(resolve(corpus(briefings, [], SUDAN)))
    urls = Urls.from_settings({}, "", site_path(""))
    svg = entity_map(archive, urls, archive.places["khartoum"])
    assert 'aria-label="Khartoum" aria-current="page"' in svg
    assert 'class="dot dot-here"' in svg
    # Those most often with it, under the same outermost place: not N'Djamena.
    assert 'aria-label="Omdurman"' in svg  # 0.16° away: beside Khartoum's dot, not on it
    assert 'aria-label="El Fasher"' in svg
    assert "Djamena" not in svg
    # A country is an area: its map is the places within it.
    sudan = entity_map(archive, urls, archive.places["sudan"])
    assert 'aria-label="Khartoum' in sudan
    assert "dot-here" not in sudan
    # Nothing to locate it against: no map.
    assert entity_map(archive, urls, archive.places["ndjamena"]) == ""


@pytest.mark.parametrize("case", ["sudan", "a row of close dots"])
def test_every_label_is_nearer_its_own_dot_than_any_other(case: str) -> None:
    import math
    import re

    from dossier.makers.placemap import Point, render_map, text_width

    if case == "sudan":
        named = ["Khartoum", "Omdurman", "Bahri", "Adré", "El Geneina", "El Fasher"]
        archive = relate(resolve(corpus([briefing("a", 1, places=named)], [], SUDAN)))
        svg = archive_map(archive, Urls.from_settings({}, "", site_path("")), "Sudan").svg
    else:  # two all but touching dots hemmed in on both sides: no label could say which
        row = [("west", 10.0), ("aaaa", 10.3), ("bbbb", 10.33), ("east", 10.63)]
        points = [Point(n, f"/places/{n}/", 20.0, lon) for n, lon in row]
        svg = render_map([*points, Point("far", "/places/far/", 25.0, 15.0)], "t")
    centres = {
        href: (float(x), float(y))
        for href, x, y in re.findall(r'<a href="([^"]+)" aria-label="[^"]+"><title>[^<]*</title>'
                                     r'<circle class="dot(?: dot-group)?(?: dot-here)?" cx="([\d.]+)" cy="([\d.]+)"', svg)
    }  # fmt: skip
    # Adré is drawn with Sudan's places (N'Djamena on the inset); at the
    # scale of Sudan the three towns of Khartoum are one dot, as are aaaa and bbbb.
    assert len(centres) == 4
    for size_text, body in re.findall(
        r'font-size="([\d.]+)" aria-hidden="true">(.*?)</g>', svg, re.S
    ):
        size = float(size_text)
        for href, x, y, name in re.findall(
            r'<a href="([^"]+)" tabindex="-1"><text class="dot-label" x="([\d.]+)" y="([\d.]+)">([^<]+)<',
            body,
        ):
            if href not in centres:  # a place abroad, on the inset
                continue
            left, base = float(x), float(y)
            box = (left, base - 0.8 * size, left + text_width(name, size), base + 0.25 * size)

            def distance(centre: tuple[float, float], box: tuple[float, ...] = box) -> float:
                dx = max(box[0] - centre[0], 0, centre[0] - box[2])
                dy = max(box[1] - centre[1], 0, centre[1] - box[3])
                return math.hypot(dx, dy)

            others = min(distance(c) for h, c in centres.items() if h != href)
            assert distance(centres[href]) < others, (size, name)


def test_a_circle_of_places_within_each_other_still_maps() -> None:
    from dossier.makers.placemap import entity_map

    circle = [
        _located("darfur", "Darfur", 13.0, 24.0, "North Darfur"),
        _located("north-darfur", "North Darfur", 15.0, 25.0, "Darfur"),
        _located("el-fasher", "El Fasher", 13.63, 25.35, "Darfur"),
    ]
    archive = relate(resolve(corpus([briefing("a", 1, places=["Darfur"])], [], circle)))
    svg = entity_map(archive, Urls.from_settings({}, "", site_path("")), archive.places["darfur"])
    assert svg.count("<circle") >= 2  # it ends, and draws what it can


def test_two_names_for_one_point_are_one_dot_with_a_count() -> None:
    from dossier.makers.placemap import Point, render_map

    points = [
        Point("Khartoum", "/places/khartoum/", 15.5, 32.56, 5),
        Point("Khartoum Airport", "/places/airport/", 15.5, 32.56, 1),
        Point("El Fasher", "/places/el-fasher/", 13.63, 25.35, 3),
    ]
    svg = render_map(points, "t", "/places/khartoum/")
    widest = svg.split('map-labels-760"', 1)[1].split("</g>", 1)[0]
    assert ">Khartoum +1<" in widest  # one dot for both, saying so
    assert "<title>Khartoum and 1 beside it: Khartoum Airport</title>" in svg


def test_a_long_label_is_checked_against_dots_near_its_far_end() -> None:
    from dossier.makers.placemap import Point, _labels

    long = Point("Central African Republic", "/places/car/", 0, 0, 9)
    other = Point("Birao", "/places/birao/", 0, 0, 1)
    dots = {long.href: (100.0, 100.0, 9.0), other.href: (280.0, 114.6, 4.0)}
    placed = "".join(_labels([long, other], dots, [], [], 720, 400, 13.0))
    # Right of its dot, its far end would be nearer Birao's dot than its own.
    assert 'x="112' not in placed


def test_the_inset_holds_the_frame_and_the_places_abroad_and_hides_no_dot() -> None:
    from dossier.makers.placemap import Point, frame_of, inset_for

    libya = [Point("Tripoli", "/t/", 32.9, 13.2, 3), Point("Benghazi", "/b/", 32.1, 20.1, 2),
             Point("Sabha", "/s/", 27.0, 14.4, 1)]  # fmt: skip
    abroad = [Point("Paris", "/p/", 48.86, 2.35), Point("Rome", "/r/", 41.9, 12.5)]
    frame = frame_of(libya)
    inset = inset_for(frame, libya, abroad)
    assert inset is not None
    west, south, east, north = inset.frame.box
    outer = frame.box
    assert west <= outer[0]
    assert south <= outer[1]
    assert outer[2] <= east
    assert outer[3] <= north
    assert all(west < p.lon < east and south < p.lat < north for p in abroad)
    x0, y0, x1, y1 = inset.box
    for point in libya:
        x, y = frame.project(point.lat, point.lon)
        assert not (x0 <= x <= x1 and y0 <= y <= y1), point.name
    # Dots in every corner: no room for an inset; the caption names them instead.
    width, height = frame.width, frame.height
    corners = [(0.15, 0.15), (0.85, 0.15), (0.15, 0.85), (0.85, 0.85)]
    w, s_, e, n = frame.box
    crowded = [Point(f"c{i}", f"/c{i}/", n - (n - s_) * fy, w + (e - w) * fx)
               for i, (fx, fy) in enumerate(corners)]  # fmt: skip
    assert inset_for(frame_of(crowded), crowded, abroad) is None
    assert (width, height) == (720, 480)


def test_the_places_map_s_inset_has_its_base_drawing() -> None:
    from dossier.makers.placemap import base_maps

    places = [*PLACES, _located("paris", "Paris", 48.86, 2.35, None)]
    archive = relate(resolve(corpus([briefing("a", 1, places=["Sirte", "Paris"])], [], places)))
    urls = Urls.from_settings({}, "", site_path(""))
    files = base_maps(archive, urls, "Libya")
    insets = [path for path in files if path.startswith("maps/inset-")]
    svg = archive_map(archive, urls, "Libya").svg
    assert sum(f'<image href="/{path}"' in svg for path in insets) == 1
    assert all(b"<text" not in files[path].make() for path in insets)  # insets are not named


def test_every_base_drawing_a_map_shows_is_written() -> None:
    import re

    from dossier.makers.placemap import base_maps, entity_map

    places = [*PLACES, _located("paris", "Paris", 48.86, 2.35, None)]
    briefings = [briefing("a", 1, places=["Sirte", "Misrata", "Paris"]),
                 briefing("b", 2, places=["Misrata", "Tunis"])]  # fmt: skip
    archive = relate(resolve(corpus(briefings, [], places)))
    urls = Urls.from_settings({}, "", site_path(""))
    shown = [archive_map(archive, urls, "Libya").svg]
    shown += [entity_map(archive, urls, listing) for listing in archive.places.values()]
    wanted = {m for svg in shown for m in re.findall(r'(?:src|href)="/(maps/[^"]+)"', svg)}
    assert any(m.startswith("maps/inset-") for m in wanted)
    assert wanted == set(base_maps(archive, urls, "Libya"))


def test_an_actor_s_map_shows_the_places_it_is_seen_in_sized_by_briefings() -> None:
    from dossier.makers.placemap import actor_points, entity_map

    from .model_helpers import actor

    places = [*PLACES, _located("paris", "Paris", 48.86, 2.35, None)]
    briefings = [briefing("a", 1, actors=["Haftar"], places=["Sirte", "Misrata"]),
                 briefing("b", 2, actors=["Haftar"], places=["Sirte", "Paris"]),
                 briefing("c", 3, actors=["Haftar"], places=["Sirte", "Libya"])]  # fmt: skip
    archive = relate(resolve(corpus(briefings, [actor("haftar", "Haftar")], places)))
    urls = Urls.from_settings({}, "", site_path(""))
    drawn, abroad, frame = actor_points(archive, urls, archive.actors["haftar"])
    assert {p.name: p.weight for p in drawn} == {"Sirte": 3, "Misrata": 1}  # Libya: an area
    assert [p.name for p in abroad] == ["Paris"]
    assert frame is not None
    svg = entity_map(archive, urls, archive.actors["haftar"])
    assert 'aria-label="Map of the places Haftar is seen in"' in svg
    main, inset = svg.split('<g class="inset"', 1)
    assert 'aria-label="Paris"' in inset
    radius = {
        n: float(r)
        for n, r in re.findall(
            r'aria-label="(\w+)"><title>\w+</title><circle class="dot" cx="[\d.]+" cy="[\d.]+" r="([\d.]+)"',
            main,
        )
    }
    assert radius["Sirte"] > radius["Misrata"]


def test_a_place_page_outlines_its_country_and_greys_its_neighbours() -> None:
    from dossier.makers.placemap import entity_map

    places = [*PLACES, _located("ajdabiya", "Ajdabiya", 30.76, 20.22, "Libya")]
    briefings = [briefing("a", 1, places=["Sirte", "Misrata", "Ajdabiya"])]
    archive = relate(resolve(corpus(briefings, [], places)))
    urls = Urls.from_settings({}, "", site_path(""))
    svg = entity_map(archive, urls, archive.places["sirte"])
    outline = re.search(r'<path class="map-area" d="(M[^"]+z)"', svg)
    assert outline is not None  # Libya, the country Sirte is within, from the atlas
    assert re.search(
        r'aria-label="Misrata"><title>Misrata</title><circle class="dot dot-near"', svg
    )
    assert re.search(r'aria-current="page"><title>Sirte</title><circle class="dot dot-here"', svg)


YEMEN = [
    replace(place("yemen", "Yemen"), kind="country"),
    _located("sanaa", "Sana'a", 15.35, 44.21, "Yemen"),
    _located("marib", "Marib", 15.46, 45.32, "Yemen"),
    _located("hodeidah", "Hodeidah", 14.80, 42.95, "Yemen"),
    _located("saada", "Saada", 16.94, 43.76, "Yemen"),
    _located("taiz", "Taiz", 13.58, 44.02, "Yemen"),
    _located("aden", "Aden", 12.78, 45.04, "Yemen"),
    _located("mukalla", "Mukalla", 14.54, 49.12, "Yemen"),
]


def test_no_label_covers_a_country_name_of_the_base_drawing() -> None:
    # A capital near the middle of its country (Sana'a) has its label put
    # beside the country's name on the drawing under the map, not over it.
    from dossier.makers.basemap import WIDE_FROM, names
    from dossier.makers.placemap import LABEL_WIDTHS, Maps, text_width

    briefings = [briefing("a", 1, places=[p.name for p in YEMEN[1:]])]
    archive = relate(resolve(corpus(briefings, [], YEMEN)))
    maps = Maps(archive, Urls.from_settings({}, "", site_path("")), "Yemen")
    spec = maps.of_archive
    assert spec is not None
    drawn = names(spec.frame)
    assert [n.text for n in drawn] == ["YEMEN"]
    layers = re.findall(
        r'<g class="map-labels map-labels-(\d+)" font-size="([\d.]+)"[^>]*>(.*?)</g>',
        spec.svg(maps.urls),
        re.S,
    )
    uppers = dict(zip(LABEL_WIDTHS, (10_000, *LABEL_WIDTHS[:-1]), strict=True))
    labelled = set()
    for shown_from, size_text, body in layers:
        width, size = int(shown_from), float(size_text)
        modes = {width >= WIDE_FROM, uppers[width] > WIDE_FROM}
        taken = [box for n in drawn for wide in modes if (box := n.box(wide)) is not None]
        for x, y, text in re.findall(r'class="dot-label" x="([\d.]+)" y="([\d.]+)">([^<]+)<', body):
            name = html.unescape(text)
            labelled.add(name)
            left, base = float(x), float(y)
            right, top = left + text_width(name, size), base - 0.7 * size
            for n_left, n_top, n_right, n_bottom in taken:
                assert right < n_left or left > n_right or base < n_top or top > n_bottom, (
                    width,
                    name,
                )
    assert "Sana'a" in labelled


def test_the_places_index_map_is_drawn_once_for_the_front_page_and_the_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dossier.outputs import page_jobs, site_maps

    titles = maps_drawn(monkeypatch)
    result = sample_result()
    maps = site_maps(result)
    front = maps.archive_map()  # the front page's, as the generator shares it
    jobs = page_jobs(result, maps)
    assert jobs[("entities", "places")].kwargs["place_map"] == front.svg
    assert titles.count("Map of the places in the archive") == 1
