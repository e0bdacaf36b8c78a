"""Refresh the maps' vendored atlas from the world-atlas package on npm.

    python scripts/refresh_atlas.py [--version 2.0.2]

Fetches the package with `npm pack` (npm's registry only), checks it, and
writes its 1:50m and 1:110m countries, gzipped reproducibly, with its licence
and a README saying where they came from (and their SHA-256), into
plugins/dossier/atlas/. Nothing at build or read time fetches anything: this
is for a maintainer, who then bumps ATLAS_VERSION in makers/basemap.py so
that kept base drawings are made again.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "plugins" / "dossier" / "atlas"
FILES = ("countries-50m.json", "countries-110m.json")
README = """# The maps' atlas

Natural Earth's countries at 1:50m (`countries-50m.json.gz`, the base
drawings of the maps) and 1:110m (`countries-110m.json.gz`), as TopoJSON from
the `world-atlas` package, version {version}
(<https://github.com/topojson/world-atlas>, from npm: `{tarball}`, SHA-256
`{tar_sha}`), gzipped here without a time stamp. Refresh with `make atlas`
(`scripts/refresh_atlas.py`).

| file | SHA-256 of the JSON as published |
|---|---|
{rows}

Natural Earth's data is in the public domain
(<https://www.naturalearthdata.com/about/terms-of-use/>). The `world-atlas`
package is under the ISC licence, `LICENSE-world-atlas`. Borders are Natural
Earth's (de facto control, its own choices where they are disputed).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default="2.0.2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        subprocess.run(["npm", "pack", f"world-atlas@{args.version}", "--silent"],
                       cwd=folder, check=True, capture_output=True)  # fmt: skip
        (tarball,) = folder.glob("world-atlas-*.tgz")
        with tarfile.open(tarball) as archive:
            archive.extractall(folder, filter="data")
        package = folder / "package"
        rows = []
        for name in FILES:
            raw = (package / name).read_bytes()
            rows.append(f"| `{name}` | `{hashlib.sha256(raw).hexdigest()}` |")
            packed = gzip.compress(raw, compresslevel=9, mtime=0)
            (TARGET / f"{name}.gz").write_bytes(packed)
        (TARGET / "LICENSE-world-atlas").write_bytes((package / "LICENSE").read_bytes())
        (TARGET / "README.md").write_text(README.format(
            version=args.version, tarball=tarball.name,
            tar_sha=hashlib.sha256(tarball.read_bytes()).hexdigest(), rows="\n".join(rows),
        ), encoding="utf-8")  # fmt: skip
    print(f"{TARGET}: world-atlas {args.version}")


if __name__ == "__main__":
    main()
