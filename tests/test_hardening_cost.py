"""Second hardening round: a request's cost does not grow with what a hostile client types.

Search (the page, the type-ahead and the 404 page's suggestions) reads at most
``MAX_QUERY`` characters and ``MAX_WORDS`` distinct words, and matches them
against an index split into words once per dataset: after the index is built,
no search splits an entry's text again, whatever the query.
"""

from __future__ import annotations

import re

import pytest
from leidraad.web import search as searching


class CountingPattern:
    """Stands for ``search._WORD``: counts the texts split into words."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.calls = 0

    def findall(self, text: str) -> list[str]:
        self.calls += 1
        return self.pattern.findall(text)


def hits(client, q: str) -> list[str]:
    return [hit["href"] for hit in client.get("/search.json", query_string={"q": q}).get_json()["results"]]


def test_a_long_query_is_read_as_its_first_distinct_words() -> None:
    folded, words = searching.query_words("e " * 1000 + " ".join(f"w{i}" for i in range(100)))
    assert len(folded) <= searching.MAX_QUERY
    assert words == ["e"]  # the first MAX_QUERY characters hold one distinct word, a hundred times
    _, words = searching.query_words(" ".join(f"w{i}" for i in range(30)))
    assert words == [f"w{i}" for i in range(searching.MAX_WORDS)]


def test_words_past_the_cap_do_not_change_the_hits(client) -> None:
    first = " ".join(["dienend", "l", "a", "e", "i", "o"][: searching.MAX_WORDS])
    assert hits(client, first + " zzznotaword qqqneither") == hits(client, first)


@pytest.mark.parametrize("path", [
    "/search?q=" + "e+" * 100, "/search.json?q=" + "+".join(f"w{i}" for i in range(100)),
    "/doc/concept/" + "-".join("abcdefghijklmnopqrstuvwxyz"),
])
def test_search_never_splits_the_entries_again_whatever_the_query(client, monkeypatch, path) -> None:
    client.get("/search.json?q=warm")  # the index of this dataset is built once, here
    counting = CountingPattern(searching._WORD)
    monkeypatch.setattr(searching, "_WORD", counting)
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code in (200, 404)
    assert counting.calls <= 2  # the query's words only, never each entry's


def test_a_repeated_search_is_ranked_once(client, monkeypatch) -> None:
    """A flood of one query costs one scan of the index: the ranking is remembered per query."""
    client.get("/search.json?q=warm")
    scored: list[str] = []
    real = searching._score

    def counting(entry, query, all_words):
        scored.append(query)
        return real(entry, query, all_words)

    monkeypatch.setattr(searching, "_score", counting)
    first = hits(client, "leiderschap dienend")
    once = len(scored)
    assert first and once > 0
    for _ in range(5):
        assert hits(client, "leiderschap dienend") == first
        assert client.get("/search?q=leiderschap+dienend&x=1").status_code == 200
    assert len(scored) == once
