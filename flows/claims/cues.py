"""Stage 3: cues, the reporting expressions that attribute words to somebody.

A cue is a reporting verb outside every quoted passage (`REPORTING_LEMMAS`; participles
used as adjectives, `an estimated cost`, are not cues; *read* with a document as its
subject, `The resolution read, "…"`), `according to X`, `in the words
of X`, or a reporting verb the tagger took for a plural noun (`The ministry notes, "…"`).

`find_passage_cues` gives each quoted passage the cue of its own, looked for in this
order (the name is recorded as how the speaker was found):

* ``dependency``: the dependency arc from the passage to a reporting verb outside it;
* ``after_quote``: the attribution after the closing mark in the same sentence
  (`"…," X said.` / `"…," said X.`);
* ``before_quote``: the attribution before the opening mark when it ends with a colon or
  comma or the verb touches the mark (`X told Y: "…"`, `X said, "…"`, `In the words of
  X, "…"`, `X notes, "…"`, also `X said:` or `X said,` closing the previous paragraph);
* ``next_sentence``: a short attribution sentence of its own after the quote (`"…." That
  is what X said.`, at most `SHORT_ATTRIBUTION` words, the cue its main verb).

`complement` finds what a cue reports (its clausal or infinitival complement, the object
of `call for`/`warn of`/`accuse … of`, a that-clause hanging off the medium, the main
clause of `As X said, …`), which the indirect detector and the inheritance of speakers
both need. Why a stage: cues depend on what is quoted (stage 2) and the speakers and
detectors depend on cues, so the per-passage cues are computed once and passed on.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from flows.claims.lexicon_en import (
    ADDRESSEE_LEMMAS,
    DIRECT_SPEECH_LEMMAS,
    DOCUMENT_NOUNS,
    MEDIUM_NOUNS,
    NO_CCOMP,
    PREP_CONTENT,
    QUESTION_LEMMAS,
    REPORTING_LEMMAS,
    SENT_END,
    SHORT_ATTRIBUTION,
    SUBJECT_DEPS,
    XCOMP_LEMMAS,
)
from flows.claims.passages import Passage, Quotes, prev_char, token_before
from flows.claims.view import ArticleView
from flows.steps.docindex import children


@dataclass(frozen=True, slots=True)
class PassageCue:
    """The cue a passage found for itself and which rule found it."""

    token: Token
    via: str  # dependency | after_quote | before_quote | next_sentence


# --------------------------------------------------------------------------- single tokens


def according_obj(tok: Token) -> Token | None:
    """The object X of "according to X" headed by `tok`, if it is that construction."""
    for child in children(tok):
        if child.lower_ == "to":
            for obj in children(child):
                if obj.dep_ == "pobj" or (obj.dep_ == "pcomp" and obj.text[:1].isupper()):
                    return obj  # a name the tagger took for a verb is a pcomp
    return None


def is_cue(quotes: Quotes, tok: Token, lemmas: frozenset[str] = REPORTING_LEMMAS) -> bool:
    """A reporting verb outside any quoted passage."""
    if quotes.in_quote(tok):
        return False
    if tok.lower_ == "according" and according_obj(tok) is not None:
        return True
    if tok.dep_ == "amod":
        return False  # a participle used as an adjective: "an estimated cost"
    if tok.lemma_.lower() == "read" and tok.pos_ == "VERB":
        # `The resolution read, "…"`: what a document says is what it reads.
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in children(tok)
        )
    return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in lemmas and (
        tok.pos_ == "VERB" or tok.lemma_.lower() == "say"
    )


def negated(tok: Token) -> bool:
    """`did not say`, `never said`, `no longer wants`: the act is denied, not done."""
    return any(
        c.dep_ == "neg"
        or (c.dep_ == "advmod" and c.lower_ == "longer"
            and any(g.lower_ == "no" for g in children(c)))
        for c in children(tok)
    )


def is_reporting(quotes: Quotes, tok: Token) -> bool:
    """A reporting verb (tagged VERB) outside quotes."""
    return (
        tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_LEMMAS and not quotes.in_quote(tok)
    )


def touching_cue(
    quotes: Quotes, tok: Token, lemmas: frozenset[str] = DIRECT_SPEECH_LEMMAS
) -> bool:
    """A speech verb right before an opening mark (`said "we…"`, not `so-called "x"`)."""
    if not is_cue(quotes, tok, lemmas) or tok.lower_ == "according":
        return False
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    hyphen = prev is not None and prev.text == "-" and not prev.whitespace_  # `so-called`
    return not (hyphen or tok.tag_ == "JJ")


def words_of(quotes: Quotes, tok: Token) -> Token | None:
    """X in `in the words of X` (a cue phrase, like `according to X`), else None."""
    doc = tok.doc
    if tok.lower_ != "words" or tok.i < 2 or quotes.in_quote(tok):
        return None
    if doc[tok.i - 2].lower_ != "in" or doc[tok.i - 1].lower_ != "the":
        return None
    of = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if of is None or of.lower_ != "of":
        return None
    return next((c for c in children(of) if c.dep_ == "pobj"), None)


def noun_cue(quotes: Quotes, tok: Token) -> bool:
    """A reporting verb the tagger took for a plural noun, right before `, "…"` or
    `: "…"` and after its subject (`The ministry notes, "…"`)."""
    return (
        tok.pos_ in {"NOUN", "PROPN"}
        and tok.tag_ in {"NNS", "NNPS"}
        and tok.lower_.endswith("s")
        and tok.lemma_.lower() in DIRECT_SPEECH_LEMMAS | {"note", "stress", "argue"}
        and not any(c.dep_ in {"det", "poss", "amod", "nummod"} for c in children(tok))
        and tok.i > 0
        and tok.doc[tok.i - 1].pos_ in {"PROPN", "NOUN"}
        and not quotes.in_quote(tok)
    )


def outermost_report(view: ArticleView, quotes: Quotes, cue: Token) -> Token:
    """The report a cue is the complement of, if any (`said he believes "…"` is a
    report with the cue `said`: only the outermost act is annotated)."""
    for _ in range(4):
        head = cue.head
        if (
            cue.dep_ == "ccomp"
            and head.i != cue.i
            and view.para_id(head.idx) == view.para_id(cue.idx)
            and is_cue(quotes, head)
            and head.lemma_.lower() not in NO_CCOMP
        ):
            cue = head
        else:
            break
    return cue


# --------------------------------------------------------------------------- complements


def complement(doc: Doc, cue: Token) -> Token | None:
    """The clause (or `call for`-type object) that holds what the cue reports.

    A clausal complement after the cue wins over one before it, and one before it
    must be a clause with a subject (`The bridge will reopen, officials said`; not a
    fronted `With the work almost complete, …`). Infinitives count for the
    commitment/request verbs of `XCOMP_LEMMAS` (`call` only as `call on X to`). A
    that-clause hanging off the medium (`said in a statement that …`) and an
    unmarked clause joined by a bare comma (`estimated by 2050, demand would …`,
    which the parser takes for a coordination) are complements too.
    """
    lemma = cue.lemma_.lower()
    preps = PREP_CONTENT.get(lemma, frozenset())
    after: Token | None = None
    before: Token | None = None
    for c in children(cue):
        if c.dep_ == "ccomp" and lemma not in NO_CCOMP:
            if c.i > cue.i:
                if after is None and not _verb_between(doc, cue, c):
                    after = c
            elif before is None and c.pos_ in {"VERB", "AUX"} and any(
                g.dep_ in SUBJECT_DEPS | {"csubj", "expl"} for g in children(c)
            ):
                before = c
        elif (
            c.dep_ == "xcomp"
            and lemma in XCOMP_LEMMAS
            and c.pos_ in {"VERB", "AUX"}
            and c.i > cue.i
            and (lemma != "call" or any(
                g.dep_ == "prep" and g.lower_ in {"on", "upon"} for g in children(cue)
            ))
        ):
            after = after or c
    if after is not None or before is not None:
        return after or before
    if lemma in QUESTION_LEMMAS:
        for c in children(cue):  # `asked the mayor if …`, parsed as an adverbial clause
            if c.dep_ == "advcl" and c.i > cue.i and any(
                m.dep_ == "mark" and m.lower_ in {"if", "whether"} for m in children(c)
            ):
                return c
    if any(c.dep_ == "dobj" and c.lower_ == "that" and c.tag_ == "IN" for c in children(cue)):
        # `states that few … use salt`, parsed with `that` as the object and the clause
        # as an adverbial: the complementizer and its clause all the same.
        for c in children(cue):
            if c.dep_ == "advcl" and c.i > cue.i and any(
                g.dep_ in SUBJECT_DEPS for g in children(c)
            ) and not any(g.dep_ == "mark" for g in children(c)):
                return c
    for c in children(cue):
        # "called for calm"; "accused the rebels of shelling" (prep on the object).
        heads = [c] + ([g for g in children(c) if g.dep_ == "prep"] if c.dep_ == "dobj" else [])
        for h in heads:
            if h.dep_ == "prep" and h.lower_ in preps:
                obj = next((g for g in children(h) if g.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None:
                    return obj
    head = cue.head
    if (
        cue.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in children(cue))
        and head.pos_ in {"VERB", "AUX"}
        and any(c.dep_ in SUBJECT_DEPS | {"expl"} for c in children(head))
        and (lemma in ADDRESSEE_LEMMAS or not any(c.dep_ == "dobj" for c in children(cue)))
    ):
        return head  # `As Doe told the Post, ozone has dropped`: the main clause
    if (
        cue.dep_ == "ccomp"
        and cue.i < head.i
        and head.pos_ in {"VERB", "AUX"}
        and any(c.dep_ in SUBJECT_DEPS for c in children(cue))
        and not any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in children(cue))
        and cue.right_edge.i + 2 < len(doc)
        and doc[cue.right_edge.i + 1].text == ","
        and any(
            c.dep_ in SUBJECT_DEPS | {"expl"} and c.left_edge.i == cue.right_edge.i + 2
            for c in children(head)
        )
    ):
        return head  # `They estimated by 2040, demand would double`, parsed upside down
    if lemma in NO_CCOMP:
        return None
    for c in children(cue):
        if c.dep_ == "prep" and c.lower_ in {"in", "via", "through"}:
            obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if obj is None or obj.lemma_.lower() not in MEDIUM_NOUNS:
                continue
            for g in children(obj):
                if g.dep_ in {"acl", "relcl", "ccomp"} and g.i > obj.i and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in children(g)
                ):
                    return g
    if not any(c.dep_ == "cc" for c in children(cue)):
        for c in children(cue):
            if (
                c.dep_ == "conj"
                and c.i > cue.i
                and c.pos_ in {"VERB", "AUX"}
                and doc[c.left_edge.i - 1].text == ","
                and any(g.dep_ in SUBJECT_DEPS | {"csubj"} for g in children(c))
                and (c.tag_ in {"VBD", "VBZ", "VBP"} or any(
                    g.tag_ == "MD" or g.dep_ == "aux" for g in children(c)
                ))
                and not any(g.dep_ == "cc" for g in children(c))
            ):
                return c
    return None


def _verb_between(doc: Doc, cue: Token, comp: Token) -> bool:
    """True when a verb outside `comp` sits between the cue and `comp` (the parser
    attached a later clause to the cue: `accused of taking X … they had been given`)."""
    return any(doc[k].pos_ == "VERB" for k in range(cue.i + 1, comp.left_edge.i))


# --------------------------------------------------------------------------- passages


def find_passage_cues(view: ArticleView, quotes: Quotes) -> tuple[PassageCue | None, ...]:
    """The cue of each passage from its own sentence or attribution (None when none)."""
    ps_ = quotes.passages
    n = len(ps_)
    out: list[PassageCue | None] = []
    for i, p in enumerate(ps_):
        nxt = ps_[i + 1] if i + 1 < n else None
        next_open = (
            nxt.open_mark if nxt is not None and nxt.para == p.para and nxt.open_mark >= 0
            else 1 << 60
        )
        prv = ps_[i - 1] if i > 0 else None
        prev_close = (
            prv.close_mark if prv is not None and prv.para == p.para and prv.close_mark >= 0
            else -1
        )
        found: PassageCue | None = None
        if (tok := dep_cue(view, quotes, p)) is not None:
            found = PassageCue(tok, "dependency")
        elif (tok := after_cue(view, quotes, p, next_open)) is not None:
            found = PassageCue(tok, "after_quote")
        elif (tok := before_cue(view, quotes, p, prev_close)) is not None:
            found = PassageCue(tok, "before_quote")
        elif (tok := after_cue(view, quotes, p, next_open, next_sentence=True)) is not None:
            found = PassageCue(tok, "next_sentence")
        out.append(found)
    return tuple(out)


def dep_cue(view: ArticleView, quotes: Quotes, p: Passage) -> Token | None:
    """Cue reached by a dependency arc from inside the passage to a verb outside it."""
    for i in view.tokens_in(p.start, p.end):
        t = view.doc[i]
        if t.is_punct:
            continue
        h = t.head
        if h.i == t.i or (p.start <= h.idx < p.end):
            continue
        if is_cue(quotes, h) and h.lower_ != "according" and view.para_id(h.idx) == p.para:
            return h
    return None


def after_cue(
    view: ArticleView, quotes: Quotes, p: Passage, next_open: int, *,
    next_sentence: bool = False,
) -> Token | None:
    """Cue in the attribution that follows the closing mark.

    By default only the closing mark's own sentence is searched (`"…," X said.`).
    With `next_sentence` the search may go on into the next sentence, which must
    then be a short attribution of its own (`"…." That was what X said.`): the
    cue is its main verb and the sentence has at most `SHORT_ATTRIBUTION` words.
    """
    if p.close_mark < 0:
        return None
    pe = view.paras[p.para][1]
    limit = min(pe, next_open)
    close_sent = view.sent_id(max(p.start, p.end - 1))
    seen_word = False
    cur_sent = -1
    for i in view.tokens_in(p.close_mark + 1, limit):
        t = view.doc[i]
        if quotes.in_quote(t):
            continue
        s = view.tok_sent[i]
        if s != cur_sent:
            if seen_word:
                break
            cur_sent = s
        if t.is_punct or t.is_space:
            continue
        seen_word = True
        if s != close_sent and not next_sentence:
            return None
        if is_cue(quotes, t):
            if s != close_sent and (
                t.lower_ == "according"
                or t.dep_ != "ROOT"
                or any(c.dep_ in {"ccomp", "xcomp"} for c in children(t))
                or sum(1 for w in view.sents[s] if not (w.is_punct or w.is_space))
                > SHORT_ATTRIBUTION
            ):
                return None  # a new report of its own, not this quote's attribution
            return t
    return None


def before_cue(view: ArticleView, quotes: Quotes, p: Passage, prev_close: int) -> Token | None:
    """Cue in an introducing attribution ending in a colon/comma (`X told Y: "…"`)."""
    prev = prev_char(view, p)
    before = token_before(view, p)
    ps, _ = view.paras[p.para]
    lo = max(ps, prev_close + 1)
    if prev is None and p.para > 0 and p.open_mark >= 0:
        # `X said:` (or `X said,`) closing the previous paragraph: its last sentence,
        # quoted words in it skipped (`called it "a trap" and "a lie":`).
        pps, ppe = view.paras[p.para - 1]
        tail = view.text[pps:ppe].rstrip()
        if not tail.endswith((":", ",")):
            return None
        lo, hi = max(pps, view.sent_starts[view.sent_id(pps + len(tail) - 1)]), ppe
    elif prev in {":", ","} or (before is not None and touching_cue(quotes, before)):
        hi = p.open_mark
    else:
        return None
    cue: Token | None = None
    for i in view.tokens_in(lo, hi):
        t = view.doc[i]
        if quotes.in_quote(t):
            continue
        if t.text in SENT_END:
            cue = None
        elif is_cue(quotes, t) or words_of(quotes, t) is not None:
            cue = t
    if cue is None and prev in {":", ","} and before is not None and before.i > 0:
        word = view.doc[before.i - 1]
        if noun_cue(quotes, word):
            cue = word
    return cue
