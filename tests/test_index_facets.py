"""The index facets count what SPARQL counts: persons by role in the text, organisations by their type.

Each facet value's count on the page, alone and combined with a text filter, equals a count the test asks the
endpoint for with patterns of its own (a role: the one rule of ``tests/support/roles.py``, held in the text
filtered by or one of its parts, or in any text without a filter); choosing the value shows that many entries,
and the choice survives the text filter, the sorts, the pager and the response cache.
"""

from __future__ import annotations

import json
import re

import pytest
from leidraad.http.response_cache import page_query

from tests.support.roles import ROLES

ID = "https://w3id.org/leidraad/id/"
LEI = "https://w3id.org/leidraad/def#"
TEXTS = [None, ID + "text/ambtelijk-vakmanschap-reacties", ID + "text/publiek-leiderschap",
         ID + "text/gemeentelijke-organisatiemodellen"]

#: What a text filter admits (as tests/test_text_filter.py counts it): drawn from the text or one of its parts.
FROM_TEXT = """{{ ?x lei:evidence/lei:inText/dcterms:isPartOf* <{text}> }}
  UNION {{ ?x lei:statedIn/dcterms:isPartOf* <{text}> }}
  UNION {{ ?part dcterms:creator ?x ; dcterms:isPartOf* <{text}> }}"""


def _count(client, where: str) -> int:
    query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}"
    answer = client.get("/sparql", query_string={"query": query, "format": "json"})
    return int(json.loads(answer.data)["results"]["bindings"][0]["n"]["value"])


def _facet(html: str) -> dict[str, int]:
    """The facet's values and counts as the page shows them, ``all`` for the first."""
    nav = re.search(r'<nav class="facet".*?</nav>', html, re.S).group(0)
    return {value or "all": int(count) for value, count in
            re.findall(r'<li data-value="([^"]*)">.*?class="count">\((\d+)\)', nav, re.S)}


def _shown(html: str) -> int:
    return int(re.search(r"(\d+)\s*results", html).group(1))


@pytest.mark.parametrize("text", TEXTS)
def test_each_role_counts_the_persons_sparql_finds_in_that_role(real_app, text) -> None:
    client = real_app.test_client()
    asked = {"lang": "en", **({"text": text} if text else {})}
    facet = _facet(client.get("/browse/persons", query_string=asked).get_data(as_text=True))
    assert facet["all"] == _count(client, "?x a foaf:Person . " + (FROM_TEXT.format(text=text) if text else ""))
    for role, pattern in ROLES.items():
        where = "?x a foaf:Person . ?t a lei:SourceText . " + (f"?t dcterms:isPartOf* <{text}> . " if text else "")
        where += pattern + (FROM_TEXT.format(text=text) if text else "")
        expected = _count(client, where)
        assert facet.get(role, 0) == expected, role
        if expected:
            html = client.get("/browse/persons", query_string={**asked, "role": role}).get_data(as_text=True)
            assert _shown(html) == expected, role
    if text is None:
        assert {"author", "respondent", "cited", "mentioned"} <= set(facet)  # every text gives its kinds of person


@pytest.mark.parametrize("text", TEXTS)
def test_each_organisation_type_counts_what_sparql_counts(real_app, text) -> None:
    client = real_app.test_client()
    asked = {"lang": "nl", **({"text": text} if text else {})}
    facet = _facet(client.get("/browse/organisations", query_string=asked).get_data(as_text=True)
                   .replace("resultaten", "results"))
    member = "?x a org:Organization . " + (FROM_TEXT.format(text=text) if text else "")
    for name in ("Municipality", "Ministry", "GovernmentAgency", "University", "Association", "Company"):
        assert facet.get(name, 0) == _count(client, member + f"?x a <{LEI}{name}> ."), name
    other = _count(client, member + "FILTER NOT EXISTS { ?x a ?c . ?c rdfs:subClassOf org:Organization "
                                    "FILTER(?c != org:Organization) }")
    assert facet.get("other", 0) == other
    if text is None:
        assert facet["Municipality"] > 0 and other > 0
        html = client.get("/browse/organisations", query_string={"type": "Municipality", "lang": "en"})
        assert _shown(html.get_data(as_text=True)) == facet["Municipality"]
        assert "gemeente" in client.get("/browse/organisations?lang=nl").get_data(as_text=True)  # ontology label


def test_a_chosen_role_survives_the_text_filter_sorts_pager_and_cache(real_app) -> None:
    client = real_app.test_client()
    html = client.get("/browse/persons", query_string={"role": "cited", "lang": "en", "size": "10"}).get_data(
        as_text=True)
    assert '<input type="hidden" name="role" value="cited">' in html
    assert re.search(r'href="/browse/persons\?[^"]*sort=positions[^"]*role=cited|role=cited[^"]*sort=positions', html)
    assert re.search(r'rel="next" href="[^"]*role=cited', html)
    assert _shown(html) < _shown(client.get("/browse/persons?lang=en").get_data(as_text=True))
    assert page_query("role=cited&type=Municipality&junk=1") == "role=cited&type=Municipality"
    ignored = client.get("/browse/persons", query_string={"role": "nonsense", "lang": "en"}).get_data(as_text=True)
    assert _shown(ignored) == _facet(ignored)["all"]


def test_each_person_line_says_their_role_in_each_text(real_app) -> None:
    html = real_app.test_client().get("/browse/persons", query_string={"role": "respondent", "lang": "en"}) \
        .get_data(as_text=True)
    entries = re.findall(r"<li[^>]*>(.*?)</li>", html.split('<ol class="index"', 1)[1].split("</ol>", 1)[0], re.S)
    assert entries and all(re.search(r'class="entry-roles">\([^)]*\brespondent\b', e) for e in entries)
