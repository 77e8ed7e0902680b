"""A copy of the sources with a sixth text added the way a researcher adds one: the fictional op-ed of
``tests/fixtures/sixth-text/`` (the worked example of docs/adding-a-text.md), seed placed by ``new-text``'s rule."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from leidraad.pipeline.scaffold import place_seed
from leidraad.pipeline.sources import Sources

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sixth-text"
SEED = FIXTURE / "opiniestuk-dienen-zonder-dogma.txt"
DATA = FIXTURE / "dienen-zonder-dogma.ttl"
TEXT = "https://w3id.org/leidraad/id/text/dienen-zonder-dogma"


def copy_sources(real: Sources, root: Path) -> Sources:
    """The real ontology, data and shapes copied to ``root``; the real seeds linked into ``../shared/seeds``."""
    root.mkdir(parents=True)
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(real.root / folder, root / folder)
    shutil.copy(real.root / "pyproject.toml", root / "pyproject.toml")
    seeds = root.parent / "shared" / "seeds"
    seeds.mkdir(parents=True)
    for seed in real.seeds.glob("*.txt"):
        (seeds / seed.name).symlink_to(seed)
    return Sources(root, dist_dir=root / "dist", seeds_dir=seeds)


def add_sixth_text(sources: Sources, turtle: str | None = None, name: str = "dienen-zonder-dogma.ttl") -> Path:
    """Place the op-ed's seed and write its data file (``turtle``, default the fixture's), seed name adjusted."""
    seed_name = place_seed(SEED, sources.seeds)
    text = DATA.read_text(encoding="utf-8") if turtle is None else turtle
    text = re.sub(r'lei:seedFile "[^"]+"', f'lei:seedFile "{seed_name}"', text)
    path = sources.data / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """The 1-based line of the first ``needle`` in ``path`` (after the first ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i + 1 for i, line in enumerate(lines) if i >= start and needle in line)
