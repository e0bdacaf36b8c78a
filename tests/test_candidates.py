"""Who is missing from the registry (#24 item 6): names several briefings use
that no registry entry holds, ranked, with examples, and scaffolded on request."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from dossier.candidates import _names_in, find
from dossier.model import Actor, Place
from dossier.registry import make_registry

from .helpers import FIXTURE, SETTINGS, run_dossier
from .model_helpers import briefing


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # A sentence's first words and a day are not a name.
        ("On Monday the Sudan Liberation Movement offered to escort the trucks.",
         [("Sudan Liberation Movement", "run")]),
        # A possessive splits two names.
        ("Haftar's Libyan National Army advanced.",
         [("Haftar", "word"), ("Libyan National Army", "run")]),
        # After "near", a place; an article joined by a hyphen stays in the name.
        ("Convoys stopped near Tawila, said Abdel Wahid al-Nur.",
         [("Abdel Wahid al-Nur", "run"), ("Tawila", "word"), ("Tawila", "place")]),
        # Adjectives of nationality and titles are not names.
        ("The Sudanese army and Western envoys met General Hemedti.", [("Hemedti", "word")]),
        # Those without a telling ending too; places with such endings stay.
        ("Drones from an Emirati base and Libyan fighters reached Mali and Tripoli.",
         [("Mali", "word"), ("Tripoli", "word")]),
        ("RSF units and the UN left.", [("RSF", "acronym")]),
    ],
)  # fmt: skip
def test_what_counts_as_a_name_in_a_sentence(sentence: str, names: list[tuple[str, str]]) -> None:
    assert sorted(_names_in(sentence)) == sorted(names)


def _with_text(slug: str, day: int, text: str) -> object:
    return dataclasses.replace(briefing(slug, day), body_html=f"<p>{text}</p>")


def test_candidates_are_unregistered_names_of_several_briefings_ranked() -> None:
    actors, _ = make_registry("actors", [Actor("actors", "rsf", "Rapid Support Forces",
                                               aliases=("RSF",), path="rsf.md")])  # fmt: skip
    places, _ = make_registry("places", [Place("places", "tawila", "Tawila", path="tawila.md")])
    briefings = (
        _with_text("a", 1, "The World Food Programme said RSF fighters near Tawila took Zamzam."),
        _with_text("b", 2, "Trucks of the World Food Programme reached Zamzam. Hemedti spoke."),
        _with_text("c", 3, "The World Fod Programme left Zamzam; the Rapid Support Forces stayed."),
    )
    found = find(briefings, actors, places)  # type: ignore[arg-type]
    assert [(c.name, c.briefings) for c in found] == [("Zamzam", 3), ("World Food Programme", 2)]
    wfp = found[1]
    assert [path for path, _ in wfp.examples] == ["a.md", "b.md"]
    assert (
        wfp.examples[0][1] == "The World Food Programme said RSF fighters near Tawila took Zamzam."
    )
    # Registered names (Tawila, RSF, Rapid Support Forces) and one-briefing names (Hemedti) are not.
    assert find(briefings, actors, places, least=1)[-1].name != "Tawila"  # type: ignore[arg-type]


def test_candidates_lists_and_writes_only_what_is_asked(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for day, text in (
        (20, "Fighting near Tawila and in Zamzam."),
        (21, "Zamzam and Tawila again."),
    ):
        (content / "briefings" / "2017" / f"2017-01-{day}-t{day}.md").write_text(
            f"---\ntitle: T{day}\ndate: 2017-01-{day}\n---\n{text}\n", "utf-8"
        )
    listed = run_dossier("candidates", "--content", str(content), "--settings", str(SETTINGS))
    assert listed.returncode == 0, listed.stderr
    assert "Tawila  (place?, 2 briefings, 2 mentions)" in listed.stdout
    assert "2017-01-20-t20.md: Fighting near Tawila and in Zamzam." in listed.stdout
    written = run_dossier("candidates", "--content", str(content), "--settings", str(SETTINGS),
                          "--write", "--only", "Tawila")  # fmt: skip
    assert written.returncode == 0, written.stderr
    entry = content / "places" / "tawila.md"
    assert written.stdout.strip().endswith("places/tawila.md")
    assert entry.read_text("utf-8").startswith(
        '---\nname: "Tawila"\n# kind: city, region, camp…\naliases: []\n'
    )
    # Never twice, never a name that is not a candidate, and nothing else written.
    again = run_dossier("candidates", "--content", str(content), "--settings", str(SETTINGS),
                        "--write", "--only", "Tawila", "--only", "Nowhere")  # fmt: skip
    assert again.returncode == 1
    assert "error: 'Nowhere' is not among the candidates" in again.stderr
    assert "places/tawila.md: error: 'Tawila' is in the registry already" in again.stderr
    assert sorted(p.name for p in (content / "places").iterdir()) == sorted(
        [*(p.name for p in (FIXTURE / "places").iterdir()), "tawila.md"]
    )
    # The entry written has no error (its coordinates are for the author to
    # confirm: GeoNames' only Tawila is in Yemen), and Tawila is no longer a candidate.
    checked = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS))
    assert "tawila.md:2: warning: place 'Tawila' has no coordinates" in checked.stdout
    assert "tawila.md" not in checked.stdout.replace("tawila.md:2: warning: place 'Tawila'", "")
    listed = run_dossier("candidates", "--content", str(content), "--settings", str(SETTINGS))
    assert "Tawila" not in listed.stdout


def test_registered_names_cut_at_a_hyphen_or_a_possessive_are_not_candidates() -> None:
    actors, _ = make_registry("actors", [
        Actor("actors", "ansar-allah", "Ansar Allah", aliases=("Houthis", "Houthi"), path="a.md"),
        Actor("actors", "saleh", "Ali Abdullah Saleh", aliases=("Saleh",), path="s.md"),
        Actor("actors", "gpc", "General People's Congress", aliases=("GPC",), path="g.md"),
    ])  # fmt: skip
    places, _ = make_registry("places", [Place("places", "taiz", "Taiz", path="taiz.md")])
    text = ("Houthi-Saleh units shelled Houthi-held districts of Taiz as ships left Bab "
            "al-Mandab. The People's Congress split; the Houthi-Saleh pact held.")  # fmt: skip
    briefings = (_with_text("a", 1, text), _with_text("b", 2, text))
    found = find(briefings, actors, places)  # type: ignore[arg-type]
    assert [c.name for c in found] == ["Bab al-Mandab"]
