"""The eras of civil-service craftsmanship (1.0, 2.0, 3.0) and their periods, read against the seed texts.

The years are checked against the words of the seed files themselves, not against the data files: the data
gives each era's period as the text words it (``lei:period``) and in years; here the words are found at the
lines of one of the era's quotes in its seed, and the years are read off those words by the reading
``docs/model.md`` states ("voor N" ends in N − 1, "N-heden" begins in N and has no end, words without a
year give no year).  Then /models and the era's own page must show the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from leidraad.core.iris import local_href
from leidraad.sparql.cli_query import Row, select
from leidraad.store.dataset import Dataset

ID = "https://w3id.org/leidraad/id/"
SERIES = ID + "framework/generaties-ambtelijk-vakmanschap"
ERAS = [ID + f"concept/ambtelijk-vakmanschap-{n}-0" for n in (1, 2, 3)]
NATUURLIJK = ID + "text/natuurlijk-leiderschap"
BUNDLE = ID + "text/ambtelijk-vakmanschap-reacties"
QUERY = Path(__file__).resolve().parent.parent / "queries" / "72-tijdperken-van-ambtelijk-vakmanschap.rq"

_QUOTES = """
SELECT ?era ?words ?start ?end ?successor ?quote ?seed ?from ?to WHERE {
  ?era a lei:Era ; lei:period ?words FILTER(LANG(?words) = "nl")
  OPTIONAL { ?era lei:periodStart ?start } OPTIONAL { ?era lei:periodEnd ?end }
  OPTIONAL { ?era lei:succeededBy ?successor }
  ?era lei:evidence ?ev . ?ev oa:exact ?quote ; lei:inText ?part ; lei:lineStart ?from ; lei:lineEnd ?to .
  ?part dcterms:isPartOf* ?text . ?text lei:seedFile ?seed .
}
"""


def _rows(ds: Dataset, query: str) -> list[Row]:
    answer = select(ds, query)
    assert not isinstance(answer, bool)
    return answer[1]


@pytest.fixture(scope="module")
def eras(real_dataset: Dataset) -> dict[str, dict]:
    """era → its Dutch period words, years, successor and quotes (quote, seed file, first line, last line)."""
    found: dict[str, dict] = {}
    for row in _rows(real_dataset, _QUOTES):
        era = found.setdefault(row["era"], {"words": row["words"], "start": row.get("start"), "end": row.get("end"),
                                            "successor": row.get("successor"), "quotes": set()})
        era["quotes"].add((row["quote"], row["seed"], int(row["from"]), int(row["to"])))
    return found


def _seed_lines(seeds: Path, seed: str, first: int, last: int) -> str:
    lines = (seeds / seed).read_text(encoding="utf-8").splitlines()
    return " ".join(lines[first - 1:last])


def _years_of(words: str) -> tuple[str | None, str | None]:
    """The reading of the text's words as years: 'voor 1965' ends in 1964, '1965-heden' begins in 1965."""
    if m := re.fullmatch(r"voor (\d{4})", words):
        return None, str(int(m.group(1)) - 1)
    if m := re.fullmatch(r"(\d{4})-heden", words):
        return m.group(1), None
    assert not re.search(r"\d{4}", words), f"a reading for {words!r} is missing"
    return None, None


def test_the_three_eras_have_their_period_in_the_words_of_a_quote_at_its_lines(eras, sources) -> None:
    assert set(ERAS) <= set(eras)
    for iri in ERAS:
        era = eras[iri]
        at_lines = [q for q in era["quotes"] if f"({era['words']})" in q[0]]
        assert at_lines, iri  # the words stand in one of its quotes, in the text's brackets
        for _quote, seed, first, last in at_lines:
            assert f"({era['words']})" in _seed_lines(sources.seeds, seed, first, last), (iri, seed, first)


def test_the_years_are_the_reading_of_the_words_and_nothing_more(eras) -> None:
    readings = {iri: _years_of(eras[iri]["words"]) for iri in ERAS}
    assert all(any(readings[iri]) for iri in ERAS[:2])  # 1.0 and 2.0: the words give a year
    for iri in ERAS:
        assert (eras[iri]["start"], eras[iri]["end"]) == readings[iri], iri
    # 3.0: "heden en toekomst" names no year, so the data gives none
    assert eras[ERAS[2]]["start"] is None and eras[ERAS[2]]["end"] is None


def test_the_start_of_2_0_lies_in_the_decade_the_bundle_names_for_the_repair_period(eras, sources) -> None:
    """The bundle (001) says "Rond de jaren ‘60, tijdens de reparatieperiode"; 000 gives 1965."""
    decades = []
    for quote, seed, first, last in eras[ERAS[1]]["quotes"]:
        if "reparatieperiode" in quote and (m := re.search(r"jaren ‘(\d\d)", _seed_lines(sources.seeds, seed,
                                                                                           first, last))):
            decades.append(1900 + int(m.group(1)))
    assert decades
    start = int(eras[ERAS[1]]["start"])
    assert all(decade <= start <= decade + 9 for decade in decades)


def test_the_eras_follow_each_other_and_no_successor_begins_earlier(eras) -> None:
    assert eras[ERAS[0]]["successor"] == ERAS[1] and eras[ERAS[1]]["successor"] == ERAS[2]
    assert int(eras[ERAS[0]]["end"]) < int(eras[ERAS[1]]["start"])


_DENOTED_ERAS = """
SELECT ?series ?ordinal ?era WHERE {
  ?item lei:inFramework ?series ; lei:ordinal ?ordinal ; lei:denotes ?era . ?era a lei:Era .
} ORDER BY ?series ?ordinal
"""


def test_every_rendering_of_the_generations_names_the_eras_in_their_order(real_dataset) -> None:
    """The bundle's three generations and 000's three phases of role fulfilment (the text the eras' years come
    from) are one series: their items denote the three eras, first to third, so a query can join them."""
    by_series: dict[str, list[str]] = {}
    for row in _rows(real_dataset, _DENOTED_ERAS):
        by_series.setdefault(row["series"], []).append(row["era"])
    assert SERIES in by_series and ID + "framework/fasen-van-ambtelijke-rolvervulling" in by_series
    assert all(eras == ERAS for eras in by_series.values()), by_series


def test_query_72_lists_the_eras_in_the_series_order_with_words_years_and_both_texts(real_dataset) -> None:
    rows = [r for r in _rows(real_dataset, QUERY.read_text(encoding="utf-8")) if r.get("series") == SERIES]
    assert [r["era"] for r in rows] == ERAS and [r["no"] for r in rows] == ["1", "2", "3"]
    assert [(r.get("period"), r.get("start"), r.get("end")) for r in rows] == [
        ("voor 1965", None, "1964"), ("1965-heden", "1965", None), ("heden en toekomst", None, None)]
    assert all({NATUURLIJK, BUNDLE} <= set(r["texts"].split()) for r in rows)
    assert all(r.get("periodEn") for r in rows)


@pytest.fixture(scope="module")
def models_page(real_app) -> str:
    return real_app.test_client().get("/models", query_string={"lang": "en"}).get_data(as_text=True)


def _era_items(html: str) -> dict[str, str]:
    section = html[html.index('id="h-eras"'):]
    section = section[:section.index("</section>")]
    found = list(re.finditer(r'data-era="([^"]+)"', section))
    return {m.group(1): section[m.end():section.index("</li>", m.end())] for m in found}


def test_models_shows_the_eras_beside_the_generations_with_their_years(models_page, eras) -> None:
    assert models_page.index('id="h-timeline"') < models_page.index('id="h-eras"') < models_page.index(
        'id="h-features"')
    items = _era_items(models_page)
    assert [iri for iri in items if iri in ERAS] == ERAS  # in the series' order
    for iri in ERAS:
        start, end = eras[iri]["start"], eras[iri]["end"]
        if start or end:
            assert f'<span class="years">{start or ""}–{end or ""}</span>' in items[iri], iri
        else:
            assert "no year in the text" in items[iri], iri
    assert "no year in the text" not in items[ERAS[0]] + items[ERAS[1]]


def test_the_dutch_page_says_no_year_in_dutch(real_app) -> None:
    html = real_app.test_client().get("/models", query_string={"lang": "nl"}).get_data(as_text=True)
    items = _era_items(html)
    assert "geen jaartal in de tekst" in items[ERAS[2]] and "heden en toekomst" in items[ERAS[2]]
    assert "no year in the text" not in html


@pytest.mark.parametrize("lang,words,no_year", [("en", "1965 to the present", "no year in the text"),
                                                 ("nl", "1965-heden", "geen jaartal in de tekst")])
def test_an_era_page_shows_its_period_and_its_series(real_app, lang, words, no_year) -> None:
    client = real_app.test_client()
    html = client.get(local_href(ERAS[1]), query_string={"lang": lang}).get_data(as_text=True)
    period = html[html.index('class="concept-period"'):]
    period = period[:period.index("</p>")]
    assert '<strong class="years">1965–</strong>' in period and f"({words})" in period
    items = _era_items(html)
    assert list(items) == ERAS and 'class="era current"' in html.split(f'data-era="{ERAS[1]}"')[0][-80:]
    assert no_year in items[ERAS[2]]
    parent = client.get(local_href(ID + "concept/ambtelijk-vakmanschap"), query_string={"lang": lang})
    assert list(_era_items(parent.get_data(as_text=True))) == ERAS  # the concept the series orders shows it too


def test_two_texts_listing_the_same_eras_give_one_timeline_named_by_both(models_page) -> None:
    section = models_page[models_page.index('id="h-eras"'):]
    section = section[:section.index("</section>")]
    assert [section.count(f'data-era="{iri}"') for iri in ERAS] == [1, 1, 1]
    for series in (SERIES, ID + "framework/fasen-van-ambtelijke-rolvervulling"):
        assert f'href="{local_href(series)}"' in section, series
