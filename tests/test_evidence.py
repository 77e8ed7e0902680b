"""Every quote stands in its seed file, at about the lines it claims."""

from __future__ import annotations

import pytest
from leidraad.pipeline.evidence import check_graph, normalise, quote_in_lines

LINES = (
    "Bij veel gemeenten hebben verschil-",
    "lende organisatiemodellen elkaar opgevolgd: het",
    "politiek-",
    "ambtelijk samenspel en de ‘eerste overheid’.",
)


def test_normalise_folds_white_space_and_line_breaks() -> None:
    assert normalise("  een\n  twee\tdrie ") == "een twee drie"


@pytest.mark.parametrize("quote", [
    "verschillende organisatiemodellen elkaar opgevolgd",   # line-end hyphenation joined
    "politiek-ambtelijk samenspel",                         # a real hyphen kept
    "de ‘eerste overheid’",
])
def test_quote_is_found_across_line_breaks(quote: str) -> None:
    assert quote_in_lines(LINES, quote, 1, 4)


@pytest.mark.parametrize("quote", [
    "verschillende organisatiemodellen elkaar hebben opgevolgd",  # a word added
    "de 'eerste overheid'",                                       # straight quotes are not the text's
    "Bij veel Gemeenten",                                         # case matters
])
def test_altered_quote_is_not_found(quote: str) -> None:
    assert not quote_in_lines(LINES, quote, 1, 4)


def test_quote_far_from_its_lines_is_not_found() -> None:
    lines = LINES + tuple(f"regel {i}" for i in range(20)) + ("een verre zin",)
    assert quote_in_lines(lines, "een verre zin", len(lines), len(lines))
    assert not quote_in_lines(lines, "een verre zin", 1, 2)


def test_every_quote_in_the_data_is_in_its_seed_file(asserted, seeds) -> None:
    checked, problems = check_graph(asserted, seeds)
    assert checked > 0
    assert not problems, "\n".join(str(p) for p in problems[:40])
