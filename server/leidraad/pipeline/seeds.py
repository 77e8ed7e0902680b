"""Where a quote stands in its seed file: character offsets, lines, and the context that makes it unique.

A seed file is a PDF extraction: a quote that reads as one sentence may be
broken over lines, with a word hyphenated at a line end.  :mod:`.evidence`
reads a stretch of lines three ways (as is; line-end hyphens joined; kept);
here the whole file is read those three ways once, each *reading* keeping a
map back to the file's characters, so that a quote found in a reading has
exact offsets in the file (``text[start:end]``) and exact lines.

Line numbers are 1-based and follow :meth:`str.splitlines`, as the evidence's
``lei:lineStart``/``lei:lineEnd`` do.  Offsets count Unicode code points.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

#: Context taken on each side of a quote at first; doubled until prefix + quote + suffix is unique in its reading.
CONTEXT = 32

_FOLD = re.compile(r"[\s\u00ad]+")
_BREAK_OR_FOLD = re.compile(r"(?P<brk>(?<=\w)[-\u00ad]\s*\n\s*)|[\s\u00ad]+")


def fold(text: str) -> str:
    """White space folded as :func:`.evidence.normalise` does: soft hyphens dropped, runs of white space one space."""
    return _FOLD.sub(" ", text.replace("\u00ad", "")).strip()


class Reading:
    """The file as :func:`.evidence.normalise` reads it, with each character's offset in the file.

    ``join`` is what a hyphen at a line end becomes: ``None`` (left as is), ``""`` (joined) or ``"-"`` (kept).
    """

    def __init__(self, raw: str, join: str | None) -> None:
        parts: list[str] = []
        self.norm: list[int] = []  # where each segment starts in the reading ...
        self.raw: list[int] = []   # ... and in the file; a segment's characters map one to one
        n = pos = 0
        pattern = _FOLD if join is None else _BREAK_OR_FOLD
        for m in pattern.finditer(raw):
            if m.start() > pos:
                self.norm.append(n)
                self.raw.append(pos)
                parts.append(raw[pos:m.start()])
                n += m.start() - pos
            if m.start() == 0 or m.end() == len(raw):  # stripped at both ends, as normalise() does
                rep = ""
            elif join is not None and m.group("brk"):
                rep = join
            else:
                rep = " " if m.group().strip("\u00ad") else ""
            if rep:
                self.norm.append(n)
                self.raw.append(m.start())
                parts.append(rep)
                n += 1
            pos = m.end()
        if pos < len(raw):
            self.norm.append(n)
            self.raw.append(pos)
            parts.append(raw[pos:])
            n += len(raw) - pos
        self.text = "".join(parts)

    def to_file(self, i: int) -> int:
        """The file offset of the reading's character ``i``."""
        k = bisect_right(self.norm, i) - 1
        return self.raw[k] + (i - self.norm[k])

    def from_file(self, offset: int) -> int:
        """The first character of the reading at or after file offset ``offset``."""
        k = bisect_right(self.raw, offset) - 1
        if k < 0:
            return 0
        length = (self.norm[k + 1] if k + 1 < len(self.norm) else len(self.text)) - self.norm[k]
        if offset < self.raw[k] + length:
            return self.norm[k] + (offset - self.raw[k])
        return self.norm[k + 1] if k + 1 < len(self.norm) else len(self.text)


@dataclass(frozen=True)
class Place:
    """Where a quote stands: file offsets, the lines they fall on, and its context in the reading it was found in."""

    start: int
    end: int
    line_start: int
    line_end: int
    prefix: str
    suffix: str
    reading: int  # 0 as is, 1 hyphens joined, 2 hyphens kept


class Seed:
    """One seed file: its text, its line starts, its SHA-256 and its three readings (made when first needed)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends = []
        for line in text.splitlines(keepends=True):
            self.ends.append(self.starts[-1] + len(line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")))
            self.starts.append(self.starts[-1] + len(line))
        self.starts.pop()

    @cached_property
    def readings(self) -> tuple[Reading, Reading, Reading]:
        return Reading(self.text, None), Reading(self.text, ""), Reading(self.text, "-")

    def line_of(self, offset: int) -> int:
        """The 1-based line of the character at ``offset``."""
        return bisect_right(self.starts, offset)

    def find(self, quote: str, line_start: int, line_end: int) -> Place | None:
        """The first place the quote stands inside lines ``line_start``..``line_end``, or ``None``."""
        quote = fold(quote)
        if not quote or not 1 <= line_start <= line_end <= len(self.starts):
            return None
        lo, hi = self.starts[line_start - 1], self.ends[line_end - 1]
        for number, reading in enumerate(self.readings):
            i = reading.text.find(quote, reading.from_file(lo))
            if i < 0:
                continue
            start, end = reading.to_file(i), reading.to_file(i + len(quote) - 1) + 1
            if end <= hi:
                prefix, suffix = unique_context(tuple(r.text for r in self.readings), number, i, len(quote))
                return Place(start, end, self.line_of(start), self.line_of(end - 1), prefix, suffix, number)
        return None


def unique_context(texts: tuple[str, ...], own: int, i: int, length: int,
                   context: int = CONTEXT) -> tuple[str, str]:
    """Prefix and suffix around ``texts[own][i:i + length]`` with which it occurs once in every reading."""
    text = texts[own]
    while True:
        a, b = max(0, i - context), min(len(text), i + length + context)
        whole = text[a:b]
        if all(_at_most_once(t, whole) for t in texts) or (a == 0 and b == len(text)):
            return text[a:i], text[i + length:b]
        context *= 2


def _at_most_once(text: str, part: str) -> bool:
    first = text.find(part)
    return first < 0 or text.find(part, first + 1) < 0


@lru_cache(maxsize=16)
def read_seed(path: Path) -> Seed:
    return Seed(path.read_text(encoding="utf-8"))
