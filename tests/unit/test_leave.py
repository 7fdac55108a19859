"""Leave quickly, at build time: its destination is checked, and the header override stays
Material's own header plus our link (so a theme upgrade that changes it is noticed)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from site_build import quick_exit

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "site_src" / "overrides" / "partials" / "header.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "header.html"
OUR_BLOCK = re.compile(r"    \{#- ef: leave quickly\..*?\{#- /ef -#\}\n", re.DOTALL)


def test_header_override_is_materials_header_plus_the_leave_link():
    ours = OURS.read_text(encoding="utf-8")
    assert len(OUR_BLOCK.findall(ours)) == 1
    assert OUR_BLOCK.sub("", ours) == MATERIAL.read_text(encoding="utf-8")
    assert "data-ef-quick-exit" in OUR_BLOCK.search(ours).group(0)


def test_destination_comes_from_mkdocs_yml():
    assert quick_exit.destination({"quick_exit": {"url": "https://example.org/"}}) == (
        "https://example.org/"
    )


@pytest.mark.parametrize(
    "extra",
    [{}, {"quick_exit": {}}, {"quick_exit": {"url": "http://example.org/"}}, {"quick_exit": "x"}],
)
def test_a_missing_or_odd_destination_stops_the_build(extra):
    with pytest.raises(ValueError, match=r"extra\.quick_exit\.url"):
        quick_exit.destination(extra)
