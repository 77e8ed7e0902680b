"""The nginx configuration of a static export: ``maps.conf`` for the ``http`` block, ``site.conf`` for a ``server``.

The same rules as the Apache ``.htaccess`` (:mod:`.export_rules`), written as
``map`` blocks on ``$http_accept``, ``$arg_format``, ``$arg_lang``,
``$cookie_lang`` and ``$http_accept_language``; retired IRIs are a map of exact
paths (nginx hashes them), their 300 and 410 pages served through ``error_page``
so the status stays what the server sends.
"""

from __future__ import annotations

from pathlib import Path

from .export_rules import CHARSET, COOKIE, EN_FIRST, MEDIA_TYPES, PAGE, RDF, Exporter, _format_tokens, _types_re


def write(exporter: Exporter, folder: Path, versions: list[str], sparql_endpoint: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "maps.conf").write_text(maps(exporter), encoding="utf-8")
    (folder / "site.conf").write_text(site(exporter.site.resolve(), versions, sparql_endpoint), encoding="utf-8")
    (folder / "example.conf").write_text(EXAMPLE.format(folder=folder.resolve()), encoding="utf-8")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _format_map() -> list[str]:
    lines = ['map "$arg_format|$http_accept" $leidraad_fmt {', "    default html;"]
    tokens = _format_tokens()
    for suffix, names, _types in tokens:
        lines.append(f'    "~*^(?:{names})\\|" {suffix};')
    lines.append('    "~*^html\\|" html;')
    for suffix, _names, types in tokens:
        lines.append(f'    "~*^\\|\\s*(?:{_types_re(types)})\\s*(?:[;,]|$)" {suffix};')
    lines.append('    "~*^\\|.*(?:text/html|application/xhtml\\+xml)" html;')
    for suffix, _names, types in tokens:
        lines.append(f'    "~*^\\|.*{_types_re(types[:1])}" {suffix};')
    return lines + ["}"]


def _retired_maps(exporter: Exporter) -> list[str]:
    moves = ["map $uri $leidraad_retired {", "    default \"\";"]
    links = ["map $uri $leidraad_retired_link {", "    default \"\";"]
    for answer in exporter.retired_answers:
        stem, _, suffix = answer.path.rpartition(".")
        plain = not stem or suffix not in RDF.split("|")
        if answer.status == 301:
            target = answer.location
        else:
            target = answer.path if plain else stem
            target += "" if plain else (".uri" if answer.status == 300 else ".txt")
        kind = f"{answer.status}{'' if plain else 's'}"
        for area in ("id", "doc"):
            key = _quote(f"/{area}/{answer.path}")
            moves.append(f"    {key} {_quote(f'{kind} {target}')};")
            if answer.link:
                links.append(f"    {key} {_quote(answer.link)};")
    return moves + ["}"] + links + ["}"]


def maps(exporter: Exporter) -> str:
    lines = [
        "# Leidraad, exported by `leidraad export`: include in the http block (see example.conf).",
        "map_hash_bucket_size 256;",
        "map_hash_max_size 262144;",
        "",
        "# The reader's language: ?lang=, then the cookie, then Accept-Language, else Dutch.",
        'map "$arg_lang|$cookie_lang|$http_accept_language" $leidraad_lang {',
        "    default nl;",
        '    "~^(nl|en)\\|" $1;',
        '    "~^[^|]*\\|(nl|en)\\|" $1;',
        f'    "~*^[^|]*\\|[^|]*\\|{EN_FIRST[1:]}" en;',
        "}",
        "map $arg_lang $leidraad_set_cookie {",
        '    default "";',
        *[f'    {lang} "lang={lang}; {COOKIE}";' for lang in ("nl", "en")],
        "}",
        "",
        "# Which representation of a document: ?format=, the first type Accept names, any it names (HTML first).",
        *_format_map(),
        "map $leidraad_fmt $leidraad_ext {",
        '    html "$leidraad_page.$leidraad_lang.html";',
        '    default ".$leidraad_fmt";',
        "}",
        "map $leidraad_fmt $leidraad_ext2 {",
        '    html ".$leidraad_lang.html";',
        '    default ".$leidraad_fmt";',
        "}",
        "# A pager's page (?page=2): its own file, if exported.",
        "map $args $leidraad_page {",
        '    default "";',
        f'    "~(?:^|&)({PAGE})(?:&|$)" "@$1";',
        "}",
        "",
        "# Retired IRIs (successors.json, retired.json): 301 to one successor, 300 with several, 410 without.",
        *_retired_maps(exporter),
        "map $leidraad_retired $leidraad_retired_status {",
        '    default "";',
        '    "~^(\\d+)" $1;',
        "}",
        "map $leidraad_retired $leidraad_retired_arg {",
        '    default "";',
        '    "~^\\S+ (.*)$" $1;',
        "}",
        'map "$leidraad_retired|$leidraad_fmt|$leidraad_lang" $leidraad_retired_file {',
        '    default "";',
        '    "~^\\d+s ([^|]+)\\|" /_retired/$1;',
        '    "~^\\d+ ([^|]+)\\|html\\|(\\w+)$" /_retired/$1.$2.html;',
        '    "~^300 ([^|]+)\\|" /_retired/$1.uri;',
        '    "~^410 ([^|]+)\\|" /_retired/$1.txt;',
        "}",
        "",
    ]
    return "\n".join(lines)


def _retired_checks() -> str:
    return """        set $leidraad_rlink $leidraad_retired_link;
        set $leidraad_rfile $leidraad_retired_file;
        error_page 410 $leidraad_rfile;
        error_page 418 =300 $leidraad_rfile;
        if ($leidraad_retired_status = 301) { return 301 $leidraad_retired_arg; }
        # `return 300` would send no body: 418 (never sent) stands in, and error_page answers it as 300
        if ($leidraad_retired_status = 300) { return 418; }
        if ($leidraad_retired_status = 410) { return 410; }"""


def site(root: Path, versions: list[str], sparql_endpoint: str | None) -> str:
    types = "\n".join(f"        {media} {ext};" for ext, media in MEDIA_TYPES.items())
    charset_types = " ".join(sorted({MEDIA_TYPES[e] for e in CHARSET} - {"text/html"}))
    version_re = "|".join(v.replace(".", "\\.") for v in versions) or "-"
    sparql = (f"    location = /sparql {{ return 307 {sparql_endpoint}$is_args$args; }}" if sparql_endpoint
              else "    # /sparql: the note page sparql.<lang>.html, a page like any other")
    return SITE.format(root=root, types=types, charset_types=charset_types, versions=version_re, sparql=sparql,
                       rdf=RDF, retired=_retired_checks(), cookie="add_header Set-Cookie $leidraad_set_cookie;")


SITE = r"""# Leidraad, exported by `leidraad export`: include in a server block (see example.conf).
    root {root};
    absolute_redirect off;
    charset utf-8;
    charset_types {charset_types};
    types {{
{types}
    }}
    default_type application/octet-stream;
    error_page 404 /_errors/404.$leidraad_lang.html;

    location ^~ /_errors/ {{ internal; add_header Vary "Accept-Language, Cookie" always; }}
    location ^~ /_retired/ {{
        internal;
        add_header Vary Accept always;
        add_header Cache-Control "public, max-age=86400" always;
        add_header Link $leidraad_rlink always;
    }}
    location ~ (?:^|/)\.ht|\.asis$ {{ return 404; }}

    location ~ ^/(id|doc)/(.+)/$ {{ return 301 /$1/$2$is_args$args; }}
    location = /.well-known/void {{ return 303 /dumps/void.ttl; }}
    location ~ ^/browse/?$ {{ return 302 /; }}
    location ~ ^/def/(?:{versions})$ {{ return 303 /def; }}
    location = /def/shapes {{ return 303 /dumps/shapes.ttl; }}
{sparql}

    # /id/x names a thing: 303 See Other to its document, suffix and query kept; else 404.
    location ~ ^/id/(?<leidraad_stem>.+?)(?<leidraad_sfx>\.(?:{rdf}))?$ {{
{retired}
        add_header Vary Accept always;
        if (-f $document_root/doc/$leidraad_stem.ttl) {{ return 303 /doc/$leidraad_stem$leidraad_sfx$is_args$args; }}
        return 404;
    }}
    # A document: the representation chosen by suffix, ?format= or Accept; HTML in the reader's language.
    location ~ ^/doc/ {{
{retired}
        add_header Vary "Accept, Accept-Language, Cookie";
        {cookie}
        try_files $uri$leidraad_ext $uri$leidraad_ext2 $uri =404;
    }}
    location ~ ^/(?:def|graph/.+)$ {{
        add_header Vary "Accept, Accept-Language, Cookie";
        {cookie}
        try_files $uri$leidraad_ext $uri$leidraad_ext2 $uri =404;
    }}
    location = / {{
        add_header Vary "Accept-Language, Cookie";
        {cookie}
        try_files /index.$leidraad_lang.html =404;
    }}
    location = /dumps/ {{ try_files /dumps/index.json =404; }}
    location = /health {{ try_files /health.json =404; }}
    location / {{
        add_header Vary "Accept-Language, Cookie";
        {cookie}
        try_files $uri$leidraad_page.$leidraad_lang.html $uri.$leidraad_lang.html $uri =404;
    }}
"""

EXAMPLE = """# An nginx configuration serving the export (nginx -c {folder}/example.conf), e.g. behind a TLS proxy.
events {{}}
http {{
    include {folder}/maps.conf;
    server {{
        listen 8080;
        include {folder}/site.conf;
    }}
}}
"""
