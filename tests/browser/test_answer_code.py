"""Comparing by answer code in Chromium: fingerprints, then codes, read through a (fake) camera,
from a photo, or typed.

The camera tests launch their own Chromium, whose fake camera plays a video file the test
writes from the QR code the first browser showed. Its contexts get the same privacy audit as
the shared ones: every request to the local server, no CSP violation, nothing stored, and
here also the camera: asked for only on "Scan", every track ended once the code is read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import segno
from PIL import Image

from site_build.forms import field_dom_id
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, Audited, _audited_context
from worksheets import answer_code, contract, get

from worksheet_driver import fill, open_worksheet, read

pytestmark = pytest.mark.browser
SHEET = get("balance_check")

# Sam feels decisions are fine (5, 5, 4 -> 4.7); Jo does not (2, 1, skipped -> 1.5).
SAM = {"respondent": "Sam", "role": "a", "decisions_1": "5", "decisions_2": "5",
       "decisions_3": "4", "money_1": "4", "notes": "Sam's own note",
       "free_to_say_no": "2", "self_check_note": "Not sure"}  # fmt: skip
JO = {"respondent": "Jo", "role": "b", "decisions_1": "2", "decisions_2": "1",
      "money_1": "4", "notes": "Jo's own note"}  # fmt: skip
# Sam's name never travels in a code: the comparison calls Sam by role.
COMPARED = ("Pattern\tPartner A\tJo\tGap", "Who decides\t4.7\t1.5\t3.2",
            "Money and logistics\t4.0\t4.0\t0.0")  # fmt: skip

# Before any page script: count getUserMedia calls and keep each stream, so a test can check
# that every track really ended (init scripts are not subject to the page's CSP).
CAMERA_PROBE = """(() => {
  window.__efStreams = [];
  window.__efCameraAsks = 0;
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    window.__efCameraAsks += 1;
    window.__efConstraints = JSON.stringify(constraints);
    const stream = await original(constraints);
    window.__efStreams.push(stream);
    return stream;
  };
})();"""
CAMERA_STATE = """() => {
  const video = document.getElementById("ef-code-video");
  return {
    camera: video.dataset.camera,
    srcObject: video.srcObject === null ? null : "a stream",
    asks: window.__efCameraAsks,
    constraints: window.__efConstraints || "",
    tracks: window.__efStreams.flatMap((s) => s.getTracks().map((t) => `${t.kind}:${t.readyState}`)),
  };
}"""


# The code panel shows something new, under this label ([what it showed before, the label]).
SHOWN_NEW = """([before, label]) => {
  const text = document.getElementById("ef-code-text").textContent;
  const shown = document.getElementById("ef-code-label").textContent;
  return text !== "" && text !== before && shown.startsWith(label);
}"""


def results_text(page) -> str:
    return page.inner_text(f"#{contract.RESULTS}")


def wait_for_status(page, words: str) -> None:
    page.locator(f"#{contract.STATUS}", has_text=words).wait_for()


def show(page, label: str) -> str:
    """Press the code button and return what it shows: a fingerprint or a code (`label`)."""
    before = page.text_content(f"#{contract.CODE_TEXT}")
    page.click(f'[data-action="{contract.CODE_SHOW_ACTION}"]')
    page.wait_for_function(SHOWN_NEW, arg=[before, label])
    return page.inner_text(f"#{contract.CODE_TEXT}")


def type_in(page, text: str) -> None:
    page.click(f'[data-action="{contract.CODE_TYPE_ACTION}"]')
    page.fill(f"#{contract.CODE_INPUT}", text)
    page.click(f'[data-action="{contract.CODE_COMPARE}"]')


def qr_image(page) -> Image.Image:
    """The QR code exactly as the page shows it, held in the middle of the screen (at the top,
    the page's sticky header covers its quiet zone)."""
    qr = page.locator(f"#{contract.CODE_QR} svg")
    qr.evaluate("(svg) => svg.scrollIntoView({block: 'center'})")
    shot = qr.screenshot()
    return Image.open(io.BytesIO(shot)).convert("RGB")


def write_y4m(path: Path, picture: Image.Image | None, frames: int = 6) -> Path:
    """A 640x480 Y4M video of `picture` (or of nothing) in the middle of a white frame."""
    frame = Image.new("RGB", (640, 480), "white")
    if picture is not None:
        side = 360
        frame.paste(picture.resize((side, side), Image.NEAREST), ((640 - side) // 2, 60))
    y, cb, cr = frame.convert("YCbCr").split()  # full-range BT.601: Y4M's C420jpeg
    half = (320, 240)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with path.open("wb") as video:
        video.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(frames):
            video.write(b"FRAME\n" + planes)
    return path


@contextmanager
def camera_browser(
    browser, site_url: str, video: Path, *, allowed: bool = True
) -> Iterator[Audited]:
    """A second Chromium whose fake camera plays `video`; its fake UI grants the permission,
    or, if not `allowed`, there is no UI and headless Chromium refuses it.

    Its context is audited exactly like the shared ones (tests/conftest.py), on leaving.
    """
    camera = ["--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={video}"]
    permission = ["--use-fake-ui-for-media-stream"] if allowed else []
    launched = browser.browser_type.launch(
        executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, *camera, *permission]
    )
    try:
        with contextmanager(_audited_context)(launched, site_url) as session:
            session.context.add_init_script(CAMERA_PROBE)
            yield session
    finally:
        launched.close()


def test_a_fingerprint_then_a_code_shown_on_one_device_are_scanned_on_the_other(
    page, audited, browser, site_url, tmp_path
):
    open_worksheet(page, site_url, SHEET)
    page.click(f'[data-action="{contract.CODE_SHOW_ACTION}"]')
    assert "Partner A or Partner B" in page.inner_text(f"#{contract.ERROR}")
    fill(page, SHEET, {"role": "a"})
    page.click(f'[data-action="{contract.CODE_SHOW_ACTION}"]')
    page.locator(f"#{contract.ERROR}", has_text="Answer at least one question first").wait_for()
    assert page.locator(f"#{contract.CODE_SHOW}").is_hidden()

    fill(page, SHEET, SAM)
    fingerprint = show(page, "Your fingerprint")
    found = answer_code.read(fingerprint, SHEET)  # a fingerprint says whose, never what
    assert isinstance(found, answer_code.Fingerprint)
    assert found.role == "a"
    assert "Sam" not in page.inner_html(f"#{contract.CODE_SHOW}")
    assert page.locator(f'#{contract.CODE_QR} svg[role="img"]').count() == 1
    video = write_y4m(tmp_path / "code.y4m", qr_image(page))

    with camera_browser(browser, site_url, video) as jo:
        jo_page = jo.new_page()
        open_worksheet(jo_page, site_url, SHEET)
        fill(jo_page, SHEET, JO)
        assert jo_page.evaluate(CAMERA_STATE)["asks"] == 0  # no camera before the click
        jo_page.click(f'[data-action="{contract.CODE_SCAN}"]')
        wait_for_status(jo_page, "Your partner's fingerprint is read")
        # The camera went off as soon as the fingerprint was read: its track ended.
        assert jo_page.evaluate(CAMERA_STATE) == {
            "camera": "stopped",
            "srcObject": None,
            "asks": 1,
            "constraints": '{"audio":false,"video":{"facingMode":{"ideal":"environment"}}}',
            "tracks": ["video:ended"],
        }
        assert jo_page.locator(f"#{contract.CODE_CAMERA}").is_hidden()

        # Jo's fingerprint, typed on Sam's device; then Sam's device shows its code.
        type_in(page, show(jo_page, "Your fingerprint"))
        wait_for_status(page, "Your partner's fingerprint is read")
        code = show(page, "Your code")
        assert "not your private answers" in page.inner_text(f"#{contract.STATUS}")
        assert answer_code.decode(code, SHEET)["free_to_say_no"] == ""
        assert answer_code.decode(code, SHEET)["decisions_1"] == "5"
        # Ticking "include my self-check" changes the answers: the code no longer matches them
        # and hides; unticked, the same code shows again.
        page.check(f"#{field_dom_id('include_self_check')}")
        wait_for_status(page, "no longer matched them")
        assert page.locator(f"#{contract.CODE_SHOW}").is_hidden()
        page.uncheck(f"#{field_dom_id('include_self_check')}")
        page.click(f'[data-action="{contract.CODE_SHOW_ACTION}"]')
        page.locator(f"#{contract.CODE_LABEL}", has_text="Your code").wait_for()
        assert page.inner_text(f"#{contract.CODE_TEXT}") == code

        # The fake camera plays the code now: the second scan reads it and compares.
        write_y4m(video, qr_image(page))
        jo_page.click(f'[data-action="{contract.CODE_SCAN}"]')
        wait_for_status(jo_page, "Comparing with your partner's answers, from their code")
        shown = results_text(jo_page)
        for line in COMPARED:
            assert line in shown
        assert jo_page.inner_text(f"#{contract.ERROR}") == ""
        state = jo_page.evaluate(CAMERA_STATE)
        assert (state["camera"], state["srcObject"], state["asks"], state["tracks"]) == (
            "stopped",
            None,
            2,
            ["video:ended", "video:ended"],
        )
        assert read(jo_page)["respondent"] == "Jo"
        jo.assert_private(jo_page)
    audited.assert_private(page)


def test_cancel_turns_the_camera_off(browser, site_url, tmp_path):
    with camera_browser(browser, site_url, write_y4m(tmp_path / "blank.y4m", None)) as jo:
        jo_page = jo.new_page()
        open_worksheet(jo_page, site_url, SHEET)
        fill(jo_page, SHEET, JO)
        jo_page.click(f'[data-action="{contract.CODE_SCAN}"]')
        jo_page.locator(f'#{contract.CODE_VIDEO}[data-camera="on"]').wait_for()
        assert jo_page.locator(f"#{contract.CODE_CAMERA}").is_visible()
        assert jo_page.evaluate(CAMERA_STATE)["tracks"] == ["video:live"]
        jo_page.click(f'[data-action="{contract.CODE_CANCEL}"]')
        wait_for_status(jo_page, "The camera is off. Nothing was read.")
        state = jo_page.evaluate(CAMERA_STATE)
        assert (state["camera"], state["srcObject"], state["tracks"]) == (
            "stopped",
            None,
            ["video:ended"],
        )
        assert jo_page.locator(f"#{contract.CODE_CAMERA}").is_hidden()
        assert "Your scores" in results_text(jo_page)
        jo.assert_private(jo_page)


def test_a_camera_refused_gets_a_kind_message_and_changes_nothing(browser, site_url, tmp_path):
    with camera_browser(
        browser, site_url, write_y4m(tmp_path / "blank.y4m", None), allowed=False
    ) as jo:
        jo_page = jo.new_page()
        open_worksheet(jo_page, site_url, SHEET)
        fill(jo_page, SHEET, JO)
        jo_page.click(f'[data-action="{contract.CODE_SCAN}"]')
        jo_page.locator(f"#{contract.ERROR}", has_text="The camera was not allowed").wait_for()
        assert "choose a photo of the code, or type it" in jo_page.inner_text(f"#{contract.ERROR}")
        state = jo_page.evaluate(CAMERA_STATE)
        assert (state["camera"], state["asks"], state["tracks"]) == ("off", 1, [])
        assert jo_page.locator(f"#{contract.CODE_CAMERA}").is_hidden()
        assert "Your scores" in results_text(jo_page)
        assert read(jo_page)["respondent"] == "Jo"
        jo.assert_private(jo_page)


def photo_of(code: str, path: Path) -> Path:
    """A photo-like picture of a QR code: small, tilted, on a grey table."""
    shot = io.BytesIO()
    segno.make(answer_code.group(code), error=answer_code.QR_ERROR, micro=False).save(
        shot, kind="png", scale=6
    )
    qr = Image.open(shot).convert("RGB").rotate(12, expand=True, fillcolor="white")
    table = Image.new("RGB", (1200, 900), (150, 140, 130))
    table.paste(qr, (500, 300))
    table.save(path)
    return path


def test_a_photo_and_typing_read_fingerprints_and_codes_the_same_way(page, site_url, tmp_path):
    # What Sam's device shows, with the salt it would draw (the test above proves it shows it).
    salt = bytes(range(1, answer_code.SALT_BYTES + 1))
    sam_print = answer_code.fingerprint(SAM, SHEET, salt)
    sam_code = answer_code.encode(SAM, SHEET, salt)
    other_day = SAM | {"decisions_1": "3", "decisions_2": "3", "decisions_3": "3"}
    open_worksheet(page, site_url, SHEET)
    fill(page, SHEET, JO)
    # jsQR (250 KB) waits until a code is first read from a picture: not run on every visit.
    assert page.evaluate("() => typeof window.jsQR") == "undefined"
    own = results_text(page)
    page.click(f'[data-action="{contract.CODE_TYPE_ACTION}"]')
    assert page.locator(f"#{contract.CODE_INPUT}").evaluate("(e) => e === document.activeElement")

    # A typo in the fingerprint: the checksum fails, and nothing changes.
    typo = sam_print[:5] + ("7" if sam_print[5] != "7" else "8") + sam_print[6:]
    page.fill(f"#{contract.CODE_INPUT}", answer_code.group(typo))
    page.click(f'[data-action="{contract.CODE_COMPARE}"]')
    page.locator(f"#{contract.ERROR}", has_text="its checksum failed").wait_for()
    assert results_text(page) == own
    assert read(page)["respondent"] == "Jo"

    # The fingerprint from a photo: small, tilted, on a grey table.
    page.set_input_files(f"#{contract.CODE_PHOTO}", str(photo_of(sam_print, tmp_path / "fp.png")))
    wait_for_status(page, "Your partner's fingerprint is read")
    assert page.locator(f"#{contract.ERROR}").is_hidden()
    if not page.evaluate("() => 'BarcodeDetector' in window"):  # Linux Chromium has none
        assert page.evaluate("() => typeof window.jsQR") == "function"

    # The code typed as people type: lowercase, no dashes, O for 0, I or L for 1; Enter.
    typed = sam_code.lower().replace("0", "o").replace("1", "l")
    page.click(f'[data-action="{contract.CODE_TYPE_ACTION}"]')
    page.fill(f"#{contract.CODE_INPUT}", typed)
    page.press(f"#{contract.CODE_INPUT}", "Enter")
    wait_for_status(page, "Comparing with your partner's answers, from their code")
    assert page.locator(f"#{contract.ERROR}").is_hidden()
    shown = results_text(page)
    for line in COMPARED:
        assert line in shown

    # A photo without a code, and a file that is no picture: a kind word, nothing changed.
    Image.new("RGB", (400, 300), "white").save(tmp_path / "blank.png")
    page.set_input_files(f"#{contract.CODE_PHOTO}", str(tmp_path / "blank.png"))
    page.locator(f"#{contract.ERROR}", has_text="No code was found in that picture").wait_for()
    (tmp_path / "notes.png").write_text("not a picture", encoding="utf-8")
    page.set_input_files(f"#{contract.CODE_PHOTO}", str(tmp_path / "notes.png"))
    page.locator(f"#{contract.ERROR}", has_text="could not be opened as a picture").wait_for()
    assert results_text(page) == shown

    # A photo of a code with other answers than the fingerprint read: refused.
    other_code = answer_code.encode(other_day, SHEET, salt)
    page.set_input_files(f"#{contract.CODE_PHOTO}", str(photo_of(other_code, tmp_path / "o.png")))
    page.locator(f"#{contract.ERROR}", has_text="changed after the fingerprint").wait_for()
    assert results_text(page) == shown

    # Another day: its fingerprint, then its code, both from photos, compared like the rest.
    other_print = answer_code.fingerprint(other_day, SHEET, salt)
    page.set_input_files(f"#{contract.CODE_PHOTO}", str(photo_of(other_print, tmp_path / "p.png")))
    wait_for_status(page, "Your partner's fingerprint is read")
    page.set_input_files(f"#{contract.CODE_PHOTO}", str(photo_of(other_code, tmp_path / "c.png")))
    page.locator(f"#{contract.RESULTS} td", has_text="3.0").first.wait_for()
    assert "Who decides\t3.0\t1.5\t1.5" in results_text(page)
    assert page.locator(f"#{contract.ERROR}").is_hidden()
    wait_for_status(page, "Comparing with your partner's answers, from their code")
