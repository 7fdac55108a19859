"""How a worksheet is declared: sections of fields, each with its prompt and help.

A declaration is plain frozen data. The build renders the HTML form and the blank
templates from it; the browser reads and writes answers by its field ids; the tests
walk it. Declaring a worksheet twice (in JS or Markdown) is what this module prevents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: The kinds of field a worksheet can ask for, and what each holds as an answer (always a str).
#: line: one line of text · text: free text over several lines · date: ISO date "YYYY-MM-DD"
#: choice: one option's value · scale: "1".."5"
FIELD_KINDS = ("line", "text", "date", "choice", "scale")

#: The longest answer each kind accepts, so an imported file cannot smuggle in megabytes.
MAX_LENGTH = {"line": 200, "text": 5000, "date": 10, "choice": 64, "scale": 1}

_ID = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


@dataclass(frozen=True)
class Option:
    """One answer a `choice` field offers: the stored value and the words shown."""

    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """One question of a worksheet."""

    id: str
    label: str
    kind: str = "text"
    help: str = ""
    placeholder: str = ""
    options: tuple[Option, ...] = ()
    #: Lines of writing room a blank printed template leaves for this field.
    lines: int = 3

    @property
    def max_length(self) -> int:
        return MAX_LENGTH[self.kind]


@dataclass(frozen=True)
class Section:
    """A group of fields under one heading, printed together."""

    id: str
    title: str
    fields: tuple[Field, ...]
    intro: str = ""


@dataclass(frozen=True)
class Worksheet:
    """A whole worksheet: what it is for and the sections it asks the couple to fill in."""

    id: str
    title: str
    version: int
    summary: str
    sections: tuple[Section, ...]
    #: Title of the filled document (the Markdown export and the preview).
    document_title: str = ""
    intro: str = ""
    #: Lines under the title of the filled document, as "{field_id}" templates.
    byline: tuple[str, ...] = ()
    #: A closing note printed after the last section of the filled document.
    closing: str = ""

    def fields(self) -> Iterator[Field]:
        for section in self.sections:
            yield from section.fields

    def field(self, field_id: str) -> Field:
        for candidate in self.fields():
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)

    def empty_answers(self) -> dict[str, str]:
        return {f.id: "" for f in self.fields()}


class DeclarationError(ValueError):
    """A worksheet declaration is inconsistent; the build stops on it."""


def validate(worksheet: Worksheet) -> None:
    """Raise DeclarationError on anything a form, export or import could trip over."""
    problems: list[str] = []
    if not _ID.match(worksheet.id):
        problems.append(f"worksheet id {worksheet.id!r} is not a lowercase identifier")
    if worksheet.version < 1:
        problems.append("version must be 1 or more")
    if not worksheet.title.strip() or not worksheet.summary.strip():
        problems.append("title and summary must not be empty")
    if not worksheet.sections:
        problems.append("a worksheet needs at least one section")
    seen_fields: set[str] = set()
    seen_sections: set[str] = set()
    for section in worksheet.sections:
        if not _ID.match(section.id) or section.id in seen_sections:
            problems.append(f"section id {section.id!r} is invalid or repeated")
        seen_sections.add(section.id)
        if not section.fields:
            problems.append(f"section {section.id!r} has no fields")
        for item in section.fields:
            where = f"{section.id}.{item.id}"
            if not _ID.match(item.id) or item.id in seen_fields:
                problems.append(f"field id {where!r} is invalid or repeated")
            seen_fields.add(item.id)
            if item.kind not in FIELD_KINDS:
                problems.append(f"field {where!r} has unknown kind {item.kind!r}")
            if not item.label.strip():
                problems.append(f"field {where!r} has no label")
            if item.kind == "choice":
                values = [o.value for o in item.options]
                if len(values) < 2 or len(set(values)) != len(values) or "" in values:
                    problems.append(
                        f"choice {where!r} needs two or more distinct, non-empty options"
                    )
            elif item.options:
                problems.append(f"field {where!r} of kind {item.kind!r} cannot have options")
    for line in worksheet.byline:
        for name in re.findall(r"{(\w+)}", line):
            if name not in seen_fields:
                problems.append(f"byline names unknown field {name!r}")
    if problems:
        raise DeclarationError(f"worksheet {worksheet.id!r}: " + "; ".join(problems))
