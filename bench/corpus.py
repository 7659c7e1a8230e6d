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
    seen: set[str] = set()
    files = []
    n_bytes = n_words = n_paras = 0
    width = max(6, len(str(n_articles)))
    while len(files) < n_articles:
        text = _article(rng, docs, ledes)
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:  # vanishingly rare; draw again so every article id differs
            continue
        seen.add(digest)
        path = folder / f"article-{len(files) + 1:0{width}d}.txt"
        path.write_bytes(data)
        files.append(path)
        n_bytes += len(data)
        n_words += len(text.split())
        n_paras += text.count("\n") - 2
    return Corpus(folder, tuple(files), n_bytes, n_words, n_paras, str(src), seed)


if __name__ == "__main__":  # python -m bench.corpus DIR N
    import sys

    c = build(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
    print(f"{len(c.files)} articles, {c.n_words:,} words, {c.n_bytes:,} bytes → {c.folder}")
