"""The data-as-written checks at benchmark scale (issue 14, point 8).

The near-duplicate person check compared every person with every other: at a
million triples (5,240 persons) that is 27 million name comparisons, and the
build sat in its parse stage for hours.  It now compares a person only with the
persons whose name contains a piece of its own (or whose IRI ends alike); these
tests hold it to finding every pair the all-pairs comparison finds, and to
comparing few pairs.  The synthetic data the benchmark builds must pass the check.
"""

from __future__ import annotations

import difflib
import random
import string
from pathlib import Path

from leidraad.core.namespaces import GRAPH_ONTOLOGY
from leidraad.pipeline import integrity
from leidraad.pipeline.integrity import NEAR, _Names, _person_tokens
from leidraad.pipeline.locations import SourceIndex
from leidraad.pipeline.parse import load
from leidraad.pipeline.sources import Sources
from rdflib import Graph
from rdflib.namespace import FOAF, RDF

from benchmarks import generate

PERSON = "https://w3id.org/leidraad/id/person/"


def _near(a: str, b: str, names: dict[str, str]) -> bool:
    """The rule as the check states it, for one pair."""
    ta, tb = _person_tokens(a), _person_tokens(b)
    subset = ta[-1] == tb[-1] and (set(ta) < set(tb) or set(tb) < set(ta))
    return subset or difflib.SequenceMatcher(None, names[a], names[b]).ratio() >= NEAR


def _edited(rng: random.Random, name: str) -> str:
    """``name`` with one to three characters inserted, dropped or replaced."""
    chars = list(name)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(chars) + 1)
        how = rng.choice("idr") if chars else "i"
        if how == "i":
            chars.insert(i, rng.choice(string.ascii_lowercase + " "))
        elif i < len(chars):
            chars[i:i + 1] = [] if how == "d" else [rng.choice(string.ascii_lowercase)]
    return "".join(chars)


def test_every_pair_the_all_pairs_comparison_finds_is_a_candidate() -> None:
    rng = random.Random(14)
    names: dict[str, str] = {}
    for n in range(120):
        base = " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 9)))
                        for _ in range(rng.randint(1, 3)))
        names[str(f"{PERSON}p{n}")] = base
        for v in range(rng.randint(0, 3)):
            names[str(f"{PERSON}p{n}-v{v}")] = _edited(rng, base)
    names |= {str(PERSON + "greenleaf"): "greenleaf", str(PERSON + "robert-k-greenleaf"): "robert k. greenleaf",
              str(PERSON + "x-nameless"): "", str(PERSON + "y-nameless"): "", str(PERSON + "a"): "a"}
    near = _Names(names)
    pairs = [(a, b) for a in names for b in names if a != b and _near(a, b, names)]
    assert len(pairs) > 100  # the edits make many near pairs: the test is not vacuous
    missed = [(names[a], names[b]) for a, b in pairs if b not in near.candidates(a)]
    assert not missed
    # the cheap bounds before difflib's ratio never turn a pair away that the ratio accepts
    for a in list(names)[:150]:
        for b in names:
            assert near.alike(a, b) == (difflib.SequenceMatcher(None, names[a], names[b]).ratio() >= NEAR)
    assert str(PERSON + "robert-k-greenleaf") in near.candidates(str(PERSON + "greenleaf"))
    assert str(PERSON + "y-nameless") in near.candidates(str(PERSON + "x-nameless"))


def test_persons_with_names_of_their_own_are_compared_with_few_others() -> None:
    rng = random.Random(8)
    names = {str(f"{PERSON}p{n}"): f"{rng.choice(generate.FIRST_NAMES)} {rng.choice(generate.SURNAMES)} "
             f"{generate._family(f'person:p{n}')}".lower() for n in range(3000)}
    near = _Names(names)
    compared = sum(len(near.candidates(p)) - 1 for p in names)
    # all pairs would be 3000 × 2999; first name and surname repeat, so some hundreds each remain
    assert compared < len(names) * 600
    assert all(p in near.candidates(p) for p in list(names)[:50])


def test_the_synthetic_benchmark_data_passes_the_checks_of_the_data_as_written(tmp_path: Path) -> None:
    root = tmp_path / "10k"
    generate.generate(root, generate.SIZES["10k"])
    sources = Sources(root)
    loaded = load(sources)
    everything = loaded.union()
    ontology = Graph()
    for t in loaded.graphs[GRAPH_ONTOLOGY]:
        ontology.add(t)
    assert len(set(everything.subjects(RDF.type, FOAF.Person))) > 20
    findings = integrity.check(SourceIndex.read(sources.data_files(), sources.root), everything, ontology,
                               sources.seeds)
    assert not findings, [f.message[:120] for f in findings[:3]]
