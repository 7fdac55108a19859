"""The blank templates: every prompt on paper, the right paper size, nothing fetched, escaped."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

import worksheets
from site_build import templates
from worksheets import render
from worksheets.schema import ROLE_NAMES, ROLES, Field, Option, Section, Worksheet, replace

#: Page size in points, by paper: (width, height).
SIZES = {"a4": (595, 842), "letter": (612, 792)}
HOSTILE = '<script>alert("x")</script> & <img src="http://example.invalid/x.png">'

#: Every kind of field, and a hostile string in each place a declaration puts words.
DEMO = Worksheet(
    id="demo",
    title=f"Demo {HOSTILE}",
    version=1,
    summary=f"Summary {HOSTILE}",
    intro=f"Intro {HOSTILE}",
    closing=f"Closing {HOSTILE}",
    sections=(
        Section(
            id="all",
            title=f"Section {HOSTILE}",
            intro=f"Section intro {HOSTILE}",
            fields=(
                Field("words", f"Label {HOSTILE}", kind="line", lines=2, help=f"Help {HOSTILE}"),
                Field("story", "A long answer", lines=5),
                Field("when", "A date", kind="date", lines=1),
                Field(
                    "pick",
                    "Pick one",
                    kind="choice",
                    options=(
                        Option("a", f"Option {HOSTILE}"),
                        Option("b", "Other option"),
                        Option("c", "A long option that goes on " * 8 + "U" * 120),
                    ),
                ),
                Field("rate", "Rate it", kind="scale", scale_labels=("Not at all", "Completely")),
                Field("agree", "Tick to agree", kind="check", private=True),
                Field("split", "Who does the dishes", kind="share"),
                Field("later", "A kind added later", kind="mystery", lines=4),
            ),
        ),
    ),
)

#: Sections answered apart, each way a template lays them out: short closed questions side by
#: side, longer ones a block per partner, and one that held only the role (its intro stays).
ROLE = Field(
    "who",
    "You are",
    kind="choice",
    options=tuple(Option(role, name) for role, name in ROLE_NAMES.items()),
    help="Who answers this copy.",
)
DEMO_APART = Worksheet(
    id="demo_apart",
    title="Demo answered apart",
    version=1,
    summary="Some sections answered apart, some together.",
    role="who",
    identity=("who",),
    sections=(
        Section(
            id="about", title="Who answers", intro="Each of you alone.", fields=(ROLE,), apart=True
        ),
        Section(
            id="short",
            title="Short questions",
            fields=(
                Field("rate", "Rate it", kind="scale", scale_labels=("Low", "High")),
                Field("word", "One word", kind="line", lines=1),
            ),
            apart=True,
        ),
        Section(
            id="long",
            title="Longer answers",
            fields=(
                Field("story", "Tell it", lines=4),
                Field("split", "Who does the dishes", kind="share"),
            ),
            apart=True,
        ),
        Section(id="together", title="Written together", fields=(Field("plan", "Our plan"),)),
    ),
)

ALL = [*worksheets.catalogue().values(), DEMO, DEMO_APART]


def _flat(text: str) -> str:
    """Text without whitespace: where a line wraps (even inside a long URL) does not matter."""
    return "".join(text.split())


def _printed(worksheet: Worksheet) -> list[Field]:
    """The fields a template prints: all but the role, which the partners' headings replace."""
    return [f for f in worksheet.fields() if f.id != worksheet.role]


def _printed_sections(worksheet: Worksheet) -> list[Section]:
    """The sections a template prints: all but one that held only the role and says nothing."""
    return [
        s for s in worksheet.sections if s.intro or any(f.id != worksheet.role for f in s.fields)
    ]


def _label(item: Field) -> str:
    return f'<p class="label">{escape(item.label)}</p>'


def printing_problems(html: str, worksheet: Worksheet) -> list[str]:
    """How the template's sections differ from the declaration's: one answered apart must hold
    each partner's part (a "Partner A" and a "Partner B" heading, every field under each); one
    written together, every field once and no partner's heading; the role field, nowhere."""
    parts = html.split('<section class="section')[1:]
    sections = _printed_sections(worksheet)
    if len(parts) != len(sections):
        return [f"{len(parts)} sections printed, {len(sections)} declared"]
    problems = []
    for section, part in zip(sections, parts, strict=True):
        fields = [f for f in section.fields if f.id != worksheet.role]
        apart = section.apart and bool(fields)
        times = len(ROLES) if apart else 1
        headings = [
            re.findall(rf'class="partner"[^>]*>{name}<', part) for name in ROLE_NAMES.values()
        ]
        if [len(found) for found in headings] != [1 if apart else 0] * len(ROLES):
            problems.append(f"{section.id}: partners' headings {[len(h) for h in headings]}")
        for item in fields:
            if part.count(_label(item)) != times:
                problems.append(f"{section.id}.{item.id} printed {part.count(_label(item))} times")
        roles = [f for f in section.fields if f.id == worksheet.role]
        if roles and _label(roles[0]) in part:
            problems.append(f"{section.id}: the role field is printed")
    return problems


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Both PDFs of every worksheet (and the demo), written once for the module."""
    folder = tmp_path_factory.mktemp("templates")
    written = {}
    for worksheet in ALL:
        for paper in templates.PAPERS:
            target = folder / templates.file_names(worksheet)[paper]
            templates.write_pdf(templates.template_html(worksheet, paper), target)
            written[worksheet.id, paper] = target
    return written


@pytest.mark.parametrize("paper", templates.PAPERS)
@pytest.mark.parametrize("worksheet", ALL, ids=lambda ws: ws.id)
def test_pdf_holds_every_prompt_on_the_right_paper(pdfs, worksheet, paper):
    reader = PdfReader(pdfs[worksheet.id, paper])
    pages = [_flat(page.extract_text()) for page in reader.pages]
    text = " ".join(pages)
    expected = [
        worksheet.title,
        worksheet.summary,
        *(s.title for s in _printed_sections(worksheet)),
    ]
    expected += [f.label for f in _printed(worksheet)] + [f.help for f in _printed(worksheet)]
    expected += [o.label for f in _printed(worksheet) for o in f.choices()]
    for words in filter(None, expected):
        assert _flat(words) in text, words
    assert _flat("blank template from Equal Footing") in text
    for number, page_text in enumerate(pages, 1):
        assert f"Page{number}of{len(pages)}" in page_text
        assert _flat(worksheet.title) in page_text, f"page {number} lacks the worksheet's name"
    width, height = SIZES[paper]
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - width) <= 1
        assert abs(float(page.mediabox.height) - height) <= 1


@pytest.mark.parametrize("paper", templates.PAPERS)
@pytest.mark.parametrize("worksheet", ALL, ids=lambda ws: ws.id)
def test_no_word_is_clipped(pdfs, worksheet, paper):
    """Every word poppler finds lies inside the page, long unbreakable ones included."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make setup` installs poppler-utils")
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdfs[worksheet.id, paper]), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    width, height = SIZES[paper]
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes)
    assert words
    for x_min, y_min, x_max, y_max in words:
        assert min(float(x_min), float(y_min)) >= 0, (x_min, y_min)
        assert float(x_max) <= width, x_max
        assert float(y_max) <= height, y_max


def test_writing_room_follows_the_declaration():
    html = templates.template_html(DEMO, "a4")
    # 2 + 5 + 1 ruled lines, and the unknown kind is written on like text: 4 more.
    assert html.count('class="rule"') == 2 + 5 + 1 + 4
    # Ticking boxes: 3 options, 5 scale points, 1 check, 11 shares.
    assert html.count('class="box"') == 3 + 5 + 1 + 11
    assert templates.PRIVATE in html


def test_declaration_strings_are_escaped():
    html = templates.template_html(DEMO, "letter")
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in html


def test_hostile_words_print_literally(pdfs):
    text = _flat(" ".join(p.extract_text() for p in PdfReader(pdfs["demo", "a4"]).pages))
    assert _flat(f"Label {HOSTILE}") in text


def test_the_pdf_fetches_nothing():
    fetcher = templates.refusing_fetcher()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher("http://example.invalid/font.woff2")
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher("file:///etc/passwd")
    page = '<link rel="stylesheet" href="https://example.invalid/x.css"><p>x</p>'
    with pytest.raises(FatalURLFetchingError):
        templates.write_pdf(page, Path("/nonexistent/never-written.pdf"))


def test_data_urls_still_work(tmp_path):
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    templates.write_pdf(f'<img src="{pixel}"><p>x</p>', tmp_path / "x.pdf")
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("worksheet_id", ["agreement", "balance_check"])
def test_builds_repeat_byte_for_byte(tmp_path, worksheet_id):
    html = templates.template_html(worksheets.get(worksheet_id), "a4")
    templates.write_pdf(html, tmp_path / "one.pdf")
    templates.write_pdf(html, tmp_path / "two.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def test_write_all_writes_three_files_per_worksheet(tmp_path):
    written = templates.write_all(tmp_path)
    assert len(written) == 3 * len(worksheets.IDS)
    for worksheet in worksheets.catalogue().values():
        names = templates.file_names(worksheet)
        markdown = (tmp_path / "templates" / names["md"]).read_text(encoding="utf-8")
        assert markdown == render.to_markdown(worksheet, {})
        for paper in templates.PAPERS:
            assert (tmp_path / "templates" / names[paper]).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("worksheet", worksheets.catalogue().values(), ids=str)
def test_blank_markdown_is_the_empty_export(worksheet):
    assert templates.blank_markdown(worksheet) == render.to_markdown(worksheet, {})


def test_links_are_relative_to_the_page():
    agreement = worksheets.get("agreement")
    on_page = templates.worksheet_links(agreement, "worksheets/agreement/")
    assert 'href="../../templates/agreement-a4.pdf" download' in on_page
    assert 'href="../../templates/agreement.md" download' in on_page
    assert 'class="ef-print-title">Written agreement' in on_page
    flat_urls = templates.worksheet_links(agreement, "worksheets/agreement.html")
    assert 'href="../templates/agreement-letter.pdf"' in flat_urls
    listing = templates.templates_list("templates/", "templates.md")
    for worksheet in worksheets.catalogue().values():
        assert f'href="{worksheet.id}-a4.pdf" download' in listing
        assert f"(worksheets/{worksheet.id}.md)" in listing
        assert render.escape_text(worksheet.summary) in listing


@pytest.mark.parametrize("paper", templates.PAPERS)
@pytest.mark.parametrize("worksheet", ALL, ids=lambda ws: ws.id)
def test_first_page_renders_to_an_image(pdfs, worksheet, paper, tmp_path_factory):
    """pdftoppm (poppler, another renderer than WeasyPrint's) draws page 1, for a human look."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: `make setup` installs poppler-utils")
    folder = tmp_path_factory.getbasetemp() / "template-pages"
    folder.mkdir(exist_ok=True)
    prefix = folder / f"{worksheet.id}-{paper}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
         str(pdfs[worksheet.id, paper]), str(prefix)],
        check=True,
    )  # fmt: skip
    png = prefix.with_suffix(".png")
    assert png.stat().st_size > 10_000
    with Image.open(png) as image:
        width, height = SIZES[paper]
        assert abs(image.width - width * 60 / 72) <= 2
        assert abs(image.height - height * 60 / 72) <= 2
        inked = sum(image.convert("L").point(lambda v: 255 if v < 200 else 0).histogram()[255:])
        assert inked > 0.01 * image.width * image.height, "the page is nearly blank"


def test_short_sections_stay_whole_and_long_ones_flow():
    short = Section(id="s", title="Short", fields=(Field("a", "A", lines=3),))
    many = tuple(Field(f"f{n}", f"Question {n}", kind="share") for n in range(8))
    long = Section(id="l", title="Long", fields=many)
    html = templates.template_html(
        Worksheet(id="w", title="W", version=1, summary="S", sections=(short, long)), "a4"
    )
    assert '<section class="section keep"><h2>Short</h2>' in html
    assert '<section class="section"><h2>Long</h2>' in html


# -- Sections answered apart: each partner's own answer space -------------------------------


@pytest.mark.parametrize("worksheet", ALL, ids=lambda ws: ws.id)
def test_each_section_is_printed_once_or_once_per_partner_as_declared(worksheet):
    for paper in templates.PAPERS:
        assert printing_problems(templates.template_html(worksheet, paper), worksheet) == []


def test_the_check_fails_on_an_apart_section_printed_only_once():
    """The template of the same worksheet with `apart` (and the role) ignored is caught."""
    together = replace(
        DEMO_APART, role="", sections=tuple(replace(s, apart=False) for s in DEMO_APART.sections)
    )
    problems = printing_problems(templates.template_html(together, "a4"), DEMO_APART)
    assert any(p.startswith("short.rate printed 1 times") for p in problems), problems
    assert any(p.startswith("long.story printed 1 times") for p in problems), problems
    assert any(p.startswith("about: the role field") for p in problems), problems
    # And a joint section printed twice is caught too.
    twice = replace(
        DEMO_APART,
        sections=tuple(replace(s, apart=s.id != "about") for s in DEMO_APART.sections),
    )
    problems = printing_problems(templates.template_html(twice, "a4"), DEMO_APART)
    assert any(p.startswith("together.plan printed 2 times") for p in problems), problems


def test_apart_sections_lay_out_as_columns_or_blocks():
    html = templates.template_html(DEMO_APART, "a4")
    short, long = (part for part in html.split('<section class="section')[2:4])
    # Short closed questions sit side by side: one row a question, a column a partner.
    assert '<table class="partners">' in short
    assert short.count("<tr>") == 1 + 2
    assert short.count('<p class="label">Rate it</p>') == 2
    # Longer answers: a block each, whole on a page when short enough.
    assert '<table class="partners">' not in long
    assert long.count('class="partner-block') == 2
    assert '<h3 class="partner">Partner A</h3>' in long
    assert '<h3 class="partner">Partner B</h3>' in long
    # Room to write, for each partner: 4 lines each for the story, 1 each for the word.
    assert html.count('class="rule"') == 2 * 4 + 2 * 1 + 3
    assert escape(templates.APART_NOTE) in html
    assert escape(templates.APART_NOTE) not in templates.template_html(
        worksheets.get("agreement"), "a4"
    )


def test_a_section_that_held_only_the_role_keeps_its_heading_and_intro():
    html = templates.template_html(DEMO_APART, "a4")
    about = html.split('<section class="section')[1]
    assert "<h2>Who answers</h2>" in about
    assert "Each of you alone." in about
    assert "You are" not in html
    silent = replace(
        DEMO_APART,
        sections=tuple(replace(s, intro="") if s.id == "about" else s for s in DEMO_APART.sections),
    )
    assert "Who answers" not in templates.template_html(silent, "a4")


@pytest.mark.parametrize("paper", templates.PAPERS)
@pytest.mark.parametrize("worksheet", [ws for ws in ALL if ws.answered_apart], ids=lambda ws: ws.id)
def test_the_pdf_gives_each_partner_every_question_answered_apart(pdfs, worksheet, paper):
    text = _flat(" ".join(p.extract_text() for p in PdfReader(pdfs[worksheet.id, paper]).pages))
    for item in worksheet.apart_fields():
        assert text.count(_flat(item.label)) >= len(ROLES), item.label
    for name in ROLE_NAMES.values():
        assert _flat(name) in text
    role = worksheet.field(worksheet.role)
    assert _flat(role.help) not in text, "the role field is printed"


@pytest.mark.parametrize(
    "worksheet",
    [ws for ws in worksheets.catalogue().values() if ws.answered_apart],
    ids=lambda ws: ws.id,
)
def test_the_markdown_template_gives_each_partner_their_own_answers(worksheet):
    markdown = templates.blank_markdown(worksheet)
    for section in worksheet.sections:
        fields = [f for f in section.fields if f.id != worksheet.role]
        if not section.apart or not fields:
            continue
        body = markdown.split(f"## {render.escape_text(section.title)}\n", 1)[1]
        body = re.split(r"^## ", body, flags=re.MULTILINE)[0]
        for name in ROLE_NAMES.values():
            assert f"### {name}'s answers" in body, (section.id, name)
        # Private questions are left out of any Markdown whose author did not opt in.
        for item in (f for f in fields if not f.private):
            assert body.count(f"**{render.escape_text(item.label)}**") == len(ROLES), item.id
