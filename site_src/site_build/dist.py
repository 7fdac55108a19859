"""Package the built site for any static host: one versioned archive, ready to unpack and serve.

`make dist` builds the site (the same `mkdocs build --strict` as `make serve`), then runs
`python -m site_build.dist`, which writes `dist/equal-footing-<version>-<revision>.tar.gz`:
every file of the site under one folder, plus a `.gz` and a `.br` copy of each large text-like
file (HTML, CSS, JavaScript, JSON, WebAssembly, SVG...) for hosts that serve pre-compressed
files (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`...). Hosts that do not simply
ignore them. The archive is deterministic: the same site gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import subprocess
import tarfile
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parents[2]
NAME = "equal-footing"

#: Text-like files that shrink a lot when compressed. Already-compressed formats (.zip, .pdf,
#: .png, .gz) are left alone: a second compression saves next to nothing.
COMPRESSIBLE = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".md", ".py",
     ".map", ".webmanifest", ".ics"}
)  # fmt: skip
#: Below this a compressed copy is not worth a file (it fits in one network packet anyway).
MIN_BYTES = 1024
#: A copy is kept only if it is at most this fraction of the original.
MAX_RATIO = 0.9
#: Brotli's best quality takes a minute on the 9.6 MB interpreter; above this size quality 9
#: gives nearly the same size (3.1 MB instead of 2.7 MB) in a few seconds.
BROTLI_BEST_UP_TO = 4 * 1024 * 1024
#: Fixed file time in the archive (and in each .gz header), so the archive is reproducible.
EPOCH = 0


@dataclass(frozen=True)
class Member:
    """One file of the archive: its path inside the site and its bytes."""

    path: str
    data: bytes


def should_compress(path: str, size: int) -> bool:
    return Path(path).suffix.lower() in COMPRESSIBLE and size >= MIN_BYTES


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=EPOCH)


def brotli_bytes(data: bytes) -> bytes:
    quality = 11 if len(data) <= BROTLI_BEST_UP_TO else 9
    compressed: bytes = brotli.compress(data, quality=quality)
    return compressed


def compressed_copies(path: str, data: bytes) -> list[Member]:
    """The `.gz` and `.br` copies worth keeping for one file (none for most small files)."""
    if not should_compress(path, len(data)):
        return []
    copies = []
    for suffix, compress in ((".gz", gzip_bytes), (".br", brotli_bytes)):
        packed = compress(data)
        if len(packed) <= MAX_RATIO * len(data):
            copies.append(Member(path + suffix, packed))
    return copies


def site_members(site: Path) -> Iterator[Member]:
    """Every file of the built site, each followed by its compressed copies, in path order."""
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = file.relative_to(site).as_posix()
        data = file.read_bytes()
        yield Member(relative, data)
        if (site / (relative + ".gz")).exists() or relative.endswith((".gz", ".br")):
            # MkDocs writes sitemap.xml.gz itself; a file already compressed is not compressed again.
            continue
        yield from compressed_copies(relative, data)


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])


def revision(root: Path = ROOT) -> str:
    """The checkout's short commit id; today's date (UTC) where there is no git."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return time.strftime("%Y%m%d", time.gmtime())


def archive_name(version: str, rev: str) -> str:
    return f"{NAME}-{version}-{rev}"


def write_archive(site: Path, target: Path, folder: str) -> list[Member]:
    """Write `site` (with compressed copies) as a reproducible .tar.gz under `folder`/."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} is not a built site (no index.html): run `make build`")
    members = list(site_members(site))
    target.parent.mkdir(parents=True, exist_ok=True)
    # The gzip layer gets a fixed time and no file name, the tar entries fixed owners and times.
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=EPOCH) as packed,
        tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for member in members:
            info = tarfile.TarInfo(f"{folder}/{member.path}")
            info.size, info.mtime, info.mode = len(member.data), EPOCH, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(member.data))
    return members


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out-dir", type=Path, default=Path("dist"))
    args = parser.parse_args()
    folder = archive_name(project_version(), revision())
    target = args.out_dir / f"{folder}.tar.gz"
    members = write_archive(args.site, target, folder)
    copies = sum(m.path.endswith((".gz", ".br")) for m in members)
    print(
        f"wrote {target} ({target.stat().st_size / 1_048_576:.1f} MB): "
        f"{len(members) - copies} files and {copies} pre-compressed copies"
    )


if __name__ == "__main__":
    main()
