"""`make dist`'s archive, from the strict build: exact compressed copies, and a site that works.

The browser part unpacks the archive into a temporary folder, serves it with the project's
own server, and runs the written agreement there (Python ready, fill, download as Markdown)
under the same privacy audit as every browser test.
"""

from __future__ import annotations

import gzip
import re
import tarfile
from pathlib import Path

import brotli
import pytest

from site_build import dist
from site_build.serve import serve_in_background
from worksheets import get

from worksheet_driver import download, fill, open_worksheet, sample_answers

FOLDER = "equal-footing-test-0000000"
DECOMPRESS = {".gz": gzip.decompress, ".br": brotli.decompress}


@pytest.fixture(scope="module")
def archive(built_site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("dist") / f"{FOLDER}.tar.gz"
    dist.write_archive(built_site.path, target, FOLDER)
    return target


@pytest.fixture(scope="module")
def unpacked(archive, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(root, filter="data")
    return root / FOLDER


def test_archive_holds_every_built_file_unchanged(built_site, unpacked):
    built = {p.relative_to(built_site.path) for p in built_site.path.rglob("*") if p.is_file()}
    for relative in built:
        assert (unpacked / relative).read_bytes() == (built_site.path / relative).read_bytes()


def test_every_compressed_copy_decompresses_to_its_original(built_site, unpacked):
    copies = [p for p in unpacked.rglob("*") if p.suffix in DECOMPRESS]
    copies = [p for p in copies if not (built_site.path / p.relative_to(unpacked)).exists()]
    assert len(copies) > 20
    for copy in copies:
        original = copy.with_suffix("")
        assert DECOMPRESS[copy.suffix](copy.read_bytes()) == original.read_bytes(), copy


def test_the_large_files_have_both_copies(unpacked):
    for name in ("index.html", "search/search_index.json"):
        assert (unpacked / f"{name}.gz").is_file(), name
        assert (unpacked / f"{name}.br").is_file(), name
    wasm = next(unpacked.glob("runtime/micropython-*/micropython.wasm"))
    for suffix in (".gz", ".br"):
        assert wasm.with_name(wasm.name + suffix).stat().st_size < wasm.stat().st_size / 2


@pytest.fixture(scope="module")
def site_url(unpacked):
    """Overrides the session's server for this module: the audited browser sees the archive."""
    server, url = serve_in_background(unpacked)
    yield url
    server.shutdown()


@pytest.mark.browser
def test_unpacked_archive_runs_a_worksheet(page, site_url, audited):
    agreement = get("agreement")
    open_worksheet(page, site_url, agreement)
    answers = sample_answers(agreement)
    fill(page, agreement, answers)
    name, text = download(page, "download-markdown")
    assert name.endswith(".md")
    assert answers["partner_a"].split(" <")[0] in re.sub(r"\\(.)", r"\1", text)
    audited.assert_private(page)
