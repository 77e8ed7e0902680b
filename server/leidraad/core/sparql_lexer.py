"""Reading a query's shape as the engine would: a small lexer over SPARQL's terminals, and the facts it yields.

pyoxigraph has no syntax-tree API, yet the server needs a few facts about a
query before evaluating it: its form, whether it calls ``SERVICE``, whether it
names its own dataset, how deeply it nests.  A regular expression over the
text would be fooled by a keyword inside a string, an IRI or a comment
(``"SERVICE"``, ``<http://x/SERVICE>``, ``# SERVICE``) and, worse, could miss
one hidden behind them.  Instead :func:`tokens` is a small lexer following the
SPARQL 1.1 grammar's terminals (strings with escapes and long quotes, IRIREF,
comments, variables, prefixed names with local escapes): a keyword is a bare
word token, matched case-insensitively, never part of a prefixed name or
variable.  The lexer is linear and iterative, so hostile text cannot make it
recurse.

The endpoint's guard (:mod:`leidraad.sparql.guard`) decides on these facts;
the remote store uses the form to ask for the right result format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
PROLOGUE_KEYWORDS = frozenset({"BASE", "PREFIX"})

#: IRIREF, with the codepoint escapes (\uXXXX, \UXXXXXXXX) SPARQL allows in it.
_IRIREF = re.compile(r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NAME_CHAR = re.compile(r"[\w\-.\u00B7\u0300-\u036F\u203F-\u2040]", re.UNICODE)
_VARNAME = re.compile(r"[\w\u00B7\u0300-\u036F\u203F-\u2040]+", re.UNICODE)
#: Characters inside an IRI-looking span that could put the grammar's reading
#: (if the "<" is an operator) in a string, a comment or back in a pattern.
_DESYNC_CHARS = "')#"
#: How much lexing, relative to the query's length, the ambiguity search may do.
MAX_LEXED_FACTOR = 20
_OPEN, _CLOSE = "({[", ")}]"
#: Operators and path steps the engine nests as it reads them; separators end a chain.
_CHAINING, _SEPARATORS = frozenset("!+-*/|^&=<>"), frozenset(".;,")


def decode_codepoints(text: str) -> str:
    """``\u0041`` → ``A``: SPARQL's codepoint escapes, which an engine may apply to the whole text before parsing."""
    def one(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)

    return _CODEPOINT.sub(one, text)


class TooAmbiguous(ValueError):
    """Reading every way the text could be lexed would cost too much: the query cannot be vouched for."""


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "pname", "var", "iri", "string" or "punct"
    text: str
    offset: int
    ambiguous: bool = False  # an IRI whose "<" the grammar might read as less-than


@dataclass(frozen=True)
class QueryFacts:
    """What the endpoint needs to know about a query before running it."""

    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE, or None when unrecognised
    first_keyword: str | None
    uses_service: bool
    has_dataset_clause: bool
    nesting: int
    #: Bracket depth plus the operators and path steps chained at each open level (``!!!x``, ``1 + 1 + …``,
    #: ``a/a/…``): the engine's parser and evaluator recurse on those as on brackets.
    depth: int = 0
    #: The query's ``FROM`` / ``FROM NAMED`` IRIs when all are absolute IRIs (None: some could not be read so)
    from_graphs: tuple[str, ...] | None = None
    from_named_graphs: tuple[str, ...] | None = None

    @property
    def is_update(self) -> bool:
        return self.first_keyword in UPDATE_KEYWORDS


def _string_end(text: str, start: int) -> int:
    """Index just past the string literal opening at ``start`` (unterminated: end of text)."""
    quote = text[start]
    long_quote = text.startswith(quote * 3, start)
    delimiter = quote * 3 if long_quote else quote
    i = start + len(delimiter)
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if text.startswith(delimiter, i):
            return i + len(delimiter)
        if not long_quote and char in "\r\n":
            return i  # a short string cannot span lines; let the engine report it
        i += 1
    return len(text)


def _name_end(text: str, start: int) -> int:
    """Index past a run of name characters; ``\\``-escapes and ``%XX`` count as part of it."""
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            i += 2
        elif char == ":" or _NAME_CHAR.match(char) or (char == "%" and i + 2 < len(text)):
            i += 1
        else:
            break
    return i


def _is_operand(token: Token | None) -> bool:
    """Whether a ``<`` after ``token`` could be the less-than operator rather than an IRI."""
    if token is None:
        return False
    return token.kind != "punct" or token.text in ")]"


def _must_be_iri(before: Token | None, previous: Token | None) -> bool:
    """Whether the grammar allows only an IRI here: after ``BASE``, or after ``PREFIX name:``.

    There a ``<`` cannot be the operator, so the IRI is read whole, ``#`` and all
    (``PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>`` is no ``SERVICE``).
    """
    if previous is not None and previous.kind == "word" and previous.text.upper() == "BASE":
        return True
    return (previous is not None and previous.kind == "pname" and previous.text.endswith(":")
            and before is not None and before.kind == "word" and before.text.upper() == "PREFIX")


def tokens(text: str, start: int = 0, after: Token | None = None) -> Iterator[Token]:
    """The query's tokens from ``start``, with comments and whitespace dropped.

    A ``<`` that could open an IRI is lexed as one; the caller learns, from the
    token's ``ambiguous`` flag, where the grammar would also allow the operator.
    """
    i, length, previous, before = start, len(text), after, None
    while i < length:
        char = text[i]
        token: Token | None = None
        if char.isspace():
            i += 1
        elif char == "#":
            i = min((p for p in (text.find("\n", i), text.find("\r", i)) if p >= 0), default=length)
        elif char in "\"'":
            token = Token("string", text[i:_string_end(text, i)], i)
        elif char == "<" and (match := _IRIREF.match(text, i)):
            ambiguous = (_is_operand(previous) and not _must_be_iri(before, previous)
                         and any(c in match.group() for c in _DESYNC_CHARS))
            token = Token("iri", match.group(), i, ambiguous)
        elif char in "?$" and (match := _VARNAME.match(text, i + 1)):
            token = Token("var", char + match.group(), i)
        elif char == ":" or _NAME_CHAR.match(char):
            word = text[i:_name_end(text, i)]
            token = Token("pname" if ":" in word else "word", word, i)
        else:
            token = Token("punct", char, i)
        if token is not None:
            yield token
            before, previous = previous, token
            i = token.offset + len(token.text)


def _scan(text: str, start: int, after: Token | None, seen: set[tuple[int, bool]]) -> Iterator[Token]:
    """Tokens from ``start`` until the lexer reaches a state another scan has already covered."""
    for token in tokens(text, start, after):
        state = (token.offset, _is_operand(after))
        if state in seen:
            return
        seen.add(state)
        yield token
        after = token


def _mentions_service(token: Token) -> bool:
    """Whether the engine could read ``SERVICE`` at or inside this token.

    Deliberately wide: the engine matches keywords without requiring a word
    boundary (``1SERVICE``, ``x.SERVICE``), and ``SERVICE:x`` may read as the
    keyword before a prefixed name.  Bare words are only ever keywords, numbers
    and ``a``, so no legitimate word contains it; a prefix named like it is
    refused too, a price paid for certainty.
    """
    if token.kind == "word":
        return "SERVICE" in token.text.upper()
    if token.kind == "pname":
        return "SERVICE" in token.text.partition(":")[0].upper()
    return False


def _alternatives(text: str, forks: list[int], seen: set[tuple[int, bool]]) -> Iterator[Token]:
    """Tokens of every other reading of ambiguous ``<``: as the operator instead of an IRI."""
    budget = MAX_LEXED_FACTOR * max(len(text), 1)
    lexed = 0
    while forks:
        fork = forks.pop()
        less_than = Token("punct", "<", fork)
        for token in _scan(text, fork + 1, less_than, seen):
            lexed += len(token.text) + 1
            if lexed > budget:
                raise TooAmbiguous("The query is too ambiguous to check; put spaces around '<' comparisons.")
            if token.ambiguous:
                forks.append(token.offset)
            yield token


@lru_cache(maxsize=256)
def inspect(text: str) -> QueryFacts:
    """The facts about ``text`` the endpoint decides on.

    Remembered by text (at most 256 texts of at most ``MAX_QUERY_BYTES``):
    clients repeat the same queries, and lexing every reading of a long one
    costs more than a small query takes to run.

    The form, dataset clause and nesting come from the grammar's reading; the
    search for ``SERVICE`` covers every reading the lexer cannot rule out.
    """
    first_keyword: str | None = None
    in_prologue = True
    has_dataset = False
    depth = deepest = deepest_chain = 0
    chains: list[int] = [0]  # operators chained so far at each open bracket level
    forks: list[int] = []
    seen: set[tuple[int, bool]] = set()
    uses_service = False
    top_level: list[Token] = []
    for token in _scan(text, 0, None, seen):
        if token.ambiguous:
            forks.append(token.offset)
        if token.kind == "punct" or (token.kind == "word" and "-" in token.text):
            chained = token.text.count("-") if token.kind == "word" else token.text in _CHAINING
            chains[-1] = 0 if token.text in _SEPARATORS else chains[-1] + chained
            if token.text in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
                chains.append(0)
            elif token.text in _CLOSE:
                depth -= 1
                chains = chains[:-1] or [0]
            deepest_chain = max(deepest_chain, depth + sum(chains))
            if token.kind == "punct":
                continue
        uses_service = uses_service or _mentions_service(token)
        if depth == 0:
            top_level.append(token)
        if token.kind != "word":
            continue
        word = token.text.upper()
        if in_prologue and word not in PROLOGUE_KEYWORDS:
            first_keyword, in_prologue = word, False
        has_dataset = has_dataset or word == "FROM"
    if not uses_service:
        uses_service = any(_mentions_service(token) for token in _alternatives(text, forks, seen))
    return QueryFacts(
        form=first_keyword if first_keyword in QUERY_FORMS else None,
        first_keyword=first_keyword,
        uses_service=uses_service,
        has_dataset_clause=has_dataset,
        nesting=deepest,
        depth=deepest_chain,
        **_dataset_clauses(top_level),
    )


def _dataset_clauses(top_level: list[Token]) -> dict[str, tuple[str, ...] | None]:
    """``FROM <a> FROM NAMED <b>`` → the two IRI lists; None for both if any graph is not an absolute IRI."""
    default: list[str] = []
    named: list[str] = []
    for i, token in enumerate(top_level):
        if token.kind != "word" or token.text.upper() != "FROM":
            continue
        target = top_level[i + 1] if i + 1 < len(top_level) else None
        into = default
        if target is not None and target.kind == "word" and target.text.upper() == "NAMED":
            target = top_level[i + 2] if i + 2 < len(top_level) else None
            into = named
        iri = target.text[1:-1] if target is not None and target.kind == "iri" else ""
        if ":" not in iri or "\\" in iri:  # a prefixed name, a relative IRI or an escape: left to the engine
            return {"from_graphs": None, "from_named_graphs": None}
        into.append(iri)
    return {"from_graphs": tuple(default), "from_named_graphs": tuple(named)}
