"""Entity pages, co-occurrence, feeds: asserted on the built fixture archive."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from .helpers import Build, mention

ATOM = "{http://www.w3.org/2005/Atom}"


def _section(html: str, heading: str) -> str:
    """The HTML from a heading's text to the next h2."""
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start : end if end != -1 else None]


def test_actor_page_has_profile_stats_and_timeline(site: Build) -> None:
    html = site.page("/actors/khalifa-haftar/")
    assert "Commander of the Libyan National Army." in html
    assert re.search(r"<dt>Briefings</dt><dd>3</dd>", html)
    assert '<time datetime="2016-10-07">7 October 2016</time>' in html  # first seen
    timeline = _section(html, "Timeline")
    assert timeline.index(">2017</h3>") < timeline.index(">2016</h3>")
    assert timeline.index(">January</h4>") < timeline.index(">October</h4>")


def test_co_occurrence_counts_and_places(site: Build) -> None:
    html = site.page("/actors/khalifa-haftar/")
    seen_with = _section(html, "Often seen with")
    assert re.findall(r'href="/actors/([^/]+)/">[^<]+</a> <span class="count"[^>]*>(\d+)<', seen_with) == [
        ("bunyan-al-marsus", "2"), ("islamic-state", "1"), ("jeff-davies", "1"),
    ]  # fmt: skip
    where = _section(html, "Where")
    assert re.findall(r'href="/places/([^/]+)/">[^<]+</a> <span class="count"[^>]*>(\d+)<', where) == [
        ("misrata", "2"), ("sirte", "2"),  # ties A–Z
    ]  # fmt: skip


def test_also_mentioned_in_lists_untagged_prose_mentions(site: Build) -> None:
    html = site.page("/places/misrata/")
    mentioned = _section(html, "Also mentioned in")
    assert 'href="/briefings/tanks-and-quotes/"' in mentioned
    assert 'href="/briefings/sirte-bm-splits-enclave/"' not in mentioned


def test_place_page_shows_location_and_nesting(site: Build) -> None:
    sirte = site.page("/places/sirte/")
    assert "31.209° N, 16.589° E" in sirte
    assert '<dt>Within</dt><dd><a href="/places/libya/">Libya</a></dd>' in sirte
    libya = _section(site.page("/places/libya/"), "Places within")
    assert re.findall(r'href="/places/([^/]+)/"', libya) == ["misrata", "sirte"]


def test_briefing_body_links_first_mentions(site: Build) -> None:
    html = site.page("/briefings/sirte-bm-splits-enclave/")
    mentions = re.findall(r'<a href="([^"]+)" data-card="[^"]+">([^<]+)</a>', html)
    assert mentions == [
        ("/actors/bunyan-al-marsus/", "Bunyan al-Marsus"),
        ("/places/sirte/", "Sirte"),
        ("/actors/islamic-state/", "ISIS"),
        ("/actors/khalifa-haftar/", "Haftar"),
    ]


def _feed(site: Build, path: str) -> ET.Element:
    return ET.fromstring((site.output / path).read_bytes())


def test_every_feed_is_valid_atom(site: Build) -> None:
    feeds = sorted((site.output / "feeds").rglob("*.atom.xml"))
    assert len(feeds) == 1 + 4 + 3  # all, actors (with Jeff Davies), places
    for path in feeds:
        feed = ET.fromstring(path.read_bytes())
        assert feed.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{tag}") is not None, (path, tag)
        assert feed.find(f"{ATOM}link[@rel='self']") is not None
        assert feed.find(f"{ATOM}author/{ATOM}name") is not None
        for entry in feed.findall(f"{ATOM}entry"):
            for tag in ("id", "title", "updated"):
                assert entry.find(f"{ATOM}{tag}") is not None, (path, tag)
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None


def test_entity_feed_lists_its_briefings_newest_first(site: Build) -> None:
    feed = _feed(site, "feeds/actors/khalifa-haftar.atom.xml")
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == [
        "Outlook for the new year",
        'Tanks <b>& "quotes"</b> in <Sirte>',
        "BM splits the ISIS enclave in Sirte",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2017-01-05T00:00:00+00:00"


def test_feed_is_linked_from_the_page_head_and_body(site: Build) -> None:
    html = site.page("/places/sirte/")
    head = html[: html.index("</head>")]
    assert 'type="application/atom+xml"' in head
    assert 'href="/feeds/places/sirte.atom.xml"' in head
    assert html.count('href="/feeds/places/sirte.atom.xml"') == 2


def test_site_feed_carries_full_content_with_absolute_base(subpath_site: Build) -> None:
    feed = _feed(subpath_site, "feeds/all.atom.xml")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == "https://org.github.io/repo/"
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}id") == "https://org.github.io/repo/briefings/fixed-slug/"
    content = entry.find(f"{ATOM}content")
    assert content is not None
    assert content.get("type") == "html"
    assert "/repo/actors/khalifa-haftar/" in (content.text or "")
    assert "DRAFT-MARKER-TEXT" not in (subpath_site.output / "feeds/all.atom.xml").read_text()


def test_open_data_follows_the_documented_schema(site: Build) -> None:
    import json

    briefings = json.loads(site.data("briefings.json"))
    assert briefings["version"] == 1
    assert [b["slug"] for b in briefings["briefings"]] == [
        "fixed-slug", "tanks-and-quotes", "sirte-bm-splits-enclave",
    ]  # fmt: skip
    first = briefings["briefings"][2]
    assert set(first) == {
        "slug", "url", "title", "date", "updated", "summary", "authors", "tags",
        "actors", "places", "mentions", "sources", "takeaways", "cutoff", "trends", "lang",
    }  # fmt: skip
    assert (first["takeaways"], first["cutoff"]) == ([], None)
    # In the front-matter's order; the names written were a place's and an actor's alias.
    assert first["trends"] == [
        {"section": "places", "slug": "sirte", "trend": "improved", "alert": False,
         "opportunity": False},
        {"section": "actors", "slug": "islamic-state", "trend": "deteriorated", "alert": True,
         "opportunity": False},
    ]  # fmt: skip
    assert first["actors"] == ["bunyan-al-marsus", "islamic-state", "khalifa-haftar"]
    assert first["mentions"] == {
        "actors": ["bunyan-al-marsus", "islamic-state", "khalifa-haftar"],
        "places": ["sirte"],
    }
    assert first["date"] == "2016-10-07T00:00:00+00:00"
    assert first["sources"][1] == {
        "title": "https://www.africom.mil/",
        "url": "https://www.africom.mil/",
    }

    actors = {a["slug"]: a for a in json.loads(site.data("actors.json"))["actors"]}
    haftar = actors["khalifa-haftar"]
    assert set(haftar) == {
        "slug", "url", "name", "kind", "aliases", "in_registry", "briefings", "mentioned_in",
        "first_seen", "last_seen", "actors", "places", "affiliations",
    }  # fmt: skip
    assert haftar["aliases"] == ["Haftar", "Hifter", "خليفة حفتر"]
    assert haftar["actors"][0] == {"slug": "bunyan-al-marsus", "count": 2}
    assert actors["jeff-davies"]["in_registry"] is False

    places = {p["slug"]: p for p in json.loads(site.data("places.json"))["places"]}
    assert places["sirte"]["coordinates"] == {"lat": 31.2089, "lon": 16.5887}
    assert places["sirte"]["within"] == "libya"
    assert places["libya"]["contains"] == ["misrata", "sirte"]
    assert places["misrata"]["mentioned_in"] == ["tanks-and-quotes"]
    raw = site.data("briefings.json")
    assert "DRAFT-MARKER-TEXT" not in raw
    assert "unfinished" not in raw


def test_places_index_draws_a_map_with_a_link_per_place(site: Build) -> None:
    html = site.page("/places/")
    svg = html[html.index("<svg") : html.index("</svg>")]
    # One link a keyboard reaches per place (its labels repeat it, out of the tab order).
    assert re.findall(r'<a href="(/places/[^"]+)" aria-label=', svg) == [
        "/places/misrata/", "/places/sirte/",
    ]  # fmt: skip
    labels = re.findall(r'<a href="(/places/[^"]+)" tabindex="-1">', svg)
    assert set(labels) == {"/places/misrata/", "/places/sirte/"}
    assert "libya" not in svg  # a country is an area, not a dot


def test_browse_lists_point_into_the_oldest_first_chunks(site: Build) -> None:
    import json

    facets = json.loads((site.output / "search" / "facets.json").read_text())
    chunk = facets["chunk"]
    rows = json.loads((site.output / "search" / "briefings" / "0.json").read_text())
    # Oldest first: a new briefing adds to the last chunk, and moves no position.
    assert [r[0] for r in rows] == [
        "briefings/sirte-bm-splits-enclave/", "briefings/tanks-and-quotes/", "briefings/fixed-slug/",
    ]  # fmt: skip
    haftar = next(v for v in facets["actor"] if v["slug"] == "khalifa-haftar")
    assert haftar["count"] == 3
    assert haftar["aliases"] == ["Haftar", "Hifter", "خليفة حفتر"]
    haftar_list = json.loads((site.output / "search/lists/actor/khalifa-haftar.json").read_text())
    assert haftar_list["at"] == [0, 1, 2]
    # With its list, how many of those briefings have each value of every facet.
    assert haftar_list["counts"]["year"] == {"2016": 2, "2017": 1}
    assert haftar_list["counts"]["actor"]["khalifa-haftar"] == 3
    sirte = json.loads((site.output / "search/lists/place/sirte.json").read_text())["at"]
    assert [rows[p % chunk][0] for p in sirte] == [
        "briefings/sirte-bm-splits-enclave/", "briefings/tanks-and-quotes/",
    ]  # fmt: skip
    assert [v["name"] for v in facets["year"]] == ["2017", "2016"]


def test_profiles_link_their_mentions_but_never_themselves(site: Build) -> None:
    html = site.page("/actors/bunyan-al-marsus/")
    profile = html.split('<section class="prose profile"', 1)[1].split("</section>", 1)[0]
    assert mention("actors/islamic-state", "ISIS") in profile
    assert mention("places/sirte", "Sirte") in profile
    assert mention("places/misrata", "Misrata") in profile
    assert "/actors/bunyan-al-marsus/" not in profile


def test_affiliations_show_linked_where_the_registry_has_them(site: Build) -> None:
    html = site.page("/actors/bunyan-al-marsus/")
    assert (
        '<dt>Affiliations</dt><dd><a href="/places/misrata/">Misrata</a>, Presidential Council</dd>'
        in html
    )


def test_a_country_gathers_the_briefings_of_its_places(site: Build) -> None:
    libya = site.page("/places/libya/")
    assert "<dt>Briefings</dt><dd>3</dd>" in libya
    assert (
        'class="via">via <a href="/places/misrata/">Misrata</a>, <a href="/places/sirte/">Sirte</a></span>'
        in libya
    )
    feed = (site.output / "feeds" / "places" / "libya.atom.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 3
    # Search: a briefing that tags Sirte is found under the filter Libya too.
    briefing = site.page("/briefings/sirte-bm-splits-enclave/")
    assert (
        '<meta name="dossier:within" content="Libya" data-pagefind-filter="place[content]">'
        in briefing
    )
    facets = json.loads((site.output / "search" / "facets.json").read_text(encoding="utf-8"))
    assert {v["slug"]: v["count"] for v in facets["place"]}["libya"] == 3


def test_entity_timelines_show_the_sentence_around_each_first_mention(site: Build) -> None:
    import re

    page = site.page("/actors/khalifa-haftar/")
    contexts = re.findall(r'<p class="context">(.*?)</p>', page, re.S)
    # One per briefing that names him (the tanks briefing lists him but never
    # names him), in the timeline's order, the name marked, as plain text.
    assert contexts == [
        "<mark>Haftar</mark> and BM both gain leverage going into 2017.",  # a takeaway
        "<mark>Haftar</mark>&#39;s envoys meanwhile toured European capitals.",
    ]
    # The mentioned-only list of a place has them too.
    misrata = site.page("/places/misrata/")
    mentioned = misrata.split('id="dossier_mentioned"', 1)[1]
    assert "<mark>Misrata</mark>" in mentioned
