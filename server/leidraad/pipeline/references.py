"""Bibliographic references as a text writes them: "(Moore, 1995)", "Kuipers & Groeneveld (2014)".

Rule-based and deliberately plain: author-year references in parentheses
(several separated by ";", with "vgl.", "zie" and the like before them, "et
al." or "e.a." after), and a name followed by a year in parentheses.  Each
reference comes with the seed lines it spans and the surnames and years it
names, so that a check can ask whether the graph has a work for it, and a
researcher adding a text can be shown what to record.  Line breaks inside a
reference (and words hyphenated across them) are read through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARTICLE = r"(?:(?:[Vv]an der|[Vv]an den|[Vv]an|[Dd]e|[Dd]en|[Dd]er|[’']t|ten|ter)\s+)"
_NAME = rf"{_PARTICLE}*[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*"
_YEAR = r"(?:19|20)\d\d[a-z]?"
#: Words that introduce a reference without being part of it.
_LEAD_INS = re.compile(
    r"^(?:vergelijk|vgl\.|zie(?:\s+bijvoorbeeld|\s+bijv\.|\s+onder\s+meer|\s+ook)?|bijvoorbeeld|bijv\.|cf\.|volgens)\s+",
    re.I)
_INITIALS = re.compile(r"\s*\b(?:[A-Z]\.)+(?=[\s,]|$)")
_PARENTHESIS = re.compile(r"\(([^()]*?)\)")
_SEGMENT = re.compile(rf"^(?P<names>.+?),?\s*(?P<years>{_YEAR}(?:\s*[,;]\s*{_YEAR})*)(?:\s*[,:]\s*p+\.?\s*[\d\-–]+)?$")
_NARRATIVE = re.compile(
    rf"(?P<names>{_NAME}(?:\s*(?:&|\ben\b|\band\b)\s*{_NAME})*(?:\s+(?:et al\.|e\.a\.))?)"
    rf"\s+\((?P<years>{_YEAR}(?:\s*[,;]\s*{_YEAR})*)(?:\s*,\s*p\.\s*[\d\-–]+)?\)"
)
_SPLIT_NAMES = re.compile(r"\s*(?:&|\ben\b|\band\b|,)\s*")
_ET_AL = re.compile(r"\s+(?:et al\.?|e\.a\.?)$")


@dataclass(frozen=True)
class Reference:
    """One author-year reference: where it stands, as written, and what it names."""

    line_start: int
    line_end: int
    as_written: str
    authors: tuple[str, ...]
    years: tuple[str, ...]

    @property
    def surnames(self) -> tuple[str, ...]:
        """The last word of each author: what a work's creators are matched on."""
        return tuple(author.split()[-1] for author in self.authors)


def flatten(text: str) -> tuple[str, list[int]]:
    """The text on one line (hyphenated words joined), and for every character the seed line it came from."""
    out: list[str] = []
    lines: list[int] = []
    line = 1
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "-" and text[i + 1: i + 2] == "\n" and text[i + 2: i + 3].islower():
            i += 2
            line += 1
            continue
        if ch == "\n":
            out.append(" ")
            lines.append(line)
            line += 1
        else:
            out.append(ch)
            lines.append(line)
        i += 1
    return "".join(out), lines


def _authors(names: str) -> tuple[str, ...]:
    names = _ET_AL.sub("", " ".join(names.split()))
    names = _INITIALS.sub("", _LEAD_INS.sub("", names))
    parts = [p for p in _SPLIT_NAMES.split(names) if p and re.match(rf"^{_NAME}$", p)]
    return tuple(parts)


def _years(years: str) -> tuple[str, ...]:
    return tuple(re.findall(_YEAR, years))


def find_references(text: str) -> list[Reference]:
    """Every author-year reference in ``text``, in reading order, once per place it stands."""
    flat, line_of = flatten(text)
    found: dict[tuple[int, str], Reference] = {}
    for match in _PARENTHESIS.finditer(flat):
        authors: tuple[str, ...] = ()
        for segment in match.group(1).split(";"):
            segment = _LEAD_INS.sub("", " ".join(segment.split()).strip())
            if re.fullmatch(_YEAR, segment) and authors:  # "(Frequin, 2021a; 2021b)": the same authors again
                parsed = re.match(rf"(?P<names>)(?P<years>{_YEAR})", segment)
            else:
                parsed = _SEGMENT.match(segment)
                if not parsed:
                    continue
                authors = _authors(parsed.group("names"))
            if not authors or not authors[0].split()[-1][:1].isupper():
                continue
            ref = Reference(line_of[match.start()], line_of[match.end() - 1], " ".join(match.group(0).split()),
                            authors, _years(parsed.group("years")))
            found[(match.start(), segment)] = ref
    for match in _NARRATIVE.finditer(flat):
        authors = _authors(match.group("names"))
        if authors:
            found[(match.start(), "")] = Reference(
                line_of[match.start()], line_of[match.end() - 1], " ".join(match.group(0).split()),
                authors, _years(match.group("years")))
    return [found[key] for key in sorted(found)]
