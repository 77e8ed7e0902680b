"""How to cite Leidraad, or one resource in it: a line of plain text and a BibTeX entry, with the version.

Researchers cite "Leidraad v0.2.0, accessed …"; the version and the IRI make
the reference resolvable for as long as the IRI lives (and IRIs never break).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.namespaces import DATASET_IRI

AUTHOR = {"nl": "Het Leidraad-team", "en": "The Leidraad team"}
TITLE = {"nl": "Leidraad: kennisgraaf over publiek leiderschap en ambtelijk vakmanschap",
         "en": "Leidraad: a knowledge graph of Dutch writing on public leadership and civil-service craftsmanship"}
VERSION_WORD = {"nl": "versie", "en": "version"}


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}\\%&$#_])", r"\\\1", text)


def cite(version: str, modified: str, lang: str, label: str | None = None, iri: str | None = None) -> Citation:
    """The dataset's citation, or a resource's (its label and IRI) within this version of the dataset."""
    year = modified[:4]
    dataset = f"{TITLE[lang]}, {VERSION_WORD[lang]} {version}"
    if label and iri:
        text = f"{AUTHOR[lang]} ({year}). “{label}”. In: {dataset}. {iri}"
        key = "leidraad-" + version + "-" + iri.rstrip("/").rsplit("/", 1)[-1][:40]
        title = f"{label} ({dataset})"
    else:
        iri = str(DATASET_IRI)
        text = f"{AUTHOR[lang]} ({year}). {dataset}. {iri}"
        key = "leidraad-" + version
        title = dataset
    bibtex = (f"@misc{{{key},\n  author = {{{{{_bibtex_escape(AUTHOR['en'])}}}}},\n"
              f"  title = {{{_bibtex_escape(title)}}},\n  year = {{{year}}},\n  version = {{{version}}},\n"
              f"  howpublished = {{\\url{{{iri}}}}},\n  note = {{Leidraad {version}}}\n}}")
    return Citation(text, bibtex)
