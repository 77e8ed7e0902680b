"""Index pages per kind: sorted, paged, filterable by text."""

from __future__ import annotations

import re

from leidraad.web.catalogue import KINDS


def names(html: str) -> list[str]:
    listing = re.search(r'<ol class="index".*?</ol>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', listing)


def browse(client, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_kind_has_an_index_page(client):
    for kind in KINDS:
        assert client.get(f"/browse/{kind.slug}").status_code == 200


def test_index_is_sorted_by_surname_ignoring_particles_case_and_diacritics(client):
    assert names(browse(client, "/browse/persons")) == ["Zoë Bakker", "Bert Jansen", "Carla Smit", "Anna de Vries"]


def test_index_is_paged(client):
    first = browse(client, "/browse/frameworks?size=10")
    assert len(names(first)) <= 10
    assert "Page 1" in first or len(names(first)) < 10


def test_index_filters_by_text(client):
    html = browse(client, "/browse/persons?text=https://w3id.org/leidraad/id/text/reactie-bert-jansen")
    assert names(html) == ["Bert Jansen"]


def test_filter_by_bundle_includes_its_responses(client):
    html = browse(client, "/browse/persons?text=https://w3id.org/leidraad/id/text/bundel")
    assert "Bert Jansen" in names(html)


def test_unknown_kind_is_404(client):
    assert client.get("/browse/unicorns").status_code == 404


def test_the_home_page_counts_the_texts_the_data_holds(real_app, real_dist) -> None:
    from leidraad.store.dataset import Dataset
    from leidraad.web import catalogue

    texts = len(catalogue.top_texts(Dataset.load(real_dist), "en"))
    client = real_app.test_client()
    assert f"publishes {texts} Dutch texts" in client.get("/?lang=en").get_data(as_text=True)
    assert f"ontsluit {texts} Nederlandstalige teksten" in client.get("/?lang=nl").get_data(as_text=True)
