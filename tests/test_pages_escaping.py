"""A literal containing markup is shown as text everywhere, never executed."""

from __future__ import annotations

import pytest

SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize("path", [
    "/doc/concept/integriteit",
    "/doc/concept/integriteit?lang=en",
    "/doc/concept/dienend-leiderschap",
    "/search?q=alert",
    "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
    "/browse/public-values",
    "/doc/" + "%3Cscript%3Ealert(1)%3C/script%3E",
])
def test_markup_in_data_or_query_is_escaped(client, path):
    html = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert SCRIPT not in html
    assert "alert(1)" not in html or "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markup_in_data_is_visible_as_text(client):
    html = client.get("/doc/concept/integriteit", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_json_ld_cannot_close_its_script_element(client):
    html = client.get("/doc/concept/integriteit", headers={"Accept": "text/html"}).get_data(as_text=True)
    start = html.index('<script type="application/ld+json">')
    block = html[start:html.index("</script>", start)]
    assert "<script>" not in block[10:] and "\\u003cscript\\u003e" in block


def test_typeahead_json_carries_markup_as_data(client):
    response = client.get("/search.json", query_string={"q": "alert"})
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_javascript_iris_never_become_links():
    from leidraad.core.iris import local_href

    assert local_href("javascript:alert(1)") == ""
    assert local_href("https://example.org/x") == "https://example.org/x"
