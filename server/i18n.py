"""The interface in Dutch and English, and choosing a reader's language.

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

STRINGS: dict[str, tuple[str, str]] = {
    # key: (nl, en)
    "site.tagline": ("Kennisgraaf over publiek leiderschap", "Knowledge graph on public leadership"),
    "site.about": (
        "Leidraad ontsluit vijf Nederlandstalige teksten over publiek leiderschap en ambtelijk vakmanschap als "
        "linked data: wie wat beweert, in welke tekst, met het letterlijke citaat als bewijs.",
        "Leidraad publishes five Dutch texts on public leadership and civil-service craftsmanship as linked data: "
        "who claims what, in which text, with the exact quote as evidence.",
    ),
    "site.audience": (
        "Voor onderzoekers met SPARQL, voor programma's die de dumps lezen, en voor lezers in de browser.",
        "For researchers with SPARQL, for tools reading the dumps, and for readers in a browser.",
    ),
    "nav.home": ("Start", "Home"),
    "nav.browse": ("Bladeren", "Browse"),
    "nav.search": ("Zoeken", "Search"),
    "nav.ontology": ("Ontologie", "Ontology"),
    "nav.stances": ("Standpuntennetwerk", "Stance network"),
    "nav.models": ("Organisatiemodellen", "Organisation models"),
    "nav.sparql": ("SPARQL", "SPARQL"),
    "nav.dumps": ("Downloads", "Downloads"),
    "nav.skip": ("Naar de inhoud", "Skip to content"),
    "nav.language": ("Taal", "Language"),
    "lang.switch": ("English", "Nederlands"),
    "home.texts": ("De teksten", "The texts"),
    "home.counts": ("In cijfers", "In figures"),
    "home.entry": ("Ingangen", "Entry points"),
    "home.machines": ("Voor machines", "For machines"),
    "home.sparql": ("Stel vragen met SPARQL", "Ask questions with SPARQL"),
    "home.dumps": ("Download de hele graaf (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads)",
                   "Download the whole graph (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads)"),
    "home.void": ("Beschrijving van de dataset (VoID/DCAT)", "Dataset description (VoID/DCAT)"),
    "home.triples": ("tripels", "triples"),
    "home.version": ("Versie", "Version"),
    "search.label": ("Zoek in Leidraad", "Search Leidraad"),
    "search.placeholder": ("bijv. dienend leiderschap", "e.g. servant leadership"),
    "search.button": ("Zoeken", "Search"),
    "search.results": ("Resultaten voor", "Results for"),
    "search.none": ("Niets gevonden.", "Nothing found."),
    "search.hint": ("Zoekt in namen, definities en citaten, in het Nederlands en het Engels.",
                    "Searches names, definitions and quotes, in Dutch and English."),
    "search.matched": ("gevonden in", "matched in"),
    "field.label": ("naam", "name"),
    "field.definition": ("definitie", "definition"),
    "field.quote": ("citaat", "quote"),
    "browse.title": ("Bladeren", "Browse"),
    "browse.filter": ("Filter op tekst", "Filter by text"),
    "browse.all_texts": ("alle teksten", "all texts"),
    "browse.apply": ("Toon", "Show"),
    "browse.count": ("resultaten", "results"),
    "page.prev": ("vorige", "previous"),
    "page.next": ("volgende", "next"),
    "page.of": ("van", "of"),
    "page.page": ("Pagina", "Page"),
    "res.type": ("Soort", "Type"),
    "res.iri": ("IRI", "IRI"),
    "res.labels": ("Namen", "Labels"),
    "res.definition": ("Definitie", "Definition"),
    "res.outgoing": ("Eigenschappen", "Properties"),
    "res.incoming": ("Verwijzingen hierheen", "Referenced by"),
    "res.inferred": ("afgeleid", "inferred"),
    "res.inferred_note": ("Afgeleide waarden komen uit OWL 2 RL-redeneren, niet uit de teksten zelf.",
                          "Inferred values come from OWL 2 RL reasoning, not from the texts themselves."),
    "res.evidence": ("Bewijs", "Evidence"),
    "res.lines": ("regels", "lines"),
    "res.line": ("regel", "line"),
    "res.query_this": ("Bevraag dit met SPARQL", "Query this with SPARQL"),
    "res.formats": ("Als data", "As data"),
    "res.neighbourhood": ("Omgeving in de graaf", "Neighbourhood in the graph"),
    "res.more": ("meer", "more"),
    "res.show_all": ("toon alle", "show all"),
    "person.functions": ("Functies", "Functions"),
    "person.wrote": ("Schreef", "Wrote"),
    "person.appears": ("Komt voor in", "Appears in"),
    "person.positions": ("Standpunten", "Positions"),
    "col.stance": ("Houding", "Stance"),
    "col.about": ("Over", "About"),
    "col.quote": ("Citaat", "Quote"),
    "col.text": ("Tekst", "Text"),
    "col.holder": ("Wie", "Who"),
    "col.function": ("Functie", "Function"),
    "col.organisation": ("Organisatie", "Organisation"),
    "col.summary": ("Samenvatting", "Summary"),
    "concept.stances": ("Wie zegt er wat over?", "Who says what about it?"),
    "concept.related": ("Verwante begrippen", "Related concepts"),
    "concept.broader": ("Ruimer", "Broader"),
    "concept.narrower": ("Nauwer", "Narrower"),
    "concept.frameworks": ("Komt voor in kaders", "Appears in frameworks"),
    "concept.texts": ("Besproken in", "Discussed in"),
    "fw.items": ("Onderdelen", "Items"),
    "fw.dimension": ("Dimensie", "Dimension"),
    "fw.needles": ("Naalden", "Needles"),
    "fw.routes": ("Routes", "Routes"),
    "fw.parts": ("Onderdelen van het kader", "Parts of the framework"),
    "fw.axes": ("Assen", "Axes"),
    "fw.stated_in": ("Vermeld in", "Stated in"),
    "fw.count": ("aantal volgens de tekst", "count according to the text"),
    "text.meta": ("Gegevens", "Details"),
    "text.authors": ("Auteurs", "Authors"),
    "text.responses": ("Bijdragen in deze bundel", "Contributions in this bundle"),
    "text.drawn": ("Wat Leidraad uit deze tekst haalt", "What Leidraad draws from this text"),
    "text.descriptive": ("beschrijvende titel, de tekst noemt er zelf geen",
                         "descriptive title; the text names none itself"),
    "text.year_inferred": ("jaar afgeleid uit gedateerde verwijzingen", "year inferred from dated references"),
    "text.part_of": ("Deel van", "Part of"),
    "text.responds_to": ("Reageert op", "Responds to"),
    "models.title": ("Organisatiemodellen door de tijd", "Organisation models through time"),
    "models.timeline": ("Tijdlijn van de generaties", "Timeline of the generations"),
    "models.table": ("Vergelijking", "Comparison"),
    "models.generation": ("Generatie", "Generation"),
    "models.period": ("Periode", "Period"),
    "models.characteristics": ("Kenmerken", "Characteristics"),
    "models.advantages": ("Voordelen", "Advantages"),
    "models.disadvantages": ("Nadelen", "Disadvantages"),
    "models.successor": ("Opgevolgd door", "Succeeded by"),
    "models.model": ("Model", "Model"),
    "models.others": ("Andere organisatiemodellen (zonder generatie)", "Other organisation models (no generation)"),
    "stances.title": ("Wie steunt of bekritiseert wat", "Who supports or criticises what"),
    "stances.intro": ("Elke lijn is een standpunt: van wie het inneemt (links) naar waar het over gaat (rechts).",
                      "Each line is a position: from who holds it (left) to what it is about (right)."),
    "stances.legend": ("Legenda", "Legend"),
    "onto.title": ("Ontologie-documentatie", "Ontology documentation"),
    "onto.classes": ("Klassen", "Classes"),
    "onto.properties": ("Eigenschappen", "Properties"),
    "onto.individuals": ("Individuen", "Individuals"),
    "onto.domain": ("Domein", "Domain"),
    "onto.range": ("Bereik", "Range"),
    "onto.super": ("Valt onder", "Subclass or subproperty of"),
    "onto.inverse": ("Omgekeerde van", "Inverse of"),
    "onto.sub": ("Heeft als onderdeel", "Has subclasses or subproperties"),
    "onto.usage": ("Gebruik in de data", "Usage in the data"),
    "onto.metadata": ("Over deze ontologie", "About this ontology"),
    "onto.uses": ("keer", "times"),
    "graph.title": ("Benoemde graaf", "Named graph"),
    "graph.triples": ("tripels", "triples"),
    "graph.subjects": ("Onderwerpen in deze graaf", "Subjects in this graph"),
    "error.search": ("Misschien zocht u iets anders? Zoek hier:",
                     "Perhaps you were looking for something else? Search:"),
    "error.suggestions": ("Bedoelde u", "Did you mean"),
    "error.home": ("Terug naar de startpagina", "Back to the home page"),
    "footer.license": ("Data onder CC BY 4.0, code onder MIT.", "Data under CC BY 4.0, code under MIT."),
}


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


def translate(key: str, lang: str) -> str:
    """An interface string; an unknown key shows itself, so a missing string is visible, not fatal."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "nl" else pair[1]


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
