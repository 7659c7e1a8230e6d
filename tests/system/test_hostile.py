"""Hostile inputs through the real CLI: each bad file is quarantined, the good ones written."""

from __future__ import annotations

import os
import subprocess
import sys

import polars as pl
import pytest

from flows.storage.local import LocalDataset
from tests.conftest import ARTICLES, SEED

pytestmark = pytest.mark.slow  # starts API servers and worker processes

HTML = """<!doctype html><html><head><title>Council votes to close plant | Example News</title>
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Council votes to close plant</h1>
<p>The Springfield city council voted 7 to 2 on Tuesday to close the Riverside coal plant
by 2030, ending more than eight decades of coal power in the city.</p>
<p>"This is the most important vote this council has taken," said council member Janet
Alvarez, who introduced the measure.</p>
<p>The plant produced 38 percent of the city's electricity last year, according to the
utility.</p></article><footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"""


def test_hostile_folder(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    nested = inbox / "dossier à espaces"
    nested.mkdir(parents=True)
    seed_text = SEED.read_text(encoding="utf-8")
    (nested / "nouvelles du jour é.txt").write_text(seed_text, encoding="utf-8")
    (inbox / "utf16.txt").write_bytes((ARTICLES / "council_vote.txt").read_text(
        encoding="utf-8").encode("utf-16"))  # with a BOM
    (inbox / "utf8sig.txt").write_bytes(b"\xef\xbb\xbf" + (ARTICLES / "harbour_bridge.txt")
                                        .read_bytes())
    (inbox / "page.html").write_text(HTML, encoding="utf-8")
    (inbox / "app-shell.html").write_text(  # a script-rendered page: no text to extract
        '<html><head><title>Loading</title><script>var a=1;</script></head>'
        '<body><div id="app"></div></body></html>')
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "blank.txt").write_text("  \n\t\n  ")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inbox / "latin1.txt").write_bytes(b"Le caf\xe9 est ferm\xe9.")
    (inbox / "huge.txt").write_text("Words and more words. " * 2000)
    (inbox / "loop").symlink_to(inbox, target_is_directory=True)
    (tmp_path / "no-articles").mkdir()
    out = tmp_path / "data"
    proc = subprocess.run(
        # (a path missing on the command line is a usage error, exit 2: test_cli_manners)
        [sys.executable, "-m", "flows.cli", "run", str(inbox), str(tmp_path / "no-articles"),
         "--out", str(out), "--max-bytes", "20000"],
        capture_output=True, text=True, env={**os.environ})
    assert proc.returncode == 1, proc.stderr
    articles = LocalDataset(out).read("articles")
    names = sorted(p.rsplit("/", 1)[1] for p in articles["source_path"].to_list())
    assert names == ["nouvelles du jour é.txt", "page.html", "utf16.txt", "utf8sig.txt"]
    html = articles.filter(pl.col("content_type") == "html").row(0, named=True)
    assert html["headline"] == "Council votes to close plant"
    assert "Home" not in html["body"] and "Copyright" not in html["body"]
    encodings = dict(zip(names, articles.sort("source_path")["encoding"], strict=False))
    assert set(articles["encoding"]) >= {"utf-16-le", "utf-8-sig"}, encodings
    q = LocalDataset(out).read("_quarantine")
    reasons = {os.path.basename(p) or "(no inputs)": r
               for p, r in zip(q["path"], q["reason"], strict=True)}
    assert reasons["empty.txt"] == "empty"
    assert reasons["blank.txt"] == "whitespace_only"
    assert reasons["image.txt"] == "binary"
    assert reasons["latin1.txt"] == "undecodable"
    assert reasons["huge.txt"] == "too_large"
    assert reasons["app-shell.html"] == "html_no_text"
    assert reasons["loop"] == "symlink_loop"
    assert reasons["no-articles"] == "no_articles"
    detail = q.filter(pl.col("reason") == "undecodable")["detail"].item()
    assert "byte 0xe9 at offset 6" in detail  # b"Le caf" is 6 bytes
    for line in ("latin1.txt: undecodable", "huge.txt: too_large", "loop: symlink_loop"):
        assert line in proc.stderr.replace("\n", " "), line
