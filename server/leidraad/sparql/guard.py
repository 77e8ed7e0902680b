"""Refuse what a public read-only endpoint must not run, before it reaches the engine.

pyoxigraph *does* contact the network for ``SERVICE``, and its
``use_default_graph_as_union`` flag silently overrides a query's own ``FROM``;
the facts that decide both come from :mod:`leidraad.core.sparql_lexer`.  The
engine still parses the query (and reports syntax errors with their
position); this module only refuses, it never accepts on the engine's behalf.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.sparql_lexer import QueryFacts, TooAmbiguous, decode_codepoints, inspect

#: Deepest bracket nesting accepted; the engine's recursive parser crashes near a few thousand.
MAX_NESTING = 100
#: Deepest nesting counting chained operators and path steps too (``!``×10,000 crashes the engine; 3,000 not).
MAX_DEPTH = 1000


class QueryRefused(Exception):
    """The query may not run here; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message



def _facts(text: str) -> QueryFacts:
    """The facts of both readings of a text with codepoint escapes: as written, and with them applied.

    An engine may apply ``\\uXXXX`` escapes to the whole text before parsing, or only inside IRIs and
    strings; a query is refused if either reading must be (``<http://x/\\u0041#> SERVICE …`` hides the
    SERVICE from a lexer that reads ``#`` as a comment).
    """
    try:
        facts = inspect(text)
        decoded = decode_codepoints(text)
        if decoded == text:
            return facts
        other = inspect(decoded)
    except TooAmbiguous as exc:
        raise QueryRefused(400, str(exc)) from None
    update = facts.is_update or other.is_update
    return replace(facts, uses_service=facts.uses_service or other.uses_service,
                   nesting=max(facts.nesting, other.nesting), depth=max(facts.depth, other.depth),
                   first_keyword=other.first_keyword if update and not facts.is_update else facts.first_keyword,
                   has_dataset_clause=facts.has_dataset_clause or other.has_dataset_clause)


def check(text: str) -> QueryFacts:
    """The facts about a query that may run here; :class:`QueryRefused` for one that may not."""
    facts = _facts(text)
    if facts.is_update:
        raise QueryRefused(403, f"This endpoint is read-only: {facts.first_keyword} (SPARQL Update) is refused.")
    if facts.uses_service:
        raise QueryRefused(403, "Federated queries are disabled: SERVICE may not contact other endpoints.")
    if facts.nesting > MAX_NESTING:
        raise QueryRefused(400, f"The query nests brackets {facts.nesting} deep; at most {MAX_NESTING} are allowed.")
    if facts.depth > MAX_DEPTH:
        raise QueryRefused(400, f"The query chains {facts.depth} operators or path steps into one expression; "
                                f"at most {MAX_DEPTH} are allowed. Split it up.")
    return facts


__all__ = ["MAX_DEPTH", "MAX_NESTING", "QueryFacts", "QueryRefused", "check", "inspect"]
