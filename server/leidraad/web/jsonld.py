"""schema.org JSON-LD describing each page's resource, for search engines and generic tools.

It is embedded as ``<script type="application/ld+json">`` -- data, not
script, so it runs nowhere and passes the Content-Security-Policy -- and is
serialised with Jinja's ``tojson``, which escapes ``<``, ``>`` and ``&`` so a
literal cannot close the element.
"""

from __future__ import annotations

from ..core.namespaces import FOAF, ID, LEI, ORG
from .resource import Resource

#: Our (and reused) classes → the schema.org type that fits, most specific first.
SCHEMA_TYPES: tuple[tuple[str, str], ...] = (
    (str(LEI.Response), "Article"),
    (str(LEI.SourceText), "CreativeWork"),
    (str(FOAF.Person), "Person"),
    (str(ORG.Organization), "Organization"),
    (str(LEI.AuthorGroup), "Organization"),
    (str(LEI.Framework), "DefinedTermSet"),
    (str(LEI.Position), "Claim"),
    (str(LEI.Concept), "DefinedTerm"),
    (str(LEI.FrameworkItem), "DefinedTerm"),
)


def for_resource(res: Resource, lang: str) -> dict:
    schema_type = next((t for iri, t in SCHEMA_TYPES if iri in res.type_iris), "Thing")
    data: dict = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "@id": res.iri,
        "name": res.label,
        "inLanguage": lang,
        "url": res.href,
    }
    if res.definition:
        data["description"] = res.definition
    if schema_type == "DefinedTerm":
        data["inDefinedTermSet"] = str(ID["scheme/concepts"])
    if res.evidence:
        data["citation"] = [
            {"@type": "Quotation", "text": ev.quote, **({"isPartOf": ev.text.iri} if ev.text else {})}
            for ev in res.evidence[:10]
        ]
    return data


def for_dataset(name: str, description: str, iri: str, version: str, modified: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": iri,
        "name": name,
        "description": description,
        "version": version,
        "dateModified": modified,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "distribution": [{"@type": "DataDownload", "contentUrl": "/dumps/", "encodingFormat": "text/turtle"}],
    }
