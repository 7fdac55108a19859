"""The labour split in Chromium: shares in, flags and rotation suggestions out."""

from __future__ import annotations

import pytest

from worksheets import contract, get

from worksheet_driver import download, fill, open_worksheet

pytestmark = pytest.mark.browser
SHEET = get("labour_split")


def test_one_sided_tasks_are_flagged_with_a_rotation(page, site_url):
    open_worksheet(page, site_url, SHEET)
    fill(page, SHEET, {"planning": "90", "money": "20", "scheduling": "50",
                       "other_task_name": "School runs", "other_task": "60"})  # fmt: skip
    results = page.locator(f"#{contract.RESULTS}")
    results.locator("li", has_text="Partner A carries 90% of planning").wait_for()
    # The task's name, written together, is typed after its share: drawn once typing pauses.
    results.locator("td", has_text="School runs").wait_for()
    text = results.inner_text()
    assert "Partner B carries 80% of money" in text
    assert "scheduling" not in text.split("Worth rotating")[1]
    assert "School runs\t60%\t40%" in text
    assert "Partner A carries 55% and Partner B 45% on average" in text
    assert results.locator("svg rect").count() == 8
    _, markdown = download(page, contract.DOWNLOAD_MARKDOWN)
    assert "### Worth rotating" in markdown
    assert "| Planning | 90% | 10% |" in markdown
