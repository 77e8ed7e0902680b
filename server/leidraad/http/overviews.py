"""Pictures and overviews across texts: the stance network and the organisation models through time."""

from __future__ import annotations

from flask import Response, request

from ..core import iris
from ..core.namespaces import LEI
from ..store.dataset import Dataset
from ..web import catalogue, changes, models, visual
from ..web.positions import positions
from ..web.resource import iri_value
from .context import dataset
from .page_context import page_language as _lang
from .pages import cached_page


def stances() -> Response:
    ds, lang = dataset(), _lang()
    text = request.args.get("text") or None
    if text and not iris.safe_iri(text):
        text = None

    def build() -> dict:
        found = positions(ds, lang, side="in_text", iri=text) if text else _all_positions(ds, lang)
        return dict(
            picture=visual.stance_network(found),
            count=len(found),
            texts=catalogue.text_choices(ds, lang),
            text=text,
            stances=_stance_legend(ds, lang),
        )

    return cached_page("stances.html", build)


def _all_positions(ds: Dataset, lang: str) -> list:
    """Every position stated in one of the texts or their parts, each once."""
    found = {}
    for text in catalogue.text_choices(ds, lang):
        for row in positions(ds, lang, side="in_text", iri=text.iri or ""):
            found.setdefault(row.position.iri, row)
    return list(found.values())


def _stance_legend(ds: Dataset, lang: str) -> list:
    return [(name, iri_value(ds, str(LEI[name]), lang)) for name in
            ("supports", "criticises", "nuances", "proposes", "observes")]


def organisation_models() -> Response:
    ds, lang = dataset(), _lang()

    def build() -> dict:
        found = models.models(ds, lang)
        ranked = [m for m in found if m.generation is not None]
        return dict(models=ranked, generations=models.generations(ranked), aspects=models.ASPECTS,
                    others=[m for m in found if m.generation is None], frameworks=models.frameworks(ds, lang))

    return cached_page("models.html", build)



def release_changes() -> Response:
    """``/changes``: what this release added, changed, moved, split and retired since the previous one."""
    ds, lang = dataset(), _lang()
    return cached_page("changes.html", lambda: dict(
        groups=changes.by_kind(ds, lang), version=ds.version, previous=ds.changes.get("previous"),
        old_href=changes.old_href,
    ))
