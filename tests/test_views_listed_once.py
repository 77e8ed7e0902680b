"""A resource that several data files describe is still one resource: a page lists it once.

Paul ’t Hart's essay *Ambtelijk Vakmanschap 3.0* is described by each data file that cites it, each saying who
wrote it, so ``dcterms:creator`` stands in three named graphs; his page listed the one essay three times under
what he wrote, which read as three different things of one title.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

INFERRED = "https://w3id.org/leidraad/graph/inferred"


@pytest.fixture(scope="module")
def client(real_app):
    return real_app.test_client()


def _html(client, path: str, lang: str) -> str:
    response = client.get(path, query_string={"lang": lang}, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _section(html: str, heading_id: str) -> str:
    found = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert found, heading_id
    return found.group(1)


def test_a_text_whose_authorship_several_files_state_is_listed_once_under_what_its_author_wrote(
        client, real_dataset) -> None:
    rows = real_dataset.store.query(f"""
        SELECT ?person ?text (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{
          GRAPH ?g {{ ?text <http://purl.org/dc/terms/creator> ?person }}
          ?person a <http://xmlns.com/foaf/0.1/Person> FILTER(?g != <{INFERRED}>)
        }} GROUP BY ?person ?text""")
    wrote: dict[str, set[str]] = {}
    restated = set()
    for row in rows:
        person, text = row["person"].value, row["text"].value
        wrote.setdefault(person, set()).add(text)
        if int(row["graphs"].value) > 1:
            restated.add(person)
    assert "https://w3id.org/leidraad/id/person/paul-t-hart" in restated
    for person in sorted(restated):
        for lang in ("nl", "en"):
            section = _section(_html(client, "/doc/" + person.split("/id/", 1)[1], lang), "h-wrote")
            links = Counter(re.findall(r'<a href="/doc/(text/[^"]+|work/[^"]+)"', section))
            assert [link for link, n in links.items() if n > 1] == [], (person, lang)
            assert set(links) == {iri.split("/id/", 1)[1] for iri in wrote[person]}, (person, lang)
