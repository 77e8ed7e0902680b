"""``leidraad new-text SEED``: the seed file named by the convention, and a data file skeleton for it.

Seed files are named ``NNN_<hash>.txt`` (the shapes demand it).  For the five
texts the hash is only a name; for a new text it is the first 16 hex digits
of the file's SHA-256, and the whole SHA-256 is recorded on the text
(``spdx:checksum``, as the dumps' checksums are), so ``leidraad check`` can
tell when a seed changed under the data that quotes it.  A seed given under
any other name is copied into the seeds folder under its conventional name;
one already there (same checksum) is reused.

The skeleton has the prefix block, the text resource with what could be read
from the seed (its first line as title, with that line as evidence; a year if
the opening lines state one), the sections every data file has, and ``TODO``
markers, which ``leidraad check`` reports until they are replaced.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..core.namespaces import BASE, DEFAULT_BASE
from ..core.prefixes import PREFIXES as PREFIX_TABLE
from .sources import Sources

SEED_NAME = re.compile(r"^(\d{3})_[0-9a-f]+\.txt$")
#: The prefixes a skeleton declares, from the one table (``core/prefixes.py``), written against the default base
#: as every data file is (the build rebases them).
SKELETON_PREFIXES = (
    "lei", "rdf", "rdfs", "xsd", "skos", "dcterms", "foaf", "org", "oa", "owl", "spdx", "cito", "fabio", "prism",
    "text", "person", "group", "organisation", "membership", "concept", "framework", "item", "column", "axis",
    "position", "assertion", "claim", "work", "genre", "scheme",
)
PREFIXES = tuple((name, DEFAULT_BASE + ns[len(BASE):] if ns.startswith(BASE) else ns)
                 for name, ns in ((name, PREFIX_TABLE[name]) for name in SKELETON_PREFIXES))
GENRES = ("essay", "opinion", "column", "interview", "bundle", "response", "study", "compass", "history", "preface")


class ScaffoldError(ValueError):
    """The seed cannot be read, or the data file exists already."""


def slugify(text: str) -> str:
    """"Paul ’t Hart" → ``paul-t-hart``: lower case, diacritics dropped, other runs of characters one hyphen."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def place_seed(seed: Path, seeds: Path) -> str:
    """The seed's name in the seeds folder, copying it there under ``NNN_<sha256[:16]>.txt`` if need be."""
    digest = sha256(seed)
    seeds.mkdir(parents=True, exist_ok=True)
    if seed.parent.resolve() == seeds.resolve() and SEED_NAME.match(seed.name):
        return seed.name
    for existing in sorted(seeds.glob("*.txt")):
        if SEED_NAME.match(existing.name) and sha256(existing) == digest:
            return existing.name
    numbers = [int(m.group(1)) for p in seeds.glob("*.txt") if (m := SEED_NAME.match(p.name))]
    name = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"
    shutil.copyfile(seed, seeds / name)
    return name


@dataclass
class Scaffold:
    data_file: Path
    seed_name: str
    checksum: str


def _title(lines: list[str]) -> tuple[int, str]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            return number, line.strip()
    raise ScaffoldError("the seed file is empty")


def _year(lines: list[str]) -> tuple[int, str] | None:
    for number, line in enumerate(lines[:15], start=1):
        match = re.search(r"\b(19[5-9]\d|20[0-4]\d)\b", line)
        if match:
            return number, match.group(1)
    return None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def new_text(sources: Sources, seed: Path, slug: str | None = None, genre: str = "essay",
             force: bool = False) -> Scaffold:
    """Place ``seed`` and write ``data/<slug>.ttl``; never overwrite a data file unless ``force``."""
    if not seed.is_file():
        raise ScaffoldError(f"seed file {seed} not found")
    try:
        lines = seed.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise ScaffoldError(f"{seed} is not UTF-8 text: {exc}") from None
    number, title = _title(lines)
    slug = slug or slugify(title)[:60].rstrip("-")
    target = sources.data / f"{slug}.ttl"
    if target.exists() and not force:
        raise ScaffoldError(f"{target} exists already; choose another --slug (or --force to overwrite)")
    name = place_seed(seed, sources.seeds)
    digest = sha256(sources.seeds / name)
    target.write_text(render(slug, name, digest, genre, title, number, _year(lines)), encoding="utf-8")
    return Scaffold(target, name, digest)


def render(slug: str, seed_name: str, digest: str, genre: str, title: str, title_line: int,
           year: tuple[int, str] | None) -> str:
    width = max(len(p) for p, _ in PREFIXES) + 1
    prefixes = "\n".join(f"@prefix {p + ':':<{width}} <{ns}> ." for p, ns in PREFIXES)
    year_lines = (f'    lei:year "{year[1]}"^^xsd:gYear ;  # TODO: check: line {year[0]} says {year[1]}\n'
                  if year else '    # lei:year "YYYY"^^xsd:gYear ;           # only if the text states it (TODO)\n')
    section = "# " + "-" * 77
    return f"""# =============================================================================
# Leidraad data: {title}
#
# TODO: one paragraph: what the text is and argues. Seed file: {seed_name}
# Written by `leidraad new-text`; every TODO is reported by `leidraad check`
# until it is replaced. See docs/adding-a-text.md.
# =============================================================================

{prefixes}

{section}
# 1. The text
{section}

text:{slug}
    a lei:SourceText ;
    dcterms:title "{_escape(title)}"@nl , "TODO: the title in English"@en ;
    # dcterms:creator person:… ;              # TODO: the author(s), as the text names them
{year_lines}    lei:genre genre:{genre} ;                     # {", ".join(GENRES)}
    dcterms:language "nl" ;
    lei:seedFile "{seed_name}" ;
    spdx:checksum [ spdx:algorithm spdx:checksumAlgorithm_sha256 ;
                    spdx:checksumValue "{digest}"^^xsd:hexBinary ] ;
    dcterms:description "TODO: what the text argues, in Dutch"@nl , "TODO: the same in English"@en ;
    # lei:discusses concept:… ;  lei:mentionsPerson person:… ;  cito:cites work:… ;
    lei:evidence [
        lei:inText text:{slug} ;
        lei:lineStart {title_line} ; lei:lineEnd {title_line} ;
        oa:exact "{_escape(title)}"
    ] .

{section}
# 2. Persons, groups and their functions (memberships)
#    `leidraad suggest` proposes them; reuse persons already in the graph.
{section}

{section}
# 3. Organisations
{section}

{section}
# 4. Concepts and relation assertions
#    Reuse concepts already in the graph: add evidence only.
{section}

{section}
# 5. Frameworks and their items
{section}

{section}
# 6. Positions
{section}

{section}
# 7. Claims, reasons and cited works (or in data/{slug}.arguments.ttl)
{section}
"""
