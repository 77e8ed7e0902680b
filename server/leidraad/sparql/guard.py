"""Refuse what a public read-only endpoint must not run, before it reaches the engine.

pyoxigraph *does* contact the network for ``SERVICE``, and its
``use_default_graph_as_union`` flag silently overrides a query's own ``FROM``;
the facts that decide both come from :mod:`leidraad.core.sparql_lexer`.  The
engine still parses the query (and reports syntax errors with their
position); this module only refuses, it never accepts on the engine's behalf.
"""

from __future__ import annotations

from ..core.sparql_lexer import QueryFacts, TooAmbiguous, inspect

#: Deepest bracket nesting accepted; the engine's recursive parser crashes near a few thousand.
MAX_NESTING = 100


class QueryRefused(Exception):
    """The query may not run here; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message



def check(text: str) -> QueryFacts:
    """The facts about a query that may run here; :class:`QueryRefused` for one that may not."""
    try:
        facts = inspect(text)
    except TooAmbiguous as exc:
        raise QueryRefused(400, str(exc)) from None
    if facts.is_update:
        raise QueryRefused(403, f"This endpoint is read-only: {facts.first_keyword} (SPARQL Update) is refused.")
    if facts.uses_service:
        raise QueryRefused(403, "Federated queries are disabled: SERVICE may not contact other endpoints.")
    if facts.nesting > MAX_NESTING:
        raise QueryRefused(400, f"The query nests brackets {facts.nesting} deep; at most {MAX_NESTING} are allowed.")
    return facts


__all__ = ["MAX_NESTING", "QueryFacts", "QueryRefused", "check", "inspect"]
