"""Positions as the texts argue them: one target each, whose view and who reports it, contrasts linked."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

LEI = "https://w3id.org/leidraad/def#"


@pytest.fixture(scope="module")
def store(real_dist) -> ox.Store:
    found = ox.Store()
    found.bulk_load(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)
    return found


def _count(store: ox.Store, where: str) -> int:
    query = f"PREFIX lei: <{LEI}> SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH ?g {{ {where} }} }}"
    return int(next(iter(store.query(query)))["n"].value)


def test_no_position_has_two_targets_or_two_holders(store) -> None:
    assert _count(store, "?p a lei:Position ; lei:about ?a , ?b FILTER(?a != ?b)") == 0
    assert _count(store, "?p a lei:Position ; lei:heldBy ?a , ?b FILTER(?a != ?b)") == 0
    assert _count(store, "?p a lei:Position") > 500


def test_reported_views_name_a_reporter_other_than_the_holder_and_where(store) -> None:
    reported = _count(store, "?p a lei:Position ; lei:reportedBy ?r ; lei:reportedIn ?t ; "
                             "lei:heldBy ?h FILTER(?r != ?h)")
    assert reported > 50
    assert reported == _count(store, "?p a lei:Position ; lei:reportedBy ?r")


def test_contrasting_positions_are_linked_both_ways(store) -> None:
    one_way = _count(store, "?p lei:contrastsWith ?q FILTER NOT EXISTS { ?q lei:contrastsWith ?p }")
    assert one_way == 0 and _count(store, "?p lei:contrastsWith ?q") > 10


def test_a_person_page_says_who_reports_their_views(real_app) -> None:
    html = real_app.test_client().get("/doc/person/aardema?lang=en").get_data(as_text=True)
    assert "reported by" in html
