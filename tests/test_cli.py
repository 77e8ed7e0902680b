"""The ``leidraad`` command: help for everything, one-line errors, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from server.cli import main

SUBCOMMANDS = ["build", "validate", "query", "serve"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server.cli", *args], capture_output=True, text=True, timeout=300,
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


def test_validate_reports_a_broken_copy_and_exits_non_zero(small_source_copy, seeds) -> None:
    shared = small_source_copy.data / "shared.ttl"
    shared.write_text(shared.read_text(encoding="utf-8").replace('"bundel"@nl , "bundle"@en', '"bundel"@nl'),
                      encoding="utf-8")
    env = {"LEIDRAAD_ROOT": str(small_source_copy.root), "LEIDRAAD_SEEDS": str(seeds), "PATH": "/usr/bin:/bin"}
    done = run("validate", "--lang", "nl", "--quiet", env=env)
    assert done.returncode == 1
    assert "genre:bundle" in done.stdout
    assert "Engelse voorkeursnaam" in done.stdout
