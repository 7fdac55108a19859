"""Leave quickly, at build time: its destination is checked, and the header override stays
Material's own header plus our marked blocks, the link and the keyboard buttons (so a theme
upgrade that changes it is noticed)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from site_build import quick_exit

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "site_src" / "overrides" / "partials" / "header.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "header.html"
OUR_BLOCKS = re.compile(r"^ *\{#- ef: (.*?)\..*?\{#- /ef -#\}\n", re.DOTALL | re.MULTILINE)


def test_header_override_is_materials_header_plus_our_blocks():
    ours = OURS.read_text(encoding="utf-8")
    blocks = [(m.group(1), m.group(0)) for m in OUR_BLOCKS.finditer(ours)]
    assert [kind for kind, _ in blocks] == ["keyboard", "keyboard", "leave quickly"]
    assert OUR_BLOCKS.sub("", ours) == MATERIAL.read_text(encoding="utf-8")
    # The drawer and search buttons (ef-toggles.js), then the link; their attributes are the
    # page contract's, which the hook gives the templates as config.extra.contract.
    assert '{{ config.extra.contract.attributes.toggle }}="__drawer"' in blocks[0][1]
    assert '{{ config.extra.contract.attributes.toggle }}="__search"' in blocks[1][1]
    assert "{{ config.extra.contract.attributes.quickExit }}" in blocks[2][1]


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
