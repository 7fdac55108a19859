"""The publishing archive: which files get compressed copies, and that each copy is exact."""

from __future__ import annotations

import gzip
import random
import tarfile

import brotli
import pytest

from site_build import dist

TEXT = ("Equal footing, on any host. " * 200).encode()


@pytest.mark.parametrize(
    ("path", "size", "expected"),
    [
        ("index.html", 40_000, True),
        ("runtime/pyodide-314.0.7/pyodide.asm.wasm", 9_598_218, True),
        ("runtime/pyodide-314.0.7/pyodide.mjs", 18_000, True),
        ("assets/stylesheets/main.css", 137_000, True),
        ("search/search_index.json", 126_000, True),
        ("tiny.js", 300, False),  # fits in one packet anyway
        ("runtime/python/bundle.zip", 130_000, False),  # already compressed
        ("templates/agreement.pdf", 60_000, False),
        ("sitemap.xml.gz", 5_000, False),
    ],
)
def test_which_files_get_compressed_copies(path, size, expected):
    assert dist.should_compress(path, size) is expected


def test_each_copy_decompresses_to_the_original():
    copies = {m.path: m.data for m in dist.compressed_copies("page.html", TEXT)}
    assert set(copies) == {"page.html.gz", "page.html.br"}
    assert gzip.decompress(copies["page.html.gz"]) == TEXT
    assert brotli.decompress(copies["page.html.br"]) == TEXT
    assert all(len(data) < len(TEXT) / 10 for data in copies.values())


def test_a_copy_that_saves_little_is_not_kept():
    noise = random.Random(8).randbytes(40_000)  # random bytes do not compress
    assert dist.compressed_copies("data.json", noise) == []


def test_gzip_copies_are_reproducible():
    assert dist.gzip_bytes(TEXT) == dist.gzip_bytes(TEXT)
    assert gzip.decompress(dist.gzip_bytes(TEXT)) == TEXT


def test_archive_name_is_versioned():
    assert dist.archive_name("0.1.0", "75d7efb") == "equal-footing-0.1.0-75d7efb"
    assert dist.project_version() == dist.project_version().strip()
    assert dist.revision()  # a commit id here, a date where there is no git


def _tiny_site(root):
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_bytes(b"<!doctype html><title>t</title>" + TEXT)
    (root / "assets" / "app.js").write_bytes(TEXT)
    (root / "assets" / "icon.png").write_bytes(b"\x89PNG" + bytes(2000))
    (root / "sitemap.xml").write_bytes(TEXT)
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(TEXT))
    return root


def test_archive_holds_the_site_and_its_copies_under_one_folder(tmp_path):
    site = _tiny_site(tmp_path / "site")
    target = tmp_path / "out" / "x.tar.gz"
    dist.write_archive(site, target, "equal-footing-0.1.0-abc")
    with tarfile.open(target) as tar:
        names = sorted(tar.getnames())
        contents = {n: tar.extractfile(n).read() for n in names}
    prefix = "equal-footing-0.1.0-abc/"
    assert names == sorted(
        prefix + n
        for n in (
            "assets/app.js", "assets/app.js.br", "assets/app.js.gz", "assets/icon.png",
            "index.html", "index.html.br", "index.html.gz", "sitemap.xml", "sitemap.xml.gz",
        )
    )  # fmt: skip
    assert brotli.decompress(contents[prefix + "assets/app.js.br"]) == TEXT
    assert gzip.decompress(contents[prefix + "sitemap.xml.gz"]) == TEXT  # MkDocs' own, kept


def test_archive_is_byte_for_byte_reproducible(tmp_path):
    site = _tiny_site(tmp_path / "site")
    first, second = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    dist.write_archive(site, first, "f")
    (site / "index.html").touch()  # a newer file time changes nothing
    dist.write_archive(site, second, "f")
    assert first.read_bytes() == second.read_bytes()


def test_refuses_a_folder_that_is_not_a_built_site(tmp_path):
    with pytest.raises(FileNotFoundError, match="make build"):
        dist.write_archive(tmp_path, tmp_path / "x.tar.gz", "f")
