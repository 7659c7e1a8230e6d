"""Web pages: ``articles.body`` against the human gold of the article-extraction benchmark.

Data: ``eval/data/html_aeb`` (181 pages with the human-made article body, Scrapinghub
article-extraction-benchmark, MIT; see its README). Scored on the English pages only
(the gold body's language by :func:`flows.steps.language.detect`: 161 pages), because
the pipeline quarantines the others as ``unsupported_language`` by default.

Metric: bag-of-words F1 per page (lower-cased ``\\w+`` tokens as a multiset), averaged
over pages; a refused page scores 0. The gold has no headline, so the pipeline's body is
scored without its headline paragraph (``sentences.section == "headline"`` is the first
paragraph when ``articles.headline`` is set); the score with it is reported too. Beside
it, trafilatura on its own on the same pages: its defaults, precision-first and
recall-first (comments off; tables on, trafilatura's default), the best of which is the
reference. Also counted: pages trafilatura's best configuration extracts but the
pipeline refuses (target ≤ 1 %), the path that served each page, and how often each
metadata column is filled.

``python -m eval.html_eval`` prints this section alone (``--fast`` stops the pipeline
after cleaning, which is where ``body`` is decided, instead of running spaCy too).

Any other folder in the same format is scored the same way: ``--data DIR`` (and
``python -m eval --html-data DIR``), where ``DIR/ground-truth.json`` maps each page id to
``{"articleBody": gold text, ...}`` and ``DIR/html/<id>.html.gz`` (or ``<id>.html``) holds
the page's bytes as fetched; ``--all-languages`` keeps pages whose gold is not English;
``--json FILE`` writes every figure, per page included.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import tempfile
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "html_aeb"
F1_TARGET = 0.96
REFUSED_TARGET = 0.01
_WORD = re.compile(r"\w+")

#: trafilatura configurations compared (comments off, as the pipeline).
TRAFILATURA_CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "favor_precision": {"favor_precision": True},
    "favor_recall": {"favor_recall": True},
}


def bow_f1(predicted: str, gold: str) -> float:
    """Bag-of-words F1 of two texts (lower-cased word multisets)."""
    p, g = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(gold.lower()))
    if not p or not g:
        return float(not p and not g)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def _page_bytes(data: Path, pid: str) -> bytes:
    """A page as fetched: ``html/<id>.html.gz``, else ``html/<id>.html``."""
    packed = data / "html" / f"{pid}.html.gz"
    if packed.exists():
        return gzip.decompress(packed.read_bytes())
    return (data / "html" / f"{pid}.html").read_bytes()


def load_pages(english_only: bool = True, data: Path = DATA) -> dict[str, dict[str, Any]]:
    """{page id: {"html": str, "gold": str, "lang": str|None, "raw": bytes}} of a folder
    in html_aeb's format (module docstring), English pages by default."""
    from flows.steps import language

    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for pid, gold in sorted(truth.items()):
        raw = _page_bytes(data, pid)
        lang = language.detect(gold["articleBody"]).code
        if english_only and lang != "en":
            continue
        # trafilatura's reference gets text; html_aeb's pages are all UTF-8
        pages[pid] = {"html": raw.decode("utf-8", errors="replace"),
                      "gold": gold["articleBody"], "lang": lang, "raw": raw}
    return pages


def _trafilatura(pages: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    import trafilatura

    return {name: {pid: bow_f1(trafilatura.extract(p["html"], include_comments=False,
                                                   **options) or "", p["gold"])
                   for pid, p in pages.items()}
            for name, options in TRAFILATURA_CONFIGS.items()}


def _body_without_headline(article: Mapping[str, Any]) -> str:
    body, headline = article["body"], article.get("headline")
    if headline:
        first, _sep, rest = body.partition("\n\n")
        if first.strip() == " ".join(headline.split()):
            return rest
    return body


def _pipeline_articles(pages: Mapping[str, Mapping[str, Any]], fast: bool
                       ) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Articles rows by page id (the real pipeline on the pages as .html files)."""
    from flows import batch
    from flows.settings import Settings
    from flows.steps import clean, parse

    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="newstables-html-") as tmp:
        paths = {}
        for pid, p in pages.items():
            path = Path(tmp) / f"{pid}.html"
            path.write_bytes(p["raw"])
            paths[str(path)] = pid
        if fast:  # body is decided here; spaCy and the tables after it do not change it
            out, refused = {}, []
            for path, pid in paths.items():
                got = batch.read_item(path, settings.max_bytes)
                if not hasattr(got, "text"):
                    refused.append({"path": path, "reason": got.reason})  # type: ignore[union-attr]
                    continue
                parsed = parse.parse(got.text)  # type: ignore[union-attr]
                cleaned = clean.clean(parsed)
                meta = got.meta  # type: ignore[union-attr]
                out[pid] = {"body": cleaned.body, "headline": parsed.headline,
                            "extraction": got.extraction,  # type: ignore[union-attr]
                            "url": meta.url, "published": meta.published,
                            "author": meta.author or parsed.byline,
                            "publisher": parsed.publisher or meta.site_name,
                            "site_name": meta.site_name, "language": None}
            return out, refused
        result = batch.process_batch(list(paths), settings, run_id="eval-html")
    rows = result.tables["articles"].to_dicts()
    return ({paths[r["source_path"]]: r for r in rows},
            [{"path": Path(q["path"]).name, "reason": q["reason"]} for q in result.quarantine])


def evaluate_html(fast: bool = False, data: Path = DATA,
                  english_only: bool = True) -> dict[str, Any]:
    """Everything the HTML section reports (see the module docstring), on `data`."""
    started = time.perf_counter()
    pages = load_pages(english_only, data)
    if not pages:
        raise ValueError(f"{data}: no {'English ' if english_only else ''}page with gold")
    reference = _trafilatura(pages)
    articles, refused = _pipeline_articles(pages, fast)
    scores = {pid: bow_f1(_body_without_headline(articles[pid]), p["gold"])
              if pid in articles else 0.0 for pid, p in pages.items()}
    with_headline = {pid: bow_f1(articles[pid]["body"], p["gold"]) if pid in articles else 0.0
                     for pid, p in pages.items()}
    means = {name: sum(s.values()) / len(s) for name, s in reference.items()}
    best = max(means, key=lambda n: means[n])
    extractable = [pid for pid, s in reference[best].items() if s > 0]
    refused_extractable = [pid for pid in extractable if pid not in articles]
    mean = sum(scores.values()) / len(scores)
    filled = {col: sum(1 for a in articles.values() if a.get(col) is not None)
              for col in ("url", "published", "author", "publisher", "site_name", "language")}
    return {
        "pages": len(pages),
        "bow_f1": mean,
        "bow_f1_with_headline": sum(with_headline.values()) / len(with_headline),
        "trafilatura": means,
        "trafilatura_best": best,
        "target": F1_TARGET,
        "met": mean >= F1_TARGET and mean >= means[best] - 1e-9,
        "refused": refused,
        "refused_of_extractable": len(refused_extractable),
        "extractable": len(extractable),
        "refused_met": len(refused_extractable) <= REFUSED_TARGET * len(extractable),
        "extraction_paths": dict(Counter(a.get("extraction") for a in articles.values())),
        "filled": filled,
        "per_page": scores,
        "fast": fast,
        "data": data.name,
        "english_only": english_only,
        "seconds": round(time.perf_counter() - started, 1),
    }


def summary_rows(h: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows of ``make eval``'s table (same shape as ``eval.__main__._row``)."""
    best = h["trafilatura_best"]
    t = h["trafilatura"]
    paths = ", ".join(f"{k} {v}" for k, v in sorted(h["extraction_paths"].items(),
                                                     key=lambda kv: str(kv[0])))
    filled = ", ".join(f"{k} {v}" for k, v in h["filled"].items())
    pages = f"{h['pages']} {'English ' if h.get('english_only', True) else ''}pages"
    return [
        {"area": "html", "metric": f"{h.get('data', 'html_aeb')} body bag-of-words F1",
         "value": f"{h['bow_f1']:.3f}",
         "detail": f"{pages}; trafilatura {best} {t[best]:.3f}, "
                   + ", ".join(f"{n} {v:.3f}" for n, v in t.items() if n != best)
                   + f"; with headline {h['bow_f1_with_headline']:.3f}",
         "target": f">= {h['target']:.2f}", "met": h["met"]},
        {"area": "html", "metric": "refused of pages trafilatura extracts",
         "value": str(h["refused_of_extractable"]),
         "detail": f"of {h['extractable']}; paths: {paths}",
         "target": "<= 1 %", "met": h["refused_met"]},
        {"area": "html", "metric": "metadata filled", "value": str(len(h["per_page"])),
         "detail": filled, "target": "", "met": None},
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="HTML section of make eval")
    parser.add_argument("--fast", action="store_true", help="stop after cleaning")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="a folder in html_aeb's format (default: eval/data/html_aeb)")
    parser.add_argument("--all-languages", action="store_true",
                        help="score pages whose gold is not English too")
    parser.add_argument("--json", type=Path, default=None, help="write every figure here")
    args = parser.parse_args(argv)
    h = evaluate_html(fast=args.fast, data=args.data, english_only=not args.all_languages)
    if args.json:
        args.json.write_text(json.dumps(h, indent=1, default=str) + "\n", encoding="utf-8")
    for row in summary_rows(h):
        print(f"{row['metric']:<40} {row['value']:>6}  {row['detail']}  {row['target']}")
    if h["refused"]:
        print("refused:", ", ".join(f"{q['path']} ({q['reason']})" for q in h["refused"]))
    print(f"{h['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
