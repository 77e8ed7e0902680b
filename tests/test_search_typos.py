"""Search forgives a typo or a missing hyphen: a query that finds nothing is retried with each unknown word
replaced by the commonest indexed word one edit away (tested on the real build, where the words live)."""

from __future__ import annotations

import pytest
from leidraad.web import search


@pytest.mark.parametrize(("query", "first"), [
    ("leiderchap", "/doc/concept/leiderschap"),
    ("dienend leiderschp", "/doc/concept/dienend-leiderschap"),
    ("cocreerende", "/doc/concept/co-creerende-ambtelijke-dienst"),
])
def test_a_misspelt_query_finds_its_target_first(real_app, query: str, first: str) -> None:
    answer = real_app.test_client().get("/search.json", query_string={"q": query}).get_json()
    assert answer["results"] and answer["results"][0]["href"] == first


def test_correction_leaves_known_words_alone_and_gives_up_on_nonsense(real_app) -> None:
    ds = real_app.extensions["leidraad"]
    assert search.corrected(ds, "dienend leiderschap") is None
    assert search.corrected(ds, "qqqqzzzz") is None
    assert search.corrected(ds, "cocreerende") == "co-creerende"
    assert search.search(ds, "qqqqzzzz", "en") == []
