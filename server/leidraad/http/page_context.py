"""What every template sees (language, strings, menu, pagers) and the language cookie.

The reader's language is chosen by :func:`leidraad.web.language.choose_language`
for every page, ``/sparql`` included; the switch's choice sticks through a cookie.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, request

from ..web import catalogue, i18n, language, linkeddata
from ..web import search as searching
from .context import dataset

#: How long the language switch's choice is remembered.
COOKIE_SECONDS = 365 * 24 * 3600


def page_language() -> str:
    """The language of the current request's page."""
    return language.choose_language(request)


def _switch_url(lang: str) -> str:
    args = {k: v for k, v in request.args.items() if k != "lang"}
    args["lang"] = language.other(lang)
    return request.path + "?" + urlencode(args, safe=":/")


def _page_url(param: str, number: int) -> str:
    """The current URL with one paging parameter set, for pagers."""
    args = {k: v for k, v in request.args.items() if k != param}
    args[param] = str(number)
    return request.path + "?" + urlencode(args, safe=":/")


def _suggestions(lang: str) -> list[searching.Hit]:
    """For the 404 page: resources whose names resemble the missing path's last segment."""
    words = request.path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
    try:
        return searching.search(dataset(), words, lang, limit=5)
    except Exception:  # the 404 page must render even if the index cannot be built
        return []


def _template_context() -> dict:
    lang = page_language()
    return {
        "lang": lang,
        "other_lang": language.other(lang),
        "t": lambda key, **values: i18n.translate(key, lang, **values),
        "switch_url": _switch_url(lang),
        "kinds": catalogue.KINDS,
        "kind_by_slug": catalogue.BY_SLUG,
        "suggestions": lambda: _suggestions(lang),
        "page_url": _page_url,
        "rdf_formats": linkeddata.RDF_FORMATS,
    }


def _remember_language(response: Response) -> Response:
    """The switch's choice sticks: ``?lang=`` leaves a cookie for the next pages."""
    chosen = request.args.get("lang")
    if chosen in language.LANGUAGES and request.cookies.get(language.COOKIE) != chosen:
        response.set_cookie(language.COOKIE, chosen, max_age=COOKIE_SECONDS, samesite="Lax", httponly=True)
    return response


def install(app: Flask) -> None:
    app.context_processor(_template_context)
    app.after_request(_remember_language)
