"""The ``leidraad`` command: help for everything, one-line errors, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from leidraad.cli import main

SUBCOMMANDS = ["build", "validate", "check", "new-text", "suggest", "query", "serve"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "leidraad.cli", *args], capture_output=True, text=True, timeout=300,
                          env=env)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: leidraad " + command in capsys.readouterr().out


def test_unknown_subcommand_is_a_usage_error() -> None:
    done = run("frobnicate")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr
    assert "Traceback" not in done.stderr


def test_malformed_query_is_one_line_without_traceback(session_build) -> None:
    built, _ = session_build
    env = {"LEIDRAAD_DIST": str(built.dist), "PATH": "/usr/bin:/bin"}
    done = run("query", "SELECT WHERE {", env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("leidraad: malformed query:")
    assert "Traceback" not in done.stderr


def test_query_prints_a_table(session_build) -> None:
    built, _ = session_build
    env = {"LEIDRAAD_DIST": str(built.dist), "PATH": "/usr/bin:/bin"}
    done = run("query", "SELECT ?genre WHERE { ?genre a lei:Genre } ORDER BY ?genre", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].strip() == "genre"
    assert "genre:essay" in done.stdout
    assert lines[-1].startswith("(") and "rows" in lines[-1]


def test_query_without_a_build_says_so(tmp_path) -> None:
    env = {"LEIDRAAD_DIST": str(tmp_path / "nothing"), "PATH": "/usr/bin:/bin"}
    done = run("query", "ASK {}", env=env)
    assert done.returncode == 1
    assert "run 'leidraad build' first" in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_reports_a_broken_copy_and_exits_non_zero(small_source_copy) -> None:
    data = small_source_copy.data / "hostile.ttl"
    text = data.read_text(encoding="utf-8")
    assert '"bundel"@nl , "bundle"@en' in text
    data.write_text(text.replace('"bundel"@nl , "bundle"@en', '"bundel"@nl'), encoding="utf-8")
    env = {"LEIDRAAD_ROOT": str(small_source_copy.root), "LEIDRAAD_SEEDS": str(small_source_copy.seeds),
           "PATH": "/usr/bin:/bin"}
    done = run("validate", "--lang", "nl", "--quiet", env=env)
    assert done.returncode == 1
    assert "genre:bundle" in done.stdout
    assert "Engelse voorkeursnaam" in done.stdout


def _tree_digest(folder) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def test_build_in_a_copied_project_builds_that_copy_and_leaves_the_checkout_alone(small_source_copy, sources) -> None:
    copy = small_source_copy.root  # a project of its own: ontology, shapes, data, and the example queries
    shutil.copytree(sources.root / "queries", copy / "queries")
    (copy / "data" / "nested").mkdir()
    checkout_dist = _tree_digest(sources.root / "dist")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")}
    command = [sys.executable, "-m", "leidraad.cli", "build", "-q", "--seeds", str(small_source_copy.seeds)]
    done = subprocess.run(command, cwd=copy / "data" / "nested", capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert (copy / "dist" / "manifest.json").exists() and (copy / "dist" / "leidraad.nq").exists()
    assert str(copy / "dist") in done.stdout
    assert _tree_digest(sources.root / "dist") == checkout_dist


def test_outside_any_project_the_command_says_so_and_exits_2(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")}
    done = subprocess.run([sys.executable, "-m", "leidraad.cli", "validate"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 2
    assert "not inside a Leidraad project" in done.stderr and "--root" in done.stderr
    assert "Traceback" not in done.stderr


def test_root_option_names_the_project(tmp_path, session_build) -> None:
    built, _ = session_build
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")} | {"LEIDRAAD_DIST": str(built.dist)}
    done = subprocess.run([sys.executable, "-m", "leidraad.cli", "query", "--root", str(built.root),
                           "ASK { ?s a lei:SourceText }"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "true"


def test_a_query_without_prefix_lines_answers_the_same_from_the_cli_and_the_endpoint(session_build) -> None:
    """The standard prefixes are predefined in both: ``lei:`` and ``rdfs:`` need no PREFIX line."""
    from leidraad.http.app import create_app

    built, _ = session_build
    query = "SELECT ?text ?title WHERE { ?text a lei:SourceText ; dcterms:title ?title } ORDER BY ?text ?title"
    env = {"LEIDRAAD_DIST": str(built.dist), "PATH": "/usr/bin:/bin"}
    done = run("query", "--format", "csv", query, env=env)
    assert done.returncode == 0, done.stderr
    app = create_app(built.dist, config={"SPARQL_EXECUTOR": "inline", "QUERIES_DIR": str(built.root / "queries")})
    response = app.test_client().get("/sparql", query_string={"query": query, "format": "csv"})
    assert response.status_code == 200, response.get_data(as_text=True)
    endpoint_rows = [line.split(",")[0] for line in response.get_data(as_text=True).splitlines()[1:]]
    cli_rows = [line.split(",")[0] for line in done.stdout.splitlines()[1:]]
    assert cli_rows and cli_rows == endpoint_rows
