"""The query guard reads keywords as the grammar does: never fooled by strings, IRIs or comments."""

from __future__ import annotations

import pytest
from leidraad.sparql.guard import QueryRefused, check, inspect

HARMLESS = [
    'SELECT * { ?s ?p "SERVICE <http://x> {}" }',
    "SELECT * { ?s ?p '''multi\nline SERVICE''' }",
    "SELECT * { ?s <http://x/SERVICE> ?o } # SERVICE <http://x> {}",
    "SELECT * { ?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ; <http://x#y> ?o }",
    "SELECT ?service { ?service ?p ?o }",
    "PREFIX ex: <http://x/> SELECT * { ?s ex:service ?o }",
]
HIDDEN_SERVICE = [
    "SELECT * { service <http://x> { } }",
    "SELECT * { ?s ?p ?o.SERVICE <http://x> {} }",
    "SELECT * { ?s ?p 1SERVICE <http://x> {} }",
    "PREFIX : <http://e/> SELECT * { SERVICE:x {} }",
    "SELECT * { ?s ?p ?o FILTER(?a<?b)SERVICE?x#>\n{} }",
    "SELECT * { ?s ?p ?o FILTER(?a<'>')SERVICE<http://evil>{}#' }",
    'SELECT * { ?s ?p ?o FILTER(?a<?b#>"""\n) SERVICE <http://evil> {} #""" }',
    "SELECT * { ?s <http://x/p> <http://x/'> . SERVICE <http://evil> {} # ' }",
]


@pytest.mark.parametrize("query", HARMLESS)
def test_keywords_in_strings_iris_comments_and_names_are_not_service(query):
    assert not inspect(query).uses_service


@pytest.mark.parametrize("query", HIDDEN_SERVICE)
def test_service_is_found_however_it_is_disguised(query):
    with pytest.raises(QueryRefused) as refused:
        check(query)
    assert refused.value.status == 403


@pytest.mark.parametrize("query, form", [
    ("PREFIX a: <http://a/> BASE <http://b/> select * {}", "SELECT"),
    ("ASK {}", "ASK"), ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"), ("DESCRIBE <http://x>", "DESCRIBE"),
])
def test_query_form_is_read_after_the_prologue(query, form):
    assert inspect(query).form == form


def test_from_clause_is_noticed_but_not_in_a_string():
    assert inspect("SELECT * FROM <http://g> { ?s ?p ?o }").has_dataset_clause
    assert not inspect('SELECT * { ?s ?p "FROM" }').has_dataset_clause


def test_updates_are_refused_as_read_only():
    with pytest.raises(QueryRefused) as refused:
        check("PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }")
    assert refused.value.status == 403


def test_hostile_ambiguity_is_bounded():
    query = "SELECT * { " + "?a <')#> " * 3000 + "}"
    try:
        check(query)
    except QueryRefused as refused:
        assert refused.value.status in (400, 403)


@pytest.mark.parametrize("escaped", ["\\u0041", "\\U00000041", "\\u0023"])
def test_a_codepoint_escape_in_an_iri_hides_no_service(escaped: str) -> None:
    query = f"SELECT * {{ BIND(<http://x/{escaped}#> AS ?x) SERVICE <http://127.0.0.1:9/> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryRefused) as refused:
        check(query)
    assert refused.value.status == 403


def test_a_codepoint_escape_in_an_iri_hides_no_nesting() -> None:
    query = "SELECT * { BIND(<http://x/\\u0041#> AS ?x) " + "{" * 150 + "}" * 150 + " }"
    with pytest.raises(QueryRefused) as refused:
        check(query)
    assert refused.value.status == 400


def test_iris_with_codepoint_escapes_are_read_whole() -> None:
    facts = check("SELECT * { BIND(<http://x/\\u0041/service> AS ?x) }")
    assert facts.form == "SELECT" and not facts.uses_service
