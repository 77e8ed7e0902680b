"""Synthetic graphs shaped like Leidraad's own data, deterministic from a seed.

The benchmarks need graphs ten, a hundred and a thousand times bigger than
ours that still *are* ours: the same ontology, the same shapes, the same
patterns of use (a text with its author group, persons with functions in
organisations, concepts of every kind, numbered frameworks with ordered
items, positions with a holder, a stance and a target, every statement with
inline evidence).  So this module writes a ``data/``-like folder of Turtle
files, one per synthetic text, that ``leidraad build`` accepts: it passes the
SHACL shapes and the OWL 2 RL checks.  Only the quotes cannot be found in a
seed file, so benchmark builds set ``LEIDRAAD_SKIP_QUOTE_CHECK=1``.

Texts share persons and concepts the way the real texts do (a concept defined
in one text gets evidence and positions from later ones), so the multi-hop
queries of the catalogue find cross-text answers at every size.

    .venv/bin/python -m benchmarks.generate --size 100k --out /tmp/leidraad-100k
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

SIZES: dict[str, int] = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}

PREFIXES = """\
@prefix lei:          <https://w3id.org/leidraad/def#> .
@prefix xsd:          <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:         <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms:      <http://purl.org/dc/terms/> .
@prefix foaf:         <http://xmlns.com/foaf/0.1/> .
@prefix org:          <http://www.w3.org/ns/org#> .
@prefix oa:           <http://www.w3.org/ns/oa#> .
@prefix text:         <https://w3id.org/leidraad/id/text/> .
@prefix person:       <https://w3id.org/leidraad/id/person/> .
@prefix group:        <https://w3id.org/leidraad/id/group/> .
@prefix organisation: <https://w3id.org/leidraad/id/organisation/> .
@prefix membership:   <https://w3id.org/leidraad/id/membership/> .
@prefix concept:      <https://w3id.org/leidraad/id/concept/> .
@prefix framework:    <https://w3id.org/leidraad/id/framework/> .
@prefix item:         <https://w3id.org/leidraad/id/item/> .
@prefix position:     <https://w3id.org/leidraad/id/position/> .
@prefix genre:        <https://w3id.org/leidraad/id/genre/> .
@prefix scheme:       <https://w3id.org/leidraad/id/scheme/> .
"""

#: The concept kinds of the ontology, each with a slug stem for its IRIs.
CONCEPT_KINDS = ("Role", "Trait", "Competence", "LeadershipStyle", "OrganisationModel",
                 "PublicValue", "Challenge", "Trend", "Idea")
STANCES = ("supports", "criticises", "nuances", "proposes", "observes")
ORGANISATION_KINDS = ("Municipality", "Ministry", "University", "Association", "GovernmentAgency")
GENRES = ("essay", "study", "response", "compass", "history")

WORDS = ("bestuur", "leiderschap", "vakmanschap", "gemeente", "ambtenaar", "waarde", "opgave", "netwerk",
         "dienst", "burger", "vertrouwen", "integriteit", "verbinding", "regie", "context", "richting",
         "samenwerking", "verantwoording", "openheid", "wendbaarheid", "zorg", "wijk", "beleid", "uitvoering",
         "politiek", "professional", "team", "ruimte", "gezag", "kennis", "innovatie", "participatie")
ENGLISH = ("governance", "leadership", "craftsmanship", "municipality", "civil servant", "value", "challenge",
           "network", "service", "citizen", "trust", "integrity", "connection", "direction", "context", "course",
           "cooperation", "accountability", "openness", "agility", "care", "neighbourhood", "policy", "delivery",
           "politics", "professional", "team", "room", "authority", "knowledge", "innovation", "participation")
FIRST_NAMES = ("Anna", "Bram", "Carla", "Daan", "Eva", "Frank", "Greet", "Hans", "Ilse", "Joost", "Karin",
               "Lucas", "Marieke", "Niels", "Olga", "Pieter", "Roos", "Sander", "Tineke", "Wim")
SURNAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
            "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra")


def _family(iri: str) -> str:
    """A family name of the person's own, from its IRI.

    Twenty first names and eighteen surnames repeat after a few hundred persons, and the build refuses two
    persons whose names look alike (``pipeline/integrity.py``): each synthetic person is someone else, so
    each gets a name no other has, without drawing from the seeded generator (the rest of the data stays as it was).
    """
    return "".join(chr(97 + b % 26) for b in hashlib.sha256(iri.encode()).digest()[:10]).capitalize()


class Counter:
    """Triples written so far; every block adds the number it states."""

    triples: int = 0


@dataclass
class Pool:
    """What earlier texts defined, for later ones to cite, discuss and take positions on."""

    persons: list[str] = field(default_factory=list)
    concepts: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in CONCEPT_KINDS})


class TextWriter:
    """Writes one synthetic text's Turtle file, counting the triples as it goes."""

    def __init__(self, number: int, rng: random.Random, pool: Pool, counter: Counter) -> None:
        self.n = number
        self.slug = f"synth-{number:05d}"
        self.rng = rng
        self.pool = pool
        self.counter = counter
        self.lines: list[str] = [PREFIXES]
        self.discussed: list[str] = []
        self.cited: list[str] = []

    # -- pieces -------------------------------------------------------------

    def words(self, k: int) -> tuple[str, str]:
        picks = [self.rng.randrange(len(WORDS)) for _ in range(k)]
        return " ".join(WORDS[i] for i in picks), " ".join(ENGLISH[i] for i in picks)

    def evidence(self, quote: str) -> str:
        """One inline piece of evidence: five triples (the link and four on the node)."""
        start = self.rng.randrange(1, 2000)
        self.counter.triples += 5
        return (f'lei:evidence [ lei:inText text:{self.slug} ; lei:lineStart {start} ; '
                f'lei:lineEnd {start + self.rng.randrange(3)} ; oa:exact "{quote}" ]')

    def block(self, subject: str, statements: list[str]) -> None:
        """``subject`` with its statements (each one triple, except evidence, counted there)."""
        self.counter.triples += sum(1 for s in statements if not s.startswith("lei:evidence"))
        self.lines.append(subject + "\n    " + " ;\n    ".join(statements) + " .\n")

    # -- the parts of a text ---------------------------------------------------

    def write(self) -> str:
        group = f"group:auteurs-{self.slug}"
        self.block(group, [
            "a lei:AuthorGroup",
            f'foaf:name "De auteurs van tekst {self.n}"@nl , "The authors of text {self.n}"@en',
            self.evidence(f"Wij, de auteurs van tekst {self.n}, betogen het volgende."),
        ])
        persons = self.persons(self.rng.randrange(4, 9))
        organisations = self.organisations(2)
        concepts = self.concepts()
        self.memberships(persons, organisations, concepts["Role"])
        self.frameworks(self.rng.randrange(2, 5), concepts)
        self.positions(self.rng.randrange(10, 20), [group, *persons])
        self.text()
        return "\n".join(self.lines)

    def persons(self, count: int) -> list[str]:
        chosen = []
        for k in range(count):
            if self.pool.persons and self.rng.random() < 0.3:  # someone an earlier text named
                iri = self.rng.choice(self.pool.persons)
                if iri in chosen:
                    continue
                self.block(iri, [self.evidence(f"Zoals ook tekst {self.n} opmerkt over deze persoon.")])
            else:
                iri = f"person:p{self.n}-{k}"
                name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)} {_family(iri)}"
                self.block(iri, ["a foaf:Person", f'foaf:name "{name}"',
                                 self.evidence(f"{name} schrijft hierover in tekst {self.n}.")])
                self.pool.persons.append(iri)
            chosen.append(iri)
        self.cited.extend(c for c in chosen if c not in self.cited)
        return chosen

    def organisations(self, count: int) -> list[str]:
        out = []
        for k in range(count):
            nl, en = self.words(1)
            iri = f"organisation:o{self.n}-{k}"
            kind = self.rng.choice(ORGANISATION_KINDS)
            self.block(iri, [f"a lei:{kind}", f'skos:prefLabel "organisatie {nl} {self.n}-{k}"@nl , '
                             f'"organisation {en} {self.n}-{k}"@en',
                             self.evidence(f"de organisatie {nl} {self.n}-{k} werkt hieraan mee")])
            out.append(iri)
        return out

    def concepts(self) -> dict[str, list[str]]:
        mine: dict[str, list[str]] = {}
        for kind in CONCEPT_KINDS:
            mine[kind] = []
            for k in range(2):
                nl, en = self.words(2)
                iri = f"concept:{kind.lower()}-{self.n}-{k}"
                statements = [
                    f"a lei:{kind}",
                    f'skos:prefLabel "{nl} {self.n}-{k}"@nl , "{en} {self.n}-{k}"@en',
                    f'skos:definition "Het begrip {nl} zoals tekst {self.n} het omschrijft."@nl , '
                    f'"The notion of {en} as text {self.n} describes it."@en',
                    "skos:inScheme scheme:concepts",
                    self.evidence(f"Onder {nl} verstaan wij in deze tekst het volgende."),
                ]
                if kind == "OrganisationModel" and k == 1:  # the text's second model succeeds its first
                    statements.append(f"lei:succeededBy {mine[kind][0]}")
                if kind == "Trait" and self.pool.concepts["Role"]:
                    statements.append(f"lei:associatedWithRole {self.rng.choice(self.pool.concepts['Role'])}")
                self.block(iri, statements)
                mine[kind].append(iri)
            earlier = self.pool.concepts[kind]
            if earlier:  # the same concept, discussed again: evidence from this text too
                again = self.rng.choice(earlier)
                self.block(again, [self.evidence(f"Ook in tekst {self.n} komt dit begrip aan de orde.")])
                self.discussed.append(again)
            self.pool.concepts[kind].extend(mine[kind])
            self.discussed.extend(mine[kind])
        return mine

    def memberships(self, persons: list[str], organisations: list[str], roles: list[str]) -> None:
        for k, iri in enumerate(persons):
            role = self.rng.choice(roles)
            organisation = self.rng.choice(organisations)
            self.block(f"membership:m{self.n}-{k}", [
                "a org:Membership", f"org:member {iri}", f"org:organization {organisation}", f"org:role {role}",
                f'lei:functionTitle "functie {k} in tekst {self.n}"@nl , "function {k} in text {self.n}"@en',
                f"lei:statedIn text:{self.slug}",
                self.evidence(f"werkzaam in functie {k} bij deze organisatie"),
            ])

    def frameworks(self, count: int, concepts: dict[str, list[str]]) -> None:
        for f in range(count):
            size = self.rng.randrange(4, 13)
            iri = f"framework:f{self.n}-{f}"
            nl, en = self.words(2)
            self.block(iri, [
                "a lei:NumberedList", f'skos:prefLabel "lijst {nl} {self.n}-{f}"@nl , "list {en} {self.n}-{f}"@en',
                f"lei:statedIn text:{self.slug}", f"lei:itemCount {size}",
                self.evidence(f"De volgende {size} punten over {nl} zijn van belang:"),
            ])
            for ordinal in range(1, size + 1):
                inl, ien = self.words(1)
                statements = [
                    "a lei:FrameworkItem", f"lei:inFramework {iri}", f"lei:ordinal {ordinal}",
                    f'skos:prefLabel "{inl} {ordinal}"@nl , "{ien} {ordinal}"@en',
                    self.evidence(f"ten {ordinal}e: {inl}"),
                ]
                if self.rng.random() < 0.3:
                    kind = self.rng.choice(CONCEPT_KINDS)
                    statements.append(f"lei:denotes {self.rng.choice(concepts[kind])}")
                self.block(f"item:f{self.n}-{f}-{ordinal}", statements)

    def positions(self, count: int, holders: list[str]) -> None:
        for k in range(count):
            about = self.rng.choice(self.discussed)
            stance = self.rng.choice(STANCES)
            self.block(f"position:{self.slug}-{k}", [
                "a lei:Position", f"lei:heldBy {self.rng.choice(holders)}", f"lei:stance lei:{stance}",
                f"lei:about {about}", f"lei:statedIn text:{self.slug}",
                f'lei:summary "Standpunt {k} in tekst {self.n}."@nl , "Position {k} in text {self.n}."@en',
                self.evidence(f"Wij menen, en dat is standpunt {k}, dat dit zo is."),
            ])

    def text(self) -> None:
        nl, en = self.words(3)
        statements = [
            "a lei:SourceText",
            f'dcterms:title "Synthetische tekst {self.n} over {nl}"@nl , "Synthetic text {self.n} on {en}"@en',
            f"dcterms:creator group:auteurs-{self.slug}",
            f'lei:year "{2000 + self.n % 25}"^^xsd:gYear',
            f"lei:genre genre:{GENRES[self.n % len(GENRES)]}",
            'dcterms:language "nl"',
            f'lei:seedFile "900_{self.n:08x}.txt"',
            self.evidence(f"In deze tekst, nummer {self.n}, verkennen wij {nl}."),
        ]
        discussed = list(dict.fromkeys(self.discussed))
        statements.append("lei:discusses " + " , ".join(discussed))
        statements.append("lei:citesPerson " + " , ".join(self.cited))
        self.counter.triples += len(discussed) + len(self.cited) - 2  # a list statement counts once in block()
        self.block(f"text:{self.slug}", statements)


def texts(target: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(file stem, Turtle) for synthetic texts until about ``target`` data triples are written."""
    rng = random.Random(seed)
    pool = Pool()
    counter = Counter()
    number = 0
    while counter.triples < target:
        writer = TextWriter(number, rng, pool, counter)
        yield writer.slug, writer.write()
        number += 1


def generate(root: Path, target: int, seed: int = 7) -> int:
    """Lay out a build root at ``root``: the checkout's ontology, shapes and shared data, plus synthetic texts.

    Returns the number of synthetic texts written.
    """
    if root.exists():
        shutil.rmtree(root)
    (root / "data").mkdir(parents=True)
    for part in ("ontology", "shapes"):
        shutil.copytree(REPO_ROOT / part, root / part)
    shutil.copy2(REPO_ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy2(REPO_ROOT / "data" / "shared.ttl", root / "data" / "shared.ttl")
    count = 0
    for stem, turtle in texts(target, seed):
        (root / "data" / f"{stem}.ttl").write_text(turtle, encoding="utf-8")
        count += 1
    return count


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size", choices=sorted(SIZES), default="10k")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()
    count = generate(args.out, SIZES[args.size], args.seed)
    print(f"{count} synthetic texts in {args.out / 'data'}")


if __name__ == "__main__":
    main()
