"""Ingestion edge of the pipeline: find article files and turn raw bytes into text.

Everything here is a pure function over the file system (no Prefect), because this is the
one place where hostile input enters: files that are empty, binary, mis-encoded, huge,
unreadable, symlink loops, FIFOs, HTML pages full of navigation. Each of those must become a
structured :class:`Rejected` record with a reason from the fixed :data:`REASONS` vocabulary
and a human-readable detail, so that one bad file never raises out of here and never stops
the other files. Downstream code only ever sees :class:`RawArticle` values whose ``text`` is
non-blank, decoded, and has ``"\\n"`` as its only line terminator.

Text format handed downstream
-----------------------------
* Plain-text files: the decoded file, with ``"\\r\\n"`` and ``"\\r"`` turned into ``"\\n"``
  and nothing else changed (no Unicode normalisation, no stripping), so character offsets
  computed later stay meaningful against a faithful copy of the source.
* HTML files: ``"headline\\n\\nparagraph\\nparagraph..."`` - the headline (trafilatura's
  metadata title) first, a blank line, then one extracted paragraph per line, which is the
  same one-paragraph-per-line layout as our plain-text seed articles. Without a title the
  text is just the paragraphs.

Note for consumers: ``str.splitlines()`` also splits on ``\\x0b \\x0c \\x1c-\\x1e \\x85
\\u2028 \\u2029``, which may legitimately survive in ``text``; split on ``"\\n"`` instead.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from flows.steps import remote_inputs, safe_read, webpage
from flows.steps.source_formats import BULK_SUFFIXES
from flows.steps.webpage import PageMeta

__all__ = [
    "BINARY_CONTROL_RATIO",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_SUFFIXES",
    "REASONS",
    "RawArticle",
    "Rejected",
    "discover",
    "read_article",
]

#: Why a path or file was turned away. The first eleven are the agreed vocabulary; the last
#: three were added here:
#:
#: * ``unsupported_type`` - a *file named explicitly* on the command line whose suffix is not
#:   an article suffix (``report.pdf``). Inside folders such files are simply ignored, but a
#:   file the user asked for by name deserves an answer rather than silence.
#: * ``extraction_failed`` - trafilatura raised while parsing an HTML page (as opposed to
#:   parsing fine and finding no text, which is ``html_no_text``).
#: * ``internal_error`` - last-resort guard in :func:`read_article`: an unexpected exception
#:   is reported instead of escaping. Seeing it means a bug in this module, not a bad file.
#: * ``invalid_record`` (a record of a bulk file that is not valid JSON, not an object, or
#:   not a readable row) and ``no_text`` (a record with neither a text nor an html field).
REASONS: tuple[str, ...] = (
    "not_found",
    "unreadable",
    "empty",
    "whitespace_only",
    "too_large",
    "binary",
    "undecodable",
    "html_no_text",
    "symlink_loop",
    "not_a_file",
    "no_articles",
    "unsupported_type",
    "extraction_failed",
    "internal_error",
    # Bulk inputs (flows/steps/sources/): one bad record of a file, the rest goes through.
    "invalid_record",
    "no_text",
    "changed_while_read",
)

DEFAULT_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", *BULK_SUFFIXES)

#: A sensible ``max_bytes`` for callers: a long news article is ~50 kB of text and a bloated
#: news web page a few MB; anything beyond 10 MiB is almost certainly not one article.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

#: A file is ``binary`` when more than this fraction of its characters (or, when it is not
#: valid UTF-8, of its bytes) are control characters other than ``\t \n \r \f``. Real prose
#: has essentially none, so 5% tolerates a few stray ``\x0b``/``\x1a``/ESC bytes from
#: copy-pasting, while uniformly random bytes (~11% C0 controls) and typical binary formats
#: are caught. Any NUL byte in a file that is not UTF-16/32 is ``binary`` outright.
BINARY_CONTROL_RATIO = 0.05

# C0 controls except \t (09) \n (0a) \f (0c) \r (0d), plus DEL; C1 controls for text.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Blank includes zero-width characters that render as nothing but are not str.isspace().
_BLANK = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff]*")
_HTML_SNIFF = re.compile(r"\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)

# UTF-32 LE's BOM (FF FE 00 00) begins with UTF-16 LE's (FF FE), so it must be tried first.
# Each entry: (BOM, codec for the bytes after it, reported encoding, name used in messages).
_BOMS: tuple[tuple[bytes, str, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be", "UTF-16 BE"),
)


@dataclass(frozen=True)
class RawArticle:
    """One article file that was read and decoded successfully.

    ``article_id`` hashes the raw bytes (not the text), so it identifies exactly what was on
    disk: re-running on the same file gives the same id whatever decoding or extraction does.
    ``encoding`` is the codec actually used: ``utf-8``, ``utf-8-sig`` (UTF-8 with BOM), or
    ``utf-16-le``/``utf-16-be``/``utf-32-le``/``utf-32-be`` (always with a BOM, which is
    not part of ``text``).
    """

    path: str
    raw: bytes
    text: str
    encoding: str
    article_id: str
    content_type: str  # "text" or "html"
    # Bulk inputs: where in `path` the record is (line:N, row:N, offset:N).
    locator: str | None = None
    extraction: str | None = None  # for HTML: the path that served it (webpage.extract)
    meta: PageMeta = field(default_factory=PageMeta)  # the page's or record's metadata
    record_id: str | None = None  # the id a bulk record carries


@dataclass(frozen=True)
class Rejected:
    """A path or file that produced no article, and why.

    ``reason`` is one of :data:`REASONS` (machine-readable, for counting and tables);
    ``detail`` is for humans and carries the specifics (OS message, size and limit, byte
    offset). ``path`` is ``""`` only for the whole-input ``no_articles`` record of
    :func:`discover`, which is about the set of paths rather than any one of them.
    """

    path: str
    reason: str
    detail: str
    locator: str | None = None  # the record of a bulk file (line:N, row:N, offset:N)

    def __post_init__(self) -> None:
        # Catch typos in this module at the point of creation rather than in a report.
        if self.reason not in REASONS:
            raise ValueError(f"unknown rejection reason {self.reason!r}")


# --------------------------------------------------------------------------- discover


@dataclass
class _Walk:
    """Mutable state shared by one :func:`discover` call."""

    suffixes: frozenset[str]
    files: list[Path | str] = field(default_factory=list)  # str: an object-store URL
    rejected: list[Rejected] = field(default_factory=list)
    seen_files: set[tuple[int, int]] = field(default_factory=set)
    visited_dirs: set[tuple[int, int]] = field(default_factory=set)

    def reject(self, path: str | os.PathLike[str], reason: str, detail: str) -> None:
        self.rejected.append(Rejected(os.fspath(path), reason, detail))

    def add_file(self, path: Path, st: os.stat_result) -> None:
        # Identity is (device, inode) of the target: the same file reached through a
        # symlink, a second command-line argument or a hard link is one article, and this is
        # immune to "a/../a" spellings and case-insensitive file systems.
        key = (st.st_dev, st.st_ino)
        if key not in self.seen_files:
            self.seen_files.add(key)
            self.files.append(path)


def _is_hidden(name: str) -> bool:
    """Names starting with "." or "_" are skipped while expanding folders.

    "." covers editor/VCS/OS clutter (.git, .DS_Store, .~lock files); "_" is the prefix of
    the pipeline's own output folders (e.g. ``_out``), so pointing the pipeline at a folder
    it has already written into never re-ingests its own products.
    """
    return name.startswith((".", "_"))


def _has_suffix(name: str, suffixes: frozenset[str]) -> bool:
    # endswith, not splitext: bulk suffixes are compound (.jsonl.gz, .warc.gz).
    return name.lower().endswith(tuple(suffixes))


def _describe_mode(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _link_text(path: str | os.PathLike[str]) -> str:
    try:
        return os.readlink(path)
    except (OSError, ValueError):
        return "?"


def _stat_failure(path: str | os.PathLike[str], exc: BaseException) -> tuple[str, str]:
    """Map a failed ``os.stat``/``open`` to (reason, detail)."""
    if isinstance(exc, ValueError):  # e.g. "embedded null byte": no such file can exist
        return "not_found", f"invalid path: {exc}"
    assert isinstance(exc, OSError)
    message = exc.strerror or str(exc)
    if exc.errno == errno.ELOOP:
        return "symlink_loop", f"too many levels of symbolic links ({message})"
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return "not_found", f"broken symbolic link to {_link_text(path)!r}"
        return "not_found", "no such file or directory"
    if isinstance(exc, NotADirectoryError):  # a parent component is a file
        return "not_found", f"a parent of this path is not a directory ({message})"
    if isinstance(exc, IsADirectoryError):
        return "not_a_file", f"is a directory ({message})"
    return "unreadable", f"{type(exc).__name__}: {message}"


def _list_dir(path: str, walk: _Walk) -> list[os.DirEntry[str]] | None:
    """Sorted entries of a directory, or None (with a rejection) if it cannot be listed."""
    try:
        with os.scandir(path) as it:
            entries = list(it)
    except OSError as exc:
        reason, detail = _stat_failure(path, exc)
        if reason == "not_a_file":  # cannot happen for a listable dir; keep vocabulary sane
            reason = "unreadable"
        walk.reject(path, reason, f"cannot list folder: {detail}")
        return None
    # Code-point order of names: deterministic across runs and machines (unlike the
    # file system's own order), independent of locale.
    entries.sort(key=lambda e: e.name)
    return entries


def _expand_dir(root: str, root_key: tuple[int, int], walk: _Walk) -> int | None:
    """Depth-first, sorted expansion of one folder argument.

    Returns how many article-suffixed candidates were met (including duplicates and broken
    ones), or None if the folder itself could not be listed. Iterative rather than recursive
    so a very deep tree cannot hit Python's recursion limit.

    Loop safety: every directory is identified by (st_dev, st_ino) of its target. A
    directory whose identity is one of the current ancestors is a symlink loop and is
    reported (once, at the link that closes it) and not entered; one already expanded via
    another route is skipped silently since its files were already collected. Either way
    every directory is entered at most once, so the walk always terminates.
    """
    listing = _list_dir(root, walk)
    if listing is None:
        return None
    candidates = 0
    stack: list[tuple[Iterator[os.DirEntry[str]], tuple[tuple[int, int], ...]]] = [
        (iter(listing), (root_key,))
    ]
    while stack:
        entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if _is_hidden(entry.name):
            continue
        wanted = _has_suffix(entry.name, walk.suffixes)
        try:
            st = entry.stat()  # follows symlinks
        except (OSError, ValueError) as exc:
            reason, detail = _stat_failure(entry.path, exc)
            # A dangling link or an unstat-able entry only matters if it looks like an
            # article; a self-referencing link is worth reporting whatever its name.
            if wanted or reason == "symlink_loop":
                candidates += wanted
                walk.reject(entry.path, reason, detail)
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                walk.reject(
                    entry.path,
                    "symlink_loop",
                    f"points back to an enclosing folder (link target {_link_text(entry.path)!r});"
                    " not followed",
                )
                continue
            if key in walk.visited_dirs:
                continue
            walk.visited_dirs.add(key)
            sub = _list_dir(entry.path, walk)
            if sub is not None:
                stack.append((iter(sub), (*ancestors, key)))
        elif wanted:
            candidates += 1
            if stat.S_ISREG(st.st_mode):
                walk.add_file(Path(entry.path), st)
            else:
                walk.reject(entry.path, "not_a_file", f"is {_describe_mode(st.st_mode)}")
    return candidates


def discover(
    paths: Sequence[str | Path],
    suffixes: Iterable[str] = DEFAULT_SUFFIXES,
) -> tuple[list[Path | str], list[Rejected]]:
    """Expand command-line paths into a de-duplicated, deterministic list of article files.

    * Arguments are processed in the order given; each folder is expanded recursively,
      depth-first, entries sorted by name. Returned paths are the argument joined with the
      names found (never resolved or made relative), so ``path`` fields show what the user
      typed.
    * Suffix matching is case-insensitive. While expanding folders, names starting with "."
      or "_" are skipped (see :func:`_is_hidden`) and files with other suffixes are ignored.
      A file named explicitly is taken even if hidden, but one with a non-article suffix is
      rejected as ``unsupported_type`` rather than silently dropped.
    * Symlinks are followed; loops are reported as ``symlink_loop`` and never hang.
    * A file reached twice (symlink, hard link, overlapping arguments) is listed once, at the
      first path it was reached by.
    * Missing paths and broken links are ``not_found``; FIFOs, sockets and devices are
      ``not_a_file``; folders that cannot be listed are ``unreadable``; a folder argument
      with no article files is ``no_articles``. If nothing at all was found, a final
      ``no_articles`` record with ``path=""`` says so (unless a folder already did).

    Never raises for anything about the paths themselves.
    """
    normalised = frozenset(s.lower() if s.startswith(".") else f".{s.lower()}" for s in suffixes)
    walk = _Walk(suffixes=normalised)
    for given in paths:
        if remote_inputs.is_url(given):  # s3://…: listed and later read through fsspec
            _discover_url(os.fspath(given), walk)
            continue
        if isinstance(given, str) and given == "":
            # Path("") means "."; an empty argument is far more likely a shell mistake
            # (unset variable) than a request to ingest the working directory.
            walk.reject("", "not_found", "empty path")
            continue
        path = Path(given)
        try:
            st = os.stat(path)
        except (OSError, ValueError) as exc:
            walk.reject(path, *_stat_failure(path, exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in walk.visited_dirs:  # same folder again, or one already expanded
                continue
            walk.visited_dirs.add(key)
            found = _expand_dir(str(path), key, walk)
            if found == 0:
                walk.reject(
                    path,
                    "no_articles",
                    "folder contains no article files ("
                    + ", ".join(sorted(normalised))
                    + "; names starting with '.' or '_' are skipped)",
                )
        elif stat.S_ISREG(st.st_mode):
            if _has_suffix(path.name, normalised):
                walk.add_file(path, st)
            else:
                walk.reject(
                    path,
                    "unsupported_type",
                    f"suffix {path.suffix or '(none)'!r} is not one of "
                    + ", ".join(sorted(normalised)),
                )
        else:
            walk.reject(path, "not_a_file", f"is {_describe_mode(st.st_mode)}")
    if not walk.files and not any(r.reason == "no_articles" for r in walk.rejected):
        walk.reject(
            "",
            "no_articles",
            f"no article files found in the {len(paths)} path(s) given",
        )
    return walk.files, walk.rejected


def _discover_url(url: str, walk: _Walk) -> None:
    """An object-store file, folder or glob (`remote_inputs`), by the local rules."""
    try:
        found, missing = remote_inputs.discover(
            url, lambda p: _has_suffix(p.rsplit("/", 1)[-1], walk.suffixes), _is_hidden)
    except Exception as exc:  # no credentials, no such bucket, unknown scheme
        walk.reject(url, "unreadable", f"{type(exc).__name__}: {exc}")
        return
    if missing:
        walk.reject(url, "not_found", "no such object, folder or match")
    elif not found:
        walk.reject(url, "no_articles", "no article files ("
                    + ", ".join(sorted(walk.suffixes)) + ") at this URL")
    for u in found:
        if u not in walk.files:
            walk.files.append(u)


# ----------------------------------------------------------------------- read_article


class _Reject(Exception):
    """Internal control flow: abort reading one file with (reason, detail)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


def _control_ratio_text(text: str) -> float:
    return len(_CONTROL_CHARS.findall(text)) / len(text) if text else 0.0


def _control_ratio_bytes(raw: bytes) -> float:
    return len(_CONTROL_BYTES.findall(raw)) / len(raw) if raw else 0.0


def _utf16_hint(raw: bytes) -> str:
    """Suggest 'UTF-16 without BOM' when NULs sit on every other byte, as in ASCII UTF-16."""
    head = raw[:256]
    if len(head) >= 4 and (
        head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2])
    ):
        return "; looks like UTF-16 without a byte-order mark, which is not supported"
    return ""


def _decode_error(exc: UnicodeDecodeError, label: str, base: int, raw: bytes) -> _Reject:
    """Build an ``undecodable`` rejection naming the absolute byte offset."""
    offset = base + exc.start
    bad = exc.object[exc.start : max(exc.end, exc.start + 1)]
    shown = " ".join(f"0x{b:02x}" for b in bad[:8])
    noun = "byte" if len(bad) == 1 else "bytes"
    where = f"offset {offset}"
    if label == "UTF-8":
        line = raw.count(b"\n", 0, offset) + 1
        where += f" (line {line})"
    return _Reject("undecodable", f"invalid {label} {noun} {shown} at {where}: {exc.reason}")


def _decode(raw: bytes, html: bool = False) -> tuple[str, str]:
    """Decode raw bytes to (text, encoding), or raise _Reject (binary / undecodable).

    A BOM is trusted first (it is an explicit statement of the encoding); otherwise the
    file must be strict UTF-8, our contract for input. No guessing of legacy encodings for
    text: a Latin-1 file would "decode" as something, silently corrupting names and quotes.
    A web page (``html``) declares its charset, so one that is not UTF-8 is decoded by
    :func:`flows.steps.webpage.decode_html` (declared charset, then charset-normalizer).
    """
    for bom, codec, encoding, label in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            try:
                return body.decode(codec), encoding
            except UnicodeDecodeError as exc:
                raise _decode_error(exc, label, len(bom), raw) from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        # Binary by content: a stray NUL in a page is dropped (see _from_bytes); a file
        # whose bytes are control characters beyond the threshold is binary.
        ratio = _control_ratio_bytes(raw)
        if ratio > BINARY_CONTROL_RATIO:
            raise _Reject(
                "binary",
                f"{ratio:.1%} of bytes are control characters (threshold"
                f" {BINARY_CONTROL_RATIO:.0%}); NUL byte at offset {nul}{_utf16_hint(raw)}",
            )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        ratio = _control_ratio_bytes(raw)
        if ratio > BINARY_CONTROL_RATIO:
            raise _Reject(
                "binary",
                f"not UTF-8 and {ratio:.1%} of bytes are control characters"
                f" (threshold {BINARY_CONTROL_RATIO:.0%})",
            ) from None
        if html:
            got = webpage.decode_html(raw)
            if got is not None:
                return got
        raise _decode_error(exc, "UTF-8", 0, raw) from None


def _extract_html(text: str) -> webpage.Extracted:
    """The article of a page (:func:`flows.steps.webpage.extract`), or a rejection."""
    try:
        return webpage.extract(text)
    except webpage.NoText as exc:
        raise _Reject("html_no_text", str(exc)) from None
    except Exception as exc:
        raise _Reject(
            "extraction_failed", f"trafilatura failed: {type(exc).__name__}: {exc}"
        ) from None


def _read_url(url: str, max_bytes: int) -> bytes:
    """An object's bytes, by the checks `_read_local` makes: size first, bounded read."""
    try:
        n = remote_inputs.size(url)
        if n > max_bytes:
            raise _Reject("too_large", f"object is {n} bytes; limit is {max_bytes} bytes")
        return remote_inputs.read_bytes(url, max_bytes + 1)
    except FileNotFoundError:
        raise _Reject("not_found", "no such object") from None
    except OSError as exc:
        raise _Reject("unreadable", f"{type(exc).__name__}: {exc}") from None


def _read_local(path: Path, max_bytes: int) -> bytes:
    # One descriptor, never blocking (a FIFO swapped in after discovery), checked with
    # fstat before and after the read: flows/steps/safe_read.py.
    try:
        raw = safe_read.read_bytes(path, max_bytes)
    except safe_read.ReadFailure as failure:
        raise _Reject(failure.reason, failure.detail) from None
    except (OSError, ValueError) as exc:
        raise _Reject(*_stat_failure(path, exc)) from None
    return raw


def _read(path: Path, name: str, max_bytes: int) -> RawArticle:
    raw = _read_url(name, max_bytes) if remote_inputs.is_url(name) else _read_local(
        path, max_bytes)
    if len(raw) > max_bytes:
        raise _Reject(
            "too_large", f"file grew past the limit of {max_bytes} bytes while being read"
        )
    if not raw:
        raise _Reject("empty", "file is 0 bytes")

    return _from_bytes(name, raw, html=path.suffix.lower() in (".html", ".htm"))


def _from_bytes(name: str, raw: bytes, html: bool, *, locator: str | None = None,
                article_id: str | None = None, meta: PageMeta | None = None,
                record_id: str | None = None) -> RawArticle:
    """Decode, check and (for HTML) extract one article's bytes; raises _Reject."""
    if not raw:
        raise _Reject("empty", "0 bytes")
    text, encoding = _decode(raw, html=html)
    if not text:
        raise _Reject("empty", f"file holds only a byte-order mark ({encoding})")
    text = text.replace("\x00", "")  # stray NULs (a binary file was refused by _decode)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    ratio = _control_ratio_text(text)
    if ratio > BINARY_CONTROL_RATIO:
        raise _Reject(
            "binary",
            f"{ratio:.1%} of characters are control characters"
            f" (threshold {BINARY_CONTROL_RATIO:.0%})",
        )
    if _BLANK.fullmatch(text):
        raise _Reject("whitespace_only", f"{len(text)} characters, all whitespace")

    content_type, extraction = "text", None
    page = PageMeta()
    if html or _HTML_SNIFF.match(text[:1024]):
        content_type = "html"
        got = _extract_html(text)
        text, extraction, page = got.text, got.path, got.meta
    if meta is not None:  # a record's own fields fill what the page does not say
        page = PageMeta(**{k: getattr(page, k) or getattr(meta, k)
                           for k in PageMeta.__dataclass_fields__})

    return RawArticle(
        path=name,
        raw=raw,
        text=text,
        encoding=encoding,
        article_id=article_id or hashlib.sha256(raw).hexdigest(),
        content_type=content_type,
        locator=locator,
        extraction=extraction,
        meta=page,
        record_id=record_id,
    )


def article_from_bytes(name: str, raw: bytes, html: bool, *, locator: str | None = None,
                       article_id: str | None = None, meta: PageMeta | None = None,
                       record_id: str | None = None) -> RawArticle | Rejected:
    """One bulk record's article: the checks of :func:`read_article` after the read.

    ``raw`` is the record's text or html field as bytes (a WARC payload as sent);
    ``article_id`` is the record's content id, computed by the reader.
    """
    try:
        return _from_bytes(name, raw, html, locator=locator, article_id=article_id,
                           meta=meta, record_id=record_id)
    except _Reject as rej:
        return Rejected(name, rej.reason, rej.detail, locator)
    except Exception as exc:  # the guarantee: a bad record never takes the run down
        return Rejected(name, "internal_error", f"{type(exc).__name__}: {exc}", locator)


def read_article(path: str | os.PathLike[str], max_bytes: int) -> RawArticle | Rejected:
    """Read, decode and (for HTML) extract one article file; never raises for a bad file.

    Order of checks, cheapest and most fundamental first: existence/type and size from
    ``stat`` (so a 4 GB file or a FIFO is never opened), read at most ``max_bytes + 1``,
    empty, encoding (BOM, else strict UTF-8) with binary detection, whitespace-only, then
    HTML extraction. ``article_id`` is the SHA-256 of the bytes as read.

    Raises ValueError only for a non-positive ``max_bytes``, a caller bug rather than a
    property of the file.
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    # The path as given (never resolved), as text a table can store: flows/steps/safe_read.py
    name = safe_read.path_text(path, absolute=False)
    try:
        return _read(Path(path), name, max_bytes)
    except _Reject as rej:
        return Rejected(name, rej.reason, rej.detail)
    except Exception as exc:  # the guarantee: a bad file never takes the run down
        return Rejected(name, "internal_error", f"{type(exc).__name__}: {exc}")


def content_id(path: Path | str, max_bytes: int) -> str | None:
    """The article id a file (or an object-store URL) will get, to skip what is published.

    The same bytes give the same id as `read_article`'s (a hash of the file's bytes). A
    local file is read through `safe_read` (one descriptor, never blocking): a file
    swapped for a FIFO after discovery must not hang the run while it holds the lock.
    None when it cannot be read or is too large: the worker reports why, with the same
    words as for any bad file.
    """
    try:
        if isinstance(path, str):
            if remote_inputs.size(path) > max_bytes:
                return None
            return hashlib.sha256(remote_inputs.read_bytes(path, max_bytes + 1)).hexdigest()
        return hashlib.sha256(safe_read.read_bytes(path, max_bytes)).hexdigest()
    except (OSError, ValueError, safe_read.ReadFailure):
        return None
