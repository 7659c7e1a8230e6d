"""Beliefs: a source's attitude toward a proposition, the `belief` kind.

A verb of belief, knowledge, intention, wish, expectation or fear (`BELIEF_LEMMAS`:
`believes`, `thinks`, `knows`, `wants`, `hopes`, `fears`, `doubts`, …) outside quotes,
not negated, with a clausal complement (`Smith believes the plan will fail`; one before
the verb must be a clause with a subject: `The plan will fail, Smith believes`) or, for
the verbs of `BELIEF_XCOMP_LEMMAS`, an infinitival one (`wants to leave`). `X wants Y to
…`, which the parser reads as a clause with subject Y, has the content `Y to …`. A stance
adjective after a copula (`BELIEF_ADJECTIVES`: `are concerned that …`, `is convinced
that …`) with a that-clause is a belief too; its cue is the copula and the adjective as
written (`are concerned`).

The holder is the speaker, resolved as for reported speech; the writer's own `I think`
and agentless passives (`is expected to`) make no claim. The content span is the
indirect detector's (`indirect.content_span`), keeping a leading infinitival *to*.
Perception (`saw the car crash`) and `want` + a noun phrase have no clausal complement
and are no beliefs. A belief nested in a report (`X said she believes S`) is dropped
later with the nested reports: only the outermost act is a claim.
"""

from __future__ import annotations

from spacy.tokens import Token

from flows.claims.cues import negated, outermost_report
from flows.claims.detectors.base import Context, Finding, Reported
from flows.claims.detectors.indirect import content_span, quote_overlap
from flows.claims.lexicon_en import (
    BELIEF_ADJECTIVES,
    BELIEF_LEMMAS,
    BELIEF_XCOMP_LEMMAS,
    COPULAS,
    FIRST_PERSON,
    SUBJECT_DEPS,
)
from flows.claims.speakers import Attribution
from flows.steps.docindex import children

#: Belief verbs whose clause must be marked by *that* (`feel that …`, not `feels like`).
MARKED_ONLY = frozenset({"feel"})
#: Subjects that hold nothing (`no one knows …`, `nobody thinks …`).
#: and generic holders (`anyone who wants …`), and the first person of `let's hope`.
NOBODY = frozenset(
    {"no", "nobody", "none", "nothing", "neither", "few", "anybody", "anyone", "everyone",
     "everybody", "whoever", "'s", "’s"}
)


def belief_complement(verb: Token) -> Token | None:
    """The clause (or infinitive) a belief verb holds: a ccomp after it, else one
    before it with a subject, else an xcomp for `BELIEF_XCOMP_LEMMAS`."""
    before: Token | None = None
    marked_only = verb.lemma_.lower() in MARKED_ONLY
    for c in children(verb):
        if c.dep_ == "ccomp" and marked_only and not any(
            m.dep_ == "mark" and m.lower_ == "that" for m in children(c)
        ):
            continue  # `it feels like …`: only `feel that` is a belief
        if c.dep_ == "ccomp":
            if c.i > verb.i:
                # A clause needs its subject (`believe they are promising`, not a
                # fragment the parser cut off: `believe … are promising`).
                if any(g.dep_ in SUBJECT_DEPS | {"csubj", "expl"} for g in children(c)):
                    return c
                continue
            if before is None and c.pos_ in {"VERB", "AUX"} and any(
                g.dep_ in SUBJECT_DEPS | {"csubj", "expl"} for g in children(c)
            ):
                before = c
    if before is not None:
        return before
    if verb.lemma_.lower() in BELIEF_XCOMP_LEMMAS:
        for c in children(verb):
            if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ in {"VERB", "AUX"} and any(
                g.lower_ == "to" and g.dep_ == "aux" for g in children(c)
            ):
                return c
    return None


def stance_frame(tok: Token) -> tuple[Token, Token] | None:
    """(copula or passive auxiliary, that-clause) of a stance adjective: `are concerned
    that …` (acomp of a copula), `is convinced that …` (a passive participle)."""
    if tok.lower_ not in BELIEF_ADJECTIVES:
        return None
    cop: Token | None = None
    if tok.dep_ == "acomp" and tok.head.lemma_.lower() in COPULAS:
        cop = tok.head
    elif tok.tag_ == "VBN":
        cop = next((c for c in children(tok) if c.dep_ == "auxpass"), None)
    if cop is None:
        return None
    for h in (tok, cop):
        for c in children(h):
            if c.dep_ == "ccomp" and c.i > tok.i and c.pos_ in {"VERB", "AUX"}:
                return cop, c
    return None


class BeliefDetector:
    """Verbs of belief and stance adjectives with a complement, outside quotes."""

    kind = "belief"

    def detect(self, inp: Reported) -> tuple[Finding, ...]:
        """One finding per belief with content and a holder, in token order (`via` is
        ``belief_verb`` or ``stance_adjective``)."""
        ctx = inp.context
        overlaps = quote_overlap(inp.quote_findings)
        out: list[Finding] = []
        for tok in ctx.view.tokens:
            if ctx.quotes.in_quote(tok):
                continue
            got = self.verb_belief(ctx, tok) or self.stance_belief(ctx, tok)
            if got is None or overlaps(got.start, got.end):
                continue
            sp = got.attribution.speaker if got.attribution is not None else None
            if sp is None or sp.text.lower() in FIRST_PERSON | {"you"}:
                continue  # no holder, or the writer's own "I think"
            if sp.text.split()[0].lower() in NOBODY:
                continue  # `no one knows …`: nobody holds it
            out.append(got)
        return tuple(out)

    def verb_belief(self, ctx: Context, tok: Token) -> Finding | None:
        """`X believes S`, `X wants (Y) to …`."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in BELIEF_LEMMAS:
            return None
        if tok.dep_ == "amod" or negated(tok):
            return None
        if tok.tag_ == "VBG" and tok.dep_ in {"advcl", "acl", "pcomp", "amod"}:
            return None  # `wanting to learn more, she …`: a description, not a held view
        if tok.dep_ == "xcomp" and tok.head.pos_ == "ADJ":
            return None  # `it is safe to assume …`: nobody's view in particular
        if outermost_report(ctx.view, ctx.quotes, tok).i != tok.i:
            return None  # inside a report (`was advised that X intended …`): the report's
        comp = belief_complement(tok)
        if comp is None or (comp.dep_ == "xcomp" and tok.dep_ in {"relcl", "acl", "advcl"}):
            return None  # `people who want to leave`: a description, not a held view
        span = content_span(ctx, tok, comp, keep_to=True)
        if span is None:
            return None
        attr = ctx.speakers.attribution(tok)
        return Finding(self.kind, span[0], span[1], attr, "belief_verb", tok.idx)

    def stance_belief(self, ctx: Context, tok: Token) -> Finding | None:
        """`X is concerned / convinced / sure that S`."""
        frame = stance_frame(tok)
        if frame is None:
            return None
        cop, comp = frame
        if negated(cop) or negated(tok):
            return None
        span = content_span(ctx, tok, comp)
        if span is None:
            return None
        speakers, view = ctx.speakers, ctx.view
        verb = cop if tok.dep_ == "acomp" else tok
        subj = next((c for c in children(verb) if c.dep_ in SUBJECT_DEPS), None)
        if subj is None and verb.dep_ in {"conj", "xcomp"}:
            subj = speakers.subject_of(verb)
        if subj is None:
            return None
        cue_start = cop.idx if cop.i < tok.i and tok.i - cop.i <= 3 else tok.idx
        cue = view.text[cue_start:tok.idx + len(tok.text)]
        attr = Attribution(cue, f"be {tok.lower_}", cue_start, speakers.resolve(subj),
                           None, speakers.according_of(verb))
        return Finding(self.kind, span[0], span[1], attr, "stance_adjective", cue_start)
