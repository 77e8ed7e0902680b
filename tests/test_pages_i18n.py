"""Dutch and English: the switch, the cookie, Accept-Language, and label fallback."""

from __future__ import annotations

from leidraad.web.i18n import STRINGS
from leidraad.web.language import choose_language

CONCEPT = "/doc/concept/dienend-leiderschap"


def body(client, path, **headers) -> str:
    return client.get(path, headers={"Accept": "text/html", **headers}).get_data(as_text=True)


def test_dutch_is_the_default(client):
    html = body(client, CONCEPT)
    assert '<html lang="nl">' in html and "<h1>dienend leiderschap</h1>" in html


def test_accept_language_chooses_english(client):
    html = body(client, CONCEPT, **{"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in html and "<h1>servant leadership</h1>" in html


def test_switch_parameter_wins_and_is_remembered(client):
    response = client.get(CONCEPT + "?lang=en", headers={"Accept": "text/html", "Accept-Language": "nl"})
    assert "<h1>servant leadership</h1>" in response.get_data(as_text=True)
    assert "lang=en" in response.headers["Set-Cookie"]
    # the cookie now holds English, even when the browser prefers Dutch
    assert "<h1>servant leadership</h1>" in body(client, CONCEPT, **{"Accept-Language": "nl"})


def test_switch_link_points_to_the_other_language(client):
    html = body(client, CONCEPT)
    assert f'href="{CONCEPT}?lang=en"' in html


def test_labels_fall_back_to_the_other_language(client):
    # the fixture's persons have untagged names, the genre only nl/en; an English reader still sees names
    html = body(client, "/doc/person/bert-jansen", **{"Accept-Language": "en"})
    assert "<h1>Bert Jansen</h1>" in html


def test_interface_strings_exist_in_both_languages():
    assert all(len(pair) == 2 and all(pair) for pair in STRINGS.values())


def test_html_variant_varies_on_language(client):
    response = client.get(CONCEPT, headers={"Accept": "text/html"})
    assert "Accept-Language" in response.headers["Vary"]
    nl = response.headers["ETag"]
    en = client.get(CONCEPT, headers={"Accept": "text/html", "Accept-Language": "en"}).headers["ETag"]
    assert nl != en


def test_malformed_accept_language_falls_back(app):
    with app.test_request_context("/", headers={"Accept-Language": ";;;q=abc," * 500}):
        from flask import request

        assert choose_language(request) == "nl"
