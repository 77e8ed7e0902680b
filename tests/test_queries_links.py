"""The catalogue's queries that follow the graph's links: frameworks, concept relations, roles and annotations.

Queries 60–71 answer by walking typed links (``dcterms:subject``, ``lei:denotes``,
``lei:RelationAssertion``, ``skos:broader``, ``org:role``, the Web Annotation
selectors).  Each test checks what a query returns against the seed texts or
the ontology, and asserts order and presence, not totals that grow as the data does.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import Path

from leidraad.sparql.cli_query import Row, select
from leidraad.store.dataset import Dataset
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from test_queries import BUNDLE, ID, LEI, MODELS, NATUURLIJK, PUBLIEK, dataset, run, slug
from test_queries import KOMPAS as COMPASS

__all__ = ["dataset"]  # the module fixture, shared with test_queries
SKIP = re.compile(r"[\s\u00ad-]")


def squash(text: str) -> str:
    """Text without white space and hyphens: the readings of a quote (joined, hyphen kept, as printed) compare equal."""
    return SKIP.sub("", text)


def seed_files(dataset: Dataset, seeds: Path) -> dict[str, str]:
    """Each top-level text's seed file as text, by the text's IRI."""
    answer = select(dataset, "SELECT ?t ?f WHERE { ?t lei:seedFile ?f }")
    assert not isinstance(answer, bool)
    return {row["t"]: (seeds / row["f"]).read_text(encoding="utf-8") for row in answer[1]
            if (seeds / row["f"]).exists()}


def stands_at(seed: str, quote: str, line: int) -> bool:
    """The quote stands in the seed file, starting within a few lines of ``line`` (1-based)."""
    lines = seed.splitlines()
    return squash(quote) in squash("\n".join(lines[max(line - 2, 0):line + 12]))


def label(ontology: Graph, iri: str, lang: str) -> str | None:
    for value in ontology.objects(URIRef(iri), RDFS.label):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return None


def local(value: str | None) -> str | None:
    """An IRI's local name (after the last / or #); a literal as it is."""
    return re.split(r"[/#]", value)[-1] if value and value.startswith("http") else value


def by(rows: list[Row], *names: str) -> set[tuple[str | None, ...]]:
    """The rows as tuples of the named columns, IRIs by their local names."""
    return {tuple(local(row[n]) for n in names) for row in rows}


def test_frameworks_describe_their_subject_and_list_denoted_concepts_in_order(dataset: Dataset) -> None:
    rows = run(dataset, "60-")
    assert ("ambtelijk-leiderschapskompas", "kompas-ambtelijk-leiderschap") in by(rows, "subject", "framework")
    # 't Hart's three generations (001, l. 277, 287, 299): "Ambacht 1.0", "Ambacht 2.0", "Ambacht 3.0"
    generations = [slug(row["denotes"]) for row in rows if slug(row["framework"]) == "generaties-ambtelijk-vakmanschap"]
    assert generations == ["ambtelijk-vakmanschap-1-0", "ambtelijk-vakmanschap-2-0", "ambtelijk-vakmanschap-3-0"]
    ordinals: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row["ordinal"]:
            ordinals[row["subject"] + row["framework"]].append(int(row["ordinal"]))
    assert ordinals and all(found == sorted(found) for found in ordinals.values())


def test_concepts_in_frameworks_of_several_texts_are_listed_under_each(dataset: Dataset) -> None:
    rows = run(dataset, "61-")
    texts: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        texts[slug(row["concept"])].add(row["text"])
        assert int(row["texts"]) >= 2
    assert all(len(texts[slug(row["concept"])]) == int(row["texts"]) for row in rows)
    # the directorate model is in the frameworks of both 000 (its disadvantages) and 004 (its problems in practice)
    assert {NATUURLIJK, MODELS} <= texts["directiemodel"]
    assert [int(row["texts"]) for row in rows] == sorted((int(row["texts"]) for row in rows), reverse=True)


def test_each_text_relates_the_directorate_model_in_its_own_words(dataset: Dataset, seeds: Path,
                                                                   ontology: Graph) -> None:
    rows = run(dataset, "62-")
    files = seed_files(dataset, seeds)
    assert all("directiemodel" in (slug(row["subject"]), slug(row["object"])) for row in rows)
    links = by(rows, "text", "subject", "relation", "object")
    # "Doordat binnen het directiemodel ... wordt een directieve stijl van leidinggeven gestimuleerd." (000, l. 914)
    stimulates = [row for row in rows if row["text"] == NATUURLIJK and row["relation"] == LEI + "stimulates"
                  and slug(row["object"]) == "directief-leiderschap"]
    assert stimulates and stands_at(files[NATUURLIJK], stimulates[0]["quote"], int(stimulates[0]["lineStart"]))
    for row in rows:  # each quote stands in the text the row names
        if row["text"] in files:
            assert stands_at(files[row["text"]], row["quote"], int(row["lineStart"])), row["quote"]
    # "... een indeling komt naar de normen van de burgerlogica" (004, l. 363)
    assert ("gemeentelijke-organisatiemodellen", "directiemodel", "derivesFrom", "burgerlogica") in links
    assert ("gemeentelijke-organisatiemodellen", "sectorenmodel", "succeededBy", "directiemodel") in links
    for row in rows:  # the relation's names are the ontology's
        if row["relation"].startswith(LEI):
            assert (row["relationLabel"], row["relationLabelEn"]) == (
                label(ontology, row["relation"], "nl"), label(ontology, row["relation"], "en"))
    lines = [(row["text"], int(row["lineStart"])) for row in rows]
    assert lines == sorted(lines)


def test_concepts_several_texts_relate_are_shown_per_text(dataset: Dataset) -> None:
    rows = run(dataset, "63-")
    texts: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        assert row["concept"] in (row["subject"], row["object"])
        texts[slug(row["concept"])].add(row["text"])
    assert all(len(texts[slug(row["concept"])]) == int(row["texts"]) >= 2 for row in rows)
    # expertise: part of the ethos (002), a trait of the civil servant 3.0 (000), what dissent requires (003)
    assert {COMPASS, NATUURLIJK, PUBLIEK} <= texts["inhoudelijke-deskundigheid"]
    relations = by(rows, "text", "subject", "relation", "object")
    assert ("kompas-ambtelijk-leiderschap", "inhoudelijke-deskundigheid", "isPartOf", "ethos") in relations


def test_what_furthers_and_what_hinders_a_concept(dataset: Dataset, seeds: Path) -> None:
    rows = run(dataset, "64-")
    files = seed_files(dataset, seeds)
    found = by(rows, "source", "relation", "target", "text")
    # "Waar overnormering van bovenaf ... daar doen zelfordenende en zelfsturende mechanismen ..." (004, l. 524)
    assert ("zelfordenend-mechanisme", "hinders", "overnormering", "gemeentelijke-organisatiemodellen") in found
    assert ("directiemodel", "stimulates", "directief-leiderschap", "natuurlijk-leiderschap") in found
    assert ("sectorenmodel", "causes", "verkokering", "gemeentelijke-organisatiemodellen") in found
    assert {row["relation"] for row in rows} <= {LEI + r for r in ("causes", "stimulates", "contributesTo", "hinders")}
    for row in rows:
        if row["text"] in files:  # each quote stands in the text the row names, at its line
            assert stands_at(files[row["text"]], row["quote"], int(row["lineStart"])), row["quote"]


def test_the_models_derive_from_and_follow_each_other_by_generation(dataset: Dataset) -> None:
    rows = run(dataset, "65-")
    links = by(rows, "model", "link", "other")
    assert {("secretariemodel", "succeededBy", "sectorenmodel"), ("sectorenmodel", "succeededBy", "directiemodel"),
            ("directiemodel", "precededBy", "sectorenmodel")} <= links
    # "Het binnen overheden veel toegepaste directiemodel komt voort uit deze fase van New Public Management" (000)
    assert ("directiemodel", "derivesFrom", "new-public-management") in links
    generation = {slug(row["model"]): int(row["generation"]) for row in rows if row["generation"]}
    for model, link, other in links:  # a successor is of a later generation, a predecessor of an earlier one
        if model in generation and other in generation and link != "derivesFrom":
            assert (generation[other] > generation[model]) == (link == "succeededBy")
    # the inferred precededBy carries the text of the succession it mirrors
    assert any(slug(row["model"]) == "directiemodel" and row["link"] == LEI + "precededBy"
               and row["statedIn"] == MODELS for row in rows)


def test_the_concept_hierarchy_hangs_from_top_concepts(dataset: Dataset) -> None:
    rows = run(dataset, "66-")
    tops = {row["top"] for row in rows}
    assert not tops & {row["concept"] for row in rows}  # a top concept has no broader concept
    placed = by(rows, "top", "depth", "concept", "relation")
    # the compass: "inhoudelijke deskundigheid" is part of the ethos, and 003 places dossier knowledge under it
    assert ("ethos", "1", "inhoudelijke-deskundigheid", "isPartOf") in placed
    assert ("ethos", "2", "dossierkennis", "broader") in placed
    # 000: natural leadership and leadership based on power are kinds of leadership, the top of the styles
    assert ("leiderschap", "1", "natuurlijk-leiderschap", "isKindOf") in placed
    assert all(row["broader"] == row["top"] for row in rows if row["depth"] == "1")


def test_respondents_hold_roles_in_organisations_with_broader_roles(dataset: Dataset, seeds: Path) -> None:
    rows = run(dataset, "67-")
    # "Arno Murrer, loco – gemeentesecretaris gemeente Zeewolde" (001, l. 765)
    assert ("Arno Murrer", "loco-gemeentesecretaris", "gemeentesecretaris", "gemeente-zeewolde", "Municipality") in by(
        rows, "name", "role", "broaderRole", "organisation", "organisationKind")
    murrer = [row for row in rows if row["name"] == "Arno Murrer"]
    assert murrer and all(slug(row["broaderRole"]) == "gemeentesecretaris" for row in murrer)
    assert {slug(row["organisation"]) for row in murrer} == {"gemeente-zeewolde"}
    assert any(row["name"] == "Philippe Raets" and slug(row["role"]) == "gemeentesecretaris"
               and row["organisationKind"] == LEI + "Municipality" for row in rows)
    names = [row["name"] for row in rows]
    assert names == sorted(names)
    bundle = squash(seed_files(dataset, seeds)[BUNDLE])
    assert all(squash(name) in bundle for name in set(names))  # every respondent is named in the bundle


def test_a_role_is_held_directly_or_through_a_narrower_role(dataset: Dataset) -> None:
    rows = run(dataset, "68-")
    holders = by(rows, "role", "via", "name")
    assert ("gemeentesecretaris", "gemeentesecretaris", "Philippe Raets") in holders
    # the acting secretary is under the secretary's role, not the role itself
    assert ("gemeentesecretaris", "loco-gemeentesecretaris", "Arno Murrer") in holders
    assert ("gemeentesecretaris", "gemeentesecretaris", "Arno Murrer") not in holders
    narrower = {(slug(row["via"]), slug(row["role"])) for row in rows if row["via"] != row["role"]}
    broader = select(dataset, "SELECT ?n ?b WHERE { ?n a lei:Role ; skos:broader ?b . ?b a lei:Role }")
    assert not isinstance(broader, bool)
    assert narrower <= {(slug(r["n"]), slug(r["b"])) for r in broader[1]}


def test_each_text_states_several_kinds_of_relation_named_as_the_ontology_names_them(dataset: Dataset,
                                                                                      ontology: Graph) -> None:
    rows = run(dataset, "69-")
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        kinds[row["text"]].add(row["relation"].rsplit("#", 1)[-1])
        assert 1 <= int(row["concepts"]) <= 2 * int(row["assertions"])
        if row["relation"].startswith(LEI):
            assert row["relationLabel"] == label(ontology, row["relation"], "nl")
            assert row["relationLabelEn"] == label(ontology, row["relation"], "en")
    # 004: the sector model causes compartmentalisation; self-organisation hinders over-regulation
    assert {"causes", "hinders", "succeededBy"} <= kinds[MODELS]
    assert {"isPartOf", "requires"} <= kinds[COMPASS]
    assert all(len(kinds[text]) >= 3 for text in (MODELS, COMPASS, NATUURLIJK, PUBLIEK))


def test_annotations_of_the_directorate_model_point_into_the_seed_files(dataset: Dataset, seeds: Path) -> None:
    rows = run(dataset, "70-")
    assert {row["file"][:3] for row in rows} >= {"000", "004"}
    texts: dict[str, str] = {}
    for row in rows:
        if row["file"] not in texts:
            raw = (seeds / row["file"]).read_bytes()
            assert hashlib.sha256(raw).hexdigest() == row["sha256"]
            texts[row["file"]] = raw.decode("utf-8")
        text, start, end = texts[row["file"]], int(row["start"]), int(row["end"])
        assert squash(text[start:end]) == squash(row["exact"])
        assert squash(text[:start]).endswith(squash(row["prefix"]))
        assert squash(text[end:]).startswith(squash(row["suffix"]))
        first, last = (int(n) for n in row["lines"].removeprefix("line=").split(","))
        assert first <= text.count("\n", 0, start) and text.count("\n", 0, end) < last  # RFC 5147: between lines
    offsets = [(row["file"], int(row["start"])) for row in rows]
    assert offsets == sorted(offsets)


def test_some_quotes_ground_a_concept_a_position_and_a_claim_at_once(dataset: Dataset, seeds: Path) -> None:
    rows = run(dataset, "71-")
    assert all(int(row["bodies"]) >= int(row["kinds"]) >= 3 for row in rows)
    assert [int(row["kinds"]) for row in rows] == sorted((int(row["kinds"]) for row in rows), reverse=True)
    for row in rows[:20]:
        text = (seeds / row["file"]).read_text(encoding="utf-8")
        assert squash(text[int(row["start"]):]).startswith(squash(row["exact"]))
    both = select(dataset, """SELECT DISTINCT ?a WHERE { ?a oa:hasBody ?c , ?p , ?k .
        ?c a lei:Concept . ?p a lei:Position . ?k a lei:Claim }""")
    assert not isinstance(both, bool) and both[1]
    assert {row["a"] for row in both[1]} & {row["annotation"] for row in rows}
    assert ID
