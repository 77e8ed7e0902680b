"""The one rule for a person's role in a text, written again as SPARQL for the tests to count with.

The server decides roles in Python over separately queried links (``leidraad.web.person_roles``); the tests
state the same rule as property paths over ?x (the person or holder) and ?t (the source text the role is in,
bound before the pattern), so a drift between the rule and what either page shows makes a count differ.
The links are read on ?t and every whole it is part of (``dcterms:isPartOf*``).
"""

from __future__ import annotations

#: ?x wrote ?t or a whole of it (a response included): who is neither cited nor mentioned there.
_WROTE = "?t dcterms:isPartOf*/dcterms:creator ?x"
_RESPONDED = "?t dcterms:isPartOf* ?rw . ?rw a lei:Response ; dcterms:creator ?x"
_INTERVIEWED = "?t dcterms:isPartOf*/lei:interviewee ?x"

#: Each role of ?x in ?t, ended by a dot so that more patterns can follow.  Not wrapped in a group: the engine
#: evaluates a group on its own, before ?t and ?x are bound, and a path from an unbound ?t took half a minute.
_PATTERNS = {
    "author": f"""?t dcterms:isPartOf* ?aw . ?aw dcterms:creator ?x FILTER NOT EXISTS {{ ?aw a lei:Response }}
                 FILTER NOT EXISTS {{ {_RESPONDED} }} FILTER NOT EXISTS {{ {_INTERVIEWED} }}""",
    "respondent": _RESPONDED,
    "expert": _INTERVIEWED,
    "cited": f"""?t dcterms:isPartOf* ?cw . {{ ?cw lei:citesPerson ?x }} UNION {{ ?cw cito:cites/dcterms:creator ?x }}
                FILTER NOT EXISTS {{ {_WROTE} }}""",
    "mentioned": """?t dcterms:isPartOf*/dcterms:references ?x
                   FILTER NOT EXISTS { ?t dcterms:isPartOf*/(dcterms:creator|lei:interviewee|lei:citesPerson) ?x }
                   FILTER NOT EXISTS { ?t dcterms:isPartOf*/cito:cites/dcterms:creator ?x }""",
}
ROLES = {role: f"{pattern} ." for role, pattern in _PATTERNS.items()}
