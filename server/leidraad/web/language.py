"""The one rule for a reader's language, on every page including ``/sparql``.

A reader's language decides both the interface strings and which language of
a literal is shown.  It comes from an explicit ``?lang=`` (the visible switch),
then the cookie that switch leaves, then ``Accept-Language``; Dutch, the
language of the texts, is the fallback.  Literals fall back to the other
language, then to an untagged value, so a page never shows an empty label.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Request

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
COOKIE = "lang"
#: Headers longer than this are ignored rather than parsed (hostile input).
MAX_HEADER = 2000


def _parse_accept_language(header: str) -> list[tuple[str, float]]:
    """``nl-NL,en;q=0.8`` → ``[("nl", 1.0), ("en", 0.8)]``; garbage yields nothing."""
    found: list[tuple[str, float]] = []
    if len(header) > MAX_HEADER:
        return found
    for part in header.split(",")[:30]:
        tag, _, params = part.strip().partition(";")
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary and q > 0:
            found.append((primary, q))
    return sorted(found, key=lambda pair: -pair[1])


def choose_language(request: Request) -> str:
    """The reader's language: ``?lang=``, then the cookie, then ``Accept-Language``, then Dutch."""
    for candidate in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    for primary, _q in _parse_accept_language(request.headers.get("Accept-Language", "")):
        if primary in LANGUAGES:
            return primary
    return DEFAULT


def other(lang: str) -> str:
    return "en" if lang == "nl" else "nl"


def pick(values: Iterable[tuple[str, str | None]], lang: str) -> str | None:
    """Choose one of ``(text, language)`` pairs: the reader's language, the other one, untagged, anything."""
    by_lang: dict[str | None, str] = {}
    for text, tag in values:
        key = (tag or "").lower().split("-")[0] or None
        by_lang.setdefault(key, text)
    for key in (lang, other(lang), None):
        if key in by_lang:
            return by_lang[key]
    return next(iter(by_lang.values()), None)
