"""The text filter of the index pages counts what a text *and its parts* hold, as SPARQL does.

A bundle's respondents, a study's chapters and contributions are parts of their
text; filtering by the text must include them, never everything.
"""

from __future__ import annotations

import json
import re

import pytest
from leidraad.web.catalogue import KINDS

TEXTS = ["ambtelijk-vakmanschap-reacties", "gemeentelijke-organisatiemodellen", "kompas-ambtelijk-leiderschap",
         "natuurlijk-leiderschap", "publiek-leiderschap"]
ID = "https://w3id.org/leidraad/id/"


def _sparql_count(client, cls: str, text: str) -> int:
    query = f"""SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{
      {{ ?x a <{cls}> ; lei:evidence/lei:inText/dcterms:isPartOf* <{text}> }}
      UNION {{ ?x a <{cls}> ; lei:statedIn/dcterms:isPartOf* <{text}> }}
      UNION {{ ?x a <{cls}> . ?part dcterms:creator ?x ; dcterms:isPartOf* <{text}> }}
      UNION {{ ?x a <{cls}> ; dcterms:isPartOf+ <{text}> }}
      UNION {{ ?x a <{cls}> FILTER(?x = <{text}>) }}
      FILTER(isIRI(?x)) }}"""
    answer = client.get("/sparql", query_string={"query": query, "format": "json"})
    return int(json.loads(answer.data)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("text", TEXTS)
def test_every_index_filtered_by_a_text_counts_what_sparql_counts(real_app, text) -> None:
    client = real_app.test_client()
    iri = ID + "text/" + text
    everything = {}
    for kind in KINDS:
        html = client.get(f"/browse/{kind.slug}", query_string={"text": iri, "lang": "en"}).get_data(as_text=True)
        shown = int(re.search(r"(\d+)\s*results", html).group(1)) if re.search(r"(\d+)\s*results", html) else 0
        assert shown == _sparql_count(client, kind.type_iri, iri), kind.slug
        everything[kind.slug] = shown
    persons = client.get("/browse/persons", query_string={"lang": "en"}).get_data(as_text=True)
    assert everything["persons"] < int(re.search(r"(\d+)\s*results", persons).group(1))  # never everyone


def test_the_debate_explorer_of_a_bundle_shows_its_parts_positions(real_app) -> None:
    html = real_app.test_client().get("/stances", query_string={"text": ID + "text/ambtelijk-vakmanschap-reacties",
                                                                "lang": "en"}).get_data(as_text=True)
    shown = int(re.search(r"(\d+) positions on", html).group(1))
    assert shown > 100 and html.count('<ul class="debate-entries">') > 10


def test_evidence_is_cited_by_its_text_and_lines_not_by_an_internal_file_name(real_app) -> None:
    html = real_app.test_client().get("/doc/person/paul-t-hart?lang=en").get_data(as_text=True)
    assert "lines" in html and not re.search(r"\b00\d_[0-9a-f]{16}\.txt", html)


def test_pages_name_things_not_internal_identifiers(real_app) -> None:
    client = real_app.test_client()
    concept = client.get("/doc/concept/dienend-leiderschap?lang=en").get_data(as_text=True)
    assert not re.search(r">assertion:[^<]*<", concept)  # a relation assertion is named after what it says
    assert "civil servant 3.0 requires servant leadership" in concept
    flagged = next(iter(real_app.extensions["leidraad"].store.query(
        "SELECT ?t WHERE { ?t <https://w3id.org/leidraad/def#titleIsDescriptive> true } LIMIT 1")))
    path = "/doc/" + flagged["t"].value.split("/id/", 1)[1]
    text = client.get(path + "?lang=en").get_data(as_text=True)
    assert "descriptive title; the text names none itself" in text and "title is descriptive" not in text
