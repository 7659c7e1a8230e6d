"""Assertions: the article's own check-worthy sentences that host no attributed claim.

The unit is a parser sentence cut at paragraph breaks (a sentence may run across one),
past an inline dateline and trimmed of edge punctuation. A unit is skipped when a claim's
content overlaps it or a claim's cue lies in it (it is attribution, not the article
speaking), when it lies in a headline-like first paragraph (no final punctuation: it
repeats the lede), when it has no finite verb, or when it scores below
`ASSERTION_THRESHOLD` on the check-worthiness features (`flows.claims.checkworthiness`).
"""

from __future__ import annotations

import bisect

from flows.claims.checkworthiness import score_check_worthiness
from flows.claims.detectors.base import Attributed, Finding
from flows.claims.lexicon_en import ASSERTION_THRESHOLD


class AssertionDetector:
    """Check-worthy sentence pieces outside every attributed claim and cue."""

    kind = "assertion"

    def detect(self, inp: Attributed) -> tuple[Finding, ...]:
        """One finding per kept sentence piece, with its score and fired features."""
        view = inp.view
        taken = sorted(
            [(f.start, f.end) for f in inp.findings]
            + [(f.cue_char, f.cue_char + 1) for f in inp.findings if f.cue_char is not None]
        )
        starts = [t[0] for t in taken]
        max_end: list[int] = []  # running max of ends, for an O(log n) overlap test
        for _, end in taken:
            max_end.append(max(end, max_end[-1]) if max_end else end)

        def hosted(s: int, e: int) -> bool:
            k = bisect.bisect_left(starts, e) - 1
            return k >= 0 and max_end[k] > s

        out: list[Finding] = []
        for sent in view.sents:
            for ps, pe in view.paragraph_pieces(sent.start_char, sent.end_char):
                s, e = view.trim(view.skip_dateline(ps, pe), pe)
                if s >= e or hosted(s, e) or view.headline_like(s):
                    continue
                span = view.doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                score, feats = score_check_worthiness(span)
                if "no_finite_verb" in feats or score < ASSERTION_THRESHOLD:
                    continue
                out.append(Finding(self.kind, s, e, check_worthiness=score,
                                   features=tuple(feats)))
        return tuple(out)
