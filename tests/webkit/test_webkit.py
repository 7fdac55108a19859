"""Every worksheet in WebKit, the engine of every iPhone browser (WebKitGTK, see conftest.py).

What is typed comes from each worksheet's declaration, and what must come back (the Markdown,
the JSON, the refusals, the comparison) from the same pure `worksheets` code that the page
runs, worked out here in CPython. Each test's pages are audited: no CSP violation, no uncaught
error, nothing loaded from elsewhere; and apart from keeping, nothing stored.
"""

from __future__ import annotations

import json

import pytest

import worksheets
from worksheets import answer_code, contract
from worksheets import document as files
from worksheets.schema import other_role

from worksheet_driver import READ_FORM, json_file, missing_from_markdown, sample_answers

pytestmark = [pytest.mark.webkit, pytest.mark.xdist_group("webkit")]

ERROR = f"#{contract.ERROR}"
STATUS = f"#{contract.STATUS}"
# What must not change when a file is refused: the form, and every panel the page shows.
SNAPSHOT = f"""return {{
  form: ({READ_FORM})(),
  panels: ["{contract.PREVIEW}", "{contract.RESULTS}", "{contract.LOG_LIST}"].map((id) => {{
    const panel = document.getElementById(id);
    return panel ? panel.innerHTML : null;
  }}),
}};"""


def bad_files(worksheet):
    """Files a worksheet must refuse: each with the message the pure import check gives."""
    other = next(w for w in worksheets.catalogue().values() if w.id != worksheet.id and not w.log)
    contents = {
        "malformed": '{"format": "equal-footing/worksheet", "answers": {',
        "other_worksheet": files.to_json(other, sample_answers(other)),
        "deeply_nested": "[" * 100_000 + "]" * 100_000,
    }
    for kind, content in contents.items():
        with pytest.raises(files.ImportRefused) as refused:
            files.from_json(worksheet, content)
        # The message up to any position detail ("line 1, column 52"), which a parser words.
        yield kind, content, refused.value.message.split(" (")[0]


@pytest.mark.parametrize("worksheet_id", list(worksheets.IDS))
def test_worksheet_starts_fills_exports_and_refuses_a_bad_file(webkit, worksheet_id, tmp_path):
    worksheet = worksheets.get(worksheet_id)
    webkit.open_worksheet(worksheet)  # Python ready, with no error and no CSP violation
    preview_before = webkit.html(f"#{contract.PREVIEW}")
    answers = sample_answers(worksheet)
    webkit.fill(worksheet, answers)
    assert webkit.read() == answers, "the form does not hold what was typed"
    if worksheet.log:
        webkit.click(f'[data-action="{contract.ADD_ENTRY}"]')
        webkit.wait_for_text(STATUS, "Added the check-in")
    shared = worksheet.shared_answers(answers)

    # The preview follows: every typed answer's first line, shown as text, never as markup.
    typed = [v.splitlines()[0] for k, v in shared.items() if worksheet.field(k).kind in ("line", "text") and v]  # fmt: skip
    webkit.wait_until(
        f"{json.dumps(typed)}.every((t) => document.getElementById('{contract.PREVIEW}').innerText.includes(t))",
        "every typed answer in the preview",
    )
    assert webkit.html(f"#{contract.PREVIEW}") != preview_before
    assert not webkit.exists(
        f"#{contract.PREVIEW} img, #{contract.PREVIEW} script, #{contract.PREVIEW} b"
    )

    name, markdown = webkit.download(contract.DOWNLOAD_MARKDOWN)
    assert name.endswith(".md")
    assert markdown.startswith("# ")
    assert missing_from_markdown(worksheet, shared, markdown) == []
    webkit.wait_for_text(STATUS, "Downloaded as Markdown")

    name, text = webkit.download(contract.DOWNLOAD_JSON)
    assert name.endswith(".json")
    document = json.loads(text)
    assert (document["format"], document["worksheet"]) == (files.FORMAT, worksheet.id)
    assert document["version"] == worksheet.version
    if worksheet.log:  # an entry is a record: each partner's own answers under their role
        assert document["entries"][0] == worksheet.shared_record(worksheet.record(answers))
    else:
        assert document["answers"] == shared

    # A bad file is refused with its reason, and nothing on the page changes.
    before = webkit.js(SNAPSHOT)
    for kind, content, message in bad_files(worksheet):
        webkit.upload(f"#{contract.IMPORT_FILE}", json_file(tmp_path, f"{kind}.json", content))
        shown = webkit.wait_for_text(ERROR, message)
        assert webkit.visible(ERROR), kind
        assert webkit.attribute(STATUS, "data-state") == "refused", kind
        assert webkit.js(SNAPSHOT) == before, f"{kind}: {shown}"
        webkit.js(f"document.getElementById('{contract.ERROR}').textContent = ''")

    # The JSON file brings every answer back into an emptied form.
    webkit.js(f"document.getElementById('{contract.FORM}').reset()")
    webkit.upload(f"#{contract.IMPORT_FILE}", json_file(tmp_path, "back.json", text))
    webkit.wait_for_text(STATUS, "Imported")
    if worksheet.log:
        assert webkit.js(f"return document.querySelectorAll('#{contract.LOG_LIST} li').length") == 1
    else:
        assert {k: v for k, v in webkit.read().items() if k in shared} == shared
    webkit.assert_private()


def test_keeping_with_a_passphrase_seals_survives_a_reload_and_reopens(webkit):
    sheet = worksheets.get("agreement")
    passphrase = "correct horse battery"
    webkit.open_worksheet(sheet)
    answers = sample_answers(sheet)
    webkit.fill(sheet, answers)
    webkit.click(f"#{contract.KEEP} summary")
    webkit.type(f"#{contract.KEEP_PASSPHRASE}", passphrase)
    webkit.click(f"#{contract.KEEP_ON}")
    webkit.wait_for_text(f"#{contract.KEEP_STATUS}", "On:", timeout_s=60)  # PBKDF2, 600,000 rounds

    stored = webkit.js("return Object.entries(localStorage)")
    envelopes = [json.loads(v) for _, v in stored if v.startswith("{")]
    assert [e["kind"] for e in envelopes] == ["sealed"], stored
    assert envelopes[0]["iterations"] >= 600_000
    for value in answers.values():  # no answer, nor any line of one, is stored readable
        for line in filter(None, value.splitlines()):
            assert line not in json.dumps(stored), line

    webkit.reload()
    webkit.wait_for_python()
    webkit.wait_for_text(f"#{contract.KEEP_STATUS}", "encrypted")
    assert not any(webkit.read().values()), "sealed answers are shown before the passphrase"
    webkit.type(f"#{contract.KEEP_PASSPHRASE}", "wrong guess")
    webkit.click(f'[data-action="{contract.KEEP_UNLOCK}"]')
    webkit.wait_for_text(f"#{contract.KEEP_STATUS}", "did not open", timeout_s=60)
    assert webkit.js("return Object.entries(localStorage)") == stored
    assert not any(webkit.read().values())

    webkit.type(f"#{contract.KEEP_PASSPHRASE}", passphrase, replace=True)
    webkit.click(f'[data-action="{contract.KEEP_UNLOCK}"]')
    webkit.wait_for_text(f"#{contract.KEEP_STATUS}", "Your answers are back", timeout_s=60)
    assert webkit.read() == answers
    first = next(v for v in answers.values() if v).splitlines()[0]
    webkit.wait_for_text(f"#{contract.PREVIEW}", first)

    webkit.click(f"#{contract.KEEP} [data-ef-forget]")
    webkit.accept_dialog("Erase")
    webkit.wait_for_text("[data-ef-forget-status]", "nothing stored")
    webkit.assert_private()


def other_answers(worksheet, answers):
    """The other partner's answers: another name, and every rating turned around."""
    other = sample_answers(worksheet, "B")
    for item in worksheet.fields():
        if item.kind == "scale" and answers.get(item.id):
            other[item.id] = str(6 - int(answers[item.id]))
    return other


def comparison_rows(results_markdown: str) -> list[str]:
    """The comparison table's rows as the page's text shows them (cells split by tabs)."""
    rows = [line.strip("|").split("|") for line in results_markdown.splitlines()]
    table = [[cell.strip() for cell in row] for row in rows if len(row) > 2]
    return ["\t".join(row) for row in table[2:]]  # after the header and its rule


def type_code(webkit, text: str) -> None:
    webkit.click(f'[data-action="{contract.CODE_TYPE_ACTION}"]')
    webkit.type(f"#{contract.CODE_INPUT}", text, replace=True)
    webkit.click(f'[data-action="{contract.CODE_COMPARE}"]')


def test_a_fingerprint_then_a_code_typed_on_one_page_compare_on_another(webkit):
    sheet = worksheets.get("balance_check")
    sam = sample_answers(sheet)
    jo = other_answers(sheet, sam) | {sheet.role: other_role(sam[sheet.role])}
    webkit.open_worksheet(sheet)
    webkit.fill(sheet, sam)
    webkit.click(f'[data-action="{contract.CODE_SHOW_ACTION}"]')
    fingerprint = webkit.wait_for_text(f"#{contract.CODE_TEXT}", "-").strip()
    shown = answer_code.read(fingerprint, sheet)
    assert isinstance(shown, answer_code.Fingerprint)
    assert shown.role == sam[sheet.role]
    # Jo's fingerprint, read here; then this page shows the code its own fingerprint fixed.
    type_code(webkit, answer_code.fingerprint(jo, sheet, bytes(answer_code.SALT_BYTES)))
    webkit.wait_for_text(STATUS, "Your partner's fingerprint is read")
    webkit.click(f'[data-action="{contract.CODE_SHOW_ACTION}"]')
    webkit.wait_for_text(f"#{contract.CODE_LABEL}", "Your code")
    code = webkit.text(f"#{contract.CODE_TEXT}").strip()
    assert answer_code.read(code, sheet).commitment == shown.commitment
    assert answer_code.decode(code, sheet)[sheet.role] == sam[sheet.role]
    webkit.assert_private()

    webkit.open_worksheet(sheet)
    webkit.fill(sheet, jo)
    own = webkit.text(f"#{contract.RESULTS}")
    type_code(webkit, fingerprint)
    webkit.wait_for_text(STATUS, "Your partner's fingerprint is read")
    type_code(webkit, code.lower().replace("-", " "))  # as people type it
    webkit.wait_for_text(STATUS, "Comparing with your partner")
    shown = webkit.text(f"#{contract.RESULTS}")
    assert shown != own
    expected = worksheets.compare_of(sheet.id)(jo, answer_code.decode(code, sheet))
    rows = comparison_rows(expected.markdown)
    assert rows, expected.markdown
    for row in rows:
        assert row in shown, f"{row!r} not in the comparison shown:\n{shown}"
    assert not webkit.visible(ERROR)
    assert webkit.read() == jo
    webkit.assert_private()
