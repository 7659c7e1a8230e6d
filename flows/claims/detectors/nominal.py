"""Nominal cues: a noun of saying or belief with a that-clause and an identifiable source.

A noun of saying (`SAYING_NOUNS`: *statement, claim, allegation, warning, promise, …*)
outside quotes with a complement clause marked by *that* (`acl`/`ccomp`/`relcl` under the
noun, or the clause of `X's view is that S`) or, for `NOUN_XCOMP` nouns, an infinitive
(`his promise to cut taxes`) is an `indirect` claim with the noun as cue; a noun of belief
(`BELIEF_NOUNS`: *view, belief, hope, fear, …*) gives a `belief`. The source, in this
order:

* a possessive (`Cornyn's claim that S`, `his warning that S`);
* a *by* or *from* phrase (`the claim by the ministry that S`, `a warning from
  officials that S`), or an *of* phrase naming an entity (`the view of the WHO that S`);
* the subject of a light verb the noun is the object of (`LIGHT_VERBS`: `X issued a
  statement that S`, `X made the argument that S`, `X expressed hope that S`), not of one
  that rejects it (`X dismissed the claim that S` is no claim of X's);
* for a view, the one who comes to it or acts on it (`X came to the conclusion that S`,
  `it was rejected by X over fears (that) S`, `X acted out of concern that S`); a view
  may take its clause without *that* (`fears it would …`). `Amid fears that S` names
  nobody.

Without a source (`amid claims that S`) no claim is made. A statement in which a reporting
verb's words are said (`said in a statement that S`) is the indirect detector's (the
medium rule of `cues.complement`), so such a noun is skipped here. A *that* which is the
relative pronoun of the clause (`the claim that he made`) is no complementizer, and the
clause no content.
"""

from __future__ import annotations

from spacy.tokens import Token

from flows.claims.cues import negated
from flows.claims.detectors.base import Context, Finding, Reported
from flows.claims.detectors.indirect import content_span, quote_overlap
from flows.claims.lexicon_en import (
    BELIEF_NOUNS,
    FIRST_PERSON,
    LIGHT_VERBS,
    NOT_HOLDER_VERBS,
    NOUN_XCOMP,
    REPORTING_LEMMAS,
    SAYING_NOUNS,
    SPEAKER_LABELS,
    SUBJECT_DEPS,
)
from flows.claims.speakers import Attribution
from flows.steps.docindex import children


def _that_clause(tok: Token, after: int) -> bool:
    """A verb heading a clause introduced by the complementizer *that*."""
    return tok.i > after and tok.pos_ in {"VERB", "AUX"} and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in children(tok)
    )


def noun_complement(noun: Token) -> Token | None:
    """The that-clause (or, for `NOUN_XCOMP`, infinitive) a cue noun introduces."""
    for c in children(noun):
        if c.dep_ in {"acl", "ccomp", "relcl", "appos"} and _that_clause(c, noun.i):
            return c
    if noun.lemma_.lower() in BELIEF_NOUNS:
        for c in children(noun):  # `fears it would amount to …`: a clause without *that*
            if (
                c.dep_ in {"acl", "ccomp"}
                and c.left_edge.i == noun.i + 1
                and any(g.dep_ in SUBJECT_DEPS and g.lower_ not in {"that", "which", "who"}
                        for g in children(c))
                and (c.tag_ in {"VBD", "VBZ", "VBP"} or any(g.tag_ == "MD" for g in children(c)))
            ):
                return c
    if noun.lemma_.lower() in NOUN_XCOMP:
        for c in children(noun):
            if c.dep_ in {"acl", "relcl"} and c.i > noun.i and c.pos_ in {"VERB", "AUX"} and any(
                g.lower_ == "to" and g.dep_ == "aux" and g.i < c.i for g in children(c)
            ) and not any(g.dep_ in SUBJECT_DEPS for g in children(c)):
                return c
    head = noun.head
    if noun.dep_ in SUBJECT_DEPS and head.lemma_.lower() == "be":  # `X's view is that S`
        for c in children(head):
            if c.dep_ in {"ccomp", "attr", "acomp"} and _that_clause(c, head.i):
                return c
    return None


def noun_source(ctx: Context, noun: Token) -> Token | None:
    """The token naming who made the statement or holds the view (module docstring)."""
    view = ctx.view
    for c in children(noun):
        if c.dep_ == "poss" and not ctx.quotes.in_quote(c):
            return c
    for c in children(noun):
        if c.dep_ == "acl" and c.tag_ == "VBN":  # `the fears expressed by an official`
            agent = next((g for g in children(c) if g.dep_ == "agent"), None)
            obj = next((g for g in children(agent) if g.dep_ == "pobj"), None) if agent else None
            if obj is not None:
                return obj
    for c in children(noun):
        if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"} and c.i > noun.i:
            obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if obj is None:
                continue
            m = view.tok_mention[obj.i]
            if c.lower_ != "of" or (m is not None and m.label in SPEAKER_LABELS):
                return obj
    head = noun.head
    if noun.dep_ == "pobj" and noun.lemma_.lower() in BELIEF_NOUNS:
        # `came to the conclusion that`, `rejected it over fears that`, `out of
        # concern that`: the one who came to it or acted on it holds it.
        verb = head.head
        if head.lower_ == "of" and verb.lower_ in {"out", "because"}:
            verb = verb.head
        if (
            (head.lower_ in {"to", "at"} and verb.lemma_.lower() in {"come", "arrive"})
            or head.lower_ == "over"
            or (head.lower_ == "of" and head.head.lower_ in {"out", "because"})
        ) and verb.pos_ in {"VERB", "AUX"}:
            return ctx.speakers.subject_of(verb)
    if (
        noun.dep_ == "dobj"
        and head.lemma_.lower() in LIGHT_VERBS
        and head.lemma_.lower() not in NOT_HOLDER_VERBS
        and not negated(head)
    ):
        return ctx.speakers.subject_of(head)
    return None


def in_medium(noun: Token) -> bool:
    """`said in a statement that …`: the noun is the medium of a reporting verb."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in {"in", "via", "through"}
        and prep.head.pos_ == "VERB"
        and prep.head.lemma_.lower() in REPORTING_LEMMAS
    )


class NominalDetector:
    """Nouns of saying (`indirect`) and of belief (`belief`) with a source and a clause."""

    kind = "indirect"  # and "belief", by the noun

    def detect(self, inp: Reported) -> tuple[Finding, ...]:
        """One finding per cue noun with content and a source, in token order."""
        ctx = inp.context
        overlaps = quote_overlap(inp.quote_findings)
        out: list[Finding] = []
        for tok in ctx.view.tokens:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "NOUN" or lemma not in SAYING_NOUNS | BELIEF_NOUNS:
                continue
            if ctx.quotes.in_quote(tok) or in_medium(tok):
                continue
            comp = noun_complement(tok)
            if comp is None:
                continue
            src = noun_source(ctx, tok)
            if src is None:
                continue  # `amid claims that …`: nobody to attribute it to
            span = content_span(ctx, tok, comp, keep_to=True)
            if span is None or overlaps(*span):
                continue
            sp = ctx.speakers.resolve(src)
            if sp.text.lower() in FIRST_PERSON | {"you", "my", "our", "your"}:
                continue
            kind = "belief" if lemma in BELIEF_NOUNS else "indirect"
            attr = Attribution(tok.text, lemma, tok.idx, sp)
            out.append(Finding(kind, span[0], span[1], attr, "nominal_cue", tok.idx))
        return tuple(out)
