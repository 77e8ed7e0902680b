"""``leidraad diff``: what changed between two builds, kind by kind, and per resource."""

from __future__ import annotations

import json

from leidraad.cli import main
from leidraad.pipeline.diff import compare
from pages_support import write_nquads_dist

P = "https://w3id.org/leidraad/id/position/"
C = "https://w3id.org/leidraad/id/concept/"
G = "<https://w3id.org/leidraad/graph/t>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ABOUT = "<https://w3id.org/leidraad/def#about>"


def _builds(tmp_path):
    old = write_nquads_dist(tmp_path / "old", "\n".join([
        f'<{P}two> {ABOUT} <{C}a> {G} .', f'<{P}two> {ABOUT} <{C}b> {G} .',
        f'<{P}renamed> {LABEL} "r" {G} .', f'<{P}gone> {LABEL} "g" {G} .', f'<{C}a> {LABEL} "A" {G} .',
    ]).encode() + b"\n", version="0.1.0")
    new = write_nquads_dist(tmp_path / "new", "\n".join([
        f'<{P}two--a> {ABOUT} <{C}a> {G} .', f'<{P}two--b> {ABOUT} <{C}b> {G} .',
        f'<{P}new-name> {LABEL} "r" {G} .', f'<{C}a> {LABEL} "A, now with more"@en {G} .', f'<{C}c> {LABEL} "C" {G} .',
    ]).encode() + b"\n", version="0.2.0")
    (new / "successors.json").write_text(json.dumps({P + "two": [P + "two--a", P + "two--b"],
                                                     P + "renamed": [P + "new-name"]}))
    return old, new


def test_diff_tells_added_moved_split_and_retired_resources_apart(tmp_path) -> None:
    change = compare(*_builds(tmp_path))
    assert (change.old_version, change.new_version) == ("0.1.0", "0.2.0")
    assert change.split["position"] == {P + "two": [P + "two--a", P + "two--b"]}
    assert change.moved["position"] == {P + "renamed": P + "new-name"}
    assert change.retired["position"] == [P + "gone"]
    assert set(change.added["position"]) == {P + "two--a", P + "two--b", P + "new-name"}
    assert change.added["concept"] == [C + "c"]
    assert change.changed[C + "a"] == {"added": 1, "removed": 1}


def test_the_command_prints_text_and_json(tmp_path, capsys) -> None:
    old, new = _builds(tmp_path)
    assert main(["diff", str(old), str(new)]) == 0
    text = capsys.readouterr().out
    assert "0.1.0 → 0.2.0" in text and "split (position):" in text
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["retired"] == {"position": [P + "gone"]}
    assert main(["diff", str(tmp_path / "nothing"), str(new)]) == 1
