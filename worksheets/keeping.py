"""Keeping answers on this device, only when asked: the stored envelope and its checks.

The bridge stores, per worksheet, one envelope in the browser's localStorage: either the
worksheet's JSON document as it is ("plain"), or that document encrypted with a key derived
from a passphrase ("sealed": AES-GCM, key from PBKDF2-SHA256 with a random salt). The
encryption itself is the browser's WebCrypto; this module only builds and checks envelopes,
so that whatever sits in storage (old, damaged, or planted) is read as carefully as a file.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from worksheets.document import ImportRefused

#: Every key this site may write starts with this; "Forget everything" removes them all.
PREFIX = "equal-footing:"
#: Present (value "on") only while the reader has chosen to keep answers on this device.
KEEP_FLAG = f"{PREFIX}keep"
#: OWASP's 2023 floor for PBKDF2-HMAC-SHA256.
PBKDF2_ITERATIONS = 600_000
SALT_BYTES = 16
IV_BYTES = 12
ENVELOPE_VERSION = 1
#: Larger than any worksheet file (document.MAX_BYTES) once encrypted and base64-encoded.
MAX_ENVELOPE_CHARS = 1_000_000


def storage_key(worksheet_id: str) -> str:
    return f"{PREFIX}answers:{worksheet_id}"


@dataclass(frozen=True)
class Sealed:
    """An encrypted document and what is needed, with the passphrase, to open it."""

    salt: bytes
    iv: bytes
    ciphertext: bytes
    iterations: int = PBKDF2_ITERATIONS


@dataclass(frozen=True)
class Envelope:
    """What storage held: a plain document, or a sealed one."""

    document: str = ""
    sealed: Sealed | None = None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def plain(document: str) -> str:
    return json.dumps({"v": ENVELOPE_VERSION, "kind": "plain", "document": document})


def sealed(box: Sealed) -> str:
    return json.dumps(
        {
            "v": ENVELOPE_VERSION,
            "kind": "sealed",
            "kdf": "PBKDF2-SHA256",
            "iterations": box.iterations,
            "salt": _b64(box.salt),
            "cipher": "AES-GCM",
            "iv": _b64(box.iv),
            "ciphertext": _b64(box.ciphertext),
        }
    )


def _refused(why: str) -> ImportRefused:
    return ImportRefused(
        "bad_keeping",
        f"The answers kept on this device could not be read ({why}). They were left as they "
        "are; you can remove them with “Forget everything on this device”.",
    )


def _bytes(value: object, name: str, size: int | None = None) -> bytes:
    if not isinstance(value, str):
        raise _refused(f"its {name} is missing")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _refused(f"its {name} is damaged") from None
    if size is not None and len(data) != size:
        raise _refused(f"its {name} has the wrong length")
    return data


def open_envelope(text: str) -> Envelope:
    """Read a stored envelope, refusing anything this site would not have written."""
    if len(text) > MAX_ENVELOPE_CHARS:
        raise _refused("it is far too large")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise _refused("it is damaged") from None
    if not isinstance(data, dict) or data.get("v") != ENVELOPE_VERSION:
        raise _refused("it was written by another version of this site")
    if data.get("kind") == "plain":
        document = data.get("document")
        if not isinstance(document, str):
            raise _refused("it holds no answers")
        return Envelope(document=document)
    if data.get("kind") != "sealed" or data.get("cipher") != "AES-GCM":
        raise _refused("it uses a format this site does not know")
    iterations = data.get("iterations")
    if not isinstance(iterations, int) or not PBKDF2_ITERATIONS <= iterations <= 10_000_000:
        raise _refused("its key settings are not ones this site uses")
    box = Sealed(
        salt=_bytes(data.get("salt"), "salt", SALT_BYTES),
        iv=_bytes(data.get("iv"), "nonce", IV_BYTES),
        ciphertext=_bytes(data.get("ciphertext"), "content"),
        iterations=iterations,
    )
    return Envelope(sealed=box)
