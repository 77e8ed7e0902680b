"""/models on the real build: each model's advantages and disadvantages in its text's order, with their quotes.

What the page should show is computed here from the graph by queries of the test's own -- which claims, in which
order, which quotes, which (text, kind) has nothing and must say "not stated in the text" -- and then looked for
in the page's HTML, section by section.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from markupsafe import escape

LEI = "https://w3id.org/leidraad/def#"
PREFIXES = """PREFIX lei: <https://w3id.org/leidraad/def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
NOT_STATED = "not stated in the text"

_FEATURES = PREFIXES + """
SELECT ?model ?text ?kind ?claim ?quote ?start WHERE {
  VALUES ?kind { lei:Advantage lei:Disadvantage }
  ?model a lei:OrganisationModel ; lei:generation ?g .
  ?claim a ?kind ; lei:topic ?model ; lei:statedIn ?text ; lei:evidence ?ev .
  ?ev oa:exact ?quote ; lei:lineStart ?start .
}"""
_SERIES = PREFIXES + """
SELECT DISTINCT ?model ?text WHERE {
  ?model a lei:OrganisationModel ; lei:generation ?g .
  ?item lei:denotes ?model ; lei:inFramework ?s . ?s a lei:GenerationSeries ; lei:statedIn ?text .
}"""
_YEARS = PREFIXES + """
SELECT ?model ?from ?to WHERE {
  ?model a lei:OrganisationModel ; lei:generation ?g .
  ?claim lei:topic ?model ; lei:periodStart ?from ; lei:periodEnd ?to .
  FILTER NOT EXISTS { ?claim lei:topic ?other . ?other a lei:OrganisationModel FILTER(?other != ?model) }
}"""


def _query(app, text: str) -> list[dict[str, str]]:
    store = app.extensions["leidraad"].store
    result = store.query(text)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


@pytest.fixture(scope="module")
def expected(real_app) -> dict[str, dict[str, dict[str, list[tuple[str, list[str]]]]]]:
    """model → text → kind local name → [(claim, its quotes in line order)] in the text's order."""
    lines: dict[tuple[str, str, str, str], list[tuple[int, str]]] = defaultdict(list)
    for row in _query(real_app, _FEATURES):
        key = (row["model"], row["text"], row["kind"].removeprefix(LEI), row["claim"])
        if (int(row["start"]), row["quote"]) not in lines[key]:
            lines[key].append((int(row["start"]), row["quote"]))
    found: dict = defaultdict(lambda: defaultdict(lambda: {"Advantage": [], "Disadvantage": []}))
    for row in _query(real_app, _SERIES):
        found[row["model"]][row["text"]]  # the series' text has a group, features or not
    for (model, text, kind, claim), quotes in sorted(lines.items(), key=lambda kv: (min(kv[1])[0], kv[0][3])):
        found[model][text][kind].append((claim, [q for _line, q in sorted(quotes)]))
    return found


@pytest.fixture(scope="module")
def page(real_app) -> str:
    return real_app.test_client().get("/models", query_string={"lang": "en"}).get_data(as_text=True)


def _model_section(html: str, model: str) -> str:
    slug = model.rsplit("/", 1)[-1]
    start = html.index(f'<section class="model-features" id="m-{slug}"')
    ends = [i for i in (html.find('<section class="model-features"', start + 1), html.find('id="h-compare"', start))
            if i > 0]
    return html[start:min(ends)]


def _blocks(html: str, marker: str) -> dict[str, str]:
    """``{attribute value: the HTML up to the next block}`` for every ``marker="value"`` in ``html``."""
    found = list(re.finditer(marker + r'="([^"]+)"', html))
    return {m.group(1): html[m.end():(found[n + 1].start() if n + 1 < len(found) else len(html))]
            for n, m in enumerate(found)}


def test_every_model_lists_its_features_in_the_texts_order_with_their_quotes(page, expected) -> None:
    assert expected and any(len(claims) >= 2 for texts in expected.values() for kinds in texts.values()
                            for claims in kinds.values())  # an order to check
    for model, texts in expected.items():
        groups = _blocks(_model_section(page, model), 'class="model-text" data-text')
        assert set(groups) == set(texts), model
        for text, kinds in texts.items():
            by_kind = _blocks(groups[text], 'class="feature-group" data-kind')
            for kind, claims in kinds.items():
                shown = re.findall(r'data-claim="([^"]+)"', by_kind[kind.lower()])
                assert shown == [claim for claim, _quotes in claims], (model, text, kind)
                items = _blocks(by_kind[kind.lower()], "data-claim")
                for claim, quotes in claims:
                    item = items[claim].split("</li>")[0]
                    positions = [item.find(f'<blockquote lang="nl">{escape(q)}</blockquote>') for q in quotes]
                    assert -1 not in positions and positions == sorted(positions), claim
                    assert re.search(r'href="/reading/[^"#]+#ev-[0-9a-f]+"', item), claim


def test_not_stated_appears_exactly_where_a_text_gives_no_feature_of_a_kind(page, expected) -> None:
    empty_total = 0
    for model, texts in expected.items():
        section = _model_section(page, model)
        empty = sum(1 for kinds in texts.values() for claims in kinds.values() if not claims)
        assert section.count(NOT_STATED) == empty, model
        groups = _blocks(section, 'class="model-text" data-text')
        for text, kinds in texts.items():
            by_kind = _blocks(groups[text], 'class="feature-group" data-kind')
            for kind, claims in kinds.items():
                assert (NOT_STATED in by_kind[kind.lower()]) == (not claims), (model, text, kind)
        empty_total += empty
    assert 0 < empty_total < sum(len(kinds) for texts in expected.values() for kinds in texts.values())


def test_the_timeline_gives_years_where_the_data_has_them_and_the_table_keeps_row_headers(real_app, page) -> None:
    timeline = page[page.index('id="h-timeline"'):page.index('id="h-features"')]
    years = _query(real_app, _YEARS)
    assert years
    for row in years:
        span = row["from"] if row["from"] == row["to"] else f'{row["from"]}–{row["to"]}'
        assert span in _model_section(page, row["model"]) and span in timeline
        assert f"{span}, {span}" not in timeline  # a span the model and a claim both give is one span
    table = page[page.index('id="h-compare"'):]
    table = table[:table.index("</table>")]
    assert 'role="region"' in page[page.index('id="h-compare"'):][:400] and 'tabindex="0"' in table
    assert table.count('<th scope="row">') >= 6


def test_the_dutch_page_says_not_stated_in_dutch(real_app, expected) -> None:
    html = real_app.test_client().get("/models", query_string={"lang": "nl"}).get_data(as_text=True)
    empty = sum(1 for texts in expected.values() for kinds in texts.values() for claims in kinds.values()
                if not claims)
    assert html.count("niet genoemd in de tekst") == empty and NOT_STATED not in html


def test_every_quote_links_to_an_anchor_that_its_reading_has(real_app, page) -> None:
    client = real_app.test_client()
    links = set(re.findall(r'href="/reading/([^"#]+)#(ev-[0-9a-f]+)"', page))
    readings = {slug: client.get(f"/reading/{slug}").get_data(as_text=True) for slug, _anchor in links}
    assert links and all(f'id="{anchor}"' in readings[slug] for slug, anchor in links)
