"""Keeping answers on this device, only when asked: the stored envelope and its checks.

While the reader keeps answers, the page (worksheets.page decides, the page's Python
writes) stores one envelope per worksheet in the browser's localStorage: either the
worksheet's JSON document as it is ("plain"), or that document encrypted with a key derived
from a passphrase ("sealed": AES-GCM, key from PBKDF2-SHA256 with a random salt). The
encryption itself is the browser's WebCrypto; this module only builds and checks envelopes,
so that whatever sits in storage (old, damaged, or planted) is read as carefully as a file.
Written in the Python that MicroPython runs too (tests/unit/test_portable.py).
"""

import base64
import json
from collections import namedtuple

from worksheets import contract
from worksheets.document import ImportRefused, json_text

#: Every key this site may write starts with this; "Forget everything" removes them all.
PREFIX = contract.STORAGE_PREFIX
#: Present (value "on") only while the reader has chosen to keep answers on this device.
KEEP_FLAG = contract.KEEP_FLAG
#: OWASP's 2023 floor for PBKDF2-HMAC-SHA256.
PBKDF2_ITERATIONS = 600_000
SALT_BYTES = 16
IV_BYTES = 12
ENVELOPE_VERSION = 1
#: Larger than any worksheet file (document.MAX_BYTES) once encrypted and base64-encoded.
MAX_ENVELOPE_CHARS = 1_000_000


storage_key = contract.answers_key

#: An encrypted document and what is needed, with the passphrase, to open it.
Sealed = namedtuple("Sealed", ("salt", "iv", "ciphertext", "iterations"))

#: What storage held: a plain document (`sealed` None), or a sealed one (`document` "").
Envelope = namedtuple("Envelope", ("document", "sealed"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def plain(document: str) -> str:
    """The envelope of answers kept as they are (written in one order in every interpreter)."""
    return json_text([("v", ENVELOPE_VERSION), ("kind", "plain"), ("document", document)])


def sealed(box: Sealed) -> str:
    return json_text(
        [
            ("v", ENVELOPE_VERSION),
            ("kind", "sealed"),
            ("kdf", "PBKDF2-SHA256"),
            ("iterations", box.iterations),
            ("salt", _b64(box.salt)),
            ("cipher", "AES-GCM"),
            ("iv", _b64(box.iv)),
            ("ciphertext", _b64(box.ciphertext)),
        ]
    )


def _refused(why: str) -> ImportRefused:
    return ImportRefused(
        "bad_keeping",
        f"The answers kept on this device could not be read ({why}). They were left as they "
        "are; you can remove them with “Forget everything on this device”.",
    )


B64_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def _is_base64(text: str) -> bool:
    """Strict base64 (padded, nothing outside the alphabet): MicroPython's decoder skips
    stray characters where CPython's `validate=True` refuses them; both refuse this way."""
    body = text[:-2] + text[-2:].rstrip("=") if text else ""
    return len(text) % 4 == 0 and all(char in B64_ALPHABET for char in body)


def _bytes(value: object, name: str, size: int = 0) -> bytes:
    if not isinstance(value, str):
        raise _refused(f"its {name} is missing")
    if not _is_base64(value):
        raise _refused(f"its {name} is damaged")
    try:
        data = base64.b64decode(value.encode("ascii"))
    except Exception:  # binascii.Error in CPython, a bare Exception in MicroPython
        raise _refused(f"its {name} is damaged") from None
    if size and len(data) != size:
        raise _refused(f"its {name} has the wrong length")
    return data


def open_envelope(text: str) -> Envelope:
    """Read a stored envelope, refusing anything this site would not have written."""
    if len(text) > MAX_ENVELOPE_CHARS:
        raise _refused("it is far too large")
    try:
        data = json.loads(text)
    except (ValueError, RuntimeError):  # CPython: JSONDecodeError, RecursionError
        raise _refused("it is damaged") from None
    if not isinstance(data, dict) or data.get("v") != ENVELOPE_VERSION:
        raise _refused("it was written by another version of this site")
    if data.get("kind") == "plain":
        document = data.get("document")
        if not isinstance(document, str):
            raise _refused("it holds no answers")
        return Envelope(document, None)
    if data.get("kind") != "sealed" or data.get("cipher") != "AES-GCM":
        raise _refused("it uses a format this site does not know")
    iterations = data.get("iterations")
    if not isinstance(iterations, int) or not PBKDF2_ITERATIONS <= iterations <= 10_000_000:
        raise _refused("its key settings are not ones this site uses")
    box = Sealed(
        _bytes(data.get("salt"), "salt", SALT_BYTES),
        _bytes(data.get("iv"), "nonce", IV_BYTES),
        _bytes(data.get("ciphertext"), "content"),
        iterations,
    )
    return Envelope("", box)
