"""``make eval``: measure sentences, entities and claims, print one table, keep the JSON.

Why one runner: the three evaluations share their texts (the 24 GUM news articles; the
16 claims-gold articles are among them), so the real pipeline runs once on all of them
(``claims_eval.run_pipeline``: ``flows.batch.process_batch`` on temporary ``.txt``
files, in process, no Prefect) and each evaluation reads the tables it needs.

* **Sentences**: the splitter the pipeline uses (``flows.steps.segment.sentence_spans``) on the
  pySBD Golden Rules and on GUM news boundaries (``eval.sbd``), and the
  pipeline's own ``sentences`` table on the GUM texts, mapped from the cleaned body back
  to raw offsets, because that table is what users get.
* **Entities**: ``eval.entities_eval`` (head-word match against GUM).
* **HTML**: ``eval.html_eval``: ``articles.body`` on the English pages of the
  article-extraction benchmark against its human gold, beside trafilatura alone.
* **Claims**: ``eval.claims_eval`` (hand-annotated gold, dev/test split), with the
  speaker rule or inheritance strategy behind each predicted quote (matched or not) and
  the wrong speakers of matched claims by cause, to show which rule to work on next.

Results go to ``eval/out/results.json`` and a timestamped copy
``eval/out/results-<UTC timestamp>.json`` so runs can be compared over time.

Options: ``--split test|dev|all`` picks the claims split of the headline numbers (default
test; every split is in the JSON either way), ``--verbose`` lists the claims errors per
document, the Golden Rules failures and the pipeline's sentence-boundary errors.
"""

from __future__ import annotations

import argparse
import inspect
import json
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval import claims_eval, entities_eval, html_eval, sbd
from eval.claims_eval import PipelineRun, run_pipeline

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "eval" / "out"
GOLDEN_RULES_TARGET = 46
SENTENCE_F1_TARGET = 0.95
HELD_OUT = frozenset({"dev", "test"})

SplitFn = Callable[[str], list[tuple[int, int]]]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def collect_texts() -> dict[str, str]:
    """Every text the evaluations need, by doc id (GUM ids are shared by all three sets).

    A claims-gold text that differed from the GUM text of the same id would get its own
    key, so each evaluation always scores the text its gold was written on.
    """
    texts: dict[str, str] = {}
    for rec in _read_jsonl(Path(sbd.DEFAULT_DATA_DIR) / sbd.GUM_FILE):
        texts[rec["doc_id"]] = rec["text"]
    for rec in entities_eval.load_gold():
        if texts.setdefault(rec["doc_id"], rec["text"]) != rec["text"]:
            raise ValueError(f"{rec['doc_id']}: entity text differs from the sbd text")
    for rec in claims_eval.load_gold():
        if texts.setdefault(rec["doc_id"], rec["text"]) != rec["text"]:
            raise ValueError(f"{rec['doc_id']}: claims text differs from the GUM text")
    return texts


# --- sentences ----------------------------------------------------------------------------


def pipeline_split_fn(run: PipelineRun) -> SplitFn:
    """A ``split_fn`` for ``sbd`` that answers with the pipeline's sentences in raw offsets.

    The pipeline already ran; the function only looks the text up. A text it did not
    process (quarantined) yields one sentence, so all its boundaries count as missed.
    """
    by_text: dict[str, list[tuple[int, int]]] = {}
    for doc in run.docs.values():
        spans = []
        for row in sorted(doc.tables.get("sentences", []), key=lambda r: r["sentence_id"]):
            span = doc.offsets.span(row["char_start"], row["char_end"])
            if span is not None:
                spans.append(span)
        by_text[doc.text] = spans

    def split(text: str) -> list[tuple[int, int]]:
        return by_text.get(text, [(0, len(text))])

    return split


def _segment_split_fn() -> SplitFn | None:
    try:
        from flows.steps.segment import sentence_spans
    except ImportError:  # the module is someone else's and may be mid-change
        return None
    return sentence_spans


def _gum(split_fn: SplitFn, splits: frozenset[str] | None) -> dict[str, Any]:
    """``sbd.gum_boundary_scores``, tolerating a version without the ``splits`` filter."""
    if splits is None:
        return sbd.gum_boundary_scores(split_fn)
    if "splits" in inspect.signature(sbd.gum_boundary_scores).parameters:
        return sbd.gum_boundary_scores(split_fn, splits=splits)
    return {"unavailable": "sbd.gum_boundary_scores has no splits parameter"}


def evaluate_sentences(run: PipelineRun) -> dict[str, Any]:
    """Golden Rules and GUM boundaries for the splitter, GUM boundaries for the pipeline."""
    out: dict[str, Any] = {}
    splitter = _segment_split_fn()
    if splitter is None:
        out["segment"] = {"unavailable": "flows.steps.segment.sentence_spans not importable"}
    else:
        out["segment"] = {
            "golden_rules": sbd.golden_rules_score(splitter),
            "gum": _gum(splitter, None),
            "gum_dev_test": _gum(splitter, HELD_OUT),
        }
    fn = pipeline_split_fn(run)
    out["pipeline"] = {"gum": _gum(fn, None), "gum_dev_test": _gum(fn, HELD_OUT)}
    return out


# --- the summary table ----------------------------------------------------------------------


def _f(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def _row(area: str, metric: str, value: str, detail: str = "", target: str = "",
         met: bool | None = None) -> dict[str, Any]:
    return {"area": area, "metric": metric, "value": value, "detail": detail,
            "target": target, "met": met}


def _prf_detail(r: Mapping[str, Any]) -> str:
    return f"P {r['precision']:.3f} R {r['recall']:.3f}"


def summary_rows(results: Mapping[str, Any], split: str) -> list[dict[str, Any]]:
    """The rows of the printed table (also stored in the JSON as ``summary``)."""
    rows: list[dict[str, Any]] = []
    seg = results["sentences"]["segment"]
    if "golden_rules" in seg:
        gr = seg["golden_rules"]
        rows.append(_row("sentences", "Golden Rules, segment.sentence_spans",
                         f"{gr['correct']}/{gr['total']}", "exact sentence lists",
                         f">= {GOLDEN_RULES_TARGET}/{gr['total']}",
                         gr["correct"] >= GOLDEN_RULES_TARGET))
    for key, name in (("segment", "segment.sentence_spans"), ("pipeline", "pipeline table")):
        part = results["sentences"][key]
        if "gum" not in part:
            rows.append(_row("sentences", f"GUM boundary F1, {name}", "n/a",
                             part.get("unavailable", "")))
            continue
        g, held = part["gum"], part["gum_dev_test"]
        held_f1 = _f(held.get("f1")) if "f1" in held else "n/a"
        rows.append(_row("sentences", f"GUM boundary F1, {name}", _f(g["f1"]),
                         f"{_prf_detail(g)}; dev+test F1 {held_f1}",
                         f">= {SENTENCE_F1_TARGET}", g["f1"] >= SENTENCE_F1_TARGET))
    ents = results["entities"]
    for key, name in (("unlabelled", "unlabelled"), ("labelled", "labelled (PER/ORG/LOC/MISC)")):
        a, held = ents["all"][key], ents["dev+test"][key]
        lenient = ents["all"][f"{key}_lenient"]["precision"]
        rows.append(_row("entities", f"head match F1, {name}", _f(a["f1"]),
                         f"{_prf_detail(a)}; lenient P {lenient:.3f};"
                         f" dev+test F1 {held['f1']:.3f}"))
    c = ents["all"]["clusters"]
    rows.append(_row("entities", "clusters, pairwise F1 (same identity)",
                     _f(c["pairwise_f1"]),
                     f"P {c['pairwise_precision']:.3f} R {c['pairwise_recall']:.3f}"
                     f" ({c['same_gold']} gold-same pairs)"))
    claims = results["claims"][split]
    head, incl = claims["marginal_excluded"], claims["marginal_included"]
    for kind in claims_eval.ATTRIBUTED_KINDS:
        k = head["kinds"][kind]
        rows.append(_row("claims", f"{kind} F1", _f(k["f1"]),
                         f"{_prf_detail(k)}; tp {k['tp']} fp {k['fp']} fn {k['fn']}"))
    a = head["all_attributed"]
    rows.append(_row("claims", "all attributed kinds F1", _f(a["f1"]),
                     f"{_prf_detail(a)}; tp {a['tp']} fp {a['fp']} fn {a['fn']}"))
    labels = {
        "direct_quote_speaker_accuracy": (
            "direct_quote speaker accuracy",
            f"over {head['kinds']['direct_quote']['tp']} matched"),
        "indirect_recall": ("indirect recall", ""),
        "all_attributed_precision": ("precision, all attributed kinds", ""),
    }
    for name, t in claims["targets"].items():
        label, detail = labels[name]
        rows.append(_row("claims", label, _f(t["value"]), detail, f">= {t['target']:.2f}",
                         t["met"]))
    rows.append(_row("claims", "speaker accuracy, all matched",
                     _f(head["speaker_accuracy_matched"]), "per-kind matches"))
    rows.append(_row("claims", "cue accuracy, all matched", _f(a["cue_accuracy"]),
                     "kind ignored"))
    ai = incl["all_attributed"]
    rows.append(_row("claims", "all kinds F1, marginal gold included", _f(ai["f1"]),
                     f"{_prf_detail(ai)}; indirect R {incl['kinds']['indirect']['recall']:.3f}"))
    return rows


def format_table(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Fixed-width rendering of :func:`summary_rows`."""
    w_metric = max(len(r["metric"]) for r in rows)
    w_detail = max(len(r["detail"]) for r in rows)
    header = (f"{'area':<10} {'metric':<{w_metric}} {'value':>7}  {'detail':<{w_detail}}"
              f"  {'target':<9} ok")
    lines = [header, "-" * len(header)]
    for r in rows:
        ok = "" if r["met"] is None else ("yes" if r["met"] else "NO")
        lines.append(f"{r['area']:<10} {r['metric']:<{w_metric}} {r['value']:>7}"
                     f"  {r['detail']:<{w_detail}}  {r['target']:<9} {ok}".rstrip())
    return lines


def _git() -> dict[str, Any]:
    def run(*cmd: str) -> str:
        return subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()

    try:
        return {"commit": run("rev-parse", "HEAD"), "dirty": bool(run("status", "--porcelain"))}
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}


def write_results(results: Mapping[str, Any], out_dir: Path, stamp: str) -> list[Path]:
    """``results.json`` (latest) and ``results-<stamp>.json`` (history) in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=1, ensure_ascii=False, default=str)
    paths = [out_dir / "results.json", out_dir / f"results-{stamp}.json"]
    for p in paths:
        p.write_text(text + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    """Run everything, print the table, write the JSON; exit status 0 unless it crashes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=claims_eval.SPLITS, default="test",
                        help="claims split of the headline numbers (default: test)")
    parser.add_argument("--verbose", action="store_true",
                        help="list claims errors per document and sentence errors")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for the JSON")
    parser.add_argument("--html-data", type=Path, default=html_eval.DATA,
                        help="HTML section: a folder in html_aeb's format (eval/html_eval.py)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    now = datetime.now(UTC)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    run = run_pipeline(collect_texts())
    t_sent = time.perf_counter()
    sentences = evaluate_sentences(run)
    t_ent = time.perf_counter()
    entities = entities_eval.evaluate_entities(run)
    t_claims = time.perf_counter()
    claims = claims_eval.evaluate_claims(run)
    t_html = time.perf_counter()
    html = html_eval.evaluate_html(data=args.html_data)
    done = time.perf_counter()

    import flows

    results: dict[str, Any] = {
        "timestamp": now.isoformat(timespec="seconds"),
        "git": _git(),
        "pipeline_version": flows.__version__,
        "model": run.model,
        "args": {"split": args.split},
        "seconds": {"pipeline": round(run.seconds, 2),
                    "sentences": round(t_ent - t_sent, 2),
                    "entities": round(t_claims - t_ent, 2),
                    "claims": round(t_html - t_claims, 2),
                    "html": round(done - t_html, 2),
                    "total": round(done - started, 2)},
        "pipeline_quarantine": run.quarantine,
        "alignment_min_coverage": min((d.offsets.coverage() for d in run.docs.values()),
                                      default=None),
        "sentences": sentences,
        "entities": entities,
        "claims": claims,
        "html": html,
    }
    rows = summary_rows(results, args.split) + html_eval.summary_rows(html)
    results["summary"] = rows
    n_docs = claims[args.split]["marginal_excluded"]["docs"]
    print(f"newstables evaluation {results['timestamp']}  model {run.model}  "
          f"git {str(results['git']['commit'])[:10]}{'+dirty' if results['git']['dirty'] else ''}")
    print(f"claims: split={args.split} ({n_docs} docs), marginal gold claims excluded from "
          f"recall; entities and GUM sentences: all 24 GUM news docs")
    if run.quarantine:
        print(f"WARNING: the pipeline refused {len(run.quarantine)} text(s): "
              + ", ".join(", ".join(q["doc_ids"]) or q["path"] for q in run.quarantine))
    print()
    print("\n".join(format_table(rows)))
    print()
    chosen = claims[args.split]
    print("\n".join(claims_eval.format_result(
        chosen["marginal_excluded"], f"Claims by kind, split={args.split}, marginal excluded")))
    print("\n".join(claims_eval.format_result(
        chosen["marginal_included"], f"Claims by kind, split={args.split}, marginal included")))
    print("\n".join(claims_eval.format_strategies(chosen["marginal_excluded"])))
    print("\n".join(claims_eval.format_speaker_errors(chosen["marginal_excluded"])))
    if args.verbose:
        _print_verbose(results, args.split)
    paths = write_results(results, args.out, stamp)
    print(f"\nwrote {paths[0]} and {paths[1].name}; {done - started:.1f} s "
          f"(pipeline {run.seconds:.1f} s on {len(run.docs)} texts)")
    return 0


def _print_verbose(results: Mapping[str, Any], split: str) -> None:
    seg = results["sentences"]["segment"]
    if "golden_rules" in seg:
        print("\nGolden Rules failures (segment.sentence_spans):")
        for f in seg["golden_rules"]["failures"]:
            print(f"  {f['rule']}\n    predicted: {f['predicted']}\n    gold:      {f['gold']}")
    pipe = results["sentences"]["pipeline"]["gum"]
    if "errors" in pipe:
        print("\nGUM sentence-boundary errors of the pipeline's sentences table:")
        for e in pipe["errors"]:
            print(f"  {e['kind'].upper()} {e['doc_id']}: {e['context']!r}")
    print(f"\nClaims errors per document (split={split}, marginal excluded):")
    print("\n".join(claims_eval.format_errors(results["claims"][split]["marginal_excluded"])))


if __name__ == "__main__":
    sys.exit(main())
