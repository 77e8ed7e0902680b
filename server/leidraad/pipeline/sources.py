"""Where the pipeline's inputs live: ontology, data, shapes and the seed texts.

A *project folder* holds ``ontology/ data/ shapes/``.  The ``leidraad``
command acts on the one it is run in, found from the current directory
upwards as git finds its repository, or on ``--root DIR`` /
``LEIDRAAD_ROOT``; never on the checkout it happened to be installed from.
Seeds lie beside the project (``../shared/seeds``) unless ``--seeds`` /
``LEIDRAAD_SEEDS`` says otherwise; the build goes to ``dist/`` inside it
unless ``LEIDRAAD_DIST`` says otherwise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The folders that make a folder a Leidraad project.
PROJECT_FOLDERS = ("ontology", "data", "shapes")


class NoProject(RuntimeError):
    """Raised when no project folder is found where a command is run."""


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

    @property
    def successors(self) -> Path:
        """Published IRIs that no longer exist, and what replaced them (``old<TAB>new new …``)."""
        return self.data / "releases" / "successors.tsv"

    def ontology_files(self) -> list[Path]:
        return sorted(self.ontology.glob("*.ttl"))

    def vocabulary_files(self) -> list[Path]:
        """The reused vocabularies' own axioms and labels (``ontology/vocabularies/``): not part of our ontology."""
        return sorted((self.ontology / "vocabularies").glob("*.ttl"))

    def data_files(self) -> list[Path]:
        return sorted(self.data.glob("*.ttl"))

    def shape_files(self) -> list[Path]:
        return sorted(self.shapes.glob("*.ttl"))


def is_project(folder: Path) -> bool:
    return all((folder / name).is_dir() for name in PROJECT_FOLDERS)


def find_root(start: Path | None = None) -> Path:
    """The project folder holding ``start`` (default: the current directory), looking upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    raise NoProject(
        f"{here} is not inside a Leidraad project (a folder holding {', '.join(PROJECT_FOLDERS)}/); "
        "run the command there, or give --root DIR or LEIDRAAD_ROOT"
    )


def default_sources(root: Path | str | None = None, seeds: Path | str | None = None) -> Sources:
    """The project given (``--root``), else ``LEIDRAAD_ROOT``, else the one the current directory is in."""
    chosen = root or os.environ.get("LEIDRAAD_ROOT")
    if chosen:
        folder = Path(chosen).resolve()
        if not is_project(folder):
            raise NoProject(f"{folder} is not a Leidraad project: it needs {', '.join(PROJECT_FOLDERS)}/")
    else:
        folder = find_root()
    return Sources(folder, seeds_dir=Path(seeds).resolve() if seeds else None)
