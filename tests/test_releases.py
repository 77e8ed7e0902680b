"""Published IRIs never break: every IRI of v0.1.0 still exists or redirects to what replaced it.

``data/releases/v0.1.0.iris`` lists every IRI under the base that the first
release (the build of commit e6abc11) published; ``successors.tsv`` says what
replaced the ones that are gone.  Positions are named from what they are.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "data" / "releases"
BASE = "https://w3id.org/leidraad/"
LEI = BASE + "def#"


@pytest.fixture(scope="module")
def live(real_dist: Path) -> set[str]:
    found: set[str] = set()
    for quad in ox.parse(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS):
        found.update(t.value for t in (quad.subject, quad.object, quad.graph_name) if isinstance(t, ox.NamedNode))
    return found


@pytest.fixture(scope="module")
def successors(real_dist: Path) -> dict[str, list[str]]:
    return json.loads((real_dist / "successors.json").read_text(encoding="utf-8"))


def test_every_iri_of_v0_1_0_still_exists_or_has_live_successors(live, successors) -> None:
    published = (RELEASES / "v0.1.0.iris").read_text(encoding="utf-8").split()
    assert len(published) > 6000
    broken = [iri for iri in published if iri not in live and not successors.get(iri)]
    assert broken == []
    assert all(new in live for news in successors.values() for new in news)


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def test_every_position_is_named_from_its_text_holder_stance_and_target(real_dist) -> None:
    store = ox.Store()
    store.bulk_load(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)
    rows = store.query(f"""SELECT ?p ?text ?holder ?stance ?target ?summary WHERE {{ GRAPH ?g {{
        ?p a <{LEI}Position> ; <{LEI}statedIn> ?text ; <{LEI}heldBy> ?holder ; <{LEI}stance> ?stance ;
           <{LEI}about> ?target ; <{LEI}summary> ?summary FILTER(LANG(?summary) = "nl") }} }}""")
    wrong = []
    for row in rows:
        base = BASE + "id/position/" + "--".join(_local(row[k].value) for k in ("text", "holder", "stance", "target"))
        hashed = base + "--" + hashlib.sha256(row["summary"].value.encode()).hexdigest()[:6]
        if row["p"].value not in (base, hashed):
            wrong.append(row["p"].value)
    assert wrong == []


def test_a_retired_position_redirects_to_its_successor_or_offers_its_parts(real_app, successors) -> None:
    client = real_app.test_client()
    one = next(old for old, new in sorted(successors.items()) if len(new) == 1)
    several = next(old for old, new in sorted(successors.items()) if len(new) > 1)
    moved = client.get(one[len(BASE) - 1:])
    assert moved.status_code == 301 and moved.headers["Location"] == "/doc/" + successors[one][0][len(BASE) + 3:]
    split = client.get(several[len(BASE) - 1:], headers={"Accept": "text/html"})
    assert split.status_code == 300
    page = split.get_data(as_text=True)
    assert all(new in page for new in successors[several])
    listed = client.get(several[len(BASE) - 1:].replace("/id/", "/doc/"), headers={"Accept": "text/turtle"})
    assert listed.status_code == 300 and listed.mimetype == "text/uri-list"
    assert listed.get_data(as_text=True).split() == successors[several]


def _path(iri: str) -> str:
    return "/" + iri[len(BASE):].split("#", 1)[0]


@pytest.mark.parametrize("accept", ["text/html", "text/turtle"])
def test_every_iri_of_v0_1_0_dereferences_and_none_is_a_404(real_app, accept) -> None:
    client = real_app.test_client()
    published = sorted({_path(iri) for iri in (RELEASES / "v0.1.0.iris").read_text(encoding="utf-8").split()})
    answers: dict[int, int] = {}
    failing = []
    for path in published:
        status = client.get(path, headers={"Accept": accept}).status_code
        answers[status] = answers.get(status, 0) + 1
        if status not in (200, 300, 301, 303, 410):
            failing.append((path, status))
    assert failing == []
    assert answers.get(303, 0) > 5000 and answers.get(301, 0) + answers.get(300, 0) > 100


def test_home_resource_pages_and_downloads_say_how_to_cite_with_the_version(real_app) -> None:
    client = real_app.test_client()
    version = real_app.extensions["leidraad"].version
    home = client.get("/?lang=en").get_data(as_text=True)
    assert "How to cite this" in home and f"version {version}" in home and "@misc{leidraad-" in home
    page = client.get("/doc/person/paul-t-hart?lang=nl").get_data(as_text=True)
    assert "Zo citeert u dit" in page and BASE + "id/person/paul-t-hart" in page and f"versie {version}" in page
    downloads = client.get("/dumps/").get_json()
    assert version in downloads["citation"]["text"] and downloads["citation"]["bibtex"].startswith("@misc{")


def test_the_citation_file_names_the_version_the_project_builds() -> None:
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert citation.count(f'version: "{version}"') == 2  # the dataset and the software


def test_an_iri_retired_without_successor_answers_410_with_why_and_its_last_release(tmp_path) -> None:
    from leidraad.http.app import create_app
    from pages_support import FIXTURE, write_fixture_dist

    dist = write_fixture_dist(tmp_path / "dist", FIXTURE.read_text(encoding="utf-8"), "pages")
    gone = BASE + "id/position/nothing-like-it"
    (dist / "successors.json").write_text(json.dumps({gone: []}), encoding="utf-8")
    (dist / "retired.json").write_text(json.dumps({gone: {"why": "a citation, not a stance", "last_release": "0.1.0"}}),
                                       encoding="utf-8")
    app = create_app(dist=dist)
    try:
        client = app.test_client()
        for path in ("/id/position/nothing-like-it", "/doc/position/nothing-like-it"):
            page = client.get(path, headers={"Accept": "text/html"})
            assert page.status_code == 410
            body = page.get_data(as_text=True)
            assert "a citation, not a stance" in body and "v0.1.0" in body
        plain = client.get("/doc/position/nothing-like-it.ttl")
        assert plain.status_code == 410 and plain.mimetype == "text/plain"
        assert "retired without a successor after release 0.1.0" in plain.get_data(as_text=True)
    finally:
        app.extensions["leidraad.sparql"].executor.close()


def test_the_successor_table_reads_gone_lines_and_refuses_one_without_a_reason(tmp_path) -> None:
    from leidraad.pipeline import successors

    table = tmp_path / "successors.tsv"
    table.write_text(f"{BASE}id/a\t{BASE}id/b\n{BASE}id/c\t-\tno longer in the text\n", encoding="utf-8")
    assert successors.read(table) == {f"{BASE}id/a": [f"{BASE}id/b"], f"{BASE}id/c": []}
    assert successors.read_gone(table) == {f"{BASE}id/c": "no longer in the text"}
    table.write_text(f"{BASE}id/c\t-\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs a reason"):
        successors.read(table)


def test_the_build_lists_what_changed_since_the_previous_release(real_dist: Path) -> None:
    change = json.loads((real_dist / "changes.json").read_text(encoding="utf-8"))
    assert change["version"] == "0.2.0" and change["previous"] == "0.1.0"
    assert any("/id/claim/" in iri for iri in change["added"])  # claims are new in 0.2.0
    assert change["moved"][BASE + "id/person/weber"] == BASE + "id/person/max-weber"  # merged
    assert any(len(parts) > 1 for parts in change["split"].values())  # multi-target positions split
    published = set((RELEASES / "v0.1.0.iris").read_text(encoding="utf-8").split())
    assert not set(change["added"]) & published
    assert set(change["changed"]) <= published


def test_the_changes_page_and_the_changed_in_note(real_app, real_dist: Path) -> None:
    change = json.loads((real_dist / "changes.json").read_text(encoding="utf-8"))
    client = real_app.test_client()
    page = client.get("/changes?lang=en").get_data(as_text=True)
    assert "since release 0.1.0" in page and "claims" in page
    assert BASE + "id/person/weber" in page
    added = next(iri for iri in change["added"] if "/id/claim/" in iri)
    assert "New in" in client.get(_path(added).replace("/id/", "/doc/") + "?lang=en").get_data(as_text=True)
    changed = _path(change["changed"][0]).replace("/id/", "/doc/")
    assert "Gewijzigd in" in client.get(changed + "?lang=nl").get_data(as_text=True)
