"""The blank templates: every prompt on paper, the right paper size, nothing fetched, escaped."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

import worksheets
from site_build import templates
from worksheets import render
from worksheets.schema import Field, Option, Section, Worksheet

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

ALL = [*worksheets.catalogue().values(), DEMO]


def _flat(text: str) -> str:
    """Text without whitespace: where a line wraps (even inside a long URL) does not matter."""
    return "".join(text.split())


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
    expected = [worksheet.title, worksheet.summary, *(s.title for s in worksheet.sections)]
    expected += [f.label for f in worksheet.fields()] + [f.help for f in worksheet.fields()]
    expected += [o.label for f in worksheet.fields() for o in f.choices()]
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


def test_builds_repeat_byte_for_byte(tmp_path):
    html = templates.template_html(worksheets.get("agreement"), "a4")
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
