"""Blank templates in the built site, and a filled worksheet printed, in Chromium.

The audited contexts check that no request leaves the local server on the way.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import worksheets
from worksheets import contract

from worksheet_driver import fill, open_worksheet, sample_answers

pytestmark = pytest.mark.browser

LINK_HREFS = "() => [...document.querySelectorAll('.ef-templates a')].map((a) => a.href)"


def _text(pdf: bytes) -> str:
    """The PDF's text without whitespace, so line wrapping does not matter."""
    return "".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_a_template_downloads_from_the_templates_page_as_a_pdf(audited):
    page = audited.new_page()
    page.goto(f"{audited.site_url}templates/")
    first = next(iter(worksheets.catalogue().values()))
    with page.expect_download() as info:
        page.click(f'a[href="{first.id}-a4.pdf"]')
    download = info.value
    assert download.suggested_filename == f"{first.id}-a4.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert "".join(first.title.split()) in _text(pdf)
    audited.assert_private(page)


@pytest.mark.parametrize("worksheet_id", sorted(worksheets.IDS))
def test_worksheet_page_links_resolve(module_audited, worksheet_id):
    page = module_audited.new_page()
    page.goto(f"{module_audited.site_url}worksheets/{worksheet_id}/")
    hrefs = page.evaluate(LINK_HREFS)
    assert [href.rsplit("/", 1)[1] for href in hrefs] == [
        f"{worksheet_id}-a4.pdf",
        f"{worksheet_id}-letter.pdf",
        f"{worksheet_id}.md",
    ]
    for href in hrefs:
        assert href.startswith(module_audited.site_url)
        response = page.request.get(href)
        assert response.status == 200, href
        assert response.body().startswith(b"%PDF-" if href.endswith(".pdf") else b"# ")
    page.close()  # no need to wait for Python: the links are in the page as built


def test_printed_worksheet_names_itself_and_numbers_its_pages(audited):
    worksheet = worksheets.get("agreement")
    page = audited.new_page()
    open_worksheet(page, audited.site_url, worksheet)
    answers = sample_answers(worksheet)
    fill(page, worksheet, answers)
    page.locator(f"#{contract.PREVIEW}", has_text=answers["partner_a"].split(" <")[0]).wait_for()
    text = _text(page.pdf(format="A4"))
    assert "".join(f"{worksheet.title}·EqualFooting".split()) in text
    assert f"printedon{date.today().isoformat()}" in text
    assert "Page1of" in text
    assert answers["partner_a"].split(" <")[0] in text
    assert "Blanktemplates" not in text, "the template links are for the screen only"
