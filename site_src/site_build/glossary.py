"""One glossary, two uses: the Glossary page, and a hover definition wherever a term appears.

The terms live in `site_src/content/glossary.yml`. Each page's Markdown gets Python-Markdown
abbreviation lines (`*[term]: definition`) appended, so Material shows the definition as a
tooltip; the page holding `<!-- glossary -->` gets the full list as a definition list (both
put in by `markers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml


class GlossaryError(ValueError):
    """The glossary file is malformed; the build stops on it."""


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    #: Exact spellings that get the hover definition; empty for terms too common to underline.
    forms: tuple[str, ...]


def load(path: Path) -> list[Term]:
    """Read and check the glossary file: every entry needs a term and a one-paragraph definition."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list) or not entries:
        raise GlossaryError(f"{path}: expected a list of terms")
    terms: list[Term] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or set(entry) - {"term", "definition", "tooltip", "forms"}:
            raise GlossaryError(
                f"{path}: entry {number} must have term, definition, and optionally tooltip/forms"
            )
        term, definition = entry.get("term"), entry.get("definition")
        if (
            not isinstance(term, str)
            or not isinstance(definition, str)
            or not term
            or not definition
        ):
            raise GlossaryError(f"{path}: entry {number} needs a term and a definition")
        definition = " ".join(definition.split())
        if term.lower() in seen:
            raise GlossaryError(f"{path}: {term!r} is defined twice")
        seen.add(term.lower())
        forms = tuple(entry.get("forms") or [term]) if entry.get("tooltip", True) else ()
        terms.append(Term(term, definition, forms))
    return sorted(terms, key=lambda t: t.term.lower())


def abbreviations(terms: Sequence[Term]) -> str:
    """Python-Markdown abbreviation definitions for every form of every term."""
    lines = [
        f"*[{form}]: {term.definition.replace(']', ')')}" for term in terms for form in term.forms
    ]
    return "\n".join(lines)


def definition_list(terms: Sequence[Term]) -> str:
    """The Glossary page's body, as a Markdown definition list with an anchor per term."""
    blocks = []
    for term in terms:
        anchor = "-".join(term.term.lower().replace("/", " ").split())
        blocks.append(f"{term.term} {{ #{anchor} }}\n:   {term.definition}")
    return "\n\n".join(blocks)
