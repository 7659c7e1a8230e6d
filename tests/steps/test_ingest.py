"""Hostile-input tests for flows.steps.ingest: every bad file becomes a Rejected, nothing raises.

All files are real files built under tmp_path. Where the test process runs as root (as in
CI containers) permission bits do not stop reads, so the "unreadable" cases either skip the
real-chmod variant or simulate the exact OSError the kernel would raise.
"""

from __future__ import annotations

import builtins
import codecs
import errno
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.steps import ingest
from flows.steps.ingest import (
    BINARY_CONTROL_RATIO,
    REASONS,
    RawArticle,
    Rejected,
    discover,
    read_article,
)
from tests.guards import time_limit

LIMIT = 1_000_000
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

ARTICLE = (
    "Chinese President Xi Jinping promised on Friday to defend the territorial integrity "
    "of Tajikistan.\n"
    '"We will continue to cooperate," Xi told his counterpart, according to CCTV.\n'
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Council approves new bridge funding | The Daily Ledger</title>
  <meta property="og:title" content="Council approves new bridge funding">
  <script>window.dataLayer = [];</script>
</head>
<body>
  <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
  <header>
    <nav>
      <ul>
        <li><a href="/">Home</a></li>
        <li><a href="/world">World</a></li>
        <li><a href="/sport">Sport</a></li>
        <li><a href="/subscribe">Subscribe for unlimited access</a></li>
      </ul>
    </nav>
  </header>
  <main>
    <article>
      <h1>Council approves new bridge funding</h1>
      <p class="byline">By Jane Doe</p>
      <p>The city council voted 7-2 on Tuesday to approve 40 million euros for a replacement
      of the ageing Riverside Bridge, ending a two-year dispute over the project's cost.</p>
      <p>"This bridge carries twenty thousand people a day, and it cannot wait any longer,"
      said Mayor Anna Keller after the vote, adding that construction would start in spring.</p>
      <p>Opposition councillors argued that the estimate had doubled since 2022 and called
      for an independent audit before any contracts are signed with builders.</p>
    </article>
  </main>
  <footer>
    <p>Copyright 2024 The Daily Ledger. All rights reserved.</p>
    <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a>
  </footer>
</body>
</html>
"""


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def rejected(result: RawArticle | Rejected, reason: str) -> Rejected:
    assert isinstance(result, Rejected), f"expected Rejected({reason}), got {result!r}"
    assert result.reason == reason, result
    assert result.reason in REASONS
    assert result.detail
    return result


def accepted(result: RawArticle | Rejected) -> RawArticle:
    assert isinstance(result, RawArticle), f"expected RawArticle, got {result!r}"
    assert result.article_id == hashlib.sha256(result.raw).hexdigest()
    return result


# ------------------------------------------------------------------------ read_article


def test_plain_utf8_article_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    art = accepted(read_article(path, LIMIT))
    assert art.text == ARTICLE
    assert art.encoding == "utf-8"
    assert art.content_type == "text"
    assert art.path == str(path)
    assert art.raw == path.read_bytes()


def test_crlf_and_cr_are_normalised(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"line one\r\nline two\rline three\n")
    art = accepted(read_article(path, LIMIT))
    assert art.text == "line one\nline two\nline three\n"
    assert art.raw == b"line one\r\nline two\rline three\n"  # id is over the raw bytes


def test_empty_file(tmp_path: Path) -> None:
    rej = rejected(read_article(write(tmp_path / "e.txt", b""), LIMIT), "empty")
    assert "0 bytes" in rej.detail


def test_bom_only_file_is_empty(tmp_path: Path) -> None:
    rejected(read_article(write(tmp_path / "e.txt", codecs.BOM_UTF8), LIMIT), "empty")


@pytest.mark.parametrize(
    "content",
    [b"   \n\t\r\n  \r", b"\n", "\u00a0\u2003\u200b\ufeff\n".encode()],
    ids=["ascii-space", "newline", "unicode-and-zero-width"],
)
def test_whitespace_only(tmp_path: Path, content: bytes) -> None:
    rejected(read_article(write(tmp_path / "w.txt", content), LIMIT), "whitespace_only")


def test_png_is_binary(tmp_path: Path) -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
        + bytes(range(256)) * 4
    )
    rej = rejected(read_article(write(tmp_path / "photo.txt", png), LIMIT), "binary")
    assert "NUL byte at offset 8" in rej.detail


def test_control_heavy_file_without_nul_is_binary(tmp_path: Path) -> None:
    # Valid UTF-8, no NUL, but 1 in 4 characters is a control character.
    data = b"ab\x01c" * 100
    rej = rejected(read_article(write(tmp_path / "c.txt", data), LIMIT), "binary")
    assert "control characters" in rej.detail


def test_random_bytes_without_nul_are_binary_not_undecodable(tmp_path: Path) -> None:
    data = bytes(b for b in range(1, 256)) * 8  # invalid UTF-8 and ~11% controls
    rejected(read_article(write(tmp_path / "r.txt", data), LIMIT), "binary")


def test_a_few_stray_controls_are_tolerated(tmp_path: Path) -> None:
    text = ARTICLE * 5 + "\x1a"  # DOS end-of-file marker, far below the threshold
    assert 1 / len(text) < BINARY_CONTROL_RATIO
    accepted(read_article(write(tmp_path / "dos.txt", text), LIMIT))


def test_utf16_without_bom_is_binary_with_hint(tmp_path: Path) -> None:
    data = ARTICLE.encode("utf-16-le")
    rej = rejected(read_article(write(tmp_path / "u.txt", data), LIMIT), "binary")
    assert "UTF-16 without a byte-order mark" in rej.detail


def test_invalid_utf8_reports_offset(tmp_path: Path) -> None:
    data = b"a" * 1234 + b"\xff" + b" more text"
    rej = rejected(read_article(write(tmp_path / "bad.txt", data), LIMIT), "undecodable")
    assert "invalid UTF-8 byte 0xff at offset 1234" in rej.detail


def test_latin1_text_is_undecodable_not_guessed(tmp_path: Path) -> None:
    data = "Le président a déclaré\n".encode("latin-1")
    rej = rejected(read_article(write(tmp_path / "l1.txt", data), LIMIT), "undecodable")
    assert "0xe9 at offset 5" in rej.detail  # "Le pr" is 5 bytes


def test_invalid_utf8_after_bom_offset_counts_the_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b"ok \xc3\x28"
    rej = rejected(read_article(write(tmp_path / "b.txt", data), LIMIT), "undecodable")
    assert "at offset 6" in rej.detail


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_encodings_decode(tmp_path: Path, bom: bytes, codec: str, encoding: str) -> None:
    text = "Zürich, 3 March — «Ça va», said Ms Ødegård 🙂\r\nSecond paragraph.\n"
    raw = bom + text.encode(codec)
    art = accepted(read_article(write(tmp_path / "bom.txt", raw), LIMIT))
    assert art.encoding == encoding
    assert art.text == text.replace("\r\n", "\n")
    assert not art.text.startswith("\ufeff")
    assert art.raw == raw
    assert art.article_id == hashlib.sha256(raw).hexdigest()


def test_truncated_utf16_is_undecodable(tmp_path: Path) -> None:
    raw = codecs.BOM_UTF16_LE + "Hello".encode("utf-16-le") + b"H"  # odd length
    rej = rejected(read_article(write(tmp_path / "t.txt", raw), LIMIT), "undecodable")
    assert "UTF-16 LE" in rej.detail
    assert "offset 12" in rej.detail


def test_too_large_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "big.txt", "x" * 5000)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("a too-large file must not be opened")

    monkeypatch.setattr(builtins, "open", no_open)
    rej = rejected(read_article(path, 4096), "too_large")
    assert "5000 bytes" in rej.detail
    assert "4096" in rej.detail


def test_file_exactly_at_limit_is_fine(tmp_path: Path) -> None:
    accepted(read_article(write(tmp_path / "edge.txt", "x" * 4096), 4096))


def test_html_article_extracts_paragraphs_not_boilerplate(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_HTML)
    art = accepted(read_article(path, LIMIT))
    assert art.content_type == "html"
    assert art.raw == ARTICLE_HTML.encode()
    headline, sep, body = art.text.partition("\n\n")
    assert sep
    assert headline == "Council approves new bridge funding"
    assert "voted 7-2 on Tuesday" in body
    assert "cannot wait any longer" in body
    assert "independent audit" in body
    assert len(body.split("\n")) >= 3  # one paragraph per line
    for boilerplate in ("Home", "Subscribe", "All rights reserved", "Privacy", "cookies"):
        assert boilerplate not in art.text
    assert "Council approves" not in body  # headline not repeated


def test_html_is_sniffed_in_a_txt_file(tmp_path: Path) -> None:
    path = write(tmp_path / "saved page.txt", "\n  " + ARTICLE_HTML)
    art = accepted(read_article(path, LIMIT))
    assert art.content_type == "html"
    assert "<p>" not in art.text
    assert "independent audit" in art.text


def test_text_mentioning_html_is_not_sniffed(tmp_path: Path) -> None:
    text = "The <html> tag starts a page, the reporter explained.\n"
    art = accepted(read_article(write(tmp_path / "t.txt", text), LIMIT))
    assert art.content_type == "text"
    assert art.text == text


@pytest.mark.parametrize(
    "html",
    [
        "<!doctype html><html><head><title>Only a title</title>"
        "<script>var x = 1;</script></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "</ul></nav><footer>(c) 2024</footer></body></html>",
        "<html><body></body></html>",
        "<html><head><style>p { color: red }</style></head><body><img src=a.png></body></html>",
    ],
    ids=["nav-and-footer-only", "empty-body", "style-and-image"],
)
def test_html_without_text(tmp_path: Path, html: str) -> None:
    rejected(read_article(write(tmp_path / "blank.html", html), LIMIT), "html_no_text")


def test_unreadable_file_real_permissions(tmp_path: Path) -> None:
    if IS_ROOT:
        pytest.skip("running as root: chmod 000 does not prevent reading")
    path = write(tmp_path / "secret.txt", ARTICLE)
    path.chmod(0)
    try:
        rej = rejected(read_article(path, LIMIT), "unreadable")
        assert "Permission denied" in rej.detail
    finally:
        path.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate what os.open raises for a mode-000 file when not root (EACCES)."""
    path = write(tmp_path / "secret.txt", ARTICLE)
    real_open = os.open

    def denying_open(file: object, *args: object, **kwargs: object) -> object:
        if os.fspath(file) == str(path):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload,arg-type]

    monkeypatch.setattr(os, "open", denying_open)
    rej = rejected(read_article(path, LIMIT), "unreadable")
    assert "PermissionError" in rej.detail
    assert "Permission denied" in rej.detail


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    rejected(read_article(tmp_path, LIMIT), "not_a_file")


def test_fifo_is_rejected_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with time_limit(10):
        rejected(read_article(fifo, LIMIT), "not_a_file")


def test_missing_file(tmp_path: Path) -> None:
    rejected(read_article(tmp_path / "nope.txt", LIMIT), "not_found")


def test_path_with_nul_is_rejected_not_raised(tmp_path: Path) -> None:
    rejected(read_article(Path(str(tmp_path) + "/a\x00b.txt"), LIMIT), "not_found")


def test_file_symlink_loop_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    rejected(read_article(tmp_path / "a.txt", LIMIT), "symlink_loop")


def test_non_ascii_name_with_spaces_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "dossier été" / "résumé du jour.txt", ARTICLE)
    art = accepted(read_article(path, LIMIT))
    assert art.path == str(path)
    assert art.text == ARTICLE


def test_non_positive_limit_is_a_caller_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        read_article(write(tmp_path / "a.txt", ARTICLE), 0)


# ---------------------------------------------------------------------------- discover


def test_discover_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "a.HTML", ARTICLE_HTML)
    write(tmp_path / "sub" / "c.htm", ARTICLE_HTML)
    write(tmp_path / "sub" / "deeper" / "d.txt", ARTICLE)
    write(tmp_path / "notes.md", "not an article")
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / ".git" / "x.txt", ARTICLE)
    write(tmp_path / "_out" / "y.txt", ARTICLE)
    write(tmp_path / "_draft.txt", ARTICLE)
    files, rejects = discover([tmp_path])
    assert files == [
        tmp_path / "a.HTML",
        tmp_path / "b.txt",
        tmp_path / "sub" / "c.htm",
        tmp_path / "sub" / "deeper" / "d.txt",
    ]
    assert rejects == []
    assert discover([tmp_path]) == (files, rejects)  # deterministic


def test_discover_custom_suffixes(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.md", ARTICLE)
    files, _ = discover([tmp_path], suffixes=("md",))
    assert files == [tmp_path / "b.md"]


def test_discover_folder_without_articles(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    write(folder / "cat.png", b"\x89PNG\r\n\x1a\n")
    write(folder / ".hidden.txt", ARTICLE)
    write(folder / "_out" / "table.txt", ARTICLE)
    (folder / "empty-subfolder").mkdir()
    files, rejects = discover([folder])
    assert files == []
    assert [(r.path, r.reason) for r in rejects] == [(str(folder), "no_articles")]


def test_discover_no_paths_at_all() -> None:
    files, rejects = discover([])
    assert files == []
    assert [(r.path, r.reason) for r in rejects] == [("", "no_articles")]


def test_discover_missing_path(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    missing = tmp_path / "does not exist.txt"
    files, rejects = discover([missing, good])
    assert files == [good]
    assert [(r.path, r.reason) for r in rejects] == [(str(missing), "not_found")]


def test_discover_only_missing_paths_reports_empty_set(tmp_path: Path) -> None:
    files, rejects = discover([tmp_path / "nope", ""])
    assert files == []
    assert [r.reason for r in rejects] == ["not_found", "not_found", "no_articles"]


def test_discover_explicit_file_with_other_suffix(tmp_path: Path) -> None:
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.7")
    files, rejects = discover([pdf, write(tmp_path / "a.txt", ARTICLE)])
    assert files == [tmp_path / "a.txt"]
    assert [(r.path, r.reason) for r in rejects] == [(str(pdf), "unsupported_type")]


def test_discover_explicit_hidden_file_is_taken(tmp_path: Path) -> None:
    path = write(tmp_path / "_draft.txt", ARTICLE)
    assert discover([path]) == ([path], [])


def test_discover_names_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    path = write(tmp_path / "dossier été" / "résumé du jour.txt", ARTICLE)
    write(tmp_path / "北京 报道.txt", ARTICLE)
    files, rejects = discover([tmp_path])
    assert files == [tmp_path / "dossier été" / "résumé du jour.txt", tmp_path / "北京 报道.txt"]
    assert rejects == []
    assert accepted(read_article(files[0], LIMIT)).path == str(path)


def test_discover_relative_and_absolute_paths_kept_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "in" / "a.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    files, _ = discover(["in"])
    assert files == [Path("in/a.txt")]
    assert accepted(read_article(files[0], LIMIT)).path == "in/a.txt"
    abs_files, _ = discover([tmp_path / "in"])
    assert abs_files == [tmp_path / "in" / "a.txt"]


def test_discover_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    root = tmp_path / "news"
    write(root / "a.txt", ARTICLE)
    write(root / "sub" / "b.txt", ARTICLE + "b")
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)  # sub/up -> news
    (root / "self").symlink_to(".", target_is_directory=True)  # news/self -> news
    with time_limit(10):
        files, rejects = discover([root])
    assert files == [root / "a.txt", root / "sub" / "b.txt"]
    loops = sorted(r.path for r in rejects if r.reason == "symlink_loop")
    assert loops == [str(root / "self"), str(root / "sub" / "up")]  # each reported once
    assert len(rejects) == 2


def test_discover_mutual_directory_symlinks_terminate(tmp_path: Path) -> None:
    root = tmp_path / "news"
    write(root / "x" / "a.txt", ARTICLE)
    write(root / "y" / "b.txt", ARTICLE + "b")
    (root / "x" / "to_y").symlink_to(root / "y", target_is_directory=True)
    (root / "y" / "to_x").symlink_to(root / "x", target_is_directory=True)
    with time_limit(10):
        files, rejects = discover([root])
    assert sorted(os.path.realpath(f) for f in files) == sorted(
        [os.path.realpath(root / "x" / "a.txt"), os.path.realpath(root / "y" / "b.txt")]
    )
    assert [r.reason for r in rejects] == ["symlink_loop"]


def test_discover_file_symlink_loop(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt", ARTICLE)
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    with time_limit(10):
        files, rejects = discover([tmp_path])
    assert files == [tmp_path / "ok.txt"]
    assert [(r.path, r.reason) for r in rejects] == [
        (str(tmp_path / "a.txt"), "symlink_loop"),
        (str(tmp_path / "b.txt"), "symlink_loop"),
    ]


def test_discover_duplicate_via_symlink_counted_once(tmp_path: Path) -> None:
    real = write(tmp_path / "a_real.txt", ARTICLE)
    (tmp_path / "b_link.txt").symlink_to(real)
    (tmp_path / "mirror").symlink_to(tmp_path / "sub", target_is_directory=True)
    write(tmp_path / "sub" / "c.txt", ARTICLE + "c")
    files, rejects = discover([tmp_path, real, tmp_path / "sub" / "c.txt", tmp_path])
    assert files == [real, tmp_path / "mirror" / "c.txt"]
    assert rejects == []


def test_discover_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "gone.jpg").symlink_to(tmp_path / "deleted.jpg")  # not an article: ignored
    write(tmp_path / "ok.txt", ARTICLE)
    files, rejects = discover([tmp_path])
    assert files == [tmp_path / "ok.txt"]
    assert [(r.path, r.reason) for r in rejects] == [(str(tmp_path / "gone.txt"), "not_found")]
    assert "broken symbolic link" in rejects[0].detail


def test_discover_fifo_in_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "ok.txt", ARTICLE)
    with time_limit(10):
        files, rejects = discover([tmp_path])
    assert files == [tmp_path / "ok.txt"]
    assert [(r.path, r.reason) for r in rejects] == [(str(tmp_path / "pipe.txt"), "not_a_file")]


def test_discover_unreadable_subfolder_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root, chmod 000 on a folder does not stop listing it, so simulate EACCES."""
    write(tmp_path / "a.txt", ARTICLE)
    locked = tmp_path / "locked"
    write(locked / "b.txt", ARTICLE)
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path) == str(locked):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(ingest.os, "scandir", scandir)
    files, rejects = discover([tmp_path])
    assert files == [tmp_path / "a.txt"]
    assert [(r.path, r.reason) for r in rejects] == [(str(locked), "unreadable")]
    assert "Permission denied" in rejects[0].detail


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path / "1 good.txt", ARTICLE)
    write(tmp_path / "2 empty.txt", b"")
    write(tmp_path / "3 binary.txt", b"\x00\x01\x02" * 50)
    write(tmp_path / "4 latin1.txt", "café".encode("latin-1"))
    write(tmp_path / "5 page.html", ARTICLE_HTML)
    write(tmp_path / "6 blank.html", "<html><body></body></html>")
    write(tmp_path / "7 good.txt", ARTICLE + "more")
    files, rejects = discover([tmp_path])
    assert rejects == []
    results = [read_article(f, LIMIT) for f in files]
    ok = [r.path for r in results if isinstance(r, RawArticle)]
    bad = {Path(r.path).name: r.reason for r in results if isinstance(r, Rejected)}
    assert [Path(p).name for p in ok] == ["1 good.txt", "5 page.html", "7 good.txt"]
    assert bad == {
        "2 empty.txt": "empty",
        "3 binary.txt": "binary",
        "4 latin1.txt": "undecodable",
        "6 blank.html": "html_no_text",
    }


# -------------------------------------------------------------------------- properties

_html_ish = st.builds(
    lambda head, body: (head + body).encode("utf-8"),
    st.sampled_from(["<!doctype html>", "<html>", "<HTML lang=x>", "  <html>\n", ""]),
    st.text(
        alphabet=st.sampled_from(list("<>/=\"' abcp\n\r\t&;#!-?é\x00\x0b\u2028\ufeff")),
        max_size=300,
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(st.binary(max_size=2048), _html_ish),
    suffix=st.sampled_from([".txt", ".html", ".htm"]),
)
def test_read_article_never_raises(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("prop", numbered=True)
    path = folder / f"article{suffix}"
    path.write_bytes(data)
    result = read_article(path, max_bytes=1024)
    if isinstance(result, Rejected):
        assert result.reason in REASONS
        assert result.reason != "internal_error", result.detail  # would be a bug here
        assert result.detail
        assert result.path == str(path)
    else:
        assert isinstance(result, RawArticle)
        assert result.raw == data
        assert result.article_id == hashlib.sha256(data).hexdigest()
        assert result.content_type in ("text", "html")
        assert "\r" not in result.text
        assert result.text.strip()
        assert len(data) <= 1024
