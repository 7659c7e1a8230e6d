"""Indirect claims: reported speech without quotation marks.

They come from reporting verbs outside quotes with a clausal (`ccomp`, after the cue
preferred; one before it must be a clause with a subject) or infinitival (`xcomp`, for
promise/request verbs) complement, from `call for` / `accuse … of`, from a
that-clause hanging off the medium (`said in a statement that …`) and from `As X said,
<clause>` (see `cues.complement`). `according to X, <clause>` is the `according`
detector's.

Positions: `X has argued for / pushed for / campaigned against <noun phrase>` report the
noun phrase (`PREP_CONTENT`, `POSITION_PREPS`).

Questions: `X asked (Y) whether/if/wh- …` (`QUESTION_LEMMAS`) report the embedded
question, from *whether*/*if*/the wh-word to its end. Verbs of belief (`BELIEF_LEMMAS`,
`believes`, `expects`) are the `belief` detector's.

No indirect claim is made when its content overlaps a quote claim, when the cue is
negated, when the complement is an embedded question of a verb that does not ask it
("did not say when…", "explained how…"), when no
speaker is found (agentless passives), when the speaker is the writer ("I think…"), or
when it is nested in another report ("Apple said it expected…" and "Doe noted the
findings show…" give one claim each: the outermost act, see `drop_nested_reports`).

Span rule: the complement's subtree, restricted to the tokens that follow the cue verb
when the complement straddles it (a fronted relative pronoun as in "which critics say has
left …" is not part of the content), or the whole subtree when it precedes the verb
("The bridge will reopen, officials said."); a leading complementizer "that", a leading
infinitival "to", an inline dateline opening the paragraph ("LONDON, March 3 (Reuters) -
") and edge punctuation are trimmed, and the span never cuts a quoted passage in half.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from spacy.tokens import Token

from flows.claims.cues import according_obj, complement, is_reporting, negated
from flows.claims.detectors.base import Context, Finding, Reported
from flows.claims.lexicon_en import (
    BELIEF_LEMMAS,
    FIRST_PERSON,
    NOT_POSITIONS,
    POSITION_PREPS,
    QUESTION_LEMMAS,
    REPORTING_LEMMAS,
    SUBJECT_DEPS,
    WH_LEADS,
)
from flows.claims.passages import balance
from flows.claims.speakers import Attribution
from flows.steps.docindex import children

#: Does [start, end) overlap a quote claim?
Overlaps = Callable[[int, int], bool]


def quote_overlap(findings: Sequence[Finding]) -> Overlaps:
    """An O(log n) overlap test against the quote claims' contents.

    Quote passages never overlap each other, so sorted starts imply sorted ends and one
    bisection answers "does [s, e) touch a quote claim?".
    """
    taken = sorted((f.start, f.end) for f in findings)
    starts = [t[0] for t in taken]
    ends = [t[1] for t in taken]

    def overlaps(s: int, e: int) -> bool:
        k = bisect.bisect_left(starts, e) - 1
        return k >= 0 and ends[k] > s

    return overlaps


class IndirectDetector:
    """Reporting verbs with a complement, outside quotes and not overlapping them."""

    kind = "indirect"

    def detect(self, inp: Reported) -> tuple[Finding, ...]:
        """One finding per reporting verb with content and a speaker, in token order
        (nested reports are dropped later, together with the according-to claims)."""
        ctx = inp.context
        overlaps = quote_overlap(inp.quote_findings)
        # Cues whose act is already a partial quote: a reported clause holding the
        # speaker's own quoted fragment is that partial quote, not also an indirect
        # (`said he would not return and had left in "the interest of the country"`).
        partial_cues: dict[int, list[int]] = {}
        for f in inp.quote_findings:
            if f.kind == "partial_quote" and f.cue_char is not None:
                partial_cues.setdefault(f.cue_char, []).append(f.start)
        out: list[Finding] = []
        for tok in ctx.view.tokens:
            if tok.lower_ == "according" and according_obj(tok) is not None:
                continue  # the according-to detector's
            lemma = tok.lemma_.lower()
            position = lemma in POSITION_PREPS
            if tok.pos_ != "VERB" or (lemma not in REPORTING_LEMMAS and not position):
                continue
            if lemma in BELIEF_LEMMAS:
                continue  # verbs of belief (`believes`, `expects`) are the belief detector's
            if ctx.quotes.in_quote(tok) or negated(tok) or unrealised(tok):
                continue
            comp = position_object(tok) if position else complement(ctx.view.doc, tok)
            if comp is None:
                continue
            span = content_span(ctx, tok, comp)
            inf = next((c for c in children(tok) if c.dep_ == "xcomp" and c.i > comp.i), None)
            if comp.dep_ == "pobj" and span is not None and inf is not None:
                # `called for the president "to head home"`: the object is the subject
                # of the infinitive, and the content runs through it.
                r = inf.right_edge
                span = finish_span(ctx, span[0], r.idx + len(r.text))
            attr = ctx.speakers.attribution(tok)
            if span is not None and overlaps(*span):
                span = clip_other_voice(ctx, attr, comp, span)
            if span is None or overlaps(*span):
                continue
            if comp.dep_ in CLAUSE_DEPS and not has_verb(ctx, span):
                continue  # `declared himself the winner`: a small clause, no proposition
            if own_fragment_after(ctx, partial_cues.get(tok.idx, ()), tok, span[1]):
                continue
            if attr.speaker is None:
                continue  # no one to attribute it to (often a misparsed headline)
            if attr.speaker.text.lower() in FIRST_PERSON | {"you"}:
                continue  # the writer's own "I think…": opinion, not attribution
            via = "position" if position else "reporting_verb"
            out.append(Finding(self.kind, span[0], span[1], attr, via, tok.idx))
        return tuple(out)


def own_fragment_after(ctx: Context, starts: Sequence[int], cue: Token, end: int) -> bool:
    """True when a partial quote of the same cue follows the content ending at `end`
    in its sentence with no other reporting verb between the cue and it: the reported
    clause holds the speaker's own quoted fragment, so the act is that partial quote."""
    view = ctx.view
    for s in starts:
        if s < end or view.sent_id(s) != view.sent_id(cue.idx):
            continue
        if not any(
            view.doc[i].pos_ == "VERB" and view.doc[i].lemma_.lower() in REPORTING_LEMMAS
            and not ctx.quotes.in_quote(view.doc[i])
            for i in view.tokens_in(cue.idx + len(cue.text), s)
        ):
            return True
    return False


#: Dependencies through which a cue takes a clause (as opposed to `call for` objects).
CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis"})


def has_verb(ctx: Context, span: tuple[int, int]) -> bool:
    """Does the content span hold a verb? A clausal complement without one is a small
    clause the parser took for a clause (`declared himself the winner`), not a report."""
    view = ctx.view
    return any(view.doc[i].pos_ in {"VERB", "AUX"} for i in view.tokens_in(*span))


def unrealised(verb: Token) -> bool:
    """A speech act that did not take place: a gerund after `from` or `without`
    (`banning migrants from claiming asylum`, `left without saying whether …`)."""
    return (verb.tag_ == "VBG" and verb.dep_ == "pcomp"
            and verb.head.lower_ in {"from", "without"})


def position_object(verb: Token) -> Token | None:
    """The position a verb of `POSITION_PREPS` states: `pushed for tariffs` -> tariffs;
    an office or a vote campaigned for (`campaigning for President`) is none."""
    preps = POSITION_PREPS[verb.lemma_.lower()]
    for c in children(verb):
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = next((g for g in children(c) if g.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None and obj.lower_ not in NOT_POSITIONS and (
                obj.lemma_.lower() not in NOT_POSITIONS
            ):
                return obj
    return None


#: The last article's nested reports: (its context, their token indexes).
_nested_cache: list[tuple[Context, tuple[int, ...]]] = []


def _nested_reports(ctx: Context) -> tuple[int, ...]:
    """Tokens that start a nested report of their own (`…, adding that …`), in order.

    Whether a token does depends on the token alone, not on the cue, so the article is
    walked once and each cue bisects; a walk of each cue's complement was quadratic in
    a long sentence with many reporting verbs. One article is cached: its claims are
    extracted in one go.
    """
    if _nested_cache and _nested_cache[0][0] is ctx:
        return _nested_cache[0][1]
    doc = ctx.view.doc
    found = tuple(
        t.i for t in ctx.view.tokens
        if t.dep_ in {"conj", "advcl", "acl"}
        and (t.dep_ != "acl" or t.tag_ == "VBG")
        and is_reporting(ctx.quotes, t)
        and not any(c.dep_ in SUBJECT_DEPS for c in children(t))
        and complement(doc, t) is not None
    )
    _nested_cache[:] = [(ctx, found)]
    return found


def content_span(
    ctx: Context, cue: Token, comp: Token, *, keep_to: bool = False
) -> tuple[int, int] | None:
    """Char span of what `cue` reports through `comp` (see the module docstring).

    A question verb (`QUESTION_LEMMAS`: `asked whether …`, `asked Y why …`) keeps its
    embedded question, from *whether*/*if*/the wh-word; `keep_to` keeps a leading
    infinitival *to* (beliefs and nominal cues: `wants to leave`, `a promise to act`).
    """
    view, doc = ctx.view, ctx.view.doc
    lo, hi = comp.left_edge.i, comp.right_edge.i
    if comp.i == cue.head.i:  # `As X said, <clause>` / `<clause>, as X said`
        if cue.i < comp.i:
            lo = cue.right_edge.i + 1
        else:
            hi = cue.left_edge.i - 1
    elif hi > cue.i:
        lo = max(lo, cue.i + 1)
        # Two clausal complements after the cue are one clause the parser split
        # (`revealed that a defector called X was persuaded …`) or a list of them.
        for c in children(cue):
            if c.dep_ == "ccomp" and c.i > comp.i and not ctx.quotes.any_quoted(
                hi + 1, c.right_edge.i + 1
            ):
                hi = max(hi, c.right_edge.i)
    # Stay in the cue's paragraph: the parser may run a sentence across a break.
    ps, pe = view.paras[view.para_id(cue.idx)]
    while lo <= hi and doc[lo].idx < ps:
        lo += 1
    while hi >= lo and doc[hi].idx >= pe:
        hi -= 1
    # A nested report ("…, adding that …", "… and urged …") is a claim of its own.
    nested = _nested_reports(ctx)
    at = bisect.bisect_left(nested, max(lo, comp.i + 1))
    if at < len(nested) and nested[at] <= hi:
        hi = nested[at] - 1
        while hi >= lo and (doc[hi].dep_ == "cc" or doc[hi].is_punct):
            hi -= 1
    # Trim leading complementizer / infinitival marker and edge punctuation.
    while lo <= hi and (
        doc[lo].is_punct
        or doc[lo].is_space
        or (doc[lo].lower_ == "that" and doc[lo].dep_ == "mark")
        # `suggests that coffee is …`, parsed as the determiner `that coffee`
        or (doc[lo].lower_ == "that" and doc[lo].dep_ == "det" and lo == cue.i + 1)
        or (doc[lo].lower_ == "to" and doc[lo].dep_ == "aux" and lo < comp.i and not keep_to)
    ):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if hi < lo:
        return None
    first = doc[lo]
    question = cue.lemma_.lower() in QUESTION_LEMMAS and cue.pos_ == "VERB"
    if question:
        pass  # `asked whether the bridge would reopen`: the question is the content
    elif first.lower_ in WH_LEADS and first.i != comp.i and first.lower_ not in {"who"}:
        return None  # "did not say when…": no claim is made
    elif first.lower_ in {"whether", "if"}:
        return None
    return finish_span(ctx, first.idx, doc[hi].idx + len(doc[hi].text))


def clip_other_voice(
    ctx: Context, attr: Attribution, comp: Token, span: tuple[int, int]
) -> tuple[int, int] | None:
    """The content up to a trailing report of someone else's quoted words (`asked
    whether Iran would engage in talks, to which he replied "…"`), or None.

    Only a reporting clause with a subject of its own that is not the reporter (a
    relative, adverbial or coordinated clause after the complement's head) is cut:
    quoted words of the reporter's own, or a quoted label inside the reported clause
    (`… are rated "highly critical"`), make the report a partial quote instead.
    """
    view, doc, quotes = ctx.view, ctx.view.doc, ctx.quotes
    toks = view.tokens_in(*span)
    k = next((i for i in toks if quotes.in_quote(doc[i])), None)
    if k is None or k <= comp.i:
        return None
    a: Token | None = doc[k]
    subj: Token | None = None
    while a is not None:
        if is_reporting(quotes, a) and a.dep_ in {"relcl", "advcl", "conj", "parataxis"}:
            subj = next((c for c in children(a) if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None:
                break
        top = a.head.i == a.i or a.head.i == comp.i or a.head.i not in toks
        a = None if top else a.head
    if a is None or subj is None:
        return None
    who = ctx.speakers.resolve(subj)
    me = attr.speaker
    if me is None or (who.canonical or who.text) == (me.canonical or me.text):
        return None
    hi = a.left_edge.i - 1
    while hi >= comp.i and (doc[hi].is_punct or doc[hi].dep_ in {"cc", "prep"}
                           or doc[hi].lower_ in {"to", "which", "who"}):
        hi -= 1
    if hi < comp.i:
        return None
    return finish_span(ctx, span[0], doc[hi].idx + len(doc[hi].text))


def finish_span(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """Past an inline dateline, edge punctuation trimmed, widened to whole quotes."""
    s = ctx.view.skip_dateline(start, end)
    s, e = balance(ctx.quotes, *ctx.view.trim(s, end))
    return (s, e) if s < e else None


def drop_nested_reports(found: Sequence[Finding]) -> tuple[Finding, ...]:
    """Drop a report nested in the content of another (outermost act only).

    `found` are the indirect, according-to, belief and nominal findings in cue order. "Apple said it
    expected…" and "Doe noted the findings show…" are one claim each; `According to A,
    B believes X` is one claim of B's, made by the according-to rule, not a nesting.
    """
    # An outer report is any other finding whose content holds the cue. Outers sorted by
    # start, with the two furthest ends seen so far: one bisection per finding instead of
    # a scan of them all (quadratic in article length), the finding itself excluded.
    outers = sorted(
        (f.start, f.end, k) for k, f in enumerate(found)
        if f.attribution is None or f.attribution.cue_lemma != "according to")
    starts = [o[0] for o in outers]
    top2: list[tuple[tuple[int, int], tuple[int, int]]] = []  # ((end, k), runner-up)
    best, second = (-1, -1), (-1, -1)
    for _, e, k in outers:
        if (e, k) > best:
            best, second = (e, k), best
        elif (e, k) > second:
            second = (e, k)
        top2.append((best, second))
    keep: list[Finding] = []
    for k, c in enumerate(found):
        cue = c.cue_char
        nested = False
        if cue is not None and (n := bisect.bisect_right(starts, cue)):
            first, runner_up = top2[n - 1]
            end = first[0] if first[1] != k else runner_up[0]
            nested = end > cue
        if not nested:
            keep.append(c)
    return tuple(keep)
