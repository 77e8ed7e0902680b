"""Overviews across texts: the debate explorer, the organisation models through time, the changes."""

from __future__ import annotations

from flask import Response, abort, redirect, request, url_for

from ..core import iris
from ..web import catalogue, changes, comparison, debate, eras, model_features, models, person_roles, reading
from ..web.resource import iri_value
from .context import dataset
from .page_context import page_language as _lang
from .pages import cached_page


def stances() -> Response:
    """``/stances``: the debate explorer, filtered by ``text``, ``stance``, ``voice``, ``kind`` and ``about``."""
    ds, lang = dataset(), _lang()
    text = request.args.get("text") or None
    text = text if text and iris.safe_iri(text) else None
    about = request.args.get("about") or None
    about = about if about and iris.safe_iri(about) else None
    stance = debate.choice(request.args.get("stance"), debate.STANCES)
    voice = debate.choice(request.args.get("voice"), debate.VOICES)
    kind = debate.choice(request.args.get("kind"), person_roles.ROLES)

    def build() -> dict:
        return dict(
            explorer=debate.explore(ds, lang, text=text, stance=stance, voice=voice, about=about, kind=kind),
            texts=catalogue.text_choices(ds, lang),
            text=text, stance=stance, voice=voice, kind=kind, about=iri_value(ds, about, lang) if about else None,
            voices=debate.VOICES, kinds=debate.kinds(ds, kind),
        )

    return cached_page("stances.html", build)


def organisation_models() -> Response:
    """``/models``: the generations as a timeline beside the eras, each model's features with quotes, a comparison."""
    ds, lang = dataset(), _lang()

    def build() -> dict:
        found = models.models(ds, lang)
        ranked = [m for m in found if m.generation is not None]
        return dict(models=ranked, generations=models.generations(ranked), aspects=models.ASPECTS,
                    kinds=model_features.KINDS, others=[m for m in found if m.generation is None],
                    frameworks=models.frameworks(ds, lang), era_series=eras.series(ds, lang))

    return cached_page("models.html", build)



def release_changes() -> Response:
    """``/changes``: what this release added, changed, moved, split and retired since the previous one."""
    ds, lang = dataset(), _lang()
    return cached_page("changes.html", lambda: dict(
        groups=changes.by_kind(ds, lang), version=ds.version, previous=ds.changes.get("previous"),
        old_href=changes.old_href,
    ))


def text_reading(slug: str) -> Response:
    """``/reading/<text>``: the annotated reading of a text, or of one of its parts."""
    ds, lang = dataset(), _lang()
    iri = reading.TEXT_BASE + slug
    if not iris.safe_iri(iri) or reading.whole_text(ds, iri) is None:
        abort(404, description="no text with that name")
    return cached_page("reading.html", lambda: dict(r=reading.reading(ds, iri, lang)))


def reading_place(evidence: str) -> Response:
    """``/reading/at/<evidence>``: 302 to one quote's place in the reading of its text."""
    found = reading.place(dataset(), evidence)
    if found is None:
        abort(404, description="no quote with that name")
    return redirect(url_for("reading", slug=found[0]) + "#" + found[1], code=302)


def comparisons() -> Response:
    """``/comparisons``: every concept two or more texts take up (not ``/compare``: a static copy has that folder)."""
    ds, lang = dataset(), _lang()
    return cached_page("compare.html", lambda: dict(index=comparison.index(ds, lang), c=None))


def concept_comparison(slug: str) -> Response:
    """``/compare/<concept>``: one concept across the texts that take it up, side by side."""
    ds, lang = dataset(), _lang()
    iri = comparison.CONCEPT_BASE + slug
    if not iris.safe_iri(iri) or comparison.slug_of(ds, iri) is None:
        abort(404, description="no concept by that name in two or more texts")
    return cached_page("compare.html", lambda: dict(index=None, c=comparison.compare(ds, iri, lang)))
