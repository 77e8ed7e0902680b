"""The example query catalogue the query page offers, read from ``queries/*.rq``.

Each file starts with comment lines naming it (``# title: ...``,
``# title@en: ...``, ``# description: ...``, ``# description@en: ...``); the
Dutch values are the default, English the translation.  Files are read once,
when the app starts, so a broken file shows up at start-up, not mid-request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_HEADER = re.compile(r"^#\s*(title|description)(?:@(\w+))?\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Example:
    slug: str
    query: str
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("nl") or next(iter(self.titles.values()), self.slug)

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.descriptions.get("nl") or ""


def parse(slug: str, text: str) -> Example:
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            key, lang, value = match.groups()
            (titles if key == "title" else descriptions)[lang or "nl"] = value
    return Example(slug=slug, query=text, titles=titles, descriptions=descriptions)


def load(folder: Path) -> list[Example]:
    """Every ``.rq`` file in ``folder``, sorted by file name; none if the folder is missing."""
    if not folder.is_dir():
        return []
    return [parse(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.rq"))]
