"""Time Dossier's pure stages on a corpus, without Pelican: read, link, resolve, relate.

    python scripts/bench_stages.py CONTENT_DIR

Reads every briefing twice (without and with the mention linker), so the
linker's cost is the difference; then times building the linker and relating.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dossier.link import Linker
from dossier.load import Corpus
from dossier.read import read_briefing
from dossier.registry import load_registry
from dossier.relate import relate
from dossier.resolve import resolve


def main() -> None:
    content = Path(sys.argv[1])
    files = sorted((content / "briefings").rglob("*.md"))
    texts = [(str(f), f.stem, f.read_text(encoding="utf-8")) for f in files]
    n = len(texts)

    started = time.perf_counter()
    actors, _ = load_registry(content / "actors", "actors")
    places, _ = load_registry(content / "places", "places")
    registry_s = time.perf_counter() - started
    started = time.perf_counter()
    linker = Linker([*actors.entities.values(), *places.entities.values()], lambda e: f"/{e.key}/")
    compile_s = time.perf_counter() - started

    started = time.perf_counter()
    for path, stem, text in texts:
        read_briefing(text, path, stem)
    plain_s = time.perf_counter() - started

    started = time.perf_counter()
    briefings = [read_briefing(text, path, stem, linker=linker)[0] for path, stem, text in texts]
    linked_s = time.perf_counter() - started

    started = time.perf_counter()
    relate(resolve(Corpus(actors, places, tuple(briefings), (), ())))
    relate_s = time.perf_counter() - started

    entities = len(actors.entities) + len(places.entities)
    print(f"briefings: {n}, registry entities: {entities}")
    print(f"load registries:             {registry_s:7.2f} s")
    print(f"compile mention pattern:     {compile_s:7.2f} s")
    print(f"read (front-matter + md):    {plain_s:7.2f} s  {1000 * plain_s / n:.3f} ms/briefing")
    print(f"read + link mentions:        {linked_s:7.2f} s  {1000 * linked_s / n:.3f} ms/briefing")
    link_ms = 1000 * (linked_s - plain_s) / n
    print(f"  of which linking:          {linked_s - plain_s:7.2f} s  {link_ms:.3f} ms/briefing")
    print(f"resolve + relate:            {relate_s:7.2f} s  {1000 * relate_s / n:.3f} ms/briefing")


if __name__ == "__main__":
    main()
