"""Adding a text as a researcher does: new-text, suggest, check, build; and each silent mistake of issue 18 caught
at its data file and line, by ``leidraad check`` and by the build (``validate``) alike."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from leidraad import cli
from leidraad.core.namespaces import LEI, OA
from leidraad.pipeline import evidence
from leidraad.pipeline.build import Outcome, check
from leidraad.pipeline.check_file import FileCheck, check_file
from leidraad.pipeline.findings import WARNING, Finding
from leidraad.pipeline.scaffold import new_text
from leidraad.pipeline.sources import Sources
from leidraad.pipeline.suggest import suggest
from leidraad.pipeline.suggest_turtle import render
from rdflib import Graph, Literal, URIRef
from sixth_text import DATA, SEED, TEXT, add_sixth_text, copy_sources, line_of

MISTAKES = "data/dienen-zonder-dogma.ttl"
TYPO = "data/dienen-zonder-dogma.typo.ttl"


# --- new-text --------------------------------------------------------------------------------------------------

def _empty_project(root: Path) -> Sources:
    for folder in ("ontology", "data", "shapes"):
        (root / folder).mkdir(parents=True)
    return Sources(root, seeds_dir=root.parent / "seeds")


def test_new_text_names_the_seed_by_its_sha256_and_records_the_checksum_in_the_skeleton(tmp_path: Path) -> None:
    sources = _empty_project(tmp_path / "p")
    made = new_text(sources, SEED, genre="opinion")
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert made.seed_name == f"000_{digest[:16]}.txt"
    assert (sources.seeds / made.seed_name).read_bytes() == SEED.read_bytes()
    turtle = made.data_file.read_text(encoding="utf-8")
    graph = Graph().parse(data=turtle, format="turtle")
    text = URIRef(TEXT)
    assert made.data_file.name == "dienen-zonder-dogma.ttl"
    assert graph.value(text, LEI.seedFile) == Literal(made.seed_name)
    assert digest in turtle and "genre:opinion" in turtle and "TODO" in turtle
    for prefix in ("claim:", "work:", "cito:", "fabio:", "prism:"):
        assert f"@prefix {prefix}" in turtle
    # the title's evidence is computed, so the skeleton's one quote is right
    ev = graph.value(text, LEI.evidence)
    assert (graph.value(ev, OA.exact), int(graph.value(ev, LEI.lineStart))) == (Literal("Dienen zonder dogma"), 1)
    assert new_text(_empty_project(tmp_path / "q"), sources.seeds / made.seed_name).seed_name == made.seed_name


def test_new_text_never_overwrites_a_data_file(tmp_path: Path, capsys) -> None:
    sources = _empty_project(tmp_path / "p")
    new_text(sources, SEED)
    code = cli.main(["new-text", str(SEED), "--root", str(sources.root), "--seeds", str(sources.seeds)])
    assert code == 1 and "exists already" in capsys.readouterr().err


# --- suggest -----------------------------------------------------------------------------------------------------

def test_suggest_proposes_the_op_eds_persons_work_concepts_and_list_with_their_exact_lines(asserted: Graph) -> None:
    proposals = suggest(SEED.read_text(encoding="utf-8"), asserted)
    by_kind = {kind: {p.label: p for p in proposals if p.kind == kind}
               for kind in ("person", "reference", "concept", "list")}
    verbeek = by_kind["person"]["Marloes Verbeek"]
    assert (verbeek.start, verbeek.details["function"], verbeek.existing) == (
        4, "gemeentesecretaris van de gemeente Zuiderveen", None)
    assert by_kind["person"]["Robert K. Greenleaf"].existing.endswith("/person/robert-k-greenleaf")
    assert by_kind["reference"]["’t Hart (2014)"].existing.endswith("/text/ambtelijk-vakmanschap-3-0")
    assert {"dienend leiderschap", "integriteit", "tegenspraak"} <= set(by_kind["concept"])
    (lessons,) = by_kind["list"].values()
    assert (lessons.start, lessons.end, len(lessons.details["items"])) == (28, 31, 3)
    lines = tuple(SEED.read_text(encoding="utf-8").splitlines())
    assert all(evidence.quote_in_lines(lines, p.quote, p.start, p.end) for p in proposals)
    turtle = render(proposals, "dienen-zonder-dogma", SEED.name)
    assert len(Graph().parse(data=turtle, format="turtle")) == 0  # proposals only: nothing asserted
    assert "#: person:robert-k-greenleaf" in turtle and "#:         lei:lineStart 28 ; lei:lineEnd 31 ;" in turtle


def test_suggest_refuses_to_write_into_data(sources: Sources, capsys) -> None:
    code = cli.main(["suggest", str(SEED), "--root", str(sources.root), "-o", str(sources.data / "x.ttl")])
    assert code == 1 and "never writes into" in capsys.readouterr().err
    assert not (sources.data / "x.ttl").exists()


# --- the sixth text built, and shown ---------------------------------------------------------------------------

def test_the_sixth_text_builds_and_shows_on_its_page_in_search_and_in_sparql(sixth_build) -> None:
    from leidraad.http.app import create_app

    sources, outcome = sixth_build
    # the sixth text adds no warning of its own (evidence outside its stated text is an error)
    assert outcome.ok and not [w for w in outcome.warnings if "dienen-zonder-dogma" in w.file]
    app = create_app(dist=sources.dist)
    try:
        client = app.test_client()
        page = client.get("/doc/text/dienen-zonder-dogma", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "Dienen zonder dogma" in page.get_data(as_text=True)
        assert "Marloes Verbeek" in client.get("/search?q=Zuiderveen").get_data(as_text=True)
        answer = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?t lei:seedFile ?s }"},
                            headers={"Accept": "application/sparql-results+json"}).get_json()
        seeds = {b["s"]["value"] for b in answer["results"]["bindings"]}
        assert len(seeds) == len(list(sources.seeds.glob("*.txt")))
    finally:
        app.extensions["leidraad.sparql"].executor.close()


def test_the_worked_example_passes_the_one_file_check(sixth_build) -> None:
    sources, _ = sixth_build
    outcome = check_file(sources, sources.data / "dienen-zonder-dogma.ttl")
    assert outcome.ok and outcome.findings == [] and outcome.quotes_checked == 20


# --- the silent mistakes, caught -------------------------------------------------------------------------------

def _with_mistakes(turtle: str) -> str:
    hart = "person:paul-t-hart\n    lei:evidence"
    assert hart in turtle
    turtle = turtle.replace(hart, 'person:paul-t-hart\n    foaf:name "P. ’t Hart" ;\n    lei:evidence')
    turtle = turtle.replace('"wethouder"@nl , "alderman"@en ;', '"wethouder"@nl ;')
    turtle = turtle.replace("lei:lineStart 21 ; lei:lineEnd 21 ;", "lei:lineStart 23 ; lei:lineEnd 23 ;")
    held = "    lei:heldBy person:marloes-verbeek ;\n    lei:stance lei:supports ;"
    assert held in turtle
    turtle = turtle.replace(held, "    lei:heldBy person:m-verbeek ;\n    lei:stance lei:supports ;")
    return turtle + """
person:greenleaf
    a foaf:Person ;
    foaf:name "Greenleaf" ;
    lei:evidence [
        lei:inText text:dienen-zonder-dogma ;
        lei:lineStart 14 ; lei:lineEnd 14 ;
        oa:exact "Robert K. Greenleaf"
    ] .
"""


TYPO_TURTLE = """@prefix lei:    <https://w3id.org/leidraad/def#> .
@prefix oa:     <http://www.w3.org/ns/oa#> .
@prefix text:   <https://w3id.org/leidraad/id/text/> .
@prefix person: <https://w3id.org/leidraad/id/persons/> .

person:jan-de-wit
    lei:evidence [
        lei:inText text:dienen-zonder-dogma ;
        lei:lineStart 33 ; lei:lineEnd 33 ;
        oa:exact "Jan de Wit"
    ] .
"""


@pytest.fixture(scope="module")
def mistaken(tmp_path_factory: pytest.TempPathFactory, sources: Sources) -> tuple[Sources, Outcome, FileCheck]:
    """A copy with the sixth text written with every mistake of the issue: what validate finds, what check finds."""
    copy = copy_sources(sources, tmp_path_factory.mktemp("mistakes") / "leidraad")
    path = add_sixth_text(copy, _with_mistakes(DATA.read_text(encoding="utf-8")))
    (copy.data / "dienen-zonder-dogma.typo.ttl").write_text(TYPO_TURTLE, encoding="utf-8")
    outcome, _ = check(copy)
    return copy, outcome, check_file(copy, path)


def _found(findings: list[Finding], file: str, line: int, *words: str) -> Finding:
    hits = [f for f in findings if f.file == file and f.line == line and all(w in f.message for w in words)]
    assert hits, "\n".join(map(str, findings))
    return hits[0]


def _both(mistaken) -> list[list[Finding]]:
    _, outcome, one_file = mistaken
    return [outcome.findings, one_file.findings]


def test_a_typo_in_a_prefix_address_fails_at_the_prefix_line(mistaken) -> None:
    copy, outcome, _ = mistaken
    _found(outcome.findings, TYPO, 4, "prefix person:", "/id/persons/", "expected <https://w3id.org/leidraad/id/person/>")
    assert not outcome.ok


def test_held_by_an_iri_described_nowhere_fails_at_its_line_with_a_guess(mistaken) -> None:
    copy = mistaken[0]
    line = line_of(copy.root / MISTAKES, "person:m-verbeek")
    for findings in _both(mistaken):
        _found(findings, MISTAKES, line, "lei:heldBy person:m-verbeek", "described nowhere",
               "did you mean person:marloes-verbeek")
        _found(findings, MISTAKES, line, "lei:heldBy", "held by", "[shape:Position]")  # and the shape says so


def test_a_near_duplicate_person_fails_naming_the_other_and_where_it_stands(mistaken) -> None:
    copy = mistaken[0]
    line = line_of(copy.root / MISTAKES, 'foaf:name "Greenleaf"')
    other = line_of(copy.root / "data" / "natuurlijk-leiderschap.ttl", 'foaf:name "Robert K. Greenleaf"')
    for findings in _both(mistaken):
        _found(findings, MISTAKES, line, "person:greenleaf", "looks like person:robert-k-greenleaf",
               f"data/natuurlijk-leiderschap.ttl:{other}", "owl:differentFrom")


def test_a_second_name_names_both_values_and_both_files(mistaken) -> None:
    copy = mistaken[0]
    line = line_of(copy.root / MISTAKES, '"P. ’t Hart"')
    other = line_of(copy.root / "data" / "ambtelijk-vakmanschap-reacties.ttl", 'foaf:name "Paul ’t Hart"')
    for findings in _both(mistaken):
        _found(findings, MISTAKES, line, "person:paul-t-hart has 2 foaf:name values", "'P. ’t Hart'",
               f"{MISTAKES}:{line}", "'Paul ’t Hart'", f"data/ambtelijk-vakmanschap-reacties.ttl:{other}")


def test_a_function_title_without_english_is_a_warning_at_its_line(mistaken) -> None:
    copy = mistaken[0]
    line = line_of(copy.root / MISTAKES, '"wethouder"@nl ;')
    for findings in _both(mistaken):
        assert _found(findings, MISTAKES, line, "English translation").severity == WARNING


def test_a_line_range_off_by_two_lines_fails_saying_where_the_quote_stands(mistaken) -> None:
    copy = mistaken[0]
    line = line_of(copy.root / MISTAKES, "Integriteit is daarbij")
    for findings in _both(mistaken):
        _found(findings, MISTAKES, line, "concept:integriteit", "not at lines 23-23", "stands at lines 21-21")


def test_build_prints_the_warnings_of_a_build_that_passes(monkeypatch, sources: Sources, capsys) -> None:
    import leidraad.pipeline.build as build_module

    outcome = Outcome(findings=[Finding(MISTAKES, 7, WARNING, "membership:x lei:functionTitle: no English")])
    monkeypatch.setattr(build_module, "build", lambda *_args, **_kw: outcome)
    assert cli.main(["build", "-q", "--root", str(sources.root)]) == 0
    assert f"{MISTAKES}:7: warning: membership:x lei:functionTitle: no English" in capsys.readouterr().err


def test_a_missing_seed_file_is_one_message(tmp_path: Path) -> None:
    graph = Graph()
    text = URIRef(TEXT)
    graph.add((text, LEI.seedFile, Literal("005_typo.txt")))
    for n in range(19):
        ev = URIRef(f"https://w3id.org/leidraad/id/evidence/{n}")
        graph.add((ev, LEI.inText, text))
        graph.add((ev, LEI.lineStart, Literal(n + 1)))
        graph.add((ev, OA.exact, Literal(f"quote {n}")))
    checked, problems = evidence.check_graph(graph, tmp_path)
    assert checked == 19 and [str(p) for p in problems] == ["seed file 005_typo.txt not found"]


def test_an_undeclared_prefix_is_one_line_at_file_and_line_without_a_traceback(small_source_copy, capsys) -> None:
    path = small_source_copy.data / "broken.ttl"
    path.write_text("@prefix lei: <https://w3id.org/leidraad/def#> .\n\npersoon:x lei:year 1 .\n", encoding="utf-8")
    code = cli.main(["check", str(path), "--root", str(small_source_copy.root)])
    err = capsys.readouterr().err
    assert code == 1 and "broken.ttl" in err and "line 3" in err and "persoon" in err and "Traceback" not in err


def test_serve_on_a_busy_port_says_so_and_exits_1(small_build: Sources) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "leidraad.cli", "serve", "--root", str(small_build.root),
                               "--port", str(port)], capture_output=True, text=True, timeout=120,
                              env={**__import__("os").environ, "LEIDRAAD_DIST": str(small_build.dist)})
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr
