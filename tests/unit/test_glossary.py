"""The glossary: loading and checking the YAML, the tooltip lines, the Glossary page's list."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from site_build import glossary

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "site_src" / "content" / "glossary.yml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path):
    """Three terms: a plain one, one with extra forms, one with tooltips switched off."""
    return glossary.load(
        _write(
            tmp_path,
            """
- term: Pause signal
  forms: [pause signal, Pause signal]
  definition: A word agreed in advance
    that stops things at once.
- term: ENM
  definition: Ethical non-monogamy [open, agreed].
- term: Consent
  tooltip: false
  definition: A freely given yes.
""",
        )
    )


# -- The real file ---------------------------------------------------------------------------


def test_real_glossary_loads_sorted_with_one_paragraph_definitions():
    terms = glossary.load(REAL)
    names = [t.term for t in terms]
    assert names == sorted(names, key=str.lower)
    assert len(names) == len({n.lower() for n in names})
    for term in terms:
        assert "\n" not in term.definition
        assert "  " not in term.definition
        assert term.definition.endswith("."), term.term


def test_real_glossary_switches_tooltips_off_only_where_chosen():
    by_name = {t.term: t for t in glossary.load(REAL)}
    assert by_name["Consent"].forms == ()
    assert by_name["Boundaries"].forms == ()
    assert "ENM" in by_name["ENM"].forms
    assert "pause signal" in by_name["Pause signal"].forms


def test_real_glossary_renders_tooltips_in_a_page():
    terms = glossary.load(REAL)
    page = f"We agreed a pause signal before trying ENM.\n\n{glossary.abbreviations(terms)}\n"
    html = markdown.markdown(page, extensions=["abbr"])
    assert re.search(r'<abbr title="[^"]+">pause signal</abbr>', html)
    assert re.search(r'<abbr title="Ethical non-monogamy[^"]*">ENM</abbr>', html)


# -- load() ----------------------------------------------------------------------------------


def test_load_sorts_collapses_whitespace_and_defaults_forms(small):
    assert [t.term for t in small] == ["Consent", "ENM", "Pause signal"]
    by_name = {t.term: t for t in small}
    assert (
        by_name["Pause signal"].definition == "A word agreed in advance that stops things at once."
    )
    assert by_name["ENM"].forms == ("ENM",)
    assert by_name["Pause signal"].forms == ("pause signal", "Pause signal")
    assert by_name["Consent"].forms == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- term: Debrief\n  definition: One.\n- term: debrief\n  definition: Two.\n",
            "defined twice",
        ),
        ("- term: Debrief\n", "needs a term and a definition"),
        ("- term: Debrief\n  definition: ''\n", "needs a term and a definition"),
        ("- definition: Orphan.\n", "needs a term and a definition"),
        ("- term: 42\n  definition: Not a string term.\n", "needs a term and a definition"),
        ("- term: Debrief\n  definition: Talk.\n  colour: red\n", "must have term, definition"),
        ("- just a string\n", "must have term, definition"),
        ("term: Debrief\ndefinition: Not in a list.\n", "expected a list of terms"),
        ("[]\n", "expected a list of terms"),
        ("", "expected a list of terms"),
    ],
    ids=[
        "duplicate-term",
        "missing-definition",
        "empty-definition",
        "missing-term",
        "non-string-term",
        "unknown-key",
        "entry-not-a-mapping",
        "not-a-list",
        "empty-list",
        "empty-file",
    ],
)
def test_load_refuses_a_malformed_file(tmp_path, text, message):
    with pytest.raises(glossary.GlossaryError, match=message):
        glossary.load(_write(tmp_path, text))


def test_error_names_the_entry_number(tmp_path):
    text = "- term: A\n  definition: Fine.\n- term: B\n"
    with pytest.raises(glossary.GlossaryError, match="entry 2 "):
        glossary.load(_write(tmp_path, text))


# -- abbreviations() -------------------------------------------------------------------------


def test_abbreviations_has_one_line_per_form(small):
    lines = glossary.abbreviations(small).splitlines()
    assert lines[1:] == [
        "*[pause signal]: A word agreed in advance that stops things at once.",
        "*[Pause signal]: A word agreed in advance that stops things at once.",
    ]
    assert lines[0].startswith("*[ENM]: Ethical non-monogamy ")
    # A closing bracket in a definition must not end up in the abbreviation's title.
    assert "]" not in lines[0].removeprefix("*[ENM]")


def test_abbreviations_of_the_real_file_cover_every_form():
    terms = glossary.load(REAL)
    lines = glossary.abbreviations(terms).splitlines()
    assert len(lines) == sum(len(t.forms) for t in terms)
    for line in lines:
        assert re.fullmatch(r"\*\[[^\]]+\]: [^\n]+", line), line


# -- definition_list() -----------------------------------------------------------------------


def test_definition_list_has_an_anchor_and_definition_per_term(small):
    blocks = glossary.definition_list(small).split("\n\n")
    assert blocks == [
        "Consent { #consent }\n:   A freely given yes.",
        "ENM { #enm }\n:   Ethical non-monogamy [open, agreed].",
        "Pause signal { #pause-signal }\n:   A word agreed in advance that stops things at once.",
    ]


def test_definition_list_anchor_replaces_slashes_and_spaces(tmp_path):
    terms = glossary.load(_write(tmp_path, "- term: Debrief / Check-in\n  definition: Talk.\n"))
    assert glossary.definition_list(terms).startswith("Debrief / Check-in { #debrief-check-in }")


def test_definition_list_renders_as_html_with_ids(small):
    html = markdown.markdown(glossary.definition_list(small), extensions=["def_list", "attr_list"])
    assert '<dt id="pause-signal">Pause signal</dt>' in html
    assert html.count("<dd>") == 3


# -- abbreviations() in a page (markers.prepare_page appends them to every page) -------------


def test_abbreviations_give_tooltips_only_to_listed_forms(small):
    html = markdown.markdown(
        f"Consent first, then a Pause signal, then ENM.\n\n{glossary.abbreviations(small)}\n",
        extensions=["abbr"],
    )
    assert html.startswith("<p>Consent first"), "a term with tooltips off gets none"
    assert re.search(r'<abbr title="A word agreed[^"]*">Pause signal</abbr>', html)
    assert re.search(r'<abbr title="Ethical non-monogamy[^"]*">ENM</abbr>', html)
    assert html.count("<abbr") == 2
