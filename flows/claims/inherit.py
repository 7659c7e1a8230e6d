"""Stage 6: inheritance, a speaker for a direct quote that has no cue of its own.

`STRATEGIES` is a named, ordered list; the first strategy that gives an attribution wins,
so the order of the list is the precedence:

1. ``continuation``: the nearest attributed earlier member of the quote's continuation
   chain (a multi-paragraph quote), without its cue;
2. ``continuation_later``: else the nearest attributed later member (the attribution
   follows the last paragraph of the quote), cue kept;
3. ``split_quote``: the previous, then the next, attributed direct passage of the same
   paragraph (`"A," X said. "B."`: split quotes keep the cue);
4. ``credit_line``: a verbless credit of a pull quote, after it (`"…." — Jane Doe,
   mayor`, `"…" (Jane Doe)`), on the line after it (`— Jane Doe`, `(Jane Doe)`) or
   before it (`Jane Doe, mayor: "…"`);
5. ``colon_clause``: a quote introduced by a colon after a clause whose verb is no
   reporting verb, the named subject of that clause, with its verb as cue (`Doe issued
   a statement: "We…"`, `Doe defended the plan: "We…"`);
6. ``last_report``: for a quote opening a sentence inside a paragraph, the last
   outermost report of the paragraph before it;
7. ``previous_subject``: for such a quote, the named person or organisation that is the
   subject of the previous sentence (`Doe issued a statement. "We…"`), or who owns a
   subject that is their words (`Doe's sharpest arguments were aimed at X. "We…"`);
8. ``paragraph_only``: a paragraph that is nothing but a quote continues the speaker of
   the previous paragraph's last attribution.

Speakers inherited from another sentence or paragraph come with cue None: the quote has
no reporting expression of its own. Why a fold: a quote inherits from the already
completed slots of the passages before it, so `inherit` walks the passages in order and
each strategy sees the slots as they stand at that passage, never a later state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from flows.claims.cues import complement, is_cue
from flows.claims.detectors.base import Context
from flows.claims.lexicon_en import DQ_ALL, SAYING_NOUNS, TERMINAL
from flows.claims.passages import (
    Passage,
    outside_words,
    prev_char,
    sentence_closed_before,
    terminal,
    token_before,
)
from flows.claims.speakers import Attribution, Speaker, without_cue
from flows.steps.docindex import children


@dataclass(frozen=True, slots=True)
class Slot:
    """What the quote detectors decided for one passage: its kind (None when it is no
    claim), its attribution (own cue, fragment cue or inherited) and how it was found."""

    kind: str | None
    attribution: Attribution | None
    via: str | None


#: A strategy reads passage `i` and the slots so far; it returns an attribution or None.
Strategy = Callable[[Context, Sequence[Slot], int], Attribution | None]


def _nearest_in_chain(
    ctx: Context, slots: Sequence[Slot], i: int, *, later: bool
) -> Attribution | None:
    """The attribution of the nearest attributed member of passage `i`'s continuation
    chain, walking to earlier members or, with `later`, to later ones."""
    passages = ctx.quotes.passages

    def step(k: int) -> int | None:
        return passages[k].chain_next if later else passages[k].chain_prev

    j = step(i)
    while j is not None:
        a = slots[j].attribution
        if a is not None:
            return a
        j = step(j)
    return None


def continuation(ctx: Context, slots: Sequence[Slot], i: int) -> Attribution | None:
    """The nearest attributed earlier member of the continuation chain, without cue."""
    got = _nearest_in_chain(ctx, slots, i, later=False)
    return without_cue(got) if got is not None else None


def continuation_later(ctx: Context, slots: Sequence[Slot], i: int) -> Attribution | None:
    """The nearest attributed later member of the continuation chain, cue kept."""
    return _nearest_in_chain(ctx, slots, i, later=True)


def split_quote(ctx: Context, slots: Sequence[Slot], i: int) -> Attribution | None:
    """The previous, then the next, attributed direct passage of the same paragraph."""
    passages = ctx.quotes.passages
    para = passages[i].para
    for j in range(i - 1, -1, -1):
        if passages[j].para != para:
            break
        if slots[j].kind == "direct_quote" and slots[j].attribution is not None:
            return slots[j].attribution
    for j in range(i + 1, len(passages)):
        if passages[j].para != para:
            break
        if slots[j].kind == "direct_quote" and slots[j].attribution is not None:
            return slots[j].attribution
    return None


#: A dash opening a credit (`— Jane Doe`, `–Jane Doe`, `-- Jane Doe`).
CREDIT_DASH = re.compile(r"\s*(?:[—–―]|-{1,2})\s*(?=\S)")
#: A credit in parentheses closing the quote's paragraph or making up a line: `(Jane Doe)`.
CREDIT_PARENS = re.compile(r"\s*\(([^()\n]{2,80})\)\s*\.?\s*$")


def credit_line(ctx: Context, slots: Sequence[Slot], i: int) -> Attribution | None:
    """A pull quote credited without a verb, in any common layout: after the quote in
    its paragraph (`"…." — Jane Doe, mayor`, `"…" –Jane Doe`, `"…" (Jane Doe)`, `"…."
    Jane Doe, mayor`), on the next line when the quote ends its paragraph (`— Jane
    Doe`, `(Jane Doe)`), or before it (`Jane Doe, mayor: "…"`)."""
    view = ctx.view
    p = ctx.quotes.passages[i]
    ps, pe = view.paras[p.para]
    got: Speaker | None = None
    if p.close_mark >= 0:
        at = p.close_mark + 1
        # A credit may end with the cited title of its source (`"…." Anonymous blogger,
        # "Anon declares war"`): the credit stops at the next quotation mark.
        nxt = next((k for k in range(at, pe) if view.text[k] in DQ_ALL), pe)
        after = view.text[at:nxt].rstrip(" ,;:")
        paren = CREDIT_PARENS.match(after)
        dash = CREDIT_DASH.match(after)
        if paren is not None:
            got = _credit_speaker(ctx, at + paren.start(1), at + paren.end(1))
        elif dash is not None:
            got = _credit_speaker(ctx, at + dash.end(), at + len(after))
        elif terminal(view, p) and (m := re.match(r"\s*(?=\S)", after)) is not None and (
            after[m.end():m.end() + 1].isupper() and len(after.split()) <= 8
        ):
            got = _credit_speaker(ctx, at + m.end(), at + len(after))
    if got is None and p.para + 1 < len(view.paras) and not view.text[
        (p.close_mark + 1 if p.close_mark >= 0 else p.end):pe
    ].strip():
        got = _next_line_credit(ctx, p.para + 1)
    if got is None and p.open_mark > ps and p.chain_prev is None and prev_char(view, p) in {
        ":", ","
    }:
        k = p.open_mark - 1
        while k > ps and view.text[k] in " \t,:":
            k -= 1
        passages = ctx.quotes.passages
        first_in_para = i == 0 or passages[i - 1].para != p.para
        lead = view.tokens_in(ps, k + 1)
        if first_in_para and lead and view.doc[lead.start].pos_ in {
            "PROPN", "NOUN", "DET", "ADJ"
        }:
            got = _credit_speaker(ctx, ps, k + 1)
    return Attribution(None, None, None, got) if got is not None else None


def _next_line_credit(ctx: Context, para: int) -> Speaker | None:
    """The speaker of a line that is nothing but a credit: `— Jane Doe, mayor` or
    `(Jane Doe)`."""
    view = ctx.view
    ns, ne = view.paras[para]
    line = view.text[ns:ne]
    paren = CREDIT_PARENS.match(line)
    if paren is not None and not line[:paren.start()].strip(" \t("):
        return _credit_speaker(ctx, ns + paren.start(1), ns + paren.end(1))
    dash = CREDIT_DASH.match(line)
    if dash is not None and line[:dash.end()].strip():
        return _credit_speaker(ctx, ns + dash.end(), ne)
    return None


def _credit_speaker(ctx: Context, start: int, end: int) -> Speaker | None:
    """The name in a short verbless credit (`Jane Doe, Mayor of Springfield`); a
    participle phrase after the name is no part of it (`Jane Doe posting on a forum as
    J.D.`, `Jane Doe, speaking in May`)."""
    view = ctx.view
    toks = [view.doc[i] for i in view.tokens_in(start, end)]
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    cut = next((k for k, t in enumerate(words) if t.tag_ == "VBG"), None)
    if cut:
        words = words[:cut]
    if not words or len(words) > 12 or any(
        t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in words
    ):
        return None
    for t in words:
        m = view.tok_mention[t.i]
        if m is not None and m.label in {"PERSON", "ORG", "NORP"}:
            return ctx.speakers.resolve(t)
    head = next((t for t in words if t.pos_ in {"PROPN", "NOUN"}), None)
    if head is None:
        return None
    while head.head.i != head.i and start <= head.head.idx < end and head.dep_ in {
        "compound", "amod", "nmod", "poss"
    }:
        head = head.head
    return ctx.speakers.resolve(head)


#: Who can introduce a quote with a colon (not places, events or laws: `In Paris: "…"`).
COLON_SPEAKER_LABELS = frozenset(("PERSON", "ORG", "NORP", "GPE", "WORK_OF_ART"))


def colon_clause(ctx: Context, slots: Sequence[Slot], i: int) -> Attribution | None:
    """A quote introduced by a colon that ends a clause of its own sentence (`Doe issued
    a statement: "We…"`, `The Guardian cited examples, including: "Were you…?"`): the
    clause's subject when it names a person or organisation (a pronoun resolved to one
    counts), with the clause's verb as cue. News style introduces a quote with a colon
    only after the one whose words it is; a subject that is not a named speaker (`The
    rules are simple: "…"`) gives nothing."""
    view = ctx.view
    p = ctx.quotes.passages[i]
    if p.chain_prev is not None or prev_char(view, p) != ":":
        return None
    colon = token_before(view, p)
    if colon is None or colon.text != ":" or ctx.quotes.in_quote(colon):
        return None
    # The clause's top verb: climb from the word before the colon while the heads stay
    # before it and outside quotes (the parser often hangs the colon on the quote).
    t, verb = view.doc[colon.i - 1], None
    for _ in range(12):
        if ctx.quotes.in_quote(t) or t.i >= colon.i or view.para_id(t.idx) != p.para:
            break
        if t.pos_ in {"VERB", "AUX"}:
            verb = t
        if t.head.i == t.i:
            break
        t = t.head
    if verb is None:
        return None
    subj = ctx.speakers.subject_of(verb)
    if subj is None or ctx.quotes.in_quote(subj):
        return None
    sp = ctx.speakers.resolve(subj)
    named = sp.entity_id is not None and sp.label in COLON_SPEAKER_LABELS
    if not named and subj.pos_ != "PROPN":
        return None  # a name NER missed (`Minister Arye Derry`) counts, a noun does not
    return Attribution(verb.text, verb.lemma_.lower(), verb.idx, sp)


def _opens_sentence(ctx: Context, p: Passage) -> bool:
    """A quote opening a sentence inside a paragraph (`…. "We…`)."""
    view = ctx.view
    prev = prev_char(view, p)
    return p.open_mark > view.paras[p.para][0] and (prev in TERMINAL or (
        prev in DQ_ALL + "’'" and sentence_closed_before(view, p)
    ))


def last_report(ctx: Context, slots: Sequence[Slot], i: int) -> Attribution | None:
    """For a quote opening a sentence: the paragraph's last report before it."""
    p = ctx.quotes.passages[i]
    if not _opens_sentence(ctx, p):
        return None
    best = last_report_attr(ctx, p.para, p.open_mark)
    return without_cue(best) if best is not None else None


#: Nouns for someone's words that the next quote gives (beside `SAYING_NOUNS`).
QUOTE_NOUNS = frozenset(("remark", "comment", "word", "response", "reply", "answer"))


def previous_subject(ctx: Context, slots: Sequence[Slot], i: int) -> Attribution | None:
    """For a quote opening a sentence: the named person or organisation that is the
    subject of the sentence before the quote, in the same paragraph."""
    view = ctx.view
    p = ctx.quotes.passages[i]
    if not _opens_sentence(ctx, p):
        return None
    ps = view.paras[p.para][0]
    si = view.sent_id(p.open_mark) - 1
    while si >= 0 and view.sents[si].end_char > p.open_mark:
        si -= 1
    if si < 0 or view.sents[si].end_char <= ps:
        return None
    root = view.doc[view.sent_roots[si]]
    if ctx.quotes.in_quote(root):
        return None
    subj = ctx.speakers.own_subject(root, p.para)
    if subj is None:
        return None
    owner = next((c for c in children(subj) if c.dep_ == "poss"), None)
    if owner is not None and subj.lemma_.lower() in SAYING_NOUNS | QUOTE_NOUNS:
        subj = owner  # `Ahmadinejad's most pointed arguments were directed at …`
    sp = ctx.speakers.resolve(subj)
    if sp.entity_id is None or sp.label not in {"PERSON", "ORG"}:
        return None
    return Attribution(None, None, None, sp)


def paragraph_only(ctx: Context, slots: Sequence[Slot], i: int) -> Attribution | None:
    """A paragraph that is nothing but a quote: the previous paragraph's last attributed
    passage, else its last report. An attributed passage without a speaker ends the
    search (its paragraph has a cue, just no speaker)."""
    view, passages = ctx.view, ctx.quotes.passages
    p = passages[i]
    ps, pe = view.paras[p.para]
    if outside_words(view, ctx.quotes, ps, pe) != 0 or p.para == 0:
        return None
    best = None
    for j in range(i - 1, -1, -1):
        q = passages[j]
        if q.para < p.para - 1:
            break
        if q.para == p.para - 1 and slots[j].attribution is not None:
            best = slots[j].attribution
            break
    if best is None:
        best = last_report_attr(ctx, p.para - 1, view.paras[p.para - 1][1])
    if best is not None and best.speaker is not None:
        return without_cue(best)
    return None


def last_report_attr(ctx: Context, para: int, limit: int) -> Attribution | None:
    """Attribution of the paragraph's last outermost report before char `limit`: a
    reporting verb with a complement that is not itself inside another report."""
    view, quotes = ctx.view, ctx.quotes
    ps, _ = view.paras[para]

    def report(t: Token) -> bool:
        return is_cue(quotes, t) and t.lower_ != "according" and (
            complement(view.doc, t) is not None
        )

    last: Token | None = None
    for i in view.tokens_in(ps, limit):
        t = view.doc[i]
        if not report(t):
            continue
        if any(a.idx >= ps and report(a) for a in t.ancestors):
            continue  # nested: "Doe noted the findings show…" is Doe's report
        last = t
    if last is None:
        return None
    attr = ctx.speakers.attribution(last)
    return attr if attr.speaker is not None else None


#: The strategies in order of precedence.
STRATEGIES: tuple[tuple[str, Strategy], ...] = (
    ("continuation", continuation),
    ("continuation_later", continuation_later),
    ("split_quote", split_quote),
    ("credit_line", credit_line),
    ("colon_clause", colon_clause),
    ("last_report", last_report),
    ("previous_subject", previous_subject),
    ("paragraph_only", paragraph_only),
)


def inherit_one(ctx: Context, slots: Sequence[Slot], i: int) -> tuple[Attribution, str] | None:
    """The first strategy's attribution for passage `i`, with the strategy's name."""
    for name, strategy in STRATEGIES:
        got = strategy(ctx, slots, i)
        if got is not None:
            return got, name
    return None


def inherit(ctx: Context, slots: Sequence[Slot]) -> tuple[Slot, ...]:
    """The slots with an inherited attribution for each direct quote that has none."""
    done: list[Slot] = list(slots)
    for i, slot in enumerate(done):
        if slot.kind == "direct_quote" and slot.attribution is None:
            got = inherit_one(ctx, done, i)
            if got is not None:
                done[i] = Slot(slot.kind, got[0], got[1])
    return tuple(done)
