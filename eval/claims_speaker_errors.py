"""List the quotes of one gold split whose speaker is missing or wrong, with their context.

A tuning aid for the speaker rules (`python -m eval.claims_speaker_errors --split dev`):
for every matched direct or partial quote whose predicted speaker is not the gold one
(`eval.claims_eval.speaker_correct`), it prints the document, the gold and predicted
speakers, the rule or strategy that gave the prediction (`speaker_via`), the cause
(`speaker_error_cause`) and the raw paragraph of the quote with the one before it, so the
errors can be grouped by their linguistic cause. Like `claims_eval` it only runs the real
pipeline and never imports `flows.claims`. Tune on dev only: the test split is scored once
per change with `eval.claims_eval`.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from eval.claims_eval import (
    GOLD_FILE,
    QUOTE_KINDS,
    ClaimRec,
    DocClaims,
    build_docs,
    content_overlap,
    greedy_match,
    load_gold,
    run_pipeline,
    speaker_correct,
    speaker_error_cause,
)

_PARA = re.compile(r"\n\s*")


def paragraphs_around(text: str, start: int) -> tuple[str, str]:
    """The raw paragraph (line) holding offset `start` and the one before it."""
    bounds = [0] + [m.end() for m in _PARA.finditer(text)] + [len(text) + 1]
    k = max(i for i, b in enumerate(bounds[:-1]) if b <= start)
    cur = text[bounds[k]:bounds[k + 1]].strip()
    prev = text[bounds[k - 1]:bounds[k]].strip() if k > 0 else ""
    return prev, cur


def _wrong_speakers(doc: DocClaims, kind: str) -> list[tuple[ClaimRec, ClaimRec]]:
    """(gold, prediction) of the matched non-marginal claims of `kind` whose speaker is
    wrong, matched as `claims_eval` matches them (marginal gold takes part)."""
    preds = [c for c in doc.pred if c.kind == kind]
    golds = [c for c in doc.gold if c.kind == kind]
    matches = greedy_match(len(preds), len(golds),
                           lambda p, g: content_overlap(preds[p], golds[g], doc.text))
    return [
        (golds[g], preds[p]) for p, g, _ in matches
        if not golds[g].marginal and not speaker_correct(
            preds[p].speaker, preds[p].speaker_canonical, golds[g].speaker,
            golds[g].speaker_canonical)
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Print the speaker errors of the quotes of `--split` (dev by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--gold", default=str(GOLD_FILE))
    parser.add_argument("--kinds", default=",".join(QUOTE_KINDS))
    args = parser.parse_args(argv)
    kinds = args.kinds.split(",")
    records = [r for r in load_gold(args.gold) if r["split"] == args.split]
    run = run_pipeline({r["doc_id"]: r["text"] for r in records})
    n = 0
    for doc in build_docs(records, run):
        for kind in kinds:
            for gold, pred in _wrong_speakers(doc, kind):
                n += 1
                prev, cur = paragraphs_around(doc.text, gold.start or 0)
                print(f"#{n} {doc.doc_id} [{kind}] cause={speaker_error_cause(pred, gold)}")
                print(f"  gold: {gold.speaker!r} / {gold.speaker_canonical!r} cue {gold.cue!r}")
                print(f"  pred: {pred.speaker!r} / {pred.speaker_canonical!r} cue {pred.cue!r}"
                      f" via {pred.speaker_via}")
                print(f"  quote: {gold.content[:100]!r}")
                print(f"  prev ¶: {prev[-400:]!r}")
                print(f"  this ¶: {cur[:600]!r}")
    print(f"{n} speaker errors among matched {', '.join(kinds)} of split {args.split}")


if __name__ == "__main__":
    main()
