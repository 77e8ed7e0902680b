"""The example query catalogue (``queries/*.rq``): each query answers what its text states.

Every query runs against a real build through :func:`leidraad.sparql.cli_query.select`, the
function behind ``leidraad query`` and the endpoint.  The expected answers are
taken from the seed texts, not from the data files.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from leidraad.sparql.cli_query import Row, select
from leidraad.sparql.examples import parse
from leidraad.store.dataset import Dataset

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERIES = REPO_ROOT / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
HEADER_KEYS = ("title", "title@en", "description", "description@en")

ID = "https://w3id.org/leidraad/id/"
LEI = "https://w3id.org/leidraad/def#"
BUNDLE = ID + "text/ambtelijk-vakmanschap-reacties"
KOMPAS = ID + "text/kompas-ambtelijk-leiderschap"
MODELS = ID + "text/gemeentelijke-organisatiemodellen"
NATUURLIJK = ID + "text/natuurlijk-leiderschap"
PUBLIEK = ID + "text/publiek-leiderschap"
#: The five corpus texts, named: tests about them say so; tests about "every text" ask the data (texts_in_data).
CORPUS_TEXTS = {BUNDLE, KOMPAS, MODELS, NATUURLIJK, PUBLIEK}


@pytest.fixture(scope="module", params=["real", "with-a-sixth-text"])
def dataset(request: pytest.FixtureRequest) -> Dataset:
    """Every query test runs on the real build and on a copy with a sixth text added: none may assume five."""
    built = "session_build" if request.param == "real" else "sixth_build"
    sources, _ = request.getfixturevalue(built)
    return Dataset.load(sources.dist)


def texts_in_data(dataset: Dataset) -> set[str]:
    """The top-level texts the build holds: those with a seed file."""
    answer = select(dataset, "SELECT DISTINCT ?t WHERE { ?t lei:seedFile ?seed }")
    assert not isinstance(answer, bool)
    texts = {row["t"] for row in answer[1]}
    assert CORPUS_TEXTS <= texts
    return texts


def count(dataset: Dataset, query: str) -> int:
    answer = select(dataset, query)
    assert not isinstance(answer, bool)
    return int(next(iter(answer[1][0].values())))


def run(dataset: Dataset, stem: str) -> list[Row]:
    """The rows of ``queries/<stem>*.rq``."""
    (path,) = QUERIES.glob(f"{stem}*.rq")
    answer = select(dataset, path.read_text(encoding="utf-8"))
    assert not isinstance(answer, bool)
    return answer[1]


def column(rows: list[Row], name: str) -> list[str | None]:
    return [row[name] for row in rows]


def slug(iri: str | None) -> str:
    return (iri or "").rsplit("/", 1)[-1]


# --- the catalogue as a whole ------------------------------------------------------------------------------------

def test_catalogue_has_at_least_fifty_five_queries() -> None:
    assert len(QUERY_FILES) >= 55


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_no_catalogue_query_searches_free_text_for_structure(path: Path) -> None:
    """Structure is in typed links: a query that must match words in quotes, summaries or titles shows a gap."""
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    assert not re.search(r"\b(REGEX|CONTAINS|STRSTARTS|STRENDS|LCASE|UCASE)\s*\(", text, re.I)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_file_starts_with_the_four_header_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()[:4]
    keys = [line.split(":", 1)[0].removeprefix("#").strip() for line in lines]
    assert keys == list(HEADER_KEYS)
    example = parse(path.stem, path.read_text(encoding="utf-8"))
    assert example.titles["nl"] and example.titles["en"] and example.descriptions["nl"] and example.descriptions["en"]


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_parses_and_returns_rows(dataset: Dataset, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "PREFIX lei: <https://w3id.org/leidraad/def#>" in text
    answer = select(dataset, text)
    assert not isinstance(answer, bool)
    assert answer[1], f"{path.name} returns no rows"


def test_readme_lists_every_query() -> None:
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    for path in QUERY_FILES:
        assert f"`{path.name}`" in readme


# --- one test per query --------------------------------------------------------------------------------------------

def test_municipal_secretaries_among_respondents_with_their_municipalities(dataset: Dataset) -> None:
    rows = run(dataset, "01-")
    municipality = {row["name"]: row["municipalityLabel"] for row in rows}
    # "Philippe Raets, gemeentesecretaris gemeente Rotterdam", "Jan Nobel, gemeentesecretaris gemeente Aalten", ...
    assert municipality["Philippe Raets"] == "gemeente Rotterdam"
    assert municipality["Jan Nobel"] == "gemeente Aalten"
    assert municipality["Coen Aalders"] == "gemeente Alkmaar"
    assert municipality["Paulien Pistor"] == "gemeente Eindhoven"
    assert municipality["Maarten Schurink"] == "gemeente Utrecht"
    assert municipality["Alexander Meijer"] == "gemeente De Ronde Venen"
    assert "Arno Murrer" not in municipality  # loco-gemeentesecretaris: acting, not the secretary
    criticised = {(row["name"], slug(row["criticised"])) for row in rows if row["criticised"]}
    # Aalders: "Het huidige politieke systeem loopt op zijn einde ... het politieke primaat"
    assert ("Coen Aalders", "primaat-van-de-politiek") in criticised


def test_natural_leadership_text_advocates_servant_and_delegating_leadership(dataset: Dataset) -> None:
    rows = run(dataset, "02-")
    styles: dict[str, set[str]] = {}
    for row in rows:
        styles.setdefault(row["text"], set()).add(slug(row["style"]))
    assert {"dienend-leiderschap", "delegerend-leiderschap"} <= styles[NATUURLIJK]
    assert "gedeeld-leiderschap" in styles[KOMPAS]  # needle 10: "Deel leiderschap"
    assert "gedeeld-leiderschap" in styles[PUBLIEK]


def test_compass_has_five_dimensions_ten_needles_and_ten_routes_side_by_side(dataset: Dataset) -> None:
    rows = run(dataset, "03-")
    assert len(rows) == 10
    assert column(rows, "needleNo") == [str(n) for n in range(1, 11)]
    assert column(rows, "route") == list("abcdefghij")
    assert Counter(column(rows, "dimensionNo")) == {str(n): 2 for n in range(1, 6)}
    first, last = rows[0], rows[-1]
    assert (first["dimension"], first["needle"], first["routeLabel"]) == (
        "Turbulente tijd", "Toon meer leiderschap en benoem de onzekerheid", "Gebruik crisislogica")
    assert last["needle"] == "Deel leiderschap"
    assert rows[2]["dimension"] == "Veeleisende samenleving"
    assert rows[3]["needle"] == "Zorg voor balans tussen maatwerk en uniformiteit"


def test_organisation_models_succeed_each_other_by_decade(dataset: Dataset) -> None:
    rows = run(dataset, "04-")
    chain = {slug(row["model"]): row for row in rows}
    assert slug(chain["secretariemodel"]["successor"]) == "sectorenmodel"
    assert slug(chain["sectorenmodel"]["successor"]) == "directiemodel"
    assert chain["secretariemodel"]["period"] == "tot in de jaren tachtig van de vorige eeuw"
    assert chain["sectorenmodel"]["period"] == "de jaren negentig"
    assert chain["directiemodel"]["period"] == "het eerste decennium van de nieuwe eeuw"
    assert chain["secretariemodel"].get("start") is None and chain["secretariemodel"]["end"] == "1989"
    assert (chain["sectorenmodel"]["start"], chain["sectorenmodel"]["end"]) == ("1990", "1999")
    assert [chain[m]["generation"] for m in ("secretariemodel", "sectorenmodel", "directiemodel")] == ["1", "2", "3"]
    assert all(int(chain[m]["disadvantages"]) > 0 for m in ("secretariemodel", "sectorenmodel"))


def test_disadvantages_explain_why_each_model_was_abandoned(dataset: Dataset) -> None:
    """Typed links only: each succession is a causal claim, each disadvantage a reason for it."""
    rows = run(dataset, "05-")
    lines: dict[str, list[int]] = {}
    for row in rows:
        lines.setdefault(slug(row["model"]), []).append(int(row["lineStart"]))
    # "Als nadeel van het secretariemodel is dikwijls genoemd dat er een soort concurrentiesituatie ..." (l. 149)
    assert 149 in lines["secretariemodel"]
    # "Het meest genoemde nadeel is dat van de ‘verkokering’." (l. 223)
    assert 223 in lines["sectorenmodel"]
    assert all(lines[m] == sorted(lines[m]) for m in lines)  # in the text's order
    assert "directiemodel" not in lines  # not (yet) succeeded
    why = {slug(row["model"]): row["why"] for row in rows}
    assert why["secretariemodel"].startswith("Om de aangegeven nadelen van het secretariemodel te ondervangen")
    assert why["sectorenmodel"].startswith("De binnen veel gemeenten ervaren nadelen van het diensten- of")
    assert {slug(row["successor"]) for row in rows} == {"sectorenmodel", "directiemodel"}


def test_equality_and_equal_treatment_are_named_by_the_compass_and_the_study(dataset: Dataset) -> None:
    rows = run(dataset, "06-")
    texts = {slug(row["value"]): set(row["textIris"].split()) for row in rows}
    assert all(int(row["texts"]) >= 2 for row in rows)
    assert {KOMPAS, PUBLIEK} <= texts["gelijke-behandeling"]
    assert {KOMPAS, PUBLIEK} <= texts["gelijkheid"]


def test_the_eight_expectations_are_attributed_to_the_civil_servant_3_0(dataset: Dataset) -> None:
    rows = run(dataset, "07-")
    of_role: dict[str, set[str]] = {}
    for row in rows:
        of_role.setdefault(slug(row["role"]), set()).add(slug(row["quality"]))
    # "acht kenmerken ... de ambtenaar 3.0: van scherp op resultaat tot verbonden en verbindend"
    assert {"scherp-op-resultaat", "slim-op-de-zaak", "slim-op-de-relatie", "slim-op-de-context", "politiek-bekwaam",
            "transparant", "toegankelijk", "verbonden-en-verbindend"} <= of_role["ambtenaar-3-0"]
    # Hertogh's neo-Weberian clerk: loyal, neutral, expert
    assert {"loyaliteit", "neutraliteit"} <= of_role["neo-weberiaan"]


def test_paul_t_hart_appears_in_three_texts(dataset: Dataset) -> None:
    rows = run(dataset, "08-")
    texts = {row["name"]: set(row["textIris"].split()) for row in rows}
    assert all(int(row["texts"]) > 1 for row in rows)
    # the bundle answers his essay; Natuurlijk leiderschap and Publiek leiderschap cite him
    assert {BUNDLE, NATUURLIJK, PUBLIEK} <= texts["Paul ’t Hart"]
    most = max(int(row["texts"]) for row in rows)
    assert int(next(row for row in rows if row["name"] == "Paul ’t Hart")["texts"]) == most
    assert {MODELS, PUBLIEK} <= texts["Tjeenk Willink"]
    # one person across texts: "Weber" (000), "Weberiaanse" (002) and "Max Weber" (003)
    assert {NATUURLIJK, KOMPAS, PUBLIEK} <= texts["Max Weber"]


def test_fifteen_challenges_stack_up_over_three_eras(dataset: Dataset) -> None:
    rows = run(dataset, "09-")
    assert len(rows) == 15
    assert Counter(column(rows, "eraNo")) == {"1": 4, "2": 5, "3": 6}
    assert rows[0]["challenge"] == "Loyaal en effectief dienen"
    assert rows[3]["challenge"] == "Weberiaanse deugden cultiveren"
    assert rows[4]["challenge"] == "Blik (ook) naar buiten richten"
    assert rows[-1]["challenge"] == "Interactief besturen in een netwerksamenleving"


def test_ten_golden_characteristics_in_order(dataset: Dataset) -> None:
    rows = run(dataset, "10-")
    assert column(rows, "no") == [str(n) for n in range(1, 11)]
    assert column(rows, "characteristic") == [
        "Waardengedreven", "Procesbewust, resultaatgericht", "Kostenbewust", "Zelfbewust dienend", "Tijdsgevoelig",
        "Slim", "Lerend", "Plat", "Poreus (binnen / buiten)", "Bulk en maatwerk"]


def test_eight_expectations_run_from_results_to_connecting(dataset: Dataset) -> None:
    rows = run(dataset, "11-")
    assert len(rows) == 8
    assert rows[0]["expectation"].startswith("Scherp op resultaat")
    assert rows[4]["expectation"].startswith("Politiek bekwaam")
    assert rows[-1]["expectation"].startswith("Verbonden en verbindend")


def test_quadrant_places_four_positions_on_two_axes(dataset: Dataset) -> None:
    rows = run(dataset, "12-")
    assert len(rows) == 4
    assert {row["xAxis"] for row in rows} == {"ontwikkeling participatiesamenleving"}
    poles = {(row["xPole"], row["yPole"]) for row in rows}
    assert poles == {(x, y) for x in ("harmonieus", "niet harmonieus")
                     for y in ("instemming opgaven als draaipunt", "opgaven of kenmerken meer onafhankelijk")}
    # "waar sprake is van minder harmonieuze ontwikkeling (rechtsboven)"
    top_right = next(row for row in rows if row["position"].startswith("rechtsboven"))
    assert (top_right["xPole"], top_right["yPole"]) == ("niet harmonieus", "instemming opgaven als draaipunt")


def test_every_position_of_t_hart_comes_with_its_quote(dataset: Dataset) -> None:
    rows = run(dataset, "13-")
    assert all(row["quote"] for row in rows)
    texts = {slug(row["statedIn"]) for row in rows}
    assert {"ambtelijk-vakmanschap-3-0-naschrift", "natuurlijk-leiderschap"} <= texts
    assert {LEI + "criticises", LEI + "proposes"} <= {row["stance"] for row in rows}
    # in his afterword he calls the essay title too personalistic
    assert any("essaytitel" in row["quote"] for row in rows if row["stance"] == LEI + "criticises")


def test_stance_counts_per_text_cover_every_text_in_the_data(dataset: Dataset) -> None:
    rows = run(dataset, "14-")
    per_text = Counter()
    for row in rows:
        per_text[row["text"]] += int(row["positions"])
    assert set(per_text) == texts_in_data(dataset)
    assert per_text.most_common(1)[0][0] == BUNDLE  # dozens of respondents
    stances = {(row["text"], row["stance"]) for row in rows}
    assert (NATUURLIJK, LEI + "supports") in stances
    assert (MODELS, LEI + "criticises") in stances


def test_a_criticised_concept_is_supported_or_proposed_by_another_party(dataset: Dataset) -> None:
    rows = run(dataset, "15-")
    assert all(row["critic"] != row["supporter"] for row in rows)
    pairs = {(slug(row["concept"]), slug(row["criticText"]), slug(row["supporterText"])) for row in rows}
    # re-read: the study puts a servant-leadership course into perspective (nuances), it does not criticise it
    assert not any(concept == "dienend-leiderschap" for concept, _, _ in pairs)
    # 000 sets Taylor's scientific management, which Taylor proposed (reported), against natural leadership
    assert ("taylorisme", "natuurlijk-leiderschap", "natuurlijk-leiderschap") in pairs


def test_respondents_work_mostly_for_municipalities(dataset: Dataset) -> None:
    rows = run(dataset, "16-")
    names = {row["kind"]: row["names"].split(" | ") for row in rows}
    assert rows[0]["kind"] == LEI + "Municipality"  # most respondents work for a municipality
    for name in ("gemeente Rotterdam", "gemeente Eindhoven", "gemeente Aalten", "gemeente Utrecht"):
        assert name in names[LEI + "Municipality"]
    assert "Universiteit van Amsterdam" in names[LEI + "University"]  # Ad de Jong


def test_inferred_years_rest_on_dated_references(dataset: Dataset) -> None:
    rows = run(dataset, "17-")
    years = {row["text"]: row["year"] for row in rows}
    assert years[KOMPAS] == "2021" and years[PUBLIEK] == "2021"
    assert years[NATUURLIJK] == "2015" and years[BUNDLE] == "2015" and years[MODELS] == "2008"
    quotes = {(row["text"], row["quote"]) for row in rows}
    assert any(text == KOMPAS and "In maart 2021" in quote for text, quote in quotes)
    assert any(text == NATUURLIJK and "Anno 2015" in quote for text, quote in quotes)
    assert any(text == MODELS and "10 september 2008" in quote for text, quote in quotes)


def test_every_text_holds_frameworks(dataset: Dataset) -> None:
    rows = run(dataset, "18-")
    assert {row["text"] for row in rows} == texts_in_data(dataset)
    sizes = {row["text"]: (int(row["frameworks"]), int(row["items"])) for row in rows}
    # the compass text alone: 5 dimensions + 10 needles + 10 routes
    assert sizes[KOMPAS][1] >= 25
    assert all(frameworks > 0 and items >= frameworks for frameworks, items in sizes.values())
    assert sum(f for f, _ in sizes.values()) >= 30


def test_every_framework_has_as_many_items_as_the_text_gives(dataset: Dataset) -> None:
    rows = run(dataset, "19-")
    assert len(rows) >= 30
    wrong = [(slug(row["framework"]), row["stated"], row["present"], row["highest"])
             for row in rows if not row["stated"] == row["present"] == row["highest"]]
    assert wrong == []
    stated = {slug(row["framework"]): int(row["stated"]) for row in rows}
    assert stated["vijftien-uitdagingen"] == 15
    assert stated["tien-gouden-kenmerken-ambtelijke-organisatie"] == 10
    assert stated["kompas-ambtelijk-leiderschap-naalden"] == 10


def test_comparison_table_of_three_generations_swings_like_a_pendulum(dataset: Dataset) -> None:
    rows = run(dataset, "20-")
    assert len(rows) == 5
    table = {row["feature"]: (row["secretariemodel"], row["sectorenmodel"], row["directiemodel"]) for row in rows}
    assert table["koppeling van beleid en uitvoering"] == (
        "Scheiding beleid en uitvoering", "Beleid en uitvoering samengebracht",
        "Wel / niet scheiding beleid en uitvoering")
    assert table["positie van de gemeentesecretaris"][1] == "Secretaris primus inter pares"
    assert table["cultuur van omgang"] == ("‘Vechten’", "Onderhandelen", "Samenwerken?")
    assert table["opbouw en advisering"][0] == "Advies op advies"


def test_cited_scholars_per_text(dataset: Dataset) -> None:
    rows = run(dataset, "21-")
    names = {row["text"]: row["names"].split(" | ") for row in rows}
    assert "Hertogh" in names[NATUURLIJK]  # "(vlg. Hertogh, 2000)"
    assert "Tjeenk Willink" in names[PUBLIEK]
    assert "Paul ’t Hart" in names[PUBLIEK]
    assert int(rows[0]["scholars"]) >= int(rows[-1]["scholars"])


def test_responses_to_t_harts_essay_range_from_support_to_criticism(dataset: Dataset) -> None:
    rows = run(dataset, "22-")
    by_name: dict[str, set[str]] = {}
    for row in rows:
        by_name.setdefault(row["name"], set()).add(row["stance"].split("#")[-1])
    # Maarleveld: "Een discussie over de waarnemingen van ’t Hart lijkt me overbodig."
    assert "supports" in by_name["Leendert Maarleveld"]
    # Ad de Jong: "dit essay is als een kompas ... geeft nog niet geheel aan van hoe de reis zal plaats vinden"
    assert "nuances" in by_name["Ad de Jong"]
    assert "criticises" in by_name["Jaap van der Weyden"]
    assert {LEI + "supports", LEI + "criticises", LEI + "nuances"} <= {row["stance"] for row in rows}


def test_the_study_of_public_leadership_invited_five_experts(dataset: Dataset) -> None:
    rows = run(dataset, "23-")
    contributions = {row["name"]: row["contribution"] for row in rows}
    # "We hebben daarnaast vijf collega’s uitgenodigd om hun expert visie ... te delen."
    assert set(contributions) == {"Arjen Boin", "Bert Fraussen", "Jet Bussemaker", "Johan Christensen",
                                  "Tanachia Ashikali"}
    assert contributions["Bert Fraussen"] == "Het gesprek met de buitenwereld is een vak"
    assert contributions["Arjen Boin"] == "Politiek-bestuurlijk leiderschap en de crisis van de toekomst"


def test_customisation_and_uniformity_are_in_tension(dataset: Dataset) -> None:
    rows = run(dataset, "24-")
    pairs = {(slug(row["a"]), slug(row["b"])) for row in rows}
    assert ("maatwerk", "uniformiteit") in pairs  # needle 4: balans tussen maatwerk en uniformiteit
    assert ("integraal-werken", "verkokering") in pairs
    assert ("horizontale-lijn", "verticale-lijn") in pairs
    assert all(row["a"] < row["b"] for row in rows)


def test_respondents_and_their_functions(dataset: Dataset) -> None:
    rows = run(dataset, "25-")
    functions = {(row["name"], row["function"]) for row in rows}
    assert any(name == "Ad de Jong" and (function or "").startswith("hoogleraar Nederlandse cultuurgeschiedenis")
               for name, function in functions)
    assert ("Arno Murrer", "loco-gemeentesecretaris gemeente Zeewolde") in functions
    assert len({row["response"] for row in rows}) >= 35  # the bundle speaks of 37 responses
    # a response by two authors is one text with two creators
    joint = {row["name"] for row in rows if row["response"].endswith("reactie-avelien-haan-en-hugo-verheul")}
    assert joint == {"Avelien Haan", "Hugo Verheul"}


def test_ideal_civil_servant_table_clerk_merchant_communicator(dataset: Dataset) -> None:
    rows = run(dataset, "26-")
    cells = {(int(row["rowNo"]), int(row["columnNo"])): row["value"] for row in rows}
    assert {c for _, c in cells} == {1, 2, 3}
    assert [cells[(1, c)] for c in (1, 2, 3)] == ["Wees loyaal", "Wees efficiënt", "Wees open en aanspreekbaar"]
    assert [cells[(8, c)] for c in (1, 2, 3)] == ["Burger is onderdaan", "Burger is klant", "Burger is partner"]
    assert rows[0]["column"] == "De neo-Weberiaan (de klerk)"


def test_texts_state_no_author_but_commissioners(dataset: Dataset) -> None:
    rows = run(dataset, "27-")
    assert {row["text"] for row in rows} == texts_in_data(dataset)
    by_text = {row["text"]: row for row in rows}
    assert by_text[MODELS]["year"] == "2008"
    assert by_text[KOMPAS]["year"] == by_text[PUBLIEK]["year"] == "2021"
    # "Een essay in opdracht van de Vereniging voor OverheidsManagement (VOM), Vereniging van
    # Gemeentesecretarissen (VGS) en stichting IKPOB"
    assert "Vereniging voor OverheidsManagement" in by_text[BUNDLE]["publishersOrCommissioners"]
    assert "IKPOB" in by_text[BUNDLE]["publishersOrCommissioners"]
    assert "Algemene Bestuursdienst" in by_text[KOMPAS]["publishersOrCommissioners"]
    assert by_text[KOMPAS]["titleDescriptive"] == "true"
    assert "Paul ’t Hart" in by_text[BUNDLE]["authors"]


def test_concepts_shared_by_three_texts(dataset: Dataset) -> None:
    rows = run(dataset, "28-")
    assert all(int(row["texts"]) >= 3 for row in rows)
    assert "overheidsmanager" in {slug(row["concept"]) for row in rows}


def test_municipal_secretary_is_the_most_held_role(dataset: Dataset) -> None:
    rows = run(dataset, "29-")
    assert slug(rows[0]["role"]) == "gemeentesecretaris"
    # as many as hold that role in the data: in the corpus nine respondents of the bundle and Frans Mencke
    assert int(rows[0]["persons"]) == count(dataset, """
        SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?m org:member ?p ; org:role concept:gemeentesecretaris }""")
    assert {"Philippe Raets", "Paulien Pistor", "Fokke Dijkstra", "Bob Boelens", "Jan Nobel", "Coen Aalders",
            "Alexander Meijer", "Maarten Schurink", "Frans Mencke"} <= set(rows[0]["names"].split(" | "))


def test_traits_of_the_civil_servant_3_0_table_has_eight_rows(dataset: Dataset) -> None:
    rows = run(dataset, "30-")
    assert column(rows, "no") == [str(n) for n in range(1, 9)]
    assert "Scherp op resultaat" in rows[0]["trait"]
    assert "Verbonden en verbindend" in rows[-1]["trait"]


def test_four_mantras_of_van_der_weyden(dataset: Dataset) -> None:
    rows = run(dataset, "31-")
    assert [row["mantra"] for row in rows] == [
        "Ga op een B-manier naar B", "Niet institutionaliseren maar internaliseren", "Waar een wil is, is een weg",
        "Gij zult verbinden"]


def test_servant_and_delegating_leadership_require_professional_room(dataset: Dataset) -> None:
    rows = run(dataset, "32-")
    pairs = {(slug(row["subject"]), slug(row["object"])) for row in rows}
    assert ("dienend-leiderschap", "professionele-handelingsruimte") in pairs
    assert ("delegerend-leiderschap", "professionele-handelingsruimte") in pairs
    assert ("ambtenaar-3-0", "dienend-leiderschap") in pairs
    assert all(row["quote"] for row in rows)


def test_organisations_by_kind(dataset: Dataset) -> None:
    rows = run(dataset, "33-")
    names = {row["kind"].split("#")[-1]: row["names"].split(" | ") for row in rows}
    assert {"Municipality", "Ministry", "University", "Association", "GovernmentAgency"} <= set(names)
    assert "Vereniging voor OverheidsManagement" in names["Association"]
    assert "gemeente Hoorn" in names["Municipality"]  # Frans Mencke, gemeentesecretaris van de gemeente Hoorn
    assert sum(int(row["organisations"]) for row in rows) >= 50


def test_servant_leadership_across_the_corpus(dataset: Dataset) -> None:
    rows = run(dataset, "34-")
    texts = {row["text"] for row in rows}
    assert {NATUURLIJK, PUBLIEK} <= texts
    assert any("Greenleaf" in row["quote"] for row in rows)  # "De Amerikaan Robert K. Greenleaf ..."
    assert any(row["stance"] == LEI + "nuances" and row["text"] == PUBLIEK for row in rows)  # re-read: a nuance


def test_criticism_of_the_directorate_model_in_own_words_and_as_reported(dataset: Dataset) -> None:
    rows = run(dataset, "35-")
    own = {slug(r["holder"]) for r in rows if r["reporter"] is None}
    reported = {(slug(r["holder"]), slug(r["reporter"])) for r in rows if r["reporter"]}
    assert {"auteurs-natuurlijk-leiderschap", "auteurs-gemeentelijke-organisatiemodellen"} <= own
    assert ("aardema", "auteurs-natuurlijk-leiderschap") in reported
    assert all(holder != reporter for holder, reporter in reported)


def test_contrasting_positions_pair_what_is_favoured_with_what_is_rejected(dataset: Dataset) -> None:
    pairs = {(slug(r["holder"]), slug(r["favoured"]), slug(r["rejected"])) for r in run(dataset, "36-")}
    assert ("auteurs-natuurlijk-leiderschap", "natuurlijk-leiderschap", "leiderschap-op-basis-van-macht") in pairs
    assert ("arno-murrer", "vakmanschap-2-5", "ambtelijk-vakmanschap-3-0") in pairs
    assert all(favoured != rejected for _, favoured, rejected in pairs)
