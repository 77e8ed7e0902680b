"""Where the pipeline's inputs live: ontology, data, shapes and the seed texts.

Paths default to the checkout and can be overridden through the environment so
that tests can build from a copy (``LEIDRAAD_ROOT``) and CI can point at the
seeds beside the clone (``LEIDRAAD_SEEDS``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sources:
    """The folders one build reads from and writes to."""

    root: Path
    dist_dir: Path | None = None
    seeds_dir: Path | None = None

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def shapes(self) -> Path:
        return self.root / "shapes"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def dist(self) -> Path:
        if self.dist_dir is not None:
            return self.dist_dir
        return Path(os.environ.get("LEIDRAAD_DIST", self.root / "dist"))

    @property
    def seeds(self) -> Path:
        if self.seeds_dir is not None:
            return self.seeds_dir
        return Path(os.environ.get("LEIDRAAD_SEEDS", self.root.parent / "shared" / "seeds"))

    def ontology_files(self) -> list[Path]:
        return sorted(self.ontology.glob("*.ttl"))

    def data_files(self) -> list[Path]:
        return sorted(self.data.glob("*.ttl"))

    def shape_files(self) -> list[Path]:
        return sorted(self.shapes.glob("*.ttl"))


def default_sources() -> Sources:
    return Sources(Path(os.environ.get("LEIDRAAD_ROOT", REPO_ROOT)))
