"""Score named-entity mentions and their clusters against GUM news (24 Wikinews articles).

Gold: ``eval/data/gum_news_entities.jsonl`` (GUM corpus (Zeldes 2017), text from
Wikinews; see eval/data/LICENSES.md). Its ``entities`` are GUM's *named* mentions: the
head word is a proper noun, times and quantities excluded, labelled PER/ORG/LOC/MISC.

Why head-word matching: GUM spans include modifiers and nest ("U.S. President Donald
Trump's" holds "U.S."), OntoNotes-style spans from spaCy do not, so exact-span scores
would mostly measure the difference between two annotation schemes. Following the
data's README, a predicted entity *matches* a gold one when its span (mapped from the
cleaned body back to the raw text, see ``claims_eval.OffsetMap``) covers the gold head
word (``head_start``/``head_end``).

* Predictions: the pipeline's ``entities`` rows with a name label (PERSON, NORP, FAC,
  ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW, LANGUAGE), coarsened PERSON→PER,
  ORG→ORG, GPE/LOC/FAC→LOC, anything else→MISC. Dates, numbers etc. are not scored.
* **Unlabelled precision**: share of predictions that cover at least one gold head;
  **unlabelled recall**: share of gold mentions whose head some prediction covers.
  **Labelled**: the same, where the covering prediction's coarse label must also equal
  the gold label. Matching is by coverage, not one-to-one, exactly as the data's README
  defines it: one flat prediction over "FIRST Global Challenge Robot Olympics" finds both
  the outer gold mention (head "Olympics") and the nested "FIRST". The stricter
  one-to-one variant (each prediction may find one gold mention, greedy by the
  smallest covering prediction) is reported too, as ``one_to_one``.
* **Clusters** (cheap, so reported): among gold mentions that were matched and carry a
  Wikipedia ``identity``, every pair in a document is a same/different decision. Gold
  says "same" when the identities are equal; the pipeline says "same" when the matched
  predictions (the smallest covering one per gold mention) share ``cluster_id``. Pairwise
  precision = both same / pipeline same, recall = both same / gold same. Pairs whose
  two gold mentions are matched by the *same* prediction (nesting) are skipped: they say
  nothing about clustering.
* **Lenient precision** (secondary, ``*_lenient``): GUM heads a mention on its role noun
  ("Texas student Ahmed Mohamed" is headed by "student", so it is not a named mention),
  which turns a correct name into a false positive. A prediction that covers no gold head
  but lies inside the full span of *any* GUM mention of the same coarse type
  (person→PER, organization→ORG, place→LOC, other→MISC) is left out of the lenient
  precision (neither right nor wrong). Adjectival NORP ("Afghan" in "Afghan teenagers",
  a person mention) stays a false positive because the types differ.

Everything is reported overall and per GUM split (train/dev/test); rules in the pipeline
may have been written while reading the train documents, so dev+test is the fairer view.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from eval.claims_eval import PipelineDoc, PipelineRun, run_pipeline

DATA_FILE = Path(__file__).resolve().parents[1] / "eval" / "data" / "gum_news_entities.jsonl"

NAME_LABELS = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
})
_COARSE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_GUM_COARSE = {"person": "PER", "organization": "ORG", "place": "LOC"}
SPLIT_VIEWS: dict[str, frozenset[str]] = {
    "all": frozenset({"train", "dev", "test"}),
    "train": frozenset({"train"}),
    "dev": frozenset({"dev"}),
    "test": frozenset({"test"}),
    "dev+test": frozenset({"dev", "test"}),
}


def coarse_label(label: str) -> str | None:
    """GUM-comparable label of an OntoNotes label, or None when it is not a name label."""
    if label not in NAME_LABELS:
        return None
    return _COARSE.get(label, "MISC")


@dataclass(frozen=True)
class GoldEntity:
    """A GUM named mention: its head word (raw offsets), coarse label and identity."""

    head_start: int
    head_end: int
    label: str
    identity: str | None = None
    text: str = ""


@dataclass(frozen=True)
class PredEntity:
    """A predicted name mention, mapped to raw offsets, with coarse label and cluster."""

    start: int
    end: int
    label: str
    cluster_id: int = 0
    text: str = ""
    ontonotes_label: str = ""


@dataclass
class EntityDoc:
    """Gold and predicted mentions of one document."""

    doc_id: str
    split: str
    gold: list[GoldEntity]
    pred: list[PredEntity]
    #: Every GUM mention (named or not) as (full_start, full_end, coarse type), for the
    #: lenient precision.
    mentions: list[tuple[int, int, str]] = field(default_factory=list)


def covers(pred: PredEntity, gold: GoldEntity) -> bool:
    """The head-match rule: the prediction's span contains the whole gold head word."""
    return pred.start <= gold.head_start and pred.end >= gold.head_end


def predicted_entities(doc: PipelineDoc) -> list[PredEntity]:
    """Name-labelled ``entities`` rows with offsets mapped from the body to the raw text."""
    out = []
    for row in doc.tables.get("entities", []):
        label = coarse_label(row["label"])
        if label is None:
            continue
        span = doc.offsets.span(row["char_start"], row["char_end"])
        if span is None:  # no raw image: cannot cover any gold head, counts as FP
            span = (-1, -1)
        out.append(PredEntity(span[0], span[1], label, row["cluster_id"], row["mention_text"],
                              row["label"]))
    return out


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict[str, float | int]:
    """P/R/F1 when the matched counts differ by side (coverage is not one-to-one)."""
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "pred_matched": tp_p, "predicted": n_pred,
            "gold_matched": tp_g, "gold": n_gold}


def _one_to_one(doc: EntityDoc, labelled: bool) -> int:
    """Greedy one-to-one head matches: gold in text order, each taking the smallest free
    covering prediction (the most specific one)."""
    used: set[int] = set()
    n = 0
    for g in sorted(doc.gold, key=lambda x: x.head_start):
        cands = [
            (p.end - p.start, i) for i, p in enumerate(doc.pred)
            if i not in used and covers(p, g) and (not labelled or p.label == g.label)
        ]
        if cands:
            used.add(min(cands)[1])
            n += 1
    return n


def _best_cover(doc: EntityDoc, g: GoldEntity) -> int | None:
    cands = [(p.end - p.start, i) for i, p in enumerate(doc.pred) if covers(p, g)]
    return min(cands)[1] if cands else None


def score_entities(docs: Iterable[EntityDoc]) -> dict[str, Any]:
    """Head-match P/R/F1 (unlabelled, labelled, one-to-one) and pairwise cluster P/R.

    Also returns per-gold-label recall, ``label_confusion`` (gold label -> OntoNotes
    label of the smallest covering prediction) with ``label_confusion_nested`` (per gold
    label, the wrongly labelled covers that are longer than the gold mention: nesting,
    see :func:`confusion_table`), the false positives that the lenient precision
    keeps (covering no gold head and not excused) by OntoNotes label (``fp_by_label``)
    and the error list (``errors``: doc_id, kind "fp"/"fn"/"label", text, labels; the
    "fp" entries are the same non-excused ones) for debugging.
    """
    docs = list(docs)
    n_pred = n_gold = 0
    up = ug = lp = lg = 0
    excused = 0
    o_u = o_l = 0
    pair_both = pair_pred = pair_gold = 0
    by_label: dict[str, Counter[str]] = {}
    fp_by_label: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {}
    nested: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for doc in docs:
        n_pred += len(doc.pred)
        n_gold += len(doc.gold)
        for p in doc.pred:
            hit = [g for g in doc.gold if covers(p, g)]
            up += bool(hit)
            lp += any(g.label == p.label for g in hit)
            if not hit and any(s <= p.start and p.end <= e and t == p.label
                               for s, e, t in doc.mentions):
                excused += 1
            elif not hit:
                fp_by_label[p.ontonotes_label] += 1
                errors.append({"doc_id": doc.doc_id, "kind": "fp", "text": p.text,
                               "pred_label": p.ontonotes_label})
        for g in doc.gold:
            hit_p = [p for p in doc.pred if covers(p, g)]
            ok = any(p.label == g.label for p in hit_p)
            ug += bool(hit_p)
            lg += ok
            counts = by_label.setdefault(g.label, Counter())
            counts["gold"] += 1
            counts["found"] += bool(hit_p)
            counts["found_labelled"] += ok
            best = _best_cover(doc, g)
            if best is not None:
                p = doc.pred[best]
                confusion.setdefault(g.label, Counter())[p.ontonotes_label] += 1
                if p.label != g.label and p.end - p.start > len(g.text) + 1:
                    nested[g.label] += 1
            if not hit_p:
                errors.append({"doc_id": doc.doc_id, "kind": "fn", "text": g.text,
                               "gold_label": g.label})
            elif not ok:
                errors.append({"doc_id": doc.doc_id, "kind": "label", "text": g.text,
                               "gold_label": g.label,
                               "pred_labels": sorted({p.ontonotes_label for p in hit_p})})
        o_u += _one_to_one(doc, labelled=False)
        o_l += _one_to_one(doc, labelled=True)
        linked = [(g, _best_cover(doc, g)) for g in doc.gold if g.identity]
        linked = [(g, i) for g, i in linked if i is not None]
        for (g1, i1), (g2, i2) in combinations(linked, 2):
            if i1 == i2:
                continue
            gs = g1.identity == g2.identity
            ps = doc.pred[i1].cluster_id == doc.pred[i2].cluster_id
            pair_gold += gs
            pair_pred += ps
            pair_both += gs and ps
    cp = pair_both / pair_pred if pair_pred else 0.0
    cr = pair_both / pair_gold if pair_gold else 0.0
    return {
        "docs": len(docs),
        "unlabelled": _prf(up, n_pred, ug, n_gold),
        "labelled": _prf(lp, n_pred, lg, n_gold),
        "unlabelled_lenient": _prf(up, n_pred - excused, ug, n_gold),
        "labelled_lenient": _prf(lp, n_pred - excused, lg, n_gold),
        "excused_predictions": excused,
        "one_to_one": {"unlabelled": _prf(o_u, n_pred, o_u, n_gold),
                       "labelled": _prf(o_l, n_pred, o_l, n_gold)},
        "clusters": {"pairwise_precision": cp, "pairwise_recall": cr,
                     "pairwise_f1": 2 * cp * cr / (cp + cr) if cp + cr else 0.0,
                     "same_both": pair_both, "same_pred": pair_pred, "same_gold": pair_gold},
        "recall_by_gold_label": {
            k: {**dict(v), "recall": v["found"] / v["gold"],
                "labelled_recall": v["found_labelled"] / v["gold"]}
            for k, v in sorted(by_label.items())
        },
        "fp_by_label": dict(fp_by_label.most_common()),
        "label_confusion": {k: dict(v.most_common()) for k, v in sorted(confusion.items())},
        "label_confusion_nested": dict(sorted(nested.items())),
        "errors": errors,
    }


def load_gold(path: Path | str = DATA_FILE) -> list[dict[str, Any]]:
    """The GUM records (text, entities, all_mentions, meta)."""
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_entities(record: Mapping[str, Any]) -> list[GoldEntity]:
    """The record's named mentions as :class:`GoldEntity`."""
    return [
        GoldEntity(e["head_start"], e["head_end"], e["label"], e.get("identity"),
                   e.get("text", ""))
        for e in record["entities"]
    ]


def build_docs(records: Sequence[Mapping[str, Any]], run: PipelineRun) -> list[EntityDoc]:
    """Pair each GUM record with the pipeline's entities for its text."""
    out = []
    for rec in records:
        pdoc = run.docs.get(rec["doc_id"])
        pred = predicted_entities(pdoc) if pdoc is not None else []
        mentions = [(m["full_start"], m["full_end"], _GUM_COARSE.get(m["gum_etype"], "MISC"))
                    for m in rec.get("all_mentions", [])]
        out.append(EntityDoc(rec["doc_id"], rec["meta"]["split"], gold_entities(rec), pred,
                             mentions))
    return out


def evaluate_entities(
    run: PipelineRun | None = None, data_path: Path | str = DATA_FILE
) -> dict[str, Any]:
    """Scores for every view in :data:`SPLIT_VIEWS` ("all", each split, "dev+test")."""
    records = load_gold(data_path)
    if run is None:
        run = run_pipeline({r["doc_id"]: r["text"] for r in records})
    docs = build_docs(records, run)
    out: dict[str, Any] = {
        view: score_entities(d for d in docs if d.split in splits)
        for view, splits in SPLIT_VIEWS.items()
    }
    out["missing_docs"] = [r["doc_id"] for r in records if r["doc_id"] not in run.docs]
    return out


#: Column order of :func:`confusion_table` (OntoNotes name labels, commonest first).
CONFUSION_COLUMNS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT",
                     "WORK_OF_ART", "LAW", "LANGUAGE")


def confusion_table(view: Mapping[str, Any]) -> str:
    """``label_confusion`` of one view as a text matrix: a row per gold coarse label, a
    column per OntoNotes label of the smallest covering prediction, and how many of the
    row's off-diagonal cells are *nested* (the prediction is longer than the gold mention,
    e.g. "Texas" inside "University of Texas Arlington"): those are differences of
    annotation scheme (GUM nests, OntoNotes is flat), not labels a rule could fix."""
    nested = view.get("label_confusion_nested", {})
    head = f"{'gold':<6}" + "".join(f"{c[:7]:>8}" for c in CONFUSION_COLUMNS) + "  nested"
    lines = [head]
    for gold, cells in view["label_confusion"].items():
        lines.append(f"{gold:<6}" + "".join(f"{cells.get(c, 0):>8}" for c in CONFUSION_COLUMNS)
                     + f"  {nested.get(gold, 0):>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the entity scores per view (standalone)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list errors")
    args = parser.parse_args(argv)
    res = evaluate_entities()
    print(f"{'view':<9}{'docs':>5}  {'unlab P/R/F1':>20}  {'labelled P/R/F1':>20}"
          f"  {'1:1 lab F1':>10}  {'cluster P/R':>12}")
    for view in SPLIT_VIEWS:
        r = res[view]
        u, lab, c = r["unlabelled"], r["labelled"], r["clusters"]
        print(f"{view:<9}{r['docs']:>5}  {u['precision']:.3f}/{u['recall']:.3f}/{u['f1']:.3f}"
              f"  {lab['precision']:.3f}/{lab['recall']:.3f}/{lab['f1']:.3f}"
              f"  {r['one_to_one']['labelled']['f1']:>10.3f}"
              f"  {c['pairwise_precision']:.3f}/{c['pairwise_recall']:.3f}")
    print("FP by label:", res["all"]["fp_by_label"])
    for view in ("train", "dev+test", "all"):
        print(f"label confusion, {view} (gold -> OntoNotes label of the smallest cover):")
        print(confusion_table(res[view]))
    print("recall by gold label:", {k: round(v["recall"], 3)
                                    for k, v in res["all"]["recall_by_gold_label"].items()})
    if args.verbose:
        for e in res["all"]["errors"]:
            pred = e.get("pred_label") or e.get("pred_labels") or ""
            print(f"  {e['kind'].upper():<5} {e['doc_id']}: {e['text']!r} "
                  f"{e.get('gold_label') or ''} {pred}")


if __name__ == "__main__":
    main()
