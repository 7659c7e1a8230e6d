"""According-to claims: `According to X, <clause>` as an indirect claim with speaker X.

The clause is the head's subtree clipped to the sentence, minus the `according to X`
phrase at either end; `X burned … and destroyed …, according to Y` credits Y with both
conjuncts. An `according to` attached to a reporting verb with a complement is not a claim
of its own: it is the `according_to` source of that verb's claim. The claim kind is
`indirect` (`belief` for a view, `according to the fears expressed by X`: then, as for
`according to a statement from X`, the noun's source is the speaker); its cue and cue
lemma are "according to".
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from flows.claims.cues import according_obj, complement
from flows.claims.detectors.base import Context, Finding, Reported
from flows.claims.detectors.indirect import Overlaps, finish_span, quote_overlap
from flows.claims.detectors.nominal import noun_source
from flows.claims.lexicon_en import BELIEF_NOUNS, REPORTING_LEMMAS, SAYING_NOUNS


class AccordingToDetector:
    """`according to X` phrases outside quotes that head no reporting verb's claim."""

    kind = "indirect"

    def detect(self, inp: Reported) -> tuple[Finding, ...]:
        """One finding per `according to X, <clause>` with content, in token order."""
        ctx = inp.context
        overlaps = quote_overlap(inp.quote_findings)
        out: list[Finding] = []
        for tok in ctx.view.tokens:
            if tok.lower_ == "according" and according_obj(tok) is not None:
                got = according_claim(ctx, tok, overlaps)
                if got is not None:
                    out.append(got)
        return tuple(out)


def according_claim(ctx: Context, acc: Token, overlaps: Overlaps) -> Finding | None:
    """The claim of one `according to X` token, if it makes one."""
    view, doc, quotes = ctx.view, ctx.view.doc, ctx.quotes
    if quotes.in_quote(acc):
        return None
    head = acc.head
    if head.i == acc.i or (
        head.pos_ == "VERB"
        and head.lemma_.lower() in REPORTING_LEMMAS
        and complement(doc, head) is not None
    ):
        return None  # attached to a cue: it is the `according_to` of that claim
    if quotes.in_quote(head):
        return None
    # The clause: the head's subtree, clipped to the sentence, minus the phrase.
    sent = view.sents[view.tok_sent[acc.i]]
    root = head
    while root.head.i != root.i and (
        root.dep_ not in {"ROOT", "ccomp", "conj"}
        # `X burned … and destroyed …, according to Y`: Y reports both conjuncts.
        or (root.dep_ == "conj" and acc.i > root.i)
    ):
        if root.head.i < sent.start or root.head.i >= sent.end:
            break
        root = root.head
    lo, hi = root.left_edge.i, root.right_edge.i
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    alo, ahi = acc.left_edge.i, acc.right_edge.i
    if alo <= lo + 1:
        lo = ahi + 1
    elif ahi >= hi - 1:
        hi = alo - 1
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if hi - lo < 2:
        return None
    span = finish_span(ctx, doc[lo].idx, doc[hi].idx + len(doc[hi].text))
    if span is None or overlaps(*span):
        return None
    attr = ctx.speakers.attribution(acc)
    kind = "indirect"
    obj = according_obj(acc)
    if obj is not None and obj.lemma_.lower() in SAYING_NOUNS | BELIEF_NOUNS:
        # `according to the fears expressed by an official` / `… a statement from X`:
        # the statement's or view's source speaks, and a view is a belief.
        src = noun_source(ctx, obj)
        if src is not None:
            attr = replace(attr, speaker=ctx.speakers.resolve(src))
            kind = "belief" if obj.lemma_.lower() in BELIEF_NOUNS else "indirect"
    return Finding(kind, span[0], span[1], attr, "according_to", acc.idx)
