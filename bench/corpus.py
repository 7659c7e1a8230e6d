"""A synthetic but realistic news corpus for `make bench`, recombined from Wikinews text.

Source: the 24 GUM news documents in `eval/data/gum_news_sbd.jsonl` (GUM corpus,
Zeldes 2017; text from Wikinews, CC BY 2.5 — see `eval/data/LICENSES.md`). Each
synthetic article is a headline line, a dateline line (`Friday, July 21, 2017`) and
6–15 body paragraphs, one paragraph per line, as the pipeline's own inputs look:

* the headline and the lede come from one source document (so the top reads right);
* the rest is made of short contiguous runs of paragraphs from random documents
  (captions, sub-heads and quotes included, as in scraped news);
* no paragraph appears twice in one article, and every article's bytes are unique
  (checked), so every article gets its own article id.

Everything is drawn from one `random.Random(seed)`: the same seed gives the same files.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "eval" / "data" / "gum_news_sbd.jsonl",)
_FUSED_DATELINE = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, "
    r"\d{4}\s+"
)
#: A lede must be a real paragraph, not a caption or a sub-head.
MIN_LEDE_WORDS = 15


@dataclass(frozen=True)
class SourceDoc:
    doc_id: str
    headline: str
    paragraphs: tuple[str, ...]  # body paragraphs, dateline removed


@dataclass(frozen=True)
class Corpus:
    folder: Path
    files: tuple[Path, ...]
    n_bytes: int
    n_words: int  # whitespace-separated words of the whole files (headline and dateline too)
    n_paragraphs: int
    source: str
    seed: int


def source_path() -> Path:
    for p in SOURCES:
        if p.exists():
            return p
    raise FileNotFoundError(f"GUM news paragraphs not found in any of {[str(p) for p in SOURCES]}")


def load_sources(path: Path | None = None) -> list[SourceDoc]:
    docs = []
    for line in (path or source_path()).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        lines = [ln.strip() for ln in rec["text"].split("\n") if ln.strip()]
        headline, rest = lines[0], lines[1:]
        if rest and (m := _FUSED_DATELINE.match(rest[0])):  # "Thursday, May 7, 2015 On Tuesday…"
            rest[0] = rest[0][m.end():]
        elif rest and len(rest[0]) <= 40 and re.search(r"\d{4}$", rest[0]):
            rest = rest[1:]  # the dateline line itself
        docs.append(SourceDoc(rec["doc_id"], headline, tuple(p for p in rest if p)))
    return docs


def _dateline(rng: random.Random) -> str:
    d = date(2005, 1, 1) + timedelta(days=rng.randrange(20 * 365))
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


def _ledes(docs: list[SourceDoc]) -> list[tuple[SourceDoc, int]]:
    return [(d, i) for d in docs for i, p in enumerate(d.paragraphs)
            if len(p.split()) >= MIN_LEDE_WORDS and i < 2]


def _article(rng: random.Random, docs: list[SourceDoc],
             ledes: list[tuple[SourceDoc, int]]) -> str:
    n_body = rng.randint(6, 15)
    top, lede_i = rng.choice(ledes)
    used = {(top.doc_id, lede_i)}
    body = [top.paragraphs[lede_i]]
    # Continue the lead story for a while, then splice runs from other stories.
    run_doc, pos = top, lede_i + 1
    run_left = rng.randint(1, 4)
    while len(body) < n_body:
        if run_left == 0 or pos >= len(run_doc.paragraphs):
            run_doc = rng.choice(docs)
            pos = rng.randrange(len(run_doc.paragraphs))
            run_left = rng.randint(1, 5)
        key = (run_doc.doc_id, pos)
        if key not in used:
            used.add(key)
            body.append(run_doc.paragraphs[pos])
            run_left -= 1
        else:
            run_left = 0
        pos += 1
    return "\n".join([top.headline, _dateline(rng), *body]) + "\n"


def build(folder: str | Path, n_articles: int, seed: int = 20240601,
          source: Path | None = None) -> Corpus:
    """Write `n_articles` files `article-000001.txt`… into `folder` (created)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    src = source or source_path()
    docs = load_sources(src)
    ledes = _ledes(docs)
    rng = random.Random(seed)
    files, n_bytes, n_words, n_paras = _write_unique(
        folder, "article", n_articles, lambda: _article(rng, docs, ledes))
    return Corpus(folder, tuple(files), n_bytes, n_words, n_paras, str(src), seed)


def _write_unique(folder: Path, prefix: str, n: int,
                  draw: Callable[[], str]) -> tuple[list[Path], int, int, int]:
    """Write `n` texts from `draw()` as `<prefix>-000001.txt`…, each of unique bytes.

    A text whose bytes were already written is drawn again (so every file gets its own
    article id). Returns the files, bytes, whitespace words, body paragraphs (lines
    after the headline and the dateline).
    """
    seen: set[str] = set()
    files: list[Path] = []
    n_bytes = n_words = n_paras = 0
    width = max(6, len(str(n)))
    while len(files) < n:
        text = draw()
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        path = folder / f"{prefix}-{len(files) + 1:0{width}d}.txt"
        path.write_bytes(data)
        files.append(path)
        n_bytes += len(data)
        n_words += len(text.split())
        n_paras += text.count("\n") - 2
    return files, n_bytes, n_words, n_paras


# ---------------------------------------------------------------------------------------
# Whole real articles: the long-article corpus and the length curve (issue 15)

#: Whole Wikinews articles shipped with the repository (CC BY 2.5, see
#: `eval/data/LICENSES.md` and `eval/claims/LICENSE.md`): the 24 GUM news documents and
#: the AMALGUM news articles of the claims gold set (16 GUM ones are in both; kept once).
CLAIMS_ARTICLES = ROOT / "eval" / "claims" / "articles"
#: An article this long or longer is "long" (the issue's 800-3,000 words).
LONG_WORDS = 800


@dataclass(frozen=True)
class RealArticle:
    doc_id: str
    text: str  # headline line, dateline line, one paragraph per line, as published

    @property
    def n_words(self) -> int:
        return len(self.text.split())


def real_articles() -> list[RealArticle]:
    """Every whole Wikinews article in the repository, each once, sorted by id.

    Unlike `build`, nothing is recombined: each is one article as Wikinews published it
    (headline, dateline, paragraphs), 142-1,607 words.
    """
    seen: dict[str, RealArticle] = {}
    for line in source_path().read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            seen[rec["doc_id"]] = RealArticle(rec["doc_id"], rec["text"].strip() + "\n")
    for f in sorted(CLAIMS_ARTICLES.glob("*.txt")):
        seen.setdefault(f.stem, RealArticle(f.stem, f.read_text(encoding="utf-8").strip() + "\n"))
    return [seen[k] for k in sorted(seen)]


def long_articles(min_words: int = LONG_WORDS) -> list[RealArticle]:
    """The real articles of at least `min_words` words (8 of them, 820-1,607 words)."""
    return [a for a in real_articles() if a.n_words >= min_words]


def joined_text(n_words: int) -> str:
    """One text of about `n_words` words: whole real articles one after another (the
    first one's headline and dateline on top, the others' headlines kept as
    paragraphs), shortest first and repeated when the articles run out.

    A concatenation, not an article: no openly licensed news article of 10,000 words is
    shipped here. It serves what needs one long text (the bench's 10,000-word run, the
    counted-cost growth tests): every step sees 10,000 words of real news prose with
    its names, quotes and reported speech.
    """
    arts = sorted(real_articles(), key=lambda a: (a.n_words, a.doc_id))
    lines: list[str] = []
    words = i = 0
    while words < n_words:
        a = arts[i % len(arts)]
        paras = [ln for ln in a.text.splitlines() if ln.strip()]
        if lines:
            paras = [p for p in paras if not _FUSED_DATELINE.match(p + " ")
                     or len(p.split()) > 6]  # the others' datelines would be re-read
        lines += paras
        words += sum(len(p.split()) for p in paras)
        i += 1
    return "\n".join(lines) + "\n"


def build_long(folder: str | Path, n_files: int, min_words: int = LONG_WORDS,
               seed: int = 20240601) -> Corpus:
    """Write `n_files` long real articles into `folder`: each file is one whole article.

    There are only 8 long ones, so each is written several times, every copy under
    its own dateline (a different date line, drawn from `seed`), which makes its bytes,
    and so its article id, its own; the body is the article as published.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    arts = long_articles(min_words)
    rng = random.Random(seed)
    drawn = 0

    def draw() -> str:
        nonlocal drawn
        a = arts[drawn % len(arts)]
        drawn += 1
        head, *rest = [ln for ln in a.text.splitlines() if ln.strip()]
        if rest and re.fullmatch(r"[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}", rest[0]):
            rest = rest[1:]
        return "\n".join([head, _dateline(rng), *rest]) + "\n"

    files, n_bytes, n_words, n_paras = _write_unique(folder, "long", n_files, draw)
    return Corpus(folder, tuple(files), n_bytes, n_words, n_paras,
                  f"real Wikinews articles of >= {min_words} words (eval/)", seed)


if __name__ == "__main__":  # python -m bench.corpus DIR N
    import sys

    c = build(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
    print(f"{len(c.files)} articles, {c.n_words:,} words, {c.n_bytes:,} bytes → {c.folder}")
