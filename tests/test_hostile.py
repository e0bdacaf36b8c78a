"""A hostile corpus: every kind of bad input, and what reaches readers from it."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .helpers import ROOT, SETTINGS, Build, build_site, outline, run_dossier, site_tree

GOLDEN = ROOT / "tests" / "golden" / "hostile-check.txt"
HAFTAR = "---\nname: Khalifa Haftar\nkind: person\naliases: [Haftar, خليفة حفتر]\n---\nProfile.\n"
HUGE_BODY = "On 7 October, Haftar's forces advanced on Sirte & Misrata <again>.\n\n" * 16_000

HOSTILE: dict[str, str | bytes] = {
    "actors/khalifa-haftar.md": HAFTAR,
    "actors/evil.md": (
        '---\nname: "<img src=x onerror=alert(8)>"\nkind: "<b>k</b>"\n'
        'aliases: ["</a><script>"]\n---\n<script>alert(9)</script>Profile\n'
    ),
    "places/nowhere.md": "---\nname: Nowhere\ncoordinates: [north, 200]\n---\n",
    "pages/actors.md": "---\ntitle: Clash\nslug: actors\n---\nA page that would replace actors/.\n",
    "briefings/2016/2016-01-01-script-everywhere.md": (
        '---\ntitle: "<script>alert(1)</script> & co"\ndate: 2016-01-01\n'
        "summary: '\"><img src=x onerror=alert(1)>'\n"
        'actors: ["<b onmouseover=alert(1)>Evil</b>", "Khalifa Haftar"]\n'
        'places: ["<svg onload=alert(1)>"]\ntags: ["<i>tag</i>", security]\n'
        'authors: ["</span><script>x</script>"]\nsources:\n'
        '  - title: "<script>alert(2)</script>"\n    url: "javascript:alert(2)"\n'
        '  - title: Data\n    url: "data:text/html,<script>alert(3)</script>"\n---\n\n'
        '<script>alert(4)</script>\n<iframe src="https://evil.example/"></iframe>\n'
        '<object data="x"></object>\n\n'
        'Text: <a href="javascript:alert(5)" onclick="alert(6)">click</a>\n'
        '<img src="data:image/png;base64,AAAA" onerror="alert(7)">\n'
        '<span style="position:fixed">styled</span> [md](javascript:alert(10))\n\n'
        "{{ 7*7 }} {% raw %} {# comment #}\n"
    ),
    "briefings/2016/2016-01-02-traversal.md": "---\ntitle: T\ndate: 2016-01-02\nslug: ../../../etc/passwd\n---\nB\n",
    "briefings/2016/2016-01-03-absolute.md": "---\ntitle: A\ndate: 2016-01-03\nslug: /etc/passwd\n---\nB\n",
    "briefings/2016/2016-01-04-dup-a.md": "---\ntitle: A\ndate: 2016-01-04\nslug: same\n---\nA\n",
    "briefings/2016/2016-01-05-dup-b.md": "---\ntitle: B\ndate: 2016-01-05\nslug: same\n---\nB\n",
    "briefings/2016/2016-01-06-binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "briefings/2016/2016-01-07-latin1.md": "---\ntitle: Café\ndate: 2016-01-07\n---\nB\n".encode("latin-1"),
    "briefings/2016/2016-01-08-bom-crlf.md": "\ufeff---\r\ntitle: BOM\r\ndate: 2016-01-08\r\n---\r\n\r\nBody\r\n".encode(),
    "briefings/2016/2016-01-09-arabic.md": (
        "---\ntitle: حفتر في بنغازي\ndate: 2016-01-09\nactors: [خليفة حفتر]\n---\n\nقال خليفة حفتر إن الوضع هادئ.\n"
    ),
    "briefings/2016/2016-01-10-huge.md": "---\ntitle: Huge\ndate: 2016-01-10\nactors: [Haftar]\n---\n\n"
    + HUGE_BODY,
    "briefings/2016/2016-01-11-bad-yaml.md": '---\ntitle: "unterminated\ndate: 2016-01-11\n---\nB\n',
    "briefings/2016/2016-01-12-template.md": (
        '---\ntitle: "{{ 7*7 }} {% if true %}yes{% endif %}"\ndate: 2016-01-12\n---\n\n{{ config }} {{ 6*6 }}\n'
    ),
    "briefings/2016/2016-01-13-not-mapping.md": "---\njust a string\n---\nB\n",
    "briefings/2016/2016-01-14-nul.md": b"---\ntitle: a\x00b\n---\n",
    "briefings/2016/2016-01-15-draft.md": "---\ntitle: Secret\ndate: 2016-01-15\nstatus: draft\n---\nSECRET-DRAFT\n",
    "briefings/2016/2016-01-16-.md": "---\ntitle: No slug\ndate: 2016-01-16\n---\nB\n",
}  # fmt: skip


def write_corpus(root: Path) -> Path:
    """The hostile corpus under ``root``."""
    for name, data in HOSTILE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build]:
    base = tmp_path_factory.mktemp("hostile")
    content = write_corpus(base / "content")
    built = build_site(content, base / "output", "--keep-going")
    return content, built


def test_golden_check_diagnostics(hostile: tuple[Path, Build]) -> None:
    """The golden list of diagnostics; `make golden` rewrites it (and fails:
    a run that rewrote it never passes)."""
    content, _ = hostile
    result = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS))
    assert result.returncode == 1
    actual = result.stdout.replace(str(content), "content")
    if os.environ.get("DOSSIER_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
        pytest.fail("tests/golden/hostile-check.txt rewritten: review the diff", pytrace=False)
    assert actual == GOLDEN.read_text(encoding="utf-8")


def test_keep_going_skips_exactly_the_bad_files(hostile: tuple[Path, Build]) -> None:
    content, built = hostile
    assert built.returncode == 1
    skipped = sorted(
        line.strip().replace(str(content), "content")
        for line in built.stderr.splitlines()
        if line.startswith("  ")
    )
    assert skipped == [
        f"content/briefings/2016/{name}.md"
        for name in [
            "2016-01-02-traversal", "2016-01-03-absolute", "2016-01-04-dup-a",
            "2016-01-05-dup-b", "2016-01-06-binary", "2016-01-07-latin1",
            "2016-01-11-bad-yaml", "2016-01-13-not-mapping", "2016-01-14-nul", "2016-01-16-",
        ]
    ] + ["content/pages/actors.md", "content/places/nowhere.md"]  # fmt: skip
    for good, title in [
        ("script-everywhere", "<script>alert(1)</script> & co"), ("bom-crlf", "BOM"),
        ("huge", "Huge"), ("template", "{{ 7*7 }} {% if true %}yes{% endif %}"),
    ]:  # fmt: skip
        assert outline(built.page(f"/briefings/{good}/")).h1 == (title,)


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_data_block = False
        self.data_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        own_script = tag == "script" and (values.get("src") or "").startswith("/theme/js/")
        # JSON-LD: a data block browsers never run; its content is checked below.
        data_block = tag == "script" and values == {"type": "application/ld+json"}
        self.in_data_block = data_block
        if tag in ("script", "iframe", "object", "embed") and not (own_script or data_block):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")
            if (
                name in ("href", "src")
                and value
                and value.strip().lower().startswith(("javascript:", "data:"))
            ):
                self.problems.append(f"{tag}[{name}={value}]")

    def handle_data(self, data: str) -> None:
        if self.in_data_block:
            self.data_blocks.append(data)

    def handle_endtag(self, tag: str) -> None:
        self.in_data_block = False


def test_nothing_executable_reaches_any_page(hostile: tuple[Path, Build]) -> None:
    _, built = hostile
    pages = sorted(built.output.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        audit = _Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.problems == [], page
        for block in audit.data_blocks:  # JSON whose text cannot close the block
            assert "<" not in block, page
            assert ">" not in block, page
            json.loads(block)


def test_text_fields_are_escaped_in_html_feeds_and_json(hostile: tuple[Path, Build]) -> None:
    _, built = hostile
    html = built.page("/briefings/script-everywhere/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # the source's title, as text
    for path in [*built.output.rglob("*.xml"), *built.output.rglob("*.json")]:
        raw = path.read_bytes()
        assert b"<script" not in raw, path
        assert b"<img" not in raw, path
    for path in built.output.rglob("*.xml"):
        ET.fromstring(path.read_bytes())  # well-formed
    data = json.loads(built.data("briefings.json"))
    titles = {b["title"] for b in data["briefings"]}
    assert "<script>alert(1)</script> & co" in titles  # exact text, safely encoded


def test_template_syntax_stays_text(hostile: tuple[Path, Build]) -> None:
    _, built = hostile
    html = built.page("/briefings/template/")
    assert "{{ 7*7 }} {% if true %}yes{% endif %}" in html
    assert "{{ config }} {{ 6*6 }}" in html
    assert ">49<" not in html
    # (Fingerprinted asset names are hex, and may hold any digits.)
    assert "36" not in re.sub(r"\.[0-9a-f]{10}\.(css|js)", "", html)


def test_drafts_and_bad_files_leave_no_trace(hostile: tuple[Path, Build]) -> None:
    _, built = hostile
    for path in built.output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"SECRET-DRAFT" not in data, path
            assert b"passwd" not in data, path


def test_nothing_is_written_outside_the_output_folder(hostile: tuple[Path, Build]) -> None:
    content, built = hostile
    assert sorted(p.name for p in content.parent.iterdir()) == [
        ".dossier-cache",
        "content",
        "output",
    ]
    # Beside the content, only the read cache: Dossier's own, tagged as a cache.
    cache = content.parent / ".dossier-cache"
    assert sorted(p.name for p in cache.iterdir()) == ["CACHEDIR.TAG", "briefings", "plans"]
    for path in built.output.rglob("*"):
        assert path.resolve().is_relative_to(built.output.resolve())


def test_the_huge_briefing_builds_and_links_once(hostile: tuple[Path, Build]) -> None:
    _, built = hostile
    html = built.page("/briefings/huge/")
    assert html.count(" data-card=") == 1
    # Every paragraph, plus the first again as the summary (the meta
    # description, which search reads too, and the OpenGraph description; not
    # as a lede, since the author wrote no summary; escaped differently in the
    # JSON-LD).
    assert html.count("Sirte &amp; Misrata") == 16_000 + 2
    assert "<again>" not in html  # an unknown raw tag, removed by the sanitiser


def test_hostile_builds_are_deterministic(hostile: tuple[Path, Build], tmp_path: Path) -> None:
    content, built = hostile
    again = build_site(content, tmp_path / "again", "--keep-going")
    assert site_tree(again.output) == site_tree(built.output)
