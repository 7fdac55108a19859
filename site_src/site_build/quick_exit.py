"""Where "Leave quickly" goes: a neutral page set in mkdocs.yml (`extra.quick_exit.url`).

Checked at build time, because a missing or odd address would leave a reader in a hurry
stuck on the page they wanted to get away from.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit


def destination(extra: Mapping[str, object]) -> str:
    """The configured destination; a ValueError says what is wrong with it."""
    setting = extra.get("quick_exit")
    url = setting.get("url") if isinstance(setting, Mapping) else None
    if not isinstance(url, str):
        raise ValueError(
            "mkdocs.yml: set extra.quick_exit.url, the neutral page Leave quickly opens"
        )
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError(
            f"mkdocs.yml: extra.quick_exit.url must be an https:// address, not {url!r}"
        )
    return url
