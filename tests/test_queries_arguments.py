"""The catalogue's queries about arguments: claims, reasons, objections and the works the texts cite.

Each answer is checked against what the seed text says (line numbers, quotes,
references as written), not against the data files.
"""

from __future__ import annotations

from collections import Counter

from leidraad.store.dataset import Dataset
from test_queries import BUNDLE, ID, KOMPAS, LEI, MODELS, NATUURLIJK, PUBLIEK, dataset, run, slug
from test_queries import CORPUS_TEXTS as SEED_TEXTS

CITO = "http://purl.org/spar/cito/"
__all__ = ["dataset"]  # the module fixture, shared with test_queries


def test_own_words_and_reported_criticism_are_counted_apart(dataset: Dataset) -> None:
    rows = run(dataset, "37-")
    by_target = {slug(row["target"]): row for row in rows}
    assert all(int(row["ownWords"]) + int(row["reported"]) >= 2 for row in rows)
    assert any(int(row["reported"]) > 0 for row in rows) and any(int(row["ownWords"]) > 0 for row in rows)
    # the directiemodel is criticised in their own words by the authors of 000 and 004
    assert int(by_target["directiemodel"]["ownWords"]) >= 2


def test_claims_rest_on_the_works_their_text_cites(dataset: Dataset) -> None:
    rows = run(dataset, "39-")
    assert {row["text"] for row in rows} >= {BUNDLE, PUBLIEK, MODELS}
    # "(Moore, 1995)" (003, l. 474) backs claims of the study
    assert any(slug(row["work"]) == "moore-1995" and row["year"] == "1995" for row in rows)
    assert all(row["citation"].startswith(CITO) for row in rows)


def test_each_text_lists_its_cited_works_with_year_and_reference_as_written(dataset: Dataset) -> None:
    rows = run(dataset, "40-")
    references = {(row["text"], row["reference"]) for row in rows}
    assert (PUBLIEK, "(Kuipers & Groeneveld, 2014)") in references or any(
        t == PUBLIEK and "Kuipers" in r and "Groeneveld" in r and "2014" in r for t, r in references)
    assert any(t == MODELS and "Hoorens" in r and "1998" in r for t, r in references)
    # 't Hart's essay is one resource: the text the bundle answers and the work 000 and 003 cite
    essay = [row for row in rows if slug(row["work"]) == "ambtelijk-vakmanschap-3-0"]
    assert {row["text"] for row in essay} >= {BUNDLE, NATUURLIJK, PUBLIEK}
    assert all(row["authors"] == "Paul ’t Hart" for row in essay)
    assert all("Ambtelijk Vakmanschap 3.0" in row["titles"].split(" | ") for row in essay)  # as written (001, l. 22)


def test_stated_figures_have_a_value_what_they_count_and_who_states_them(dataset: Dataset) -> None:
    rows = run(dataset, "41-")
    assert {row["text"] for row in rows} >= {BUNDLE, KOMPAS, PUBLIEK}
    assert all(row["value"] and row["counts"] and row["claimant"] for row in rows)
    # "voedselbanken (70% van de gemeenten …)" (001, l. 1257)
    assert any(float(row["value"]) == 70 and "70%" in row["quote"] for row in rows)


def test_hypotheses_come_with_their_claimant_and_the_reasons_for_and_against(dataset: Dataset) -> None:
    rows = run(dataset, "43-")
    assert {row["text"] for row in rows} >= {BUNDLE, MODELS, PUBLIEK}
    # 't Hart's argument in three steps: hypotheses about craftsmanship 1.0, 2.0 and 3.0
    assert sum(1 for row in rows if slug(row["claimant"]) == "paul-t-hart") >= 3
    assert any(int(row["reasonsFor"]) > 0 for row in rows)
    assert any(int(row["reasonsAgainst"]) > 0 for row in rows)


def test_recommendations_name_whom_they_address_where_the_text_does(dataset: Dataset) -> None:
    rows = run(dataset, "44-")
    addressees = Counter(slug(row["addressee"]) for row in rows if row["addressee"])
    # 004 asks "wat kan de rijksdienst ervan leren?" and answers to the rijksdienst
    assert any(row["text"] == MODELS and slug(row["addressee"]) == "rijksdienst" for row in rows)
    assert addressees["ambtelijk-leider"] > 0  # the compass addresses civil-service leaders
    assert any(not row["addressee"] for row in rows)  # and says so only where the text does


def test_examples_say_what_they_illustrate(dataset: Dataset) -> None:
    rows = run(dataset, "45-")
    assert rows and all(row["illustrated"] for row in rows if row["text"] != NATUURLIJK)
    # the G4 expert meeting of 10 September 2008 (004, l. 101) is an example
    assert any("10 september 2008" in (row["quote"] or "") for row in rows)


def test_mottos_are_quoted_as_written(dataset: Dataset) -> None:
    rows = run(dataset, "46-")
    quotes = {row["quote"] for row in rows}
    assert "Hoe integraler het moet, hoe minder je het ziet…." in quotes  # 004, l. 476
    assert any("Cruijff" in q for q in quotes)  # 002: "(vrij naar Johan Cruijff)", l. 339
    assert {row["text"] for row in rows} & SEED_TEXTS or len({row["text"] for row in rows}) >= 3


def test_causes_and_effects_link_concepts(dataset: Dataset) -> None:
    rows = run(dataset, "47-")
    pairs = {(slug(row["cause"]), slug(row["effect"])) for row in rows}
    assert ("secretariemodel", "sectorenmodel") in pairs and ("sectorenmodel", "directiemodel") in pairs
    assert any(int(row["reasons"]) >= 5 for row in rows)


def test_each_models_advantages_and_disadvantages_come_in_the_texts_order(dataset: Dataset) -> None:
    rows = run(dataset, "48-")
    kinds = Counter((slug(row["model"]), row["kind"].rsplit("#", 1)[-1]) for row in rows)
    assert kinds[("secretariemodel", "Disadvantage")] >= 4
    assert kinds[("sectorenmodel", "Disadvantage")] >= 10
    assert kinds[("directiemodel", "Advantage")] >= 3 and kinds[("directiemodel", "Disadvantage")] >= 5
    lines = [int(row["lineStart"]) for row in rows if slug(row["model"]) == "sectorenmodel"]
    assert lines == sorted(lines)
    assert any(row["lineStart"] == "223" and "verkokering" in row["quote"] for row in rows)  # l. 223-224


def test_works_cited_in_several_texts(dataset: Dataset) -> None:
    rows = run(dataset, "49-")
    texts = {slug(row["work"]): int(row["texts"]) for row in rows}
    # 't Hart's essay: answered by the bundle, cited by 000 ("’t Hart (2014)") and 003 ("’t Hart, 2014")
    assert texts["ambtelijk-vakmanschap-3-0"] >= 3
    assert texts["abd-2016"] >= 2  # the 2016 vision: the compass renews it, the study cites "(ABD, 2016)"


def test_a_co_authored_work_is_one_work_with_each_author(dataset: Dataset) -> None:
    rows = run(dataset, "50-")
    works = {slug(row["work"]): row for row in rows}
    assert int(works["kuipers-groeneveld-2014"]["creators"]) == 2
    assert all(int(row["creators"]) >= 2 for row in rows)


def test_reasoning_chains_reach_two_steps(dataset: Dataset) -> None:
    rows = run(dataset, "51-")
    assert len({row["text"] for row in rows}) >= 3
    assert all(row["reason"] != row["reasonOfReason"] for row in rows)


def test_the_most_argued_positions_have_many_reasons(dataset: Dataset) -> None:
    rows = run(dataset, "52-")
    assert len(rows) == 25
    assert int(rows[0]["reasonsFor"]) + int(rows[0]["reasonsAgainst"]) >= 10
    assert any(slug(row["target"]) == "directiemodel" and row["stance"] == LEI + "criticises" for row in rows)


def test_objections_name_whose_claim_they_attack(dataset: Dataset) -> None:
    rows = run(dataset, "53-")
    assert rows and all(row["objector"] for row in rows)
    # dissent in the bundle with 't Hart's reasoning
    assert any(slug(row["attackedOwner"]) == "paul-t-hart" for row in rows)


def test_reported_claims_name_claimant_and_reporter(dataset: Dataset) -> None:
    rows = run(dataset, "54-")
    pairs = {(slug(row["claimant"]), slug(row["reporter"])): int(row["claims"]) for row in rows}
    assert pairs[("paul-t-hart", "auteurs-ambtelijk-vakmanschap-reacties")] >= 10  # the editors' synthesis
    assert all(claimant != reporter for claimant, reporter in pairs)


def test_findings_support_or_attack_something(dataset: Dataset) -> None:
    rows = run(dataset, "55-")
    assert {row["text"] for row in rows} >= {BUNDLE, MODELS, PUBLIEK}
    assert sum(1 for row in rows if row["supports"] or row["attacks"]) >= len({r["finding"] for r in rows}) // 2


def test_every_text_argues_with_several_kinds_of_claim(dataset: Dataset) -> None:
    rows = run(dataset, "56-")
    kinds: dict[str, set[str]] = {}
    for row in rows:
        kinds.setdefault(row["text"], set()).add(row["kind"].rsplit("#", 1)[-1])
    assert set(kinds) >= SEED_TEXTS - {NATUURLIJK} or set(kinds) == SEED_TEXTS
    assert all(len(kinds[text]) >= 3 for text in SEED_TEXTS)


def test_cited_authors_who_also_hold_positions(dataset: Dataset) -> None:
    rows = run(dataset, "57-")
    people = {slug(row["person"]): row for row in rows}
    assert int(people["paul-t-hart"]["works"]) >= 1 and int(people["paul-t-hart"]["positions"]) > 10
    # "Volgens Hoorens (1998, p. 154) …" (004, l. 376): a reported view of a cited author
    assert int(people["hoorens"]["reportedPositions"]) >= 1


def test_agreement_and_disagreement_with_cited_works(dataset: Dataset) -> None:
    rows = run(dataset, "59-")
    verdicts = Counter(row["verdict"] for row in rows)
    assert verdicts["eens"] > 0
    assert any(slug(row["work"]) == "ambtelijk-vakmanschap-3-0" for row in rows)
    assert all(row["citation"].startswith(CITO) for row in rows)


def test_every_new_query_is_answered_by_the_real_build(dataset: Dataset) -> None:
    for stem in ("37-", "39-", "40-", "41-", "43-", "44-", "45-", "46-", "47-", "48-", "49-", "50-", "51-", "52-",
                 "53-", "54-", "55-", "56-", "57-", "59-"):
        assert run(dataset, stem), stem
    assert ID and KOMPAS


def test_the_reasons_for_rejecting_the_directorate_model_follow_typed_links(dataset: Dataset) -> None:
    rows = run(dataset, "38-")
    reasons = {row["reason"] for row in rows}
    assert len(reasons) >= 15
    # "Doordat binnen het directiemodel de nadruk wordt gelegd op integraliteit, control, consensus en sturing
    # wordt een directieve stijl van leidinggeven gestimuleerd." (000, l. 914-916)
    assert any(row["lineStart"] == "914" and row["quote"].startswith("Doordat binnen het directiemodel")
               for row in rows)
    assert {slug(row["position"]) for row in rows} == {
        "natuurlijk-leiderschap--auteurs-natuurlijk-leiderschap--criticises--directiemodel"}


def test_the_afterword_answers_named_respondents_and_says_how(dataset: Dataset) -> None:
    rows = run(dataset, "42-")
    how = {(slug(row["respondent"]), row["how"].rsplit("#", 1)[-1]) for row in rows}
    # "Ik hoef geen schaap met vijf poten" (Van Enthoven) is nuanced; Boutellier's improvisation society supported
    assert ("guido-van-enthoven", "nuances") in how and ("guido-van-enthoven", "reasonAgainst") in how
    assert ("hans-boutellier", "supports") in how
    assert all(slug(row["respondent"]) != "paul-t-hart" for row in rows)


def test_claims_about_servant_leadership_across_texts(dataset: Dataset) -> None:
    rows = run(dataset, "58-")
    assert {row["text"] for row in rows} >= {NATUURLIJK}
    assert len({row["claim"] for row in rows}) >= 8
    assert any(row["supports"] for row in rows)
