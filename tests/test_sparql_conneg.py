"""Accept headers read as RFC 9110 says: q-values, wildcards, specificity, q=0, server order on ties."""

from __future__ import annotations

import pytest
from leidraad.core.conneg import BY_NAME, best_match, formats_of, negotiate

OFFERED = ["application/sparql-results+json", "text/csv", "text/html"]


@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/csv;q=0.5, text/html", "text/html"),
    ("text/*;q=0.9, text/csv;q=0", "text/html"),
    ("*/*;q=0.1, text/csv", "text/csv"),
    ("image/png", None),
    ("text/csv;q=0", None),
    ("TEXT/CSV", "text/csv"),
    ("text/csv; charset=utf-8; q=0.8, bogus, ;;, */*;q=oops", "text/csv"),
])
def test_best_match_honours_weights_and_wildcards(accept, expected):
    assert best_match(accept, OFFERED) == expected


def test_an_enormous_header_is_read_up_to_a_bound():
    # what stands past the bound is never read: here the one acceptable type, so nothing is acceptable
    assert best_match("x/y;q=0.1," * 100_000 + "text/csv", OFFERED) is None
    # what stands within it counts
    assert best_match("x/y;q=0.1," * 10 + "text/csv", OFFERED) == "text/csv"
    assert best_match("x/y;q=0.1," * 100_000, OFFERED) is None


def test_aliases_map_to_their_format():
    fmt, media = negotiate("application/json", formats_of("results"))
    assert fmt is BY_NAME["json"] and media == "application/json"
    assert negotiate("application/json", formats_of("rdf"))[0] is BY_NAME["jsonld"]
