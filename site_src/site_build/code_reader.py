"""Reading a partner's answer code on the page: jsQR and our small reader script, self-hosted.

jsQR comes from the npm package pinned in package.json (never a CDN) and is copied into the
built site beside the Python runtime. Only pages whose worksheet has an answer code load
ef-code-reader.js (from the theme overrides), before PyScript: the bridge calls it. It loads
jsQR itself, from the address it is given, the first time a code is read (where the browser
has no BarcodeDetector): 250 KB of script that a phone need not run on every visit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_build.runtime import RUNTIME_DIR, RuntimeMissing, _relative

#: The reader script, copied by MkDocs from the theme overrides like the other scripts.
READER_SCRIPT = PurePosixPath("assets/javascripts/ef-code-reader.js")
#: The one file of the npm package the page needs (a UMD bundle: it defines window.jsQR).
JSQR_FILE = "dist/jsQR.js"


@dataclass(frozen=True)
class CodeReader:
    jsqr: Path
    version: str

    @classmethod
    def locate(cls, project_dir: Path) -> CodeReader:
        package = project_dir / "node_modules" / "jsqr"
        source = package / JSQR_FILE
        if not source.is_file():
            raise RuntimeMissing(
                f"{source} is missing: install the pinned packages with `npm ci` "
                "(`make build` does it)."
            )
        version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
        return cls(source, version)

    @property
    def jsqr_path(self) -> PurePosixPath:
        return RUNTIME_DIR / f"jsqr-{self.version}" / "jsQR.js"

    def tags(self, page_url: str) -> str:
        return (
            f'<script src="{_relative(READER_SCRIPT, page_url)}" '
            f'data-jsqr="{_relative(self.jsqr_path, page_url)}"></script>'
        )

    def write(self, site_dir: Path) -> list[Path]:
        """Copy jsQR, with its licence (Apache-2.0 asks that it travel with the code)."""
        target = site_dir / self.jsqr_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.jsqr.read_bytes())
        licence = target.with_name("LICENSE")
        licence.write_bytes((self.jsqr.parents[1] / "LICENSE").read_bytes())
        return [target, licence]
