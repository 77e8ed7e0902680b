"""The debate explorer's kind-of-person filter counts what SPARQL counts, alone and with the other filters.

Each kind is the holder's role in the text the position is stated in, by the one rule that the person index uses
too, written again as SPARQL in ``tests/support/roles.py`` (property paths, not the view's code); the number of
positions the page says it shows must equal the count of positions on contested subjects that the query finds.
The kind is kept in the page's links and is part of the response cache's key.
"""

from __future__ import annotations

import json
import re

import pytest
from leidraad.web import i18n

from tests.support.roles import ROLES

ID = "https://w3id.org/leidraad/id/"
BUNDLE = ID + "text/ambtelijk-vakmanschap-reacties"
STUDY = ID + "text/publiek-leiderschap"

_COUNT = """
SELECT (COUNT(DISTINCT ?pos) AS ?n) WHERE {
  ?pos a lei:Position ; lei:about ?about ; lei:heldBy ?x ; lei:stance ?stance ; lei:statedIn ?t .
  { SELECT ?about WHERE { ?p lei:about ?about ; lei:heldBy ?holder } GROUP BY ?about
    HAVING (COUNT(DISTINCT ?holder) >= 2) }
  %s
}
"""


@pytest.fixture(scope="module")
def client(real_app):
    return real_app.test_client()


def _sparql(client, pattern: str) -> int:
    answer = client.get("/sparql", query_string={"query": _COUNT % pattern, "format": "json"})
    assert answer.status_code == 200, answer.data[:300]
    return int(json.loads(answer.data)["results"]["bindings"][0]["n"]["value"])


def _page(client, **args: str) -> str:
    response = client.get("/stances", query_string={"lang": "en", **args}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _shown(html: str) -> int:
    return int(re.search(r"(\d+) positions on", html).group(1))


@pytest.mark.parametrize("kind", sorted(ROLES))
def test_each_kind_counts_what_sparql_counts(client, kind) -> None:
    html = _page(client, kind=kind)
    expected = _sparql(client, ROLES[kind])
    assert _shown(html) == expected
    tags = re.findall(r'<span class="kind-of-person">([^<]+)</span>', html)
    assert tags.count(i18n.translate(f"role.{kind}", "en")) == expected  # every entry names the kind chosen
    # a kind is offered when, and only when, some position shown has it (as the index offers only roles held)
    assert (f'<option value="{kind}"' in _page(client)) == (expected > 0)
    assert f'<option value="{kind}" selected>' in html  # the chosen one is kept even if it shows nothing


@pytest.mark.parametrize(("kind", "args", "pattern"), [
    ("respondent", {"text": BUNDLE}, f"?t dcterms:isPartOf* <{BUNDLE}> ."),
    ("author", {"text": STUDY}, f"?t dcterms:isPartOf* <{STUDY}> ."),
    ("expert", {"text": STUDY}, f"?t dcterms:isPartOf* <{STUDY}> ."),
    ("cited", {"voice": "reported"}, "?pos lei:reportedBy ?r ."),
    ("author", {"voice": "own"}, "FILTER NOT EXISTS { ?pos lei:reportedBy ?r }"),
    ("respondent", {"stance": "criticises"}, "FILTER(?stance = lei:criticises)"),
])
def test_the_kind_combines_with_text_voice_and_stance(client, kind, args, pattern) -> None:
    assert _shown(_page(client, kind=kind, **args)) == _sparql(client, ROLES[kind] + pattern) > 0


def test_the_kinds_split_the_positions_and_a_kind_narrows(client) -> None:
    everything = _shown(_page(client))
    by_kind = {kind: _shown(_page(client, kind=kind)) for kind in ROLES}
    assert all(0 < by_kind[k] < everything for k in ("author", "respondent", "expert", "cited"))
    assert by_kind["mentioned"] < everything
    unlinked = f"FILTER NOT EXISTS {{ {' } FILTER NOT EXISTS { '.join(ROLES.values())} }}"
    assert sum(by_kind.values()) + _sparql(client, unlinked) >= everything  # no position is lost between kinds
    assert _shown(_page(client, kind="nonsense")) == everything  # an unknown kind is no filter


def test_the_kind_is_kept_in_the_form_and_the_links_and_in_the_cache_key(client) -> None:
    html = _page(client, kind="cited", text=STUDY)
    assert '<option value="cited" selected>' in html
    assert re.search(r'href="/stances\?[^"]*kind=cited', html)
    # the cache keeps pages per kind: a second kind is not served the first kind's page
    assert _shown(_page(client, kind="respondent")) != _shown(_page(client, kind="expert"))
    assert _shown(_page(client, kind="respondent")) == _shown(_page(client, kind="respondent"))
