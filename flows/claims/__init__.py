"""Claim extraction: "who said what" from a parsed spaCy Doc, as staged passes.

`extract_claims(doc, mentions)` reads the parse of the cleaned article body plus the
already-resolved entity mentions and returns `Claim` records sorted by
`(content_start, kind)`. The step is pure and deterministic.

Why rules and not a model: the pipeline runs on every article, must be explainable to the
people who read the tables, and has no labelled training data. Every rule is written for
English news conventions in general (wire copy, newspapers), never for one article; the
words they key on are in `lexicon_en`.

The stages, each a function or a small frozen class that takes the previous stages'
frozen output as arguments (so none can run out of order), each linear or near it in
the number of tokens:

1. `view`: per-article indexes (paragraphs, sentences, characters, mentions);
2. `passages`: the quoted passages (a state machine over the quote marks);
3. `cues`: each passage's own reporting expression;
4. `speakers`: speaker resolution (entity clusters, pronouns, non-entity speakers),
   with the article's attribution history for pronouns;
5. `detectors`: direct and partial quotes;
6. `inherit`: speakers for direct quotes without a cue, by an ordered list of strategies;
7. `detectors`: indirect and according-to claims, beliefs (`believes`, `are concerned
   that`) and nominal cues (`X's claim that`, `X's view that`), none overlapping quotes
   and only the outermost of nested reports, then assertions (not hosting any claim or
   cue), scored by `checkworthiness`.

Each claim records in `speaker_via` which cue rule or inheritance strategy gave its
speaker (not a table column; `make eval` reports it).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from flows.claims.checkworthiness import score_check_worthiness
from flows.claims.cues import find_passage_cues
from flows.claims.detectors import (
    AccordingToDetector,
    AssertionDetector,
    Attributed,
    BeliefDetector,
    Context,
    Detector,
    DirectQuoteDetector,
    Finding,
    IndirectDetector,
    NominalDetector,
    PartialQuoteDetector,
    Reported,
)
from flows.claims.detectors.direct import unattributed_scare, unmarked_pull_quote
from flows.claims.detectors.indirect import drop_nested_reports
from flows.claims.inherit import Slot, inherit
from flows.claims.lexicon_en import ALL_PRONOUNS, ASSERTION_THRESHOLD
from flows.claims.passages import find_passages
from flows.claims.speakers import Speakers
from flows.claims.view import ArticleView
from flows.tables.records import Claim, Mention

__all__ = ["ASSERTION_THRESHOLD", "extract_claims", "score_check_worthiness"]

#: The detectors of each step, in the order their findings are combined.
QUOTE_DETECTORS: tuple[Detector[Context], ...] = (DirectQuoteDetector(), PartialQuoteDetector())
REPORT_DETECTORS: tuple[Detector[Reported], ...] = (
    IndirectDetector(), AccordingToDetector(), BeliefDetector(), NominalDetector()
)
ASSERTION_DETECTOR: Detector[Attributed] = AssertionDetector()


def context(doc: Doc, mentions: Sequence[Mention]) -> Context:
    """Stages 1-4 of one article: view, passages, their cues, the speaker resolver."""
    view = ArticleView.build(doc, mentions)
    quotes = find_passages(view)
    return Context(view, quotes, find_passage_cues(view, quotes), Speakers.build(view, quotes))


def quote_slots(ctx: Context) -> tuple[Slot, ...]:
    """Stage 5: per passage, what the direct and partial detectors decided; a passage
    that is no claim keeps the attribution of its own cue, which it may lend to a
    neighbour (`inherit`)."""
    by_passage = {f.passage: f for d in QUOTE_DETECTORS for f in d.detect(ctx)}
    slots: list[Slot] = []
    for i in range(len(ctx.quotes.passages)):
        f = by_passage.get(i)
        if f is not None:
            slots.append(Slot(f.kind, f.attribution, f.via))
        else:
            slots.append(Slot(None, *ctx.own_attribution(i)))
    return tuple(slots)


def quote_findings(ctx: Context) -> tuple[Finding, ...]:
    """Direct and partial quotes, with inherited speakers, in passage order."""
    out: list[Finding] = []
    for p, slot in zip(ctx.quotes.passages, inherit(ctx, quote_slots(ctx)), strict=True):
        a = slot.attribution
        if slot.kind is None or (
            slot.kind == "direct_quote" and a is None and unattributed_scare(ctx.view, p)
        ):
            continue  # unattributed short passage or title: a scare quote or a name
        out.append(Finding(slot.kind, p.start, p.end, a, slot.via,
                           a.cue_start if a is not None else None))
    return tuple(out)


def reported_findings(reported: Reported) -> tuple[Finding, ...]:
    """Indirect, according-to, belief and nominal-cue claims in cue order, outermost
    reports only. Reports in a headline-like first paragraph are dropped: headlines
    repeat the lede and are never claims (`Amnesty tells Iran to free journalists`), and
    reports inside a pull quote printed without marks are nested in that quotation."""
    view = reported.context.view
    found = [
        f for d in REPORT_DETECTORS for f in d.detect(reported)
        if not view.headline_like(f.start)
        and not (f.cue_char is not None and unmarked_pull_quote(view, f.cue_char))
    ]
    # Token order of the cues, as one pass over the tokens would find them.
    return drop_nested_reports(sorted(found, key=lambda f: f.cue_char or 0))


def to_claim(ctx: Context, f: Finding) -> Claim:
    """The `Claim` record of a finding. A speaker that is not an entity has its head
    phrase as canonical name ("critics", "officials", see `speakers`), unless it is an
    unresolved pronoun."""
    view = ctx.view
    a = f.attribution
    sp = a.speaker if a is not None else None
    canonical = sp.canonical if sp is not None else None
    if sp is not None and sp.text and canonical is None and sp.text.lower() not in ALL_PRONOUNS:
        canonical = sp.text
    return Claim(
        sentence_id=view.sent_id(f.start),
        last_sentence_id=view.sent_id(max(f.start, f.end - 1)),
        kind=f.kind,
        content=view.text[f.start:f.end],
        content_start=f.start,
        content_end=f.end,
        speaker=sp.text if sp is not None else None,
        speaker_start=sp.start if sp is not None else None,
        speaker_end=sp.end if sp is not None else None,
        speaker_canonical=canonical,
        speaker_entity_id=sp.entity_id if sp is not None else None,
        cue=a.cue if a is not None else None,
        cue_lemma=a.cue_lemma if a is not None else None,
        addressee=a.addressee if a is not None else None,
        according_to=a.according_to if a is not None else None,
        check_worthiness=f.check_worthiness,
        features=list(f.features),
        speaker_via=f.speaker_via,
    )


def extract_claims(doc: Doc, mentions: Sequence[Mention]) -> list[Claim]:
    """All claims of one article, sorted by (content_start, kind).

    `doc` is the spaCy parse of the cleaned body; `mentions` the resolved entity mentions
    (their `entity_id`s are the only ones a claim may point to). Pure and deterministic.
    """
    ctx = context(doc, mentions)
    quotes = quote_findings(ctx)
    attributed = quotes + reported_findings(Reported(ctx, quotes))
    assertions = ASSERTION_DETECTOR.detect(Attributed(ctx.view, attributed))
    seen: set[tuple[int, int, str]] = set()
    out: list[Claim] = []
    for f in sorted(attributed + assertions, key=lambda f: (f.start, f.kind, f.end)):
        key = (f.start, f.end, f.kind)
        if key not in seen:
            seen.add(key)
            out.append(to_claim(ctx, f))
    return out
