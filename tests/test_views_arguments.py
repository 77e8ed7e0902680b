"""The views built for arguments, on the real build: the debate explorer, argument trees, readings, comparisons.

Every number a view shows is checked against a SPARQL query over the same build, so a view that drops or
double-counts positions, quotes or texts fails here.
"""

from __future__ import annotations

import json
import re

import pytest

ID = "https://w3id.org/leidraad/id/"
BUNDLE = ID + "text/ambtelijk-vakmanschap-reacties"


def _select(client, query: str) -> list[dict[str, str]]:
    answer = client.get("/sparql", query_string={"query": query, "format": "json"})
    assert answer.status_code == 200, answer.data[:300]
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(answer.data)["results"]["bindings"]]


def _html(client, path: str, **args: str) -> str:
    response = client.get(path, query_string={"lang": "en", **args}, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


_CONTESTED = """
SELECT ?about ?stance (COUNT(DISTINCT ?pos) AS ?n) WHERE {
  ?pos a lei:Position ; lei:about ?about ; lei:stance ?stance ; lei:heldBy ?h %s
  { SELECT ?about WHERE { ?p lei:about ?about ; lei:heldBy ?holder } GROUP BY ?about
    HAVING (COUNT(DISTINCT ?holder) >= 2) }
} GROUP BY ?about ?stance
"""


@pytest.fixture(scope="module")
def client(real_app):
    return real_app.test_client()


def test_the_explorer_counts_every_stance_on_every_contested_subject_as_sparql_does(client) -> None:
    expected = {(r["about"], r["stance"].rsplit("#", 1)[-1]): int(r["n"]) for r in _select(client, _CONTESTED % "")}
    html = _html(client, "/stances")
    table = re.search(r'<details class="debate-table">.*?</details>', html, re.S).group(0)
    header = re.findall(r'<th scope="col">([^<]*)</th>', table)[1:-1]
    shown = 0
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
        counts = [int(n) for n in re.findall(r"<td>(?:<a [^>]*>)?(\d+)(?:</a>)?</td>", row)][:-1]
        shown += sum(counts)
        assert len(counts) == len(header) == 5
    assert shown == sum(expected.values()) > 200
    assert f"{shown} positions on {len({a for a, _ in expected})} of the" in html
    # every mark is a link to a group that exists on the page
    anchors = set(re.findall(r'id="(t\d+-\w+)"', html))
    marks = re.findall(r'<a href="#(t\d+-\w+)" aria-label="[^"]+: \d+">', html)
    assert marks and set(marks) <= anchors


def test_the_explorer_filters_by_text_with_its_parts_by_stance_and_by_voice(client) -> None:
    def shown(**args: str) -> int:
        return int(re.search(r"(\d+) positions on", _html(client, "/stances", **args)).group(1))

    in_bundle = _select(client, _CONTESTED % f"; lei:statedIn/dcterms:isPartOf* <{BUNDLE}> .")
    assert shown(text=BUNDLE) == sum(int(r["n"]) for r in in_bundle) > 50
    everything = shown()
    assert shown(voice="own") + shown(voice="reported") == everything
    assert shown(voice="reported") > 0
    assert sum(shown(stance=s) for s in ("supports", "criticises", "nuances", "proposes", "observes")) == everything
    focused = _html(client, "/stances", about=ID + "concept/dienend-leiderschap")
    assert focused.count('class="debate-target"') == 1
    assert _html(client, "/stances", stance="nonsense", voice="<x>").count('class="debate-target"') > 50


def test_a_claim_page_shows_its_argument_tree_two_levels_deep_from_reason_links(client) -> None:
    claim = ID + "claim/gemeentelijke-organisatiemodellen--minder-integraliteit-hoeft-niet-erg-te-zijn"
    rows = _select(client, f"""SELECT ?r ?rr WHERE {{ ?r lei:reasonFor|lei:reasonAgainst <{claim}> .
                                 OPTIONAL {{ ?rr lei:reasonFor|lei:reasonAgainst ?r }} }}""")
    html = _html(client, "/doc/claim/" + claim.rsplit("/", 1)[-1])
    tree = re.search(r'<section aria-labelledby="h-tree">.*?</section>', html, re.S).group(0)
    nested = [r["rr"] for r in rows if "rr" in r]
    assert nested and all(f'href="/doc/claim/{iri.rsplit("/", 1)[-1]}"' in tree for iri in nested)
    assert 'class="arg-branch"' in tree and "against" in tree and "for" in tree


def test_the_reading_of_a_bundle_has_every_quote_of_its_parts_in_line_order(client) -> None:
    rows = _select(client, f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        ?e lei:inText/dcterms:isPartOf* <{BUNDLE}> ; oa:exact ?q }}""")
    html = _html(client, "/reading/ambtelijk-vakmanschap-reacties")
    assert len(set(re.findall(r'id="ev-([0-9a-f]+)"', html))) == int(rows[0]["n"])
    starts = [int(n) for n in re.findall(r'<p class="lines">(?:<span id="[^"]+"></span>)*\s*lines?\s+(\d+)', html)]
    assert starts == sorted(starts) and len(starts) > 500
    assert 'href="#part-reactie-ad-de-jong"' in html and 'id="part-reactie-ad-de-jong"' in html
    assert "kind-position" in html and "kind-claim" in html and "kind-person" in html


def test_evidence_anywhere_links_straight_to_its_place_in_the_reading(client) -> None:
    person = _html(client, "/doc/person/paul-t-hart")
    places = re.findall(r'href="(/reading/[\w-]+)#(ev-[0-9a-f]+)"', person)
    assert places
    for path, anchor in places[:5]:
        assert f'id="{anchor}"' in _html(client, path)
    debate = _html(client, "/stances", about=ID + "concept/dienend-leiderschap")
    path, anchor = re.search(r'href="(/reading/[\w-]+)#(ev-[0-9a-f]+)"', debate).groups()
    assert f'id="{anchor}"' in _html(client, path)
    moved = client.get("/reading/at/" + anchor[3:])
    assert moved.status_code == 302 and moved.headers["Location"] == f"{path}#{anchor}"
    part = _html(client, "/reading/reactie-ad-de-jong")  # a part's reading: its quotes alone, under its whole text
    assert 'href="/reading/ambtelijk-vakmanschap-reacties"' in part and 0 < part.count('class="reading-quote"') < 20
    assert client.get("/reading/no-such-text").status_code == 404
    assert client.get("/reading/at/not-hex!").status_code == 404
    assert 'href="/reading/natuurlijk-leiderschap"' in _html(client, "/doc/text/natuurlijk-leiderschap")


def test_every_concept_in_two_texts_is_compared_and_linked_from_its_page(client) -> None:
    rows = _select(client, """SELECT ?c (COUNT(DISTINCT ?top) AS ?n) WHERE {
      ?c a lei:Concept .
      { ?c lei:evidence/lei:inText ?t } UNION { ?p lei:about ?c ; lei:statedIn ?t } UNION { ?t lei:discusses ?c }
      UNION { ?cl lei:topic ?c ; lei:statedIn ?t } UNION { ?i lei:denotes ?c ; lei:inFramework/lei:statedIn ?t }
      ?t dcterms:isPartOf* ?top . ?top lei:seedFile ?s } GROUP BY ?c HAVING (COUNT(DISTINCT ?top) >= 2)""")
    index = _html(client, "/comparisons")
    assert len(re.findall(r'href="/compare/[^"]+"', index)) == len(rows) > 20
    widest = max(rows, key=lambda r: int(r["n"]))
    slug = widest["c"].rsplit("/", 1)[-1]
    page = _html(client, "/compare/" + slug)
    columns = re.search(r"<thead>.*?</thead>", page, re.S).group(0).count('<th scope="col">') - 1
    assert columns == int(widest["n"])
    for aspect in ("Use (quotes)", "Who takes which stance", "Appears in frameworks", "Claims about it"):
        assert aspect in page
    assert f'href="/compare/{slug}"' in _html(client, "/doc/concept/" + slug)
    assert client.get("/compare/no-such-concept").status_code == 404


def test_downloads_are_a_page_for_browsers_and_json_for_tools(client, real_app) -> None:
    manifest = real_app.extensions["leidraad"].manifest["files"]
    page = client.get("/dumps/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.mimetype == "text/html" and "Accept" in page.headers["Vary"]
    html = page.get_data(as_text=True)
    for name, meta in manifest.items():
        assert f'href="/dumps/{name}"' in html and meta["sha256"] in html and f'value="{meta["bytes"]}"' in html
    assert "CC BY 4.0" in html and "@misc{" in html
    as_json = client.get("/dumps/")
    assert as_json.mimetype == "application/json" and set(as_json.get_json()["files"]) == set(manifest)
    assert client.get("/dumps/", headers={"Accept": "application/json"}).mimetype == "application/json"
    assert client.get("/dumps/?format=html").mimetype == "text/html"


def test_the_query_page_labels_its_editor_and_says_how_to_run_and_leave_it(client) -> None:
    html = _html(client, "/sparql")
    assert 'id="sparql-query-label"' in html and 'aria-describedby="sparql-keys"' in html
    assert "Ctrl+Enter" in html and "Tab leaves the editor" in html
